import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import {
  formAlert,
  fullWidth,
  newTestUser,
  openTwoFactorSettings,
  readKeyFromScreen,
  signUp,
  wrongTotpCodeFor,
} from "../support/flows";
import { totpCodeFor } from "../support/totp";
import { browserAtCodeStep, createTwoFactorAccount, l, newBrowserContext } from "./support/accounts";
import { type ActionReply, type CapturedAction, captureServerAction, replayServerAction } from "./support/server-actions";
import { expect, test } from "./support/server-fixture";

// Issue 3 "every field fuzzed": each form's server action is replayed with hostile values — empty,
// 100 kB, full-width and Arabic-Indic digits, zero-width characters — and with arguments that
// are no FormData at all (objects, arrays), as a script can post them. Every reply must be an
// ordinary answer with a clear message (never a 500), and nothing may be stored: no account, no
// session, no second factor turned on, no code step locked.

const hundredKilobytes = 100_000;
const zeroWidth = "\u200b\u200c\u200d\u2060\ufeff";

function arabicIndic(digits: string): string {
  return digits.replace(/[0-9]/g, (digit) => String.fromCharCode(0x0660 + Number(digit)));
}

/** ｕｓｅｒ＠ｅｘａｍｐｌｅ．ｔｅｓｔ: every printable ASCII character as its full-width form (U+FF01…). */
function fullWidthAscii(text: string): string {
  return text.replace(/[!-~]/g, (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0));
}

function withZeroWidth(text: string): string {
  return [...text].join("\u200b");
}

type FuzzCase = { name: string; fields?: Record<string, string | string[]>; encodedArguments?: string; message: string | RegExp };

/** The malformed-argument cases every action with a FormData argument gets. */
function notAFormData(expected: string | RegExp, field: string): FuzzCase[] {
  return [
    { name: "an object instead of the form", encodedArguments: JSON.stringify([null, { [field]: "12345678" }]), message: expected },
    { name: "an object whose field is an object", encodedArguments: JSON.stringify([null, { [field]: { toString: "x" } }]), message: expected },
    { name: "an array instead of the form", encodedArguments: JSON.stringify([null, [field, "12345678"]]), message: expected },
    { name: "no form at all", encodedArguments: JSON.stringify([null]), message: expected },
    { name: "a number instead of the form", encodedArguments: JSON.stringify([null, 1e308]), message: expected },
  ];
}

async function fuzzAction(request: APIRequestContext, action: CapturedAction, cases: FuzzCase[], afterEach?: (reply: ActionReply) => Promise<void>) {
  for (const fuzzCase of cases) {
    await test.step(fuzzCase.name, async () => {
      const reply = await replayServerAction(request, action, { fields: fuzzCase.fields, encodedArguments: fuzzCase.encodedArguments });
      // Soft: one failing case must not hide the others.
      expect.soft(reply.status, reply.body.slice(0, 500)).toBe(200);
      expect(reply.redirect).toBeNull();
      if (typeof fuzzCase.message === "string") expect.soft(reply.state?.error, reply.body.slice(0, 500)).toBe(fuzzCase.message);
      else expect.soft(reply.state?.error, reply.body.slice(0, 500)).toMatch(fuzzCase.message);
      await afterEach?.(reply);
    });
  }
}

test("every field, fuzzed, gets a clear message and stores nothing", async ({ browser, baseURL, securityServer }) => {
  test.setTimeout(240_000);
  const origin = baseURL!;
  const logBefore = securityServer.serverLog().length;
  const account = await createTwoFactorAccount(browser, origin, { backupCodes: true });

  // The shapes of the actions, captured from the real forms (aborted, so they count as nothing).
  const anonymous = await newBrowserContext(browser, origin);
  const anonymousPage = await anonymous.newPage();
  await anonymousPage.goto("/login");
  await anonymousPage.getByRole("textbox", { name: l.emailAddress }).fill("someone@example.test");
  await anonymousPage.getByRole("textbox", { name: l.password }).fill("password");
  const logInAction = await captureServerAction(anonymousPage, () => anonymousPage.getByRole("button", { name: l.logIn }).click(), { abort: true });
  await anonymousPage.goto("/signup");
  await anonymousPage.getByRole("textbox", { name: l.emailAddress }).fill("someone@example.test");
  await anonymousPage.getByRole("textbox", { name: l.password }).fill("password");
  const signUpAction = await captureServerAction(anonymousPage, () => anonymousPage.getByRole("button", { name: l.createAccount }).click(), {
    abort: true,
  });
  await anonymousPage.goto("/login");
  const switchLanguageAction = await captureServerAction(anonymousPage, () => anonymousPage.getByRole("button", { name: "日本語" }).click(), {
    abort: true,
  });

  const noSessionCookie = async () => {
    const names = (await anonymous.cookies()).map((cookie) => cookie.name);
    expect(names).not.toContain("authjs.session-token");
    expect(names).not.toContain("nidan-pending-login");
  };

  await test.step("log in: email address", async () => {
    const password = account.user.password;
    await fuzzAction(
      anonymous.request,
      logInAction,
      [
        { name: "empty", fields: { email: "", password }, message: l.emailEmpty },
        { name: "100 kB", fields: { email: `${"a".repeat(hundredKilobytes)}@example.test`, password }, message: l.emailInvalid },
        // Full-width is read as the ASCII address (NFKC, ADR 0011): an unknown account here.
        { name: "full-width", fields: { email: "ｕｓｅｒ＠ｅｘａｍｐｌｅ．ｔｅｓｔ", password }, message: l.invalidCredentials },
        { name: "Arabic-Indic digits", fields: { email: `${arabicIndic("12345")}@example.test`, password }, message: l.invalidCredentials },
        { name: "zero-width characters in the account's address", fields: { email: withZeroWidth(account.user.email), password }, message: l.emailInvalid },
        { name: "zero-width characters only", fields: { email: zeroWidth, password }, message: l.emailInvalid },
        ...notAFormData(l.emailInvalid, "email"),
      ],
      noSessionCookie,
    );
  });

  await test.step("log in: password", async () => {
    const email = account.user.email;
    await fuzzAction(
      anonymous.request,
      logInAction,
      [
        { name: "empty", fields: { email, password: "" }, message: l.passwordEmpty },
        { name: "100 kB", fields: { email, password: "p".repeat(hundredKilobytes) }, message: l.passwordTooLong },
        { name: "full-width digits", fields: { email, password: fullWidth("12345678") }, message: l.invalidCredentials },
        { name: "Arabic-Indic digits", fields: { email, password: arabicIndic("12345678") }, message: l.invalidCredentials },
        { name: "the password with zero-width characters", fields: { email, password: `${account.user.password}${zeroWidth}` }, message: l.invalidCredentials },
        { name: "the password twice (an array)", fields: { email, password: ["wrong-password", account.user.password] }, message: l.invalidCredentials },
      ],
      noSessionCookie,
    );
  });

  await test.step("create account: email address and password", async () => {
    const password = `pw-${randomUUID()}`;
    const freshEmail = newTestUser().email;
    await fuzzAction(
      anonymous.request,
      signUpAction,
      [
        { name: "email empty", fields: { email: "", password }, message: l.emailEmpty },
        { name: "email 100 kB", fields: { email: `${"a".repeat(hundredKilobytes)}@example.test`, password }, message: l.emailInvalid },
        { name: "email full-width, an existing account's", fields: { email: fullWidthAscii(account.user.email), password }, message: l.emailTaken },
        { name: "email with zero-width characters", fields: { email: withZeroWidth(freshEmail), password }, message: l.emailInvalid },
        { name: "password empty", fields: { email: freshEmail, password: "" }, message: l.passwordEmpty },
        { name: "password 100 kB", fields: { email: freshEmail, password: "p".repeat(hundredKilobytes) }, message: l.passwordTooLong },
        { name: "password of 3 full-width digits", fields: { email: freshEmail, password: fullWidth("123") }, message: l.passwordTooShort },
        { name: "password of 3 Arabic-Indic digits", fields: { email: freshEmail, password: arabicIndic("123") }, message: l.passwordTooShort },
        { name: "password with a NUL", fields: { email: freshEmail, password: `${password}\u0000` }, message: l.passwordInvalid },
        ...notAFormData(l.emailInvalid, "email"),
      ],
      noSessionCookie,
    );
    // Nothing was stored under that address: it can still be signed up for.
    await signUp(anonymousPage, l, { email: freshEmail, password });
    await anonymous.clearCookies();
  });

  await test.step("language switcher", async () => {
    for (const [name, options] of [
      ["empty", { fields: { locale: "" } }],
      ["100 kB", { fields: { locale: "j".repeat(hundredKilobytes) } }],
      ["full-width", { fields: { locale: "ｊａ" } }],
      ["zero-width characters", { fields: { locale: withZeroWidth("ja") } }],
      ["an object instead of the form", { encodedArguments: JSON.stringify([{ locale: "ja" }]) }],
      ["an array instead of the form", { encodedArguments: JSON.stringify([["locale", "ja"]]) }],
      ["no form at all", { encodedArguments: JSON.stringify([]) }],
    ] as const) {
      await test.step(name, async () => {
        const reply = await replayServerAction(anonymous.request, switchLanguageAction, options);
        expect.soft(reply.status, reply.body.slice(0, 500)).toBe(200);
        expect.soft(reply.redirect).toMatch(/^\/login(;|$)|^http:\/\/[^/]+\/login(;|$)/);
        expect((await anonymous.cookies()).filter((cookie) => !["en", "ja"].includes(cookie.value) && /locale/i.test(cookie.name))).toEqual([]);
      });
    }
  });

  // The code steps: 8 guesses in all reach the code check here, under the lock's 10.
  const { context: pending, page: codeStepPage } = await browserAtCodeStep(browser, origin, account.user);
  await codeStepPage.getByRole("textbox", { name: l.securityCode }).fill("000000");
  const securityCodeAction = await captureServerAction(codeStepPage, () => codeStepPage.getByRole("button", { name: l.logIn }).click(), { abort: true });
  await codeStepPage.goto("/login/backup-code");
  await codeStepPage.getByRole("textbox", { name: l.backupCode }).fill("00000000");
  const backupCodeAction = await captureServerAction(codeStepPage, () => codeStepPage.getByRole("button", { name: l.logIn }).click(), { abort: true });
  const stillPending = async () => {
    expect((await pending.cookies()).map((cookie) => cookie.name)).not.toContain("authjs.session-token");
  };

  await test.step("security code", async () => {
    const wrong = await wrongTotpCodeFor(account.key);
    const invalid = new RegExp(`^${l.invalidSecurityCode}`);
    await fuzzAction(
      pending.request,
      securityCodeAction,
      [
        { name: "empty", fields: { code: "" }, message: l.codeEmpty(6) },
        { name: "100 kB", fields: { code: "1".repeat(hundredKilobytes) }, message: l.codeInvalid(6) },
        { name: "zero-width characters only", fields: { code: zeroWidth }, message: l.codeEmpty(6) },
        { name: "seven digits", fields: { code: `${wrong}1` }, message: l.codeWrongLength(6) },
        { name: "a letter", fields: { code: `${wrong.slice(0, 5)}a` }, message: l.codeInvalid(6) },
        { name: "a wrong code in full-width digits", fields: { code: fullWidth(wrong) }, message: invalid },
        { name: "a wrong code in Arabic-Indic digits", fields: { code: arabicIndic(wrong) }, message: invalid },
        { name: "a wrong code with zero-width characters", fields: { code: withZeroWidth(wrong) }, message: invalid },
        { name: "two codes (an array)", fields: { code: [wrong, "123456"] }, message: invalid },
        ...notAFormData(l.codeInvalid(6), "code"),
      ],
      stillPending,
    );
  });

  await test.step("backup code", async () => {
    let wrong = "31415926";
    while (account.codes.includes(wrong)) wrong = String(Number(wrong) + 1);
    await fuzzAction(
      pending.request,
      backupCodeAction,
      [
        { name: "empty", fields: { code: "" }, message: l.codeEmpty(8) },
        { name: "100 kB", fields: { code: "1".repeat(hundredKilobytes) }, message: l.codeInvalid(8) },
        { name: "zero-width characters only", fields: { code: zeroWidth }, message: l.codeEmpty(8) },
        { name: "a wrong code in full-width digits", fields: { code: fullWidth(wrong) }, message: l.invalidBackupCode },
        { name: "a wrong code in Arabic-Indic digits", fields: { code: arabicIndic(wrong) }, message: l.invalidBackupCode },
        { name: "a wrong code with zero-width characters", fields: { code: withZeroWidth(wrong) }, message: l.invalidBackupCode },
        ...notAFormData(l.codeInvalid(8), "code"),
      ],
      stillPending,
    );
  });

  await test.step("in the browser: what a person sees", async () => {
    await anonymousPage.goto("/login");
    await anonymousPage.getByRole("textbox", { name: l.emailAddress }).fill(`${zeroWidth}${account.user.email}`);
    await anonymousPage.getByRole("textbox", { name: l.password }).fill(account.user.password);
    await anonymousPage.getByRole("button", { name: l.logIn }).click();
    await expect(formAlert(anonymousPage)).toHaveText(l.emailInvalid);
    await codeStepPage.goto("/login/two-factor");
    await codeStepPage.getByRole("textbox", { name: l.securityCode }).fill(arabicIndic(await wrongTotpCodeFor(account.key)));
    await codeStepPage.getByRole("button", { name: l.logIn }).click();
    await expect(formAlert(codeStepPage)).toContainText(l.invalidSecurityCode);
  });

  await test.step("nothing was stored: the code step is not locked and the right code still signs in", async () => {
    await codeStepPage.goto("/login/two-factor");
    await codeStepPage.getByRole("textbox", { name: l.securityCode }).fill(await totpCodeFor({ key: account.key, stepOffset: 1 }));
    await codeStepPage.getByRole("button", { name: l.logIn }).click();
    await expect(codeStepPage).toHaveURL(/\/settings$/);
    await openTwoFactorSettings(codeStepPage, l);
    await expect(codeStepPage.getByText(l.remaining(10))).toBeVisible();
  });

  await test.step("setup: security code", async () => {
    const context = await newBrowserContext(browser, origin);
    const page = await context.newPage();
    await signUp(page, l);
    await openTwoFactorSettings(page, l);
    const key = await readKeyFromScreen(page, l);
    await page.getByRole("textbox", { name: l.securityCode }).fill("000000");
    const enableAction = await captureServerAction(page, () => page.getByRole("button", { name: l.verify }).click(), { abort: true });
    const wrong = await wrongTotpCodeFor(key);
    const invalid = /^That security code is not valid\. Two-factor authentication is still off\./;
    await fuzzAction(context.request, enableAction, [
      { name: "empty", fields: { code: "" }, message: l.codeEmpty(6) },
      { name: "100 kB", fields: { code: "1".repeat(hundredKilobytes) }, message: l.codeInvalid(6) },
      { name: "100 kB password beside a wrong code", fields: { code: wrong, password: "p".repeat(hundredKilobytes) }, message: invalid },
      { name: "a wrong code in full-width digits", fields: { code: fullWidth(wrong) }, message: invalid },
      { name: "a wrong code in Arabic-Indic digits", fields: { code: arabicIndic(wrong) }, message: invalid },
      { name: "a wrong code with zero-width characters", fields: { code: withZeroWidth(wrong) }, message: invalid },
      ...notAFormData(l.codeInvalid(6), "code"),
    ]);
    // Still off, with the same pending key.
    await page.goto("/settings/two-factor");
    expect(await readKeyFromScreen(page, l)).toBe(key);
    await page.goto("/settings");
    await expect(page.getByText(l.disabled, { exact: true })).toBeVisible();
    await context.close();
  });

  await test.step("the server logged no crash", async () => {
    const log = securityServer.serverLog().slice(logBefore);
    expect.soft(log.split("\n").filter((line) => /⨯|Unhandled|TypeError|RangeError|Internal Server Error/.test(line))).toEqual([]);
  });

  await Promise.all([anonymous.close(), pending.close()]);
});

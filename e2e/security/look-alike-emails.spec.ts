import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { enableTwoFactor, formAlert, openTwoFactorSettings, signUp } from "../support/flows";
import { l, newBrowserContext } from "./support/accounts";
import { expect, test } from "./support/server-fixture";

// Issue 13 point 4: full-width, NFD and İ spellings of an address became separate accounts that
// look like the original, and the account `a,victim@red.test` had its security mails sent to
// victim@red.test. One spelling per mailbox (NFKC, ADR 0011); what no mailbox may hold is refused.

const unmailable = 'Check the address you typed: an email address cannot contain spaces or any of these characters: , ; < > ( ) [ ] : \\ "';
const password = `pw-${randomUUID()}`;

/** Every printable ASCII character as its full-width form (U+FF01…): ｖｉｃｔｉｍ＠ｒｅｄ．ｔｅｓｔ. */
const fullWidth = (text: string) => text.replace(/[!-~]/g, (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0));

async function trySignUp(page: Page, email: string) {
  await page.goto("/signup");
  await page.getByRole("textbox", { name: l.emailAddress }).fill(email);
  await page.getByRole("textbox", { name: l.password }).fill(password);
  await page.getByRole("button", { name: l.createAccount }).click();
}

test("look-alikes of an existing address are refused as already registered", async ({ browser, baseURL, securityServer }) => {
  const id = randomUUID().slice(0, 8);
  const originals = [`victim-${id}@red.test`, `jos\u00e9-${id}@red.test`, `info-${id}@red.test`];
  for (const email of originals) {
    const owner = await newBrowserContext(browser, baseURL!);
    await signUp(await owner.newPage(), l, { email, password });
    await owner.close();
  }

  const attacker = await newBrowserContext(browser, baseURL!);
  const page = await attacker.newPage();
  for (const lookAlike of [
    fullWidth(`victim-${id}@red.test`), // ｖｉｃｔｉｍ-…
    `\uff56\uff49\uff43\uff54\uff49\uff4d-${id}@red.test`, // full-width local part only
    `VICTIM-${id}@Red.Test`,
    `jose\u0301-${id}@red.test`, // NFD: e + combining acute accent
    `\u0130nfo-${id}@red.test`, // İnfo: capital I with dot above
  ]) {
    await trySignUp(page, lookAlike);
    await expect(formAlert(page), lookAlike).toHaveText(l.emailTaken);
    await expect(page).toHaveURL(/\/signup$/);
  }
  await attacker.close();

  const stored = await securityServer.withDatabase((query) =>
    query<{ email: string }>(`SELECT "email" FROM "User" WHERE "email" LIKE $1 ORDER BY "email"`, [`%${id}%`]),
  );
  expect(stored.map((row) => row.email)).toEqual([...originals].sort());
});

test("an address holding a comma or angle brackets is refused with a clear message, keeping what was typed", async ({ browser, baseURL, securityServer }) => {
  const id = randomUUID().slice(0, 8);
  const context = await newBrowserContext(browser, baseURL!);
  const page = await context.newPage();
  const typed = [`a,victim-${id}@red.test`, `a;victim-${id}@red.test`, `Victim <victim-${id}@red.test>`, `"a victim"-${id}@red.test`];

  for (const email of typed) {
    await trySignUp(page, email);
    await expect(formAlert(page), email).toHaveText(unmailable);
    await expect(page.getByRole("textbox", { name: l.emailAddress })).toHaveValue(email);
  }
  await context.close();

  const stored = await securityServer.withDatabase((query) => query(`SELECT "email" FROM "User" WHERE "email" LIKE $1`, [`%${id}%`]));
  expect(stored).toEqual([]);
  expect(securityServer.smtpMessages.filter((mail) => mail.envelopeTo.some((address) => address.includes(id)))).toEqual([]);
});

test("a security mail goes to its account's own address alone", async ({ browser, baseURL, securityServer }) => {
  const id = randomUUID().slice(0, 8);
  const address = `owner-${id}@red.test`;
  const context = await newBrowserContext(browser, baseURL!);
  const page = await context.newPage();

  // Typed full-width and in capitals, as a Japanese input method left on may type it.
  await signUp(page, l, { email: fullWidth(address.toUpperCase()), password });
  // The account is the one mailbox: the setup screen names it as the authenticator's account.
  await openTwoFactorSettings(page, l);
  await expect(page.getByText(l.account, { exact: true }).locator("xpath=following-sibling::*[1]")).toHaveText(address);
  await enableTwoFactor(page, l);
  await context.close();

  const mentioningTheAccount = () =>
    securityServer.smtpMessages.filter((mail) => mail.envelopeTo.some((to) => to.normalize("NFKC").toLowerCase().includes(id)));
  await expect.poll(() => mentioningTheAccount().length).toBe(1);
  expect(mentioningTheAccount()[0].subject).toContain("Two-factor authentication was turned on");
  expect(mentioningTheAccount()[0].envelopeTo).toEqual([address]);
});

import { expect, type Page, test } from "@playwright/test";
import { enableTwoFactor, formAlert, logOut, newTestUser, passPasswordStep, signUp, wrongTotpCodeFor } from "../support/flows";
import { labelsFor } from "../support/labels";
import { totpCodeFor } from "../support/totp";

// Issue 13 §6: what a person types while the previous submission is being answered is never
// erased when the answer arrives (React resets a <form action> after its action by default).

/** A server action is a POST to the page's own URL; holding it back gives the slow network of the issue. */
const answerDelayMilliseconds = 1_500;

async function slowDownServerActions(page: Page) {
  await page.route(
    (url) => url.pathname === "/login/two-factor" || url.pathname === "/signup",
    async (route) => {
      if (route.request().method() === "POST") await new Promise((resolve) => setTimeout(resolve, answerDelayMilliseconds));
      await route.continue();
    },
  );
}

test("a code entered while the previous one is checked stays, and the next click signs in", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  const key = await enableTwoFactor(page, l);
  await logOut(page, l);
  await passPasswordStep(page, l, user);

  await slowDownServerActions(page);
  const codeField = page.getByRole("textbox", { name: l.securityCode });
  await codeField.fill(await wrongTotpCodeFor(key));
  await page.getByRole("button", { name: l.logIn }).click();
  const rightCode = await totpCodeFor({ key, stepOffset: 1 });
  await codeField.fill(rightCode);

  await expect(formAlert(page)).toContainText(l.invalidSecurityCode);
  await expect(codeField).toHaveValue(rightCode);
  await page.getByRole("button", { name: l.logIn }).click();
  await expect(page).toHaveURL(/\/settings$/);
});

test("sign-up: a password typed while a refused one is checked stays, and the next click creates the account", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = newTestUser();
  await page.goto("/signup");
  await slowDownServerActions(page);
  await page.getByRole("textbox", { name: l.emailAddress }).fill(user.email);
  const passwordField = page.getByRole("textbox", { name: l.password });
  await passwordField.fill("short");
  await page.getByRole("button", { name: l.createAccount }).click();
  await passwordField.fill(user.password);

  await expect(formAlert(page)).toContainText(l.passwordTooShort);
  await expect(passwordField).toHaveValue(user.password);
  await page.getByRole("button", { name: l.createAccount }).click();
  await expect(page).toHaveURL(/\/settings$/);
});

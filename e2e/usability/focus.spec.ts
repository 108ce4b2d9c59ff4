import { expect, test } from "@playwright/test";
import { newTestUser, signUp, submitPassword } from "../support/flows";
import { labelsFor } from "../support/labels";

// Issue 7.1: focus starts in the first field, and moves to the error when there is one.

test("the first field has focus on /login and /signup, and a refused password moves focus to the message", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  for (const path of ["/login", "/signup"]) {
    await page.goto(path);
    await expect(page.getByRole("textbox", { name: l.emailAddress }), path).toBeFocused();
  }

  const user = await signUp(page, l, newTestUser());
  await page.context().clearCookies();
  await submitPassword(page, l, { ...user, password: `${user.password}-wrong` });
  await expect(page.getByRole("alert").filter({ hasText: l.invalidCredentials })).toBeFocused();
});

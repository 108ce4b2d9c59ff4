import { logIn } from "../support/flows";
import { labelsForAdmin } from "./support/admin-labels";
import { expect, test } from "./support/admin-server";

// Issue 15, point 4: the admin of this suite was made by `npm run user:create`; their activity
// shows what made the account, in words ("Command line"), not the script's marker. This server
// trusts no proxy header, so no address is known: one sentence says how an admin makes it known.

test("an account made on the command line shows 'Command line' as its browser, and unknown addresses are explained once", async ({ page, adminServer }, testInfo) => {
  const { l } = labelsForAdmin(testInfo);
  await logIn(page, l, adminServer.admin);
  const activity = page.getByTestId("security-activity");
  const created = activity.getByRole("row").filter({ has: page.getByRole("cell", { name: l.eventAccountCreated, exact: true }) });
  await expect(created.getByRole("cell").nth(3)).toHaveText(l.commandLine);
  await expect(activity).not.toContainText("npm run user:create");
  await expect(activity.getByRole("columnheader", { name: l.activityAddress, exact: true })).toBeVisible();
  await expect(page.getByText(l.addressesUnknown)).toHaveCount(1);
});

import { logInWithBackupCode } from "../support/flows";
import { createTwoFactorAccount, l, newBrowserContext } from "./support/accounts";
import { captureServerAction, replayServerAction } from "./support/server-actions";
import { expect, test } from "./support/server-fixture";

// Issue 3 "a server action posted with a foreign Origin" (CSRF). Next.js refuses a server action
// whose Origin is not the host; the backup-code route handler has no such check of its own and
// must make it (server/same-origin.ts). The victim's cookies are sent on purpose: only the
// Origin check stands between the request and the change.

const evil = "https://evil.example";

test("a server action or the backup-code download posted from another origin is refused and changes nothing", async ({ browser, baseURL, securityServer }) => {
  test.setTimeout(120_000);
  const origin = baseURL!;
  const account = await createTwoFactorAccount(browser, origin, { backupCodes: true });
  const regeneratedMails = () =>
    securityServer.smtpMessages.filter((mail) => mail.envelopeTo.includes(account.user.email) && /New backup codes were created/.test(mail.subject))
      .length;
  const mailsBefore = regeneratedMails();

  // The victim, signed in, on the two-factor settings.
  const victim = await newBrowserContext(browser, origin);
  const page = await victim.newPage();
  await logInWithBackupCode(page, l, account.user, account.codes[0]);
  await page.goto("/settings/two-factor");
  await page.getByRole("button", { name: l.disable }).click();
  const disableAction = await captureServerAction(
    page,
    () => page.getByRole("alertdialog", { name: l.confirmDisableTitle }).getByRole("button", { name: l.ok }).click(),
    { abort: true },
  );

  await test.step("the Disable action with a foreign Origin", async () => {
    for (const foreign of [evil, "null", "http://127.0.0.1:1", origin.replace("127.0.0.1", "localhost")]) {
      const reply = await replayServerAction(victim.request, disableAction, { headers: { origin: foreign, referer: `${evil}/` } });
      expect(reply.status, `Origin: ${foreign}`).toBeGreaterThanOrEqual(400);
      expect(reply.redirect).toBeNull();
    }
  });

  await test.step("the Disable action as a cross-site HTML form would post it", async () => {
    // No Next-Action header (a form cannot set one): the action is named in the body, as the
    // page's own no-JavaScript form does.
    const html = await (await victim.request.get("/settings/two-factor")).text();
    const confirmation = html.slice(html.indexOf('id="disable-confirmation"'));
    const disableForm = confirmation.slice(confirmation.indexOf("<form"), confirmation.indexOf("</form>"));
    const actionFields = [...disableForm.matchAll(/<input type="hidden" name="(\$ACTION_[^"]+)"(?: value="([^"]*)")?/g)];
    expect(actionFields.length).toBeGreaterThan(0);
    const form = new FormData();
    for (const [, name, value] of actionFields) form.append(name, (value ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
    const response = await victim.request.post("/settings/two-factor", {
      headers: { origin: evil, referer: `${evil}/`, "sec-fetch-site": "cross-site" },
      multipart: form,
      maxRedirects: 0,
      failOnStatusCode: false,
    });
    expect(response.status()).toBeGreaterThanOrEqual(400);
    expect(response.headers()["location"] ?? "").not.toContain("disabled=1");
  });

  await test.step("the backup-code download with a foreign or missing Origin", async () => {
    const attempts: Record<string, string>[] = [
      { origin: evil },
      { origin: "null" },
      {},
      { origin, "sec-fetch-site": "cross-site" },
    ];
    for (const headers of attempts) {
      for (const accept of ["application/json", "text/html"]) {
        const response = await victim.request.post("/settings/two-factor/backup-codes", {
          headers: { ...headers, accept },
          form: {},
          maxRedirects: 0,
          failOnStatusCode: false,
        });
        expect(response.status(), JSON.stringify(headers)).toBe(403);
        expect(response.headers()["content-disposition"]).toBeUndefined();
        expect(await response.text()).not.toMatch(/\d{8}/);
      }
    }
  });

  await test.step("nothing changed", async () => {
    await page.goto("/settings/two-factor");
    await expect(page.getByText(l.enabled, { exact: true })).toBeVisible();
    await expect(page.getByText(l.remaining(9))).toBeVisible();
    expect(regeneratedMails()).toBe(mailsBefore);
    // The old codes still work: no new set replaced them.
    const other = await newBrowserContext(browser, origin);
    await logInWithBackupCode(await other.newPage(), l, account.user, account.codes[1]);
    await other.close();
  });

  await test.step("the same requests from this origin do work (the refusals were the Origin's)", async () => {
    const download = await victim.request.post("/settings/two-factor/backup-codes", { headers: { origin, accept: "application/json" }, form: {} });
    expect(download.headers()["content-disposition"]).toContain("nidan-backup-codes.txt");
    const reply = await replayServerAction(victim.request, disableAction);
    expect(reply.redirect).toMatch(/disabled=1/);
    await page.goto("/settings");
    await expect(page.getByText(l.disabled, { exact: true })).toBeVisible();
  });

  await victim.close();
});

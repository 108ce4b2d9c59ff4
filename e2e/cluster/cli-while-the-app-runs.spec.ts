import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { newTestUser } from "../support/flows";
import { freePort } from "../support/free-port";
import { labels } from "../support/labels";
import { spawnNextStart, waitUntilAnswering } from "../support/next-start";

// Issue 13 §6: with `npm start` running on the embedded database, `npm run user:create` printed
// "Created user" and exited 0, yet the running app never saw the user (both opened the directory).

const run = promisify(execFile);
const l = labels.en;

test("a user created by `npm run user:create` while the app runs on the embedded database can log in to it", async ({ page }) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "nidan-cli-"));
  // Embedded, whatever the suite runs on.
  const environment: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next", NEXT_TELEMETRY_DISABLED: "1" };
  delete environment.DATABASE_URL;
  delete environment.PORT;
  const port = await freePort();
  const server = spawnNextStart({ port, env: environment });
  const baseURL = `http://127.0.0.1:${port}`;
  try {
    // A new embedded database takes seconds to create; more on a loaded machine.
    await waitUntilAnswering(server, { url: `${baseURL}/login`, headers: { "accept-language": "en" }, deadline: Date.now() + 180_000 });

    const user = newTestUser();
    const created = await run("npm", ["run", "-s", "user:create", "--", "--email", user.email, "--password", user.password], { env: environment });
    expect(created.stdout).toContain(`Created user ${user.email}`);

    await page.goto(`${baseURL}/login`);
    await page.getByRole("textbox", { name: l.emailAddress }).fill(user.email);
    await page.getByRole("textbox", { name: l.password }).fill(user.password);
    await page.getByRole("button", { name: l.logIn }).click();
    await expect(page).toHaveURL(/\/settings$/);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

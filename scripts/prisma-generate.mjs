// `prisma generate` never runs the native schema engine, but the CLI tries to download it
// unless PRISMA_SCHEMA_ENGINE_BINARY names an existing file; its host is unreachable on
// offline machines (docs/decisions/0001). On a host with internet the real engine is used.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const environment = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
if (!environment.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(environment.PRISMA_SCHEMA_ENGINE_BINARY)) {
  environment.PRISMA_SCHEMA_ENGINE_BINARY = new URL("../package.json", import.meta.url).pathname;
}
const result = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env: environment });
process.exit(result.status ?? 1);

import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Same mapping as tsconfig's "@/*" paths: "@/lib/x" is <repo root>/lib/x.
    alias: { "@": dirname(fileURLToPath(import.meta.url)) },
  },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "testing/**/*.test.ts"],
    environment: "node",
    // Generous for argon2 at OWASP cost (ADR 0008) on a loaded two-core CI machine.
    testTimeout: 30_000,
    // Tests hash several codes at once on a loaded two-core machine, where a hash can take a
    // second: the queue's 5 s bound (ADR 0010) would refuse them. hash-queue.test.ts sets its own.
    env: { HASH_QUEUE_MAX_WAIT_SECONDS: "300" },
  },
});

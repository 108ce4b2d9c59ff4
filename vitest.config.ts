import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Same mapping as tsconfig's "@/*" paths: "@/lib/x" is <repo root>/lib/x.
    alias: { "@": dirname(fileURLToPath(import.meta.url)) },
  },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    // Generous for argon2 at OWASP cost (~10 ms a hash here) on a loaded CI machine.
    testTimeout: 30_000,
  },
});

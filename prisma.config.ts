import { defineConfig } from "prisma/config";

// Only `prisma generate` and `prisma migrate deploy` (on hosts that can download
// Prisma's engine) read this file; the app connects through lib/db.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/nidan" },
});

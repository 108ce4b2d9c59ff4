#!/usr/bin/env bash
# `npm test`: every test, in the order that fails fastest. The e2e suite runs against the
# production build on a fresh embedded database (and on PostgreSQL: see scripts/test-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n== %s ==\n' "$1"; }

step "typecheck"
npx tsc --noEmit -p .
step "lint"
npx eslint --max-warnings 0 .
step "unit tests (Vitest)"
npx vitest run
step "production build"
npx next build
step "end-to-end tests (Playwright, embedded database)"
npx playwright test

#!/usr/bin/env bash
# `npm test`: every test, in the order that fails fastest. Unit and end-to-end tests run on
# the embedded database and, when PostgreSQL's server binaries are installed, on a
# PostgreSQL server this run starts and stops itself (scripts/postgres-server.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
source scripts/postgres-server.sh

step() { printf '\n== %s ==\n' "$1"; }

step "typecheck"
npx tsc --noEmit -p .
step "lint"
npx eslint --max-warnings 0 .

if postgres_start; then
  trap postgres_stop EXIT
  export TEST_DATABASE_URL="$NIDAN_PG_SERVER_URL/postgres"
  echo "PostgreSQL server for this run: $NIDAN_PG_SERVER_URL"
else
  echo "PostgreSQL server binaries not found (apt-get install postgresql): embedded database only."
fi

step "unit tests (Vitest)"
npx vitest run
step "production build"
npx next build
# The attack suite runs in the newcomer's configuration (no TRUSTED_PROXY_HEADER) on the
# embedded database and in the deployer's (behind a proxy) on PostgreSQL; the cluster tests
# start a PostgreSQL server of their own, so they run once. On PostgreSQL the flows run once,
# in English: the Japanese, keyboard, phone and no-JavaScript runs repeat the same queries
# through another face of the UI (CI time). Without PostgreSQL, everything runs here.
if [ -n "${NIDAN_PG_SERVER_URL:-}" ]; then
  embedded_skips="security-proxy,cluster"
else
  embedded_skips=""
fi
step "end-to-end tests (Playwright, embedded database)"
E2E_SKIP_PROJECTS="$embedded_skips" npx playwright test

if [ -n "${NIDAN_PG_SERVER_URL:-}" ]; then
  step "end-to-end tests (Playwright, PostgreSQL)"
  postgres_as_owner "$NIDAN_PG_BIN/createdb" -h 127.0.0.1 -p "${NIDAN_PG_SERVER_URL##*:}" -U postgres nidan_e2e
  DATABASE_URL="$NIDAN_PG_SERVER_URL/nidan_e2e" \
    AUTH_SECRET="$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')" \
    TOTP_ENCRYPTION_KEY="$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')" \
    E2E_SKIP_PROJECTS="security-default,ja,keyboard-en,keyboard-ja,phone-en,phone-ja,no-javascript-en,no-javascript-ja" npx playwright test
fi

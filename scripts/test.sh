#!/usr/bin/env bash
# The whole test run, as CI does it: system packages, types, lint, a renderer build, a throwaway
# PostgreSQL cluster, unit and integration tests, end-to-end tests in Chromium, benchmark smoke.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh
echo "== typecheck"; npx tsc --noEmit -p tsconfig.json
echo "== lint"; npx eslint . --max-warnings 0
echo "== build renderer"; npx vite build --logLevel warn

echo "== PostgreSQL"
pg_dir="$(mktemp -d /tmp/caredesk-pg-XXXXXX)"
trap 'bash scripts/pg-cluster.sh destroy "$pg_dir" >/dev/null 2>&1 || true' EXIT
eval "$(bash scripts/pg-cluster.sh start "$pg_dir")"
export CAREDESK_TEST_DATABASE_URL="$DATABASE_URL"

echo "== face models"; npx tsx scripts/face-models.ts
echo "== benchmarks (smoke size)"; npx tsx bench/index.ts --smoke
echo "== tests"; node scripts/run-tests.mjs unit e2e

#!/usr/bin/env bash
# Runs every test on SQLite and on a throw-away PostgreSQL 15 server on 127.0.0.1, then checks the
# served dashboard in headless Chromium and its API with Schemathesis (scripts/site-check.sh).
# Set DEVCOOP_TEST_POSTGRES_URL to use a server of your own instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests

if [[ -z "${DEVCOOP_TEST_POSTGRES_URL:-}" ]]; then
  source scripts/postgres.sh
  start_postgres
  trap stop_postgres EXIT
fi

swift build --build-tests
status=0
swift test --skip-build "$@" || status=$?
# The site from outside: a real browser and Schemathesis against a served demo portfolio.
scripts/site-check.sh || status=1
exit $status

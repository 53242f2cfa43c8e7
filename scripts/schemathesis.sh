#!/usr/bin/env bash
# Schemathesis against a live DevCoop server: every operation of /openapi.json is called with
# generated data (valid and invalid), and the run fails on any server error (5xx) or any response
# that does not match the document.
#
#   scripts/schemathesis.sh                  # serves the demo portfolio (made the first time, ~15 s)
#   scripts/schemathesis.sh --db PATH_OR_URL # serves that store instead
#   SCHEMATHESIS_EXAMPLES=50 scripts/schemathesis.sh   # examples per operation (default 30)
#
# One worker: with two, hypothesis describes its filters with ast.parse on two threads at once,
# which CPython 3.11 does not survive ("AST constructor recursion depth mismatch", a Runtime Error
# of the tool that failed a run at random).
#
# Schemathesis is installed from PyPI into .build-tools/schemathesis the first time. The server is
# .build/debug/devcoop (built when missing; DEVCOOP_BIN chooses another). Exit code 0 when
# Schemathesis found nothing, else non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
VENV=.build-tools/schemathesis
EXAMPLES=${SCHEMATHESIS_EXAMPLES:-30}
DB=""
if [ "${1:-}" = "--db" ]; then DB=${2:?"--db needs a path or URL"}; fi

if [ "$("$VENV/bin/schemathesis" --version 2>/dev/null | awk '{print $NF}')" != "$SCHEMATHESIS_VERSION" ]; then
    echo "Installing Schemathesis $SCHEMATHESIS_VERSION into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

BIN=${DEVCOOP_BIN:-.build/debug/devcoop}
if [ ! -x "$BIN" ]; then
    echo "Building devcoop"
    swift build --product devcoop
fi

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
LOG=$(mktemp -t devcoop-schemathesis-server.XXXXXX)
if [ -n "$DB" ]; then
    "$BIN" serve --db "$DB" --host 127.0.0.1 --port "$PORT" >"$LOG" 2>&1 &
else
    mkdir -p .build-tools
    "$BIN" demo --db .build-tools/schemathesis-demo.sqlite --port "$PORT" >"$LOG" 2>&1 &
fi
SERVER=$!
stop_server() {
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
}
trap stop_server EXIT

echo "Waiting for the server on port $PORT"
for _ in $(seq 1 300); do
    if curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$SERVER" 2>/dev/null; then
        echo "the server stopped:"; cat "$LOG"; exit 1
    fi
    sleep 1
done
curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null || { echo "the server did not answer /health in 300 s"; cat "$LOG"; exit 1; }

status=0
"$VENV/bin/schemathesis" run "http://127.0.0.1:$PORT/openapi.json" \
    --url "http://127.0.0.1:$PORT" \
    --checks not_a_server_error,response_schema_conformance,content_type_conformance \
    --max-examples "$EXAMPLES" \
    --phases examples,coverage,fuzzing \
    --seed 16 \
    --request-timeout 60 \
    --workers 1 \
    --suppress-health-check too_slow \
    --no-color || status=$?

if [ "$status" -ne 0 ]; then
    echo "--- server log (last 50 lines) ---"
    tail -n 50 "$LOG"
fi
rm -f "$LOG"
exit "$status"

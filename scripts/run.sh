#!/usr/bin/env bash
# The main job on the embedded default: the dashboard of the demo portfolio at
# http://127.0.0.1:8080. The first run generates the demo portfolio (IATI 2.03 files published the
# way the ILO publishes, true to the seed document) and imports it into devcoop-demo.sqlite;
# later runs serve that store at once. Ctrl-C stops the server. Options go to `devcoop demo`
# (e.g. --port 9000, --host 0.0.0.0).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --product devcoop
exec "$(swift build --show-bin-path)/devcoop" demo "$@"

#!/usr/bin/env bash
# The main job on the embedded default: imports the demo portfolio (the real IATI files in
# Samples/iati) into devcoop.sqlite and shows what the store holds.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --product devcoop
bin="$(swift build --show-bin-path)/devcoop"
"$bin" import --db devcoop.sqlite Samples/iati
"$bin" stats --db devcoop.sqlite

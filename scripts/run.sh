#!/usr/bin/env bash
# The main job on the embedded default: generates the demo portfolio (IATI 2.03 files published
# the way the ILO publishes, true to the seed document) into demo-portfolio/, imports it into
# devcoop.sqlite and shows the seed's appendix table computed from it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --product devcoop
bin="$(swift build --show-bin-path)/devcoop"
"$bin" demo generate --seed 1 -o demo-portfolio
"$bin" import --db devcoop.sqlite demo-portfolio
"$bin" stats --db devcoop.sqlite
"$bin" report funding --db devcoop.sqlite --by partner --from 2020 --to 2022

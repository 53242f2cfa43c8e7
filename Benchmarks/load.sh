#!/usr/bin/env bash
# Load benchmark of the dashboard (not a test): wrk with 32 connections for 30 s on each route,
# on the demo portfolio and on the 10x portfolio, each once alone and once with an import running
# into the same store. Prints p50/p95/p99 and errors per route; a JSON summary goes to
# .build-bench/load.json. Target (issue 16): p95 <= 20 ms on the demo portfolio, no error at all.
#
#   Benchmarks/load.sh [--scales "1 10"] [--duration 30] [--connections 32]
set -euo pipefail
cd "$(dirname "$0")/.."
scales="1 10"; duration=30; connections=32
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scales) scales="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

command -v wrk >/dev/null || { sudo=""; [[ $(id -u) -ne 0 ]] && sudo=sudo; DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null; }
scripts/setup.sh
swift build -c release --product devcoop --scratch-path .build-release >/dev/null
bin=.build-release/release/devcoop
work=.build-bench; mkdir -p "$work"
port=18080
summary="$work/load.json"; echo "[" > "$summary"; first=1

for scale in $scales; do
  db="$work/load-$scale.sqlite"
  if [[ ! -f "$db" ]]; then
    rm -rf "$work/demo-$scale"
    "$bin" demo generate --seed 1 --scale "$scale" -o "$work/demo-$scale" >/dev/null
    "$bin" import --db "$db" "$work/demo-$scale" >/dev/null
  fi
  # Another portfolio for the concurrent import: other seed, same reporting organisation, so the
  # import replaces and adds activities (real writes) while the server reads.
  [[ -d "$work/other-$scale" ]] || "$bin" demo generate --seed 7 --scale "$scale" -o "$work/other-$scale" >/dev/null

  "$bin" serve --db "$db" --port "$port" > "$work/serve-$scale.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
  project=$(curl -s "http://127.0.0.1:$port/api/v1/activities?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["activities"][0]["iati_identifier"])')
  # Full exports of the whole portfolio: time to the first byte and in all, and the server's memory.
  for export in "table=transactions&format=csv" "table=transactions&format=xlsx" "format=xml"; do
    rss_before=$(ps -o rss= -p "$server")
    timing=$(curl -s -o /dev/null -w '%{time_starttransfer} %{time_total} %{size_download}' "http://127.0.0.1:$port/projects/export?$export")
    rss_after=$(ps -o rss= -p "$server")
    read -r first_byte total bytes <<< "$timing"
    printf "scale %-3s export %-32s first byte %6.3f s, all %6.2f s, %5.1f MB, server RSS %d -> %d MB\n" \
      "$scale" "$export" "$first_byte" "$total" "$(python3 -c "print($bytes / 1048576)")" $((rss_before / 1024)) $((rss_after / 1024))
  done
  routes=("/" "/funding" "/projects" "/projects/$project" "/api/v1/activities?limit=50" "/api/v1/funding?by=partner&from=2020&to=2022")

  for mode in alone with-import; do
    importer=""
    if [[ "$mode" == with-import ]]; then
      cp "$db" "$work/before-import.sqlite"
      ( while true; do "$bin" import --db "$db" "$work/other-$scale" >/dev/null 2>&1; "$bin" import --db "$db" "$work/demo-$scale" >/dev/null 2>&1; done ) &
      importer=$!
      sleep 1
    fi
    for route in "${routes[@]}"; do
      line=$(wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s -s Benchmarks/wrk-report.lua "http://127.0.0.1:$port$route" | tail -1)
      printf "scale %-3s %-12s %-45s %s\n" "$scale" "$mode" "$route" "$line"
      [[ $first -eq 1 ]] || echo "," >> "$summary"; first=0
      echo "{\"scale\": $scale, \"mode\": \"$mode\", \"route\": \"$route\", \"result\": $line}" >> "$summary"
    done
    if [[ -n "$importer" ]]; then
      kill "$importer" 2>/dev/null || true; wait "$importer" 2>/dev/null || true
      pkill -f "$bin import --db $db" 2>/dev/null || true
    fi
  done
  kill "$server"; wait "$server" 2>/dev/null || true
  trap - EXIT
  # The next run starts from the portfolio alone again.
  mv "$work/before-import.sqlite" "$db"; rm -f "$db-wal" "$db-shm"
done
echo "]" >> "$summary"
echo "summary: $summary"

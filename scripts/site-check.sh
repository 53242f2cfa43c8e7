#!/usr/bin/env bash
# The dashboard checked from outside, as visitors and API clients see it: serves the demo
# portfolio, then runs the headless-browser check (console errors, broken links, missing charts,
# screenshots in English and Chinese under .build-browser/screenshots) and Schemathesis against
# /openapi.json, and prints the review document to PDF (en, zh). Run by scripts/test.sh after the unit tests; needs a built devcoop.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${DEVCOOP_BIN:-$(swift build --show-bin-path)/devcoop}"
work=.build-browser; mkdir -p "$work"
port="${SITE_CHECK_PORT:-18081}"
base="http://127.0.0.1:$port"

"$bin" demo --db "$work/demo.sqlite" --port "$port" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -sf "$base/health" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; echo "devcoop demo did not start" >&2; exit 1; }
  sleep 0.5
done

status=0
python3 scripts/browser_check.py --base "$base" --out "$work/screenshots" || status=1
# The review document printed to PDF in English and Chinese: its text must be there, and a font
# that covers Chinese must be installed (else Chromium prints empty boxes).
for lang in en zh; do
  pdf="$work/review-$lang.pdf"
  if ! "$bin" report review --db "$work/demo.sqlite" --as-of 2023-02-15 --lang "$lang" -o "$pdf"; then
    echo "the review in $lang was not printed" >&2; status=1; continue
  fi
  expected=$([[ $lang == zh ]] && echo "支柱领域 3：供资伙伴关系" || echo "Pillar 3: Funding partnerships")
  if ! pdftotext "$pdf" - | tr -s ' \n' ' ' | grep -qF "$expected"; then
    echo "$pdf: the text \"$expected\" is missing" >&2; status=1
  fi
  if [[ $lang == zh ]] && ! fc-list :lang=zh family | grep -q .; then
    echo "no font covers Chinese (fonts-noto-cjk): $pdf shows empty boxes" >&2; status=1
  fi
done
if [[ -x scripts/schemathesis.sh ]]; then
  DEVCOOP_BIN="$bin" scripts/schemathesis.sh || status=1
fi
exit $status

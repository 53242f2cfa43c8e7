#!/usr/bin/env bash
# Installs what DevCoop needs beyond Swift, only when it is missing (safe to run again).
#   scripts/setup.sh          build needs: libxml2-dev, zlib1g-dev, pkg-config; xmllint for the benchmarks
#   scripts/setup.sh --tests  also PostgreSQL 15 (+ contrib) for the test suite, Chromium and CJK
#                             fonts for the browser check and the review PDFs, curl, poppler-utils (pdftotext)
set -euo pipefail

packages=(libxml2-dev zlib1g-dev pkg-config libxml2-utils)
if [[ "${1:-}" == "--tests" ]]; then
  packages+=(postgresql postgresql-contrib chromium fonts-noto-cjk curl poppler-utils)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing: ${missing[*]}" >&2
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# Renders the report tabs as printed: the sample workbook (or the .xlsx given as $1) through
# `budgetkoll rapport`, every sheet to PDF by LibreOffice (its print setup: A4 landscape, one page
# wide, title rows repeated) and every page to PNG by pdftoppm, into .tmp/report-render/ (git-ignored).
#   bash scripts/render-reports.sh [in.xlsx]
set -euo pipefail
cd "$(dirname "$0")/.."
out=.tmp/report-render
rm -rf "$out"
mkdir -p "$out"
if [ $# -ge 1 ]; then
  cp "$1" "$out/in.xlsx"
else
  node bin/budgetkoll.js exempel -o "$out/in.xlsx" >/dev/null
fi
node bin/budgetkoll.js rapport "$out/in.xlsx" -o "$out/rapport.xlsx" >"$out/rapport.txt"
profile="$(pwd)/$out/lo-profile"
soffice --headless --norestore "-env:UserInstallation=file://$profile" \
  --convert-to pdf --outdir "$out" "$out/rapport.xlsx" >/dev/null 2>&1
pdftoppm -png -r 60 "$out/rapport.pdf" "$out/sida"
pdfinfo "$out/rapport.pdf" | grep -E 'Pages|Page size'
ls "$out"/sida-*.png

#!/usr/bin/env bash
# Makes sure the system programs the tests need are installed: Chromium (Playwright e2e tests, icon
# rendering), LibreOffice Calc (recalculating .xlsx fixtures, printing report tabs to PDF) and
# poppler-utils (pdfinfo, pdftotext, pdftoppm: the printed report tabs' pages). Run by `npm test` through pretest.
# Silent when everything is present; installs what is missing when run as root on Debian/Ubuntu.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  {
    echo "Missing system packages: ${missing[*]}"
    echo "The tests need $CHROMIUM and the soffice and pdfinfo commands. Install them with:"
    echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}"
  } >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing system packages: ${missing[*]}, and apt-get is not available to install them." >&2
  exit 1
fi

echo "Installing missing system packages: ${missing[*]}"
# Wait for another apt process (e.g. an image's own setup) instead of failing on its lock.
apt_options=(-o DPkg::Lock::Timeout=600)
apt-get "${apt_options[@]}" update
DEBIAN_FRONTEND=noninteractive apt-get "${apt_options[@]}" install -y "${missing[@]}" </dev/null

still_missing=()
[ -x "$CHROMIUM" ] || still_missing+=("$CHROMIUM")
command -v soffice >/dev/null 2>&1 || still_missing+=(soffice)
command -v pdfinfo >/dev/null 2>&1 || still_missing+=(pdfinfo)
if [ ${#still_missing[@]} -ne 0 ]; then
  echo "Still missing after installation: ${still_missing[*]}" >&2
  exit 1
fi

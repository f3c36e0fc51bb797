#!/usr/bin/env bash
# Installs what the tests need beyond npm: Debian's Chromium (Playwright drives it; no browser
# download), CJK fonts for the Chinese UI, PostgreSQL 15 for the server tests, and pdftotext
# (poppler-utils) so the tests can read what an exported PDF says.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-liberation fonts-noto-cjk)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
[ -x /usr/bin/pdftotext ] || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null && [ "$(id -u)" -eq 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif command -v apt-get >/dev/null && command -v sudo >/dev/null; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Please install: Chromium at /usr/bin/chromium (or set CAREDESK_CHROMIUM), and PostgreSQL 15" >&2
  echo "(Debian/Ubuntu: apt-get install ${missing[*]})" >&2
  exit 1
fi

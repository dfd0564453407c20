#!/usr/bin/env bash
# The Playwright journeys drive Debian's Chromium (Playwright's own browser download cannot run here).
# Installs it when absent and this user can; otherwise says exactly how.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Installing Debian's Chromium for the browser tests (apt-get install chromium)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
cat >&2 <<MSG
The browser tests need Chromium at $CHROMIUM. Install it with:
  sudo apt-get update && sudo apt-get install -y chromium
or point CHROMIUM_PATH at another Chromium or Chrome binary.
MSG
exit 1

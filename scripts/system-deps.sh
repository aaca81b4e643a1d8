#!/usr/bin/env bash
# System packages the tests need: Debian's Chromium for the browser tests. Installed with
# apt-get when this runs as root on Debian; otherwise a clear message says how.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests ..."
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
else
  echo "The browser tests need Chromium. On Debian or Ubuntu run:" >&2
  echo "  sudo apt-get install chromium" >&2
  exit 1
fi

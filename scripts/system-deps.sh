#!/usr/bin/env bash
# System packages the tests need: Debian's Chromium for the browser tests. Installed with
# apt-get when this runs as root on Debian; otherwise a clear message says how.
set -euo pipefail
# Also Debian's wordnet-base: the test that data/wordnet.json is current reads WordNet 3.0.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -f /usr/share/wordnet/data.noun ] || missing+=(wordnet-base)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} for the tests ..."
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "The tests need these Debian packages: ${missing[*]}. Run:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi

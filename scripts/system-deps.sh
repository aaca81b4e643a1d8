#!/usr/bin/env bash
# What the tests need besides the Python environment:
# - Debian's chromium (browser tests) and wordnet-base (the test that data/wordnet.json is
#   current reads WordNet 3.0), installed with apt-get when this runs as root on Debian;
#   otherwise a clear message says how;
# - Debian's poppler-utils (pdftotext, pdfinfo) to read back the PDFs of 'lessonkit print'
#   (tests/test_print.py), the same way;
# - Node.js and npm (Debian's nodejs and npm, the same way) for configurable-http-proxy, the
#   proxy of the real JupyterHub that tests/browser/test_jupyterhub.py starts; the proxy is
#   installed from the npm registry into .venv/hub (argument 1: the venv folder).
set -euo pipefail
venv="${1:-.venv}"
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -f /usr/share/wordnet/data.noun ] || missing+=(wordnet-base)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} for the tests ..."
    apt-get -o DPkg::Lock::Timeout=300 update -qq && apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}" >/dev/null
  else
    echo "The tests need these Debian packages: ${missing[*]}. Run:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
proxy="$venv/hub/node_modules/.bin/configurable-http-proxy"
if [ ! -x "$proxy" ]; then
  echo "Installing configurable-http-proxy (for the JupyterHub test) into $venv/hub ..."
  npm install --silent --no-fund --no-audit --prefix "$venv/hub" configurable-http-proxy@5 \
    >/dev/null
fi

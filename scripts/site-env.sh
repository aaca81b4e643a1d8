#!/usr/bin/env bash
# Set up what `make site` needs, once, from the package registries (the site build itself then
# fetches nothing): a virtual environment with JupyterLite (lite/requirements-build.txt), the
# pure-Python wheels the site's Pyodide loads (lite/wheels.txt, checked by hash) and the
# Pyodide core from the npm registry (lite/pyodide.txt, checked by its integrity hash).
# Argument 1: the folder to fill (default .venv/lite). Needs python3 and npm (Debian's nodejs
# and npm; installed with apt-get when this runs as root).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dest="${1:-.venv/lite}"
stamp="$dest/.ready"
want="$(cat "$here"/lite/requirements-build.txt "$here"/lite/wheels.txt "$here"/lite/pyodide.txt | sha256sum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq nodejs npm >/dev/null
  else
    echo "The site build needs npm once (for the Pyodide core). Run: sudo apt-get install npm" >&2
    exit 1
  fi
fi
echo "Setting up the JupyterLite build in $dest (once) ..."
if [ ! -x "$dest/bin/python" ] && ! python3 -m venv "$dest" 2>/dev/null; then
  rm -rf "$dest"
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq python3-venv >/dev/null
    python3 -m venv "$dest"
  else
    echo "python3 cannot create a virtual environment. Run: sudo apt-get install python3-venv" >&2
    exit 1
  fi
fi
"$dest/bin/python" -m pip install --quiet --upgrade pip
"$dest/bin/python" -m pip install --quiet -r "$here/lite/requirements-build.txt"
rm -rf "$dest/wheels" "$dest/pyodide"
mkdir -p "$dest/wheels" "$dest/pyodide"
# Pure-Python wheels for Pyodide's Python (3.14), whatever Python runs this.
"$dest/bin/python" -m pip download --quiet --no-deps --require-hashes --only-binary=:all: \
  --python-version 3.14 --implementation py --abi none --platform any \
  -d "$dest/wheels" -r "$here/lite/wheels.txt"
read -r spec integrity < <(grep -v '^#' "$here/lite/pyodide.txt" | head -1)
(cd "$dest/pyodide" && npm pack --silent "$spec" >/dev/null)
tarball="$(ls "$dest"/pyodide/*.tgz)"
got="$(python3 -c 'import base64, hashlib, sys
print("sha512-" + base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$tarball")"
if [ "$got" != "$integrity" ]; then
  echo "$tarball does not match the integrity hash in lite/pyodide.txt" >&2
  exit 1
fi
echo "$want" > "$stamp"
echo "The JupyterLite build in $dest is ready."

#!/usr/bin/env bash
# Create the project's virtual environment and install lessonkit with its test tools.
# Works on a fresh Debian machine that has only python3 and make: when python3 cannot make a
# virtual environment (Debian ships venv separately), it installs python3-venv with apt-get
# if it runs as root, and otherwise says which command to run.
set -euo pipefail
venv="${1:-.venv}"
if [ ! -x "$venv/bin/python" ]; then
  if ! python3 -m venv "$venv" 2>/dev/null; then
    rm -rf "$venv"
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
      echo "Installing python3-venv (Debian keeps venv in its own package) ..."
      apt-get -o DPkg::Lock::Timeout=300 update -qq && apt-get -o DPkg::Lock::Timeout=300 install -y -qq python3-venv >/dev/null
      python3 -m venv "$venv"
    else
      echo "python3 cannot create a virtual environment here." >&2
      echo "On Debian or Ubuntu, run: sudo apt-get install python3-venv   then try again." >&2
      exit 1
    fi
  fi
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet -e '.[test]'
echo "The environment in $venv is ready."

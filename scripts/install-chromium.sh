#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests (a tool's own browser download fails on our
# machines; see FIELD-NOTES). Idempotent: does nothing but print the version when it is present.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [[ ! -x "$CHROMIUM" ]]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-chromium: apt-get not found; install Chromium at $CHROMIUM by hand" >&2
    exit 1
  fi
  SUDO=()
  if [[ "$(id -u)" -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "install-chromium: not root and no sudo; cannot install chromium" >&2
      exit 1
    fi
    SUDO=(sudo -n)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends chromium
fi

if [[ ! -x "$CHROMIUM" ]]; then
  echo "install-chromium: $CHROMIUM still missing after apt-get install" >&2
  exit 1
fi
"$CHROMIUM" --version

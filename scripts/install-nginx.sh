#!/usr/bin/env bash
# Installs Debian's nginx for the webhook scale test (WebhookScaleIT: three ingress instances behind it), the way
# install-chromium.sh installs Chromium. Only the binary is used: the test writes its own configuration and starts
# nginx itself, so the package's own service is neither needed nor started here. Idempotent: does nothing but print
# the version when it is present.
set -euo pipefail

NGINX=/usr/sbin/nginx

if [[ ! -x "$NGINX" ]]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-nginx: apt-get not found; install nginx at $NGINX by hand" >&2
    exit 1
  fi
  SUDO=()
  if [[ "$(id -u)" -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "install-nginx: not root and no sudo; cannot install nginx" >&2
      exit 1
    fi
    SUDO=(sudo -n)
  fi
  export DEBIAN_FRONTEND=noninteractive
  # The package would start its own nginx on port 80 where no init system stops it: forbid service starts for the
  # install (policy-rc.d exit 101, Debian's way), unless the machine already has a policy of its own.
  POLICY=/usr/sbin/policy-rc.d
  if [[ ! -e "$POLICY" ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$POLICY" >/dev/null
    "${SUDO[@]}" chmod +x "$POLICY"
    trap '"${SUDO[@]}" rm -f "$POLICY"' EXIT
  fi
  "${SUDO[@]}" apt-get update -q
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends nginx
fi

if [[ ! -x "$NGINX" ]]; then
  echo "install-nginx: $NGINX still missing after apt-get install" >&2
  exit 1
fi
"$NGINX" -v

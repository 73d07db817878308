#!/bin/sh
# Chromium for the browser tests (test/browser): Debian's package, never a downloaded build.
# Installs it when /usr/bin/chromium is missing (needs root and Debian's package mirror).
set -e
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "ensure-chromium: /usr/bin/chromium is missing; run as root: apt-get install -y chromium" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null

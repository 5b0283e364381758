#!/bin/sh
# Installs the Debian packages hechos needs to build, test, fuzz and benchmark.
# Idempotent and non-interactive; does nothing when everything is present.
set -eu
PKGS="build-essential clang libclang-rt-14-dev libutf8proc-dev libjansson-dev libcmocka-dev libsqlite3-dev iso-codes python3 libxml2-dev zlib1g-dev libmicrohttpd-dev python3-pytest python3-yaml python3-selenium chromium chromium-driver wrk"
# python3: make runs tools/gen_plover.py; test_plover runs tools/plover_eval.py
# the Python package (python/): offline pip install, Dask, optional pandas
PKGS="$PKGS python3-pip python3-setuptools python3-wheel python3-dask python3-distributed python3-pandas"
# the PostgreSQL back end (libpq) and a throw-away server for its tests
PKGS="$PKGS libpq-dev postgresql"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing

#!/bin/sh
# Runs the `hechos serve` tests (tests/serve/test_*.py with pytest): the API with a real
# client against a real server, and the browser views in headless Chromium.  $HECHOS_BIN
# is the binary under test (the ASan one in `make asan`).  pytest prints the closing
# line ("N passed, M skipped in S s"); without pytest this prints one SKIPPED line.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
if ! "$PY" -c 'import pytest, yaml' 2>/dev/null; then
  echo "serve tests: 0 passed, 0 failed, 1 skipped (python3-pytest or python3-yaml missing; scripts/setup.sh installs them)"
  exit 0
fi
exec "$PY" -m pytest -q -p no:cacheprovider -rs "$(dirname "$0")"

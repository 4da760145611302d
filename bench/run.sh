#!/usr/bin/env bash
# The page benchmark in one command; see docs/benchmarks.md. Arguments go to bench/pages.py.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "installing wrk (Debian package)"; apt-get install -y -q wrk >/dev/null; }
exec .venv/bin/python -u bench/pages.py "$@"

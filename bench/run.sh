#!/usr/bin/env bash
# The page benchmark in one command; see docs/benchmarks.md. Arguments go to bench/pages.py.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/system-packages.sh bench  # wrk and the app's own packages
exec .venv/bin/python -u bench/pages.py "$@"

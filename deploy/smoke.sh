#!/usr/bin/env bash
# Start the production set-up on this machine (2 web processes, 2 workers, 1 beat on PostgreSQL
# and Redis), run a sign-in, a report submission and a reminder through it, stop everything.
# Needs PostgreSQL and Redis on 127.0.0.1; see docs/deploy.md.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -u deploy/smoke.py "$@"

#!/usr/bin/env bash
# Serves the demo shop on http://127.0.0.1:8080 and the merchant console on
# http://127.0.0.1:8080/console/, installing what is missing first. Builds
# both (release), then serves dist/ as static files (`--port N` to change).
set -euo pipefail
cd "$(dirname "$0")/.."
NUDGE_NO_BROWSER=1 bash scripts/setup.sh
. scripts/env.sh
bash scripts/build-widget.sh
bash scripts/build-console.sh
exec node scripts/serve.mjs dist "$@"

#!/usr/bin/env bash
# Serves the demo shop on http://127.0.0.1:8080, installing what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
NUDGE_NO_BROWSER=1 bash scripts/setup.sh
. scripts/env.sh
exec trunk serve --release "$@"

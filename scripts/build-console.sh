#!/usr/bin/env bash
# Builds the merchant console (console/index.html) into dist/console/: a
# second Trunk build with its own configuration and dist, so the widget's
# build never contains console code. Run after scripts/build-widget.sh
# (which empties dist/). Pass --debug for a faster unoptimised build.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
mode=--release
[ "${1:-}" = "--debug" ] && mode=
trunk build $mode --config console/Trunk.toml

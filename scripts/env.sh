# Puts Nudge's tools on PATH (sourced by setup.sh, test.sh and demo.sh).
# They live in a cache folder outside the repository, shared by every clone.
NUDGE_TOOLS="${NUDGE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/nudge/tools}"
export NUDGE_TOOLS
export PATH="$NUDGE_TOOLS/bin:$NUDGE_TOOLS/binaryen/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

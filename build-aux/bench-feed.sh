#!/bin/sh
# Feed benchmark: ingest and parse of a 10,000-item feed against jansson alone, the
# same feed again, and the longest main-loop stall during fetch and ingest.
# Usage: build-aux/bench-feed.sh [BUILDDIR] [ITEMS] [RUNS]
set -eu
builddir=${1:-_build}
ninja -C "$builddir" build-aux/otasuke-bench-feed >/dev/null
exec "$builddir/build-aux/otasuke-bench-feed" "${2:-10000}" "${3:-7}"

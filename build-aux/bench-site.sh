#!/bin/sh
# Website-check benchmark: a full `--site-check` against loopback servers
# (target under 1 s) and the main loop's longest stall during it.
# Usage: build-aux/bench-site.sh [BUILDDIR] [RUNS]
set -eu
builddir=${1:-_build}
ninja -C "$builddir" build-aux/otasuke-bench-site >/dev/null
exec "$builddir/build-aux/otasuke-bench-site" "${2:-9}"

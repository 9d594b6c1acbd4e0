#!/bin/sh
# Probe benchmark: wall time of a full probe run on this machine and the
# longest main-loop stall while it runs in the background.
# Usage: build-aux/bench-probe.sh [BUILDDIR] [RUNS]
set -eu
builddir=${1:-_build}
ninja -C "$builddir" build-aux/otasuke-bench-probe >/dev/null
exec "$builddir/build-aux/otasuke-bench-probe" "${2:-11}"

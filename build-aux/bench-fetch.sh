#!/bin/sh
# Fetch benchmark: the longest main-loop stall while the feed fetcher
# downloads a feed and its signature over http and https (loopback).
# Usage: build-aux/bench-fetch.sh [BUILDDIR] [SIZE_KIB] [RUNS]
set -eu
builddir=${1:-_build}
ninja -C "$builddir" build-aux/otasuke-bench-fetch >/dev/null
exec "$builddir/build-aux/otasuke-bench-fetch" "${2:-3500}" "${3:-9}"

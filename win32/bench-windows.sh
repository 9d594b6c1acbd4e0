#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Windows figures, printed (no assertions): MSI size, installed size, and the
# time from start to first painted frame of otasuke.exe under Wine against
# the bare GTK 4 + libadwaita window of the same toolchain
# (build-aux/bare-window.c), alternated in one run. With
# OTASUKE_BENCH_FIRST_FRAME set both quit after their first frame, so the
# wall time of the process is start-up to first frame (plus exit).
#   win32/bench-windows.sh BUILD_WINDOWS MSI INSTALLED_DIR [ROUNDS]
# Needs an X display (xvfb-run) and the WINEPREFIX/WINEPATH the tests use.
set -eu
build=$1 msi=$2 installed=$3 rounds=${4:-5}
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" OTASUKE_BENCH_FIRST_FRAME=1
export GSETTINGS_SCHEMA_DIR=$build/resources GSETTINGS_BACKEND=memory
export LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 XDG_DATA_HOME=$(mktemp -d)
echo "MSI: $(stat -c %s "$msi" | awk '{printf "%.1f MB", $1/1e6}') ($msi)"
echo "installed: $(du -sb "$installed" | awk '{printf "%.1f MB", $1/1e6}') ($installed)"
wineserver -p 2>/dev/null || true   # keep one server for the whole run
run() {
  local s e
  s=$(date +%s%N)
  timeout 120 wine "$1" >/dev/null 2>&1 || true
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}
run "$build/build-aux/otasuke-bare-window.exe" >/dev/null   # warm the caches
o=() b=()
for i in $(seq 1 "$rounds"); do
  b+=("$(run "$build/build-aux/otasuke-bare-window.exe")")
  o+=("$(run "$build/ui/otasuke.exe")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mo=$(median "${o[@]}") mb=$(median "${b[@]}")
echo "first frame under Wine, median of $rounds (ms): otasuke.exe $mo [${o[*]}], bare window $mb [${b[*]}]"
awk -v o="$mo" -v b="$mb" 'BEGIN {printf "ratio: %.2f× (target ≤ 1.3×)\n", o / b}'
wineserver -k 2>/dev/null || true

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Windows figures, printed (no assertions): MSI size, installed size, and the
# time from start to first painted frame of otasuke.exe under Wine against
# the bare GTK 4 + libadwaita window of the same toolchain
# (build-aux/bare-window.c), alternated in one run. With
# OTASUKE_BENCH_FIRST_FRAME set both print the monotonic time of their first
# painted frame ("first-frame <µs>", ui/otasuke-bench.c) and quit. Wine's
# clock is the host's CLOCK_MONOTONIC_RAW, so start to first frame is that
# time minus the moment `wine` was started; the wall time of the whole
# process (which adds the exit: about 2 s for otasuke.exe, which closes its
# store and stops its probes) is printed too.
#   win32/bench-windows.sh BUILD_WINDOWS MSI INSTALLED_DIR [ROUNDS]
# Needs an X display (xvfb-run) and the WINEPREFIX/WINEPATH the tests use.
set -eu
build=$1 msi=$2 installed=$3 rounds=${4:-5}
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" OTASUKE_BENCH_FIRST_FRAME=1
export GSETTINGS_SCHEMA_DIR=$build/resources GSETTINGS_BACKEND=memory
export LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 XDG_DATA_HOME=$(mktemp -d)
# The host fonts the tests' Wine prefix has (win32/wine-fonts.conf).
export FONTCONFIG_FILE=${FONTCONFIG_FILE:-$(cd "$(dirname "$0")" && pwd)/wine-fonts.conf}
echo "MSI: $(stat -c %s "$msi" | awk '{printf "%.1f MB", $1/1e6}') ($msi)"
echo "installed: $(du -sb "$installed" | awk '{printf "%.1f MB", $1/1e6}') ($installed)"
wineserver -p 2>/dev/null || true   # keep one server for the whole run
now_us() { python3 -c 'import time; print(time.clock_gettime_ns(time.CLOCK_MONOTONIC_RAW) // 1000)'; }
# Prints "FIRST_FRAME_MS WALL_MS" for one start of $1.
run() {
  local s e out frame
  out=$(mktemp)
  s=$(now_us)
  timeout 120 wine "$1" >"$out" 2>/dev/null || true
  e=$(now_us)
  frame=$(sed -n 's/^first-frame \([0-9]*\).*/\1/p' "$out" | head -1)
  rm -f "$out"
  echo "$(( (${frame:-$e} - s) / 1000 )) $(( (e - s) / 1000 ))"
}
run "$build/build-aux/otasuke-bare-window.exe" >/dev/null   # warm the caches
o=() b=() ow=() bw=()
for i in $(seq 1 "$rounds"); do
  read -r f w < <(run "$build/build-aux/otasuke-bare-window.exe"); b+=("$f"); bw+=("$w")
  read -r f w < <(run "$build/ui/otasuke.exe"); o+=("$f"); ow+=("$w")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mo=$(median "${o[@]}") mb=$(median "${b[@]}")
mow=$(median "${ow[@]}") mbw=$(median "${bw[@]}")
echo "first frame under Wine, median of $rounds (ms): otasuke.exe $mo [${o[*]}], bare window $mb [${b[*]}]"
awk -v o="$mo" -v b="$mb" 'BEGIN {printf "ratio: %.2f× (target ≤ 1.3×)\n", o / b}'
echo "whole process (start, first frame, exit), median (ms): otasuke.exe $mow [${ow[*]}], bare window $mbw [${bw[*]}]"
awk -v o="$mow" -v b="$mbw" 'BEGIN {printf "ratio with exit: %.2f×\n", o / b}'
wineserver -k 2>/dev/null || true

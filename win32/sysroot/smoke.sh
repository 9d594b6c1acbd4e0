#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Proves the Windows prefix works: cross-compiles smoke.c (an
# AdwApplicationWindow with a Japanese label) against it, runs it under Wine
# on a private Xvfb and takes a screenshot.
#
#   win32/sysroot/smoke.sh [SCREENSHOT.png]   (default: smoke.png in the
#                                              sysroot directory)
#
# Builds the prefix first if needed (win32/sysroot/build.sh). Fails when the
# program does not draw its window, or draws a Japanese character without a
# glyph (the "box" a missing font gives).

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ -z "${OTASUKE_SMOKE_IN_XVFB:-}" ]; then
  prefix=$("$here/build.sh" | sed -n 's/^prefix: //p' | tail -1)
  [ -n "$prefix" ] || { echo "smoke.sh: build.sh gave no prefix" >&2; exit 1; }
  export OTASUKE_SMOKE_PREFIX=$prefix OTASUKE_SMOKE_IN_XVFB=1
  exec xvfb-run -a -s '-screen 0 1024x768x24 -nolisten tcp' "${BASH_SOURCE[0]}" "$@"
fi

prefix=$OTASUKE_SMOKE_PREFIX
root=$(dirname "$prefix")
shot=${1:-$root/smoke.png}
out=$root/smoke
mkdir -p "$out"
rm -f "$shot"

export PKG_CONFIG_LIBDIR=$prefix/lib/pkgconfig:$prefix/share/pkgconfig PKG_CONFIG_PATH=
# shellcheck disable=SC2046
x86_64-w64-mingw32-gcc-posix -O2 -Wall -Wextra -o "$out/smoke.exe" "$here/smoke.c" \
  $(pkg-config --cflags --libs libadwaita-1 gtk4)

# A Wine prefix of our own, kept between runs (the first start takes a while).
export WINEPREFIX=$root/wine WINEDEBUG=-all WINEDLLOVERRIDES='mscoree,mshtml='
export WINEPATH
WINEPATH=$(winepath -w "$prefix/bin" 2>/dev/null)
[ -d "$WINEPREFIX/drive_c" ] || wineboot -i >/dev/null 2>&1
wineserver -w

start=$(date +%s%N)
OTASUKE_SMOKE_SECONDS=6 wine "$out/smoke.exe" >"$out/smoke.log" 2>&1 &
pid=$!
# Screenshot once the first frame is in, plus a moment for Wine to show it.
for _ in $(seq 1 600); do
  grep -q '^first frame' "$out/smoke.log" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if grep -q '^first frame' "$out/smoke.log"; then
  sleep 1.5
  import -window root "$shot"
fi
rc=0
wait "$pid" || rc=$?
wineserver -k || true
tr -d '\r' <"$out/smoke.log" | grep -v '^$' || true
echo "wall time under Wine: $(( ($(date +%s%N) - start) / 1000000 )) ms"
[ -f "$shot" ] && echo "screenshot: $shot"
if [ "$rc" -ne 0 ] || ! grep -q '^first frame' "$out/smoke.log"; then
  echo "smoke.sh: FAILED (exit $rc)" >&2
  exit 1
fi
echo "smoke.sh: OK"

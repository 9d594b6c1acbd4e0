#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Cross-builds Otasuke for 64-bit Windows into BUILD: first the toolchain
# prefix (win32/sysroot/build.sh; from an empty cache this is the long part,
# and how long it took is printed), then `meson setup` (or `meson configure`
# when BUILD exists) with the three cross files and MESON-OPTIONs, then ninja.
# The last line of stdout is "prefix: /path/to/the/toolchain/prefix".
#
#   win32/cross-build.sh BUILD [MESON-OPTION...]
set -eu

if [ $# -lt 1 ]; then
  echo "usage: $0 BUILD [MESON-OPTION...]" >&2
  exit 2
fi
builddir=$1; shift
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s)
win32/sysroot/build.sh | tee "$log"
prefix=$(sed -n 's/^prefix: //p' "$log" | tail -1)
[ -n "$prefix" ] && [ -f "$prefix/../meson-sysroot.ini" ] || {
  echo "$0: win32/sysroot/build.sh named no prefix" >&2
  exit 1
}
if grep -q '^Windows prefix is up to date' "$log"; then
  echo "Windows toolchain: cached ($(dirname "$prefix"))"
else
  echo "Windows toolchain: built in $(( $(date +%s) - start )) s"
fi

if [ -f "$builddir/build.ninja" ]; then
  meson configure "$builddir" "$@" >/dev/null
else
  meson setup "$builddir" --cross-file "$prefix/../meson-sysroot.ini" \
    --cross-file win32/x86_64-w64-mingw32.ini --cross-file win32/wine.ini \
    --wrap-mode=nodownload "$@"
fi
start=$(date +%s)
ninja -C "$builddir"
echo "Windows build ($builddir): $(( $(date +%s) - start )) s"
echo "prefix: $prefix"

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the Windows installer Otasuke-<version>-x64.msi: the toolchain when
# its cache is missing, a release cross-build with the Chamber's key built in
# (-Dchamber_key, exactly as debian/rules does for the Linux package), the
# staged install tree and the per-user MSI (win32/make-msi.sh). Needs
# OTASUKE_CHAMBER_KEY: the Chamber's minisign public key.
#
#   build-aux/windows.sh [OUTPUT-DIR]     (default: the top of the tree)
#
# The build directory is ${OTASUKE_WINDOWS_RELEASE_BUILDDIR:-_build-windows-release}:
# not _build-windows, whose tests check that no key is built in.
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)
out=${1:-$top}
builddir=${OTASUKE_WINDOWS_RELEASE_BUILDDIR:-_build-windows-release}

if [ -z "${OTASUKE_CHAMBER_KEY:-}" ]; then
  echo "windows: OTASUKE_CHAMBER_KEY is not set." >&2
  echo "windows: an installer people run must trust the Chamber's feed key: set it to the" >&2
  echo "windows: Chamber's minisign public key (the base64 line that starts with RW)." >&2
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# meson.build checks the key's form and refuses a malformed one.
win32/cross-build.sh "$builddir" -Dbuildtype=release -Dtests=false \
  -Dchamber_key="$OTASUKE_CHAMBER_KEY" | tee "$log"
prefix=$(sed -n 's/^prefix: //p' "$log" | tail -1)

version=$(meson introspect --projectinfo "$builddir" |
          python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])')
msi=Otasuke-$version-x64.msi
stage=$(cd "$builddir" && pwd)/stage
win32/stage-windows.sh "$builddir" "$prefix" "$stage"
if ! grep -qF "$(printf '%s' "$OTASUKE_CHAMBER_KEY" | tr -d ' \t\r\n')" "$stage/bin/otasuke.exe"; then
  echo "windows: the Chamber's key is not in $stage/bin/otasuke.exe" >&2
  exit 1
fi
mkdir -p "$out"
win32/make-msi.sh "$stage" "$version" "$out/$msi" >/dev/null
echo "windows: $(cd "$out" && pwd)/$msi ($(du -h "$out/$msi" | cut -f1))"

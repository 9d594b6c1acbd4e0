#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Stages the cross-built program for win32/make-msi.sh: `meson install` of
# BUILD into STAGE with --prefix /, then every DLL of the toolchain prefix
# (the mingw runtime DLLs libgcc_s_seh-1, libwinpthread-1, libssp-0 and
# libstdc++-6 are among them) and the compiled schemas beside the program.
#   win32/stage-windows.sh BUILD SYSROOT_PREFIX STAGE
set -eu
build=$1 sysroot=$2 stage=$3
rm -rf "$stage"
meson install -C "$build" --destdir "$stage" --no-rebuild >/dev/null
# meson's prefix (C:/ or /usr/local) under the destdir: flatten it to STAGE.
inner=$(dirname "$(find "$stage" -name otasuke.exe | head -1)")/..
inner=$(cd "$inner" && pwd)
if [ "$inner" != "$(cd "$stage" && pwd)" ]; then
  tmp=$stage.flat
  rm -rf "$tmp"; mv "$inner" "$tmp"; rm -rf "$stage"; mv "$tmp" "$stage"
fi
cp "$sysroot"/bin/*.dll "$stage/bin/"
glib-compile-schemas "$stage/share/glib-2.0/schemas"
echo "staged in $stage: $(du -sh "$stage" | cut -f1)"

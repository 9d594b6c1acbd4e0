#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders the application icon (resources/icons/.../jp.or.sakura_cci.Otasuke.svg)
# into win32/otasuke.ico: 16, 20, 24, 32, 40, 48, 64 and 256 pixels (the
# sizes Windows asks for at 100-250 % scaling; 256 is stored as PNG).
# Needs rsvg-convert (librsvg2-bin) and ImageMagick's convert.
# Usage: build-aux/make-ico.sh [OUT.ico]   (default: win32/otasuke.ico)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
svg="$top/resources/icons/hicolor/scalable/apps/jp.or.sakura_cci.Otasuke.svg"
out=${1:-$top/win32/otasuke.ico}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pngs=""
for size in 16 20 24 32 40 48 64 256; do
  rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio \
    --format png --output "$tmp/$size.png" "$svg"
  pngs="$pngs $tmp/$size.png"
done
# Real ImageMagick, not a wrapper that may flatten transparency.
magick=convert
[ -x /usr/bin/convert ] && magick=/usr/bin/convert
# shellcheck disable=SC2086  # the list of files is meant to split
"$magick" $pngs "$out"
echo "$out"

#!/bin/sh
# Builds otasuke_<version>_<arch>.deb from this tree with dpkg-buildpackage
# (debian/), in a copy of the tree so the checkout stays clean, and checks it
# with lintian. Needs OTASUKE_CHAMBER_KEY: the Chamber's minisign public key.
#
#   build-aux/deb.sh [OUTPUT-DIR]     (default: the top of the tree)
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)
out=${1:-$top}

if [ -z "${OTASUKE_CHAMBER_KEY:-}" ]; then
  echo "deb: OTASUKE_CHAMBER_KEY is not set." >&2
  echo "deb: a package people install must trust the Chamber's feed key: set it to the" >&2
  echo "deb: Chamber's minisign public key (the base64 line that starts with RW)." >&2
  exit 1
fi
export OTASUKE_CHAMBER_KEY

work=$(mktemp -d "${TMPDIR:-/tmp}/otasuke-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/src"
# What git tracks, plus new files not ignored: never a build directory.
git ls-files -z --cached --others --exclude-standard | (cd "$top" && xargs -0 cp --parents -t "$work/src")

version=$(dpkg-parsechangelog -l debian/changelog -S Version)
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
deb="otasuke_${version}_${arch}.deb"

start=$(date +%s)
(cd "$work/src" && DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:-} parallel=$(nproc)" \
  dpkg-buildpackage -b -us -uc --no-sign >"$work/build.log" 2>&1) || {
  tail -n 60 "$work/build.log" >&2
  echo "deb: dpkg-buildpackage failed (log above)" >&2
  exit 1
}
echo "deb: built $deb in $(( $(date +%s) - start )) s"

# lintian: errors fail the build; the warnings kept are explained in
# debian/otasuke.lintian-overrides.
lintian --fail-on error --no-tag-display-limit "$work/$deb" | tee "$work/lintian.log"
mkdir -p "$out"
cp "$work/$deb" "$out/"
echo "deb: $out/$deb"

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `meson setup` as a packager would run it: a release build without the
# Chamber's key, or with a malformed one, must fail to configure and say
# why; a release build with a well-formed key must configure.
#   chamber-key-configure.sh SOURCE_DIR
set -u
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# Each case configures its own build directory; they run side by side.
setup() {
  name=$1; shift
  ( meson setup "$@" "$tmp/$name" "$src" >"$tmp/$name.log" 2>&1; echo $? >"$tmp/$name.rc" ) &
}

expect_failure() {
  name=$1; want=$2
  if [ "$(cat "$tmp/$name.rc")" -eq 0 ]; then
    echo "FAIL: $name: meson setup succeeded"
    status=1
  elif ! grep -q "$want" "$tmp/$name.log"; then
    echo "FAIL: $name: the message does not say \"$want\":"
    tail -5 "$tmp/$name.log"
    status=1
  else
    echo "ok: $name: $(grep -m1 'ERROR:' "$tmp/$name.log")"
  fi
}

key=$(python3 -c 'import base64, os; print(base64.b64encode(b"Ed" + os.urandom(40)).decode())')
setup release-no-key --buildtype=release
setup release-blank-key --buildtype=release "-Dchamber_key=  "
setup malformed-key -Dchamber_key=not-a-key
setup short-key -Dchamber_key=RWQAAAAA
# A base64 line of the right length that is not an Ed25519 key ("Xd…").
setup wrong-algorithm -Dchamber_key=WGQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
setup release-key --buildtype=release "-Dchamber_key=$key"
wait

expect_failure release-no-key "release build needs the Chamber's minisign public key"
expect_failure release-blank-key "release build needs"
expect_failure malformed-key "chamber_key is not a minisign public key: it is not base64"
expect_failure short-key "chamber_key is not a minisign public key: it decodes to 6 bytes"
expect_failure wrong-algorithm "chamber_key is not a minisign public key: it is not an Ed25519"

if [ "$(cat "$tmp/release-key.rc")" -eq 0 ] && grep -q "\"$key\"" "$tmp/release-key/config.h"; then
  echo "ok: release-key: configured, with the key in config.h"
else
  echo "FAIL: release-key: a release build with a valid key did not configure with it:"
  tail -5 "$tmp/release-key.log"
  status=1
fi
exit $status

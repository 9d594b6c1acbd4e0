#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that argv[1] is a minisign public key line (the base64 line of a
.pub file): exit 0 when it is, else 1 with the reason on stderr. Run by
meson.build at configure time for -Dchamber_key."""
import base64
import binascii
import sys

key = sys.argv[1] if len(sys.argv) > 1 else ''
try:
    raw = base64.b64decode(key.encode('ascii'), validate=True)
except (binascii.Error, UnicodeEncodeError):
    sys.exit('it is not base64 (give the second line of the .pub file, starting with RW)')
if len(raw) != 42:
    sys.exit('it decodes to %d bytes instead of 42' % len(raw))
if raw[:2] != b'Ed':
    sys.exit('it is not an Ed25519 minisign key (it does not start with RW)')

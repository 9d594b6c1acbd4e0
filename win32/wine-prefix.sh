#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes the Wine prefix $WINEPREFIX the Windows tests share, once: 64-bit,
# Windows 10, no Mono or Gecko prompts, a real font as the message font
# (below), and only the host fonts of FONTCONFIG_FILE (win32/wine-fonts.conf;
# Wine registers the host fonts it sees when the prefix is made). The first
# test of the cross-built suite (wine-prefix in tests/meson.build); a TAP
# line for meson.
set -eu
: "${WINEPREFIX:?}"
export WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
echo "1..1"

# Windows' message font is a real font (Yu Gothic UI on Japanese Windows);
# Wine's is "MS Shell Dlg", a GDI alias DirectWrite does not know, so GDK's
# reading of the system font (gdkproperty-win32.c) hands Pango a NULL
# description and Pango logs "pango_font_description_to_string: assertion
# 'desc != NULL' failed". Here it is the Japanese font the tests have (a
# LOGFONTW: height -12, weight 400, DEFAULT_CHARSET, "Noto Sans CJK JP").
message_font() {
  timeout 60 wine reg add 'HKCU\Control Panel\Desktop\WindowMetrics' /v MessageFont /t REG_BINARY /f /d \
    f4ffffff0000000000000000000000009001000000000001000000004e006f0074006f002000530061006e007300200043004a004b0020004a0050000000000000000000000000000000000000000000000000000000000000000000 \
    >>"$WINEPREFIX.log" 2>&1
}

# Wine's background programs (services.exe, explorer.exe /desktop, rpcss ...)
# are started by the first Wine program of a server session and keep its
# stdout and stderr open while the session lasts: meson then waits for them
# (minutes, up to the timeout) before it sees that test end, though the test
# itself has finished. Start the server and those programs here, away from
# every test's output, and keep them up between the tests (the server ends
# two minutes after the last program; test-wine-ui.sh, the last test, stops it).
start_server() {
  wineserver -p120 </dev/null >/dev/null 2>&1 || true
  timeout 120 wine cmd.exe /c exit </dev/null >/dev/null 2>&1 || true
}
if [ -f "$WINEPREFIX/system.reg" ]; then
  if grep -q '^"MessageFont"=hex:f4,ff,ff,ff,' "$WINEPREFIX/user.reg"; then
    start_server
    echo "ok 1 - Wine prefix $WINEPREFIX already made"
    exit 0
  fi
  # Made by an older version of this script, with every host font registered
  # (Wine keeps them in the registry): made again.
  timeout 20 wineserver -k >/dev/null 2>&1 || true
  rm -rf "$WINEPREFIX"
fi
mkdir -p "$WINEPREFIX"
start=$(date +%s)
if ! timeout 180 wine wineboot.exe --init >"$WINEPREFIX.log" 2>&1; then
  timeout 10 wineserver -k >/dev/null 2>&1 || true
  echo "not ok 1 - wineboot failed or took over 180 s; see $WINEPREFIX.log"
  exit 1
fi
# Wine 8 says "Windows 7" by default; the program targets 10 and 11.
timeout 60 wine winecfg.exe -v win10 >>"$WINEPREFIX.log" 2>&1 || true
message_font || { echo "not ok 1 - could not set the message font; see $WINEPREFIX.log"; exit 1; }
timeout 60 wineserver -w || true
start_server
echo "ok 1 - Wine prefix made in $(( $(date +%s) - start )) s"

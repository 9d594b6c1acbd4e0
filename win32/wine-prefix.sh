#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes the Wine prefix $WINEPREFIX the Windows tests share, once: 64-bit,
# Windows 10, no Mono or Gecko prompts. The first test of the cross-built
# suite (wine-prefix in win32/meson.build); a TAP line for meson.
set -eu
: "${WINEPREFIX:?}"
export WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
echo "1..1"
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
  start_server
  echo "ok 1 - Wine prefix $WINEPREFIX already made"
  exit 0
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
timeout 60 wineserver -w || true
start_server
echo "ok 1 - Wine prefix made in $(( $(date +%s) - start )) s"

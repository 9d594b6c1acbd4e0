#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Cross-compiles win32/ and its test with mingw-w64 and runs the test under
# Wine in a private prefix. Usage: win32/build-and-test.sh [BUILD_DIR]
# (default: _build-win32 in the source tree). Exits with the test's status.
#
# Needs (Debian 12): gcc-mingw-w64-x86-64 wine wine64, and xvfb (xvfb-run)
# when there is no DISPLAY.

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
build=${1:-$root/_build-win32}

# Wine's windows (the tray test, explorer's systray) want a display.
if [ -z "${DISPLAY:-}" ] && [ -z "${OTASUKE_WIN32_IN_XVFB:-}" ]; then
  if ! command -v xvfb-run >/dev/null; then
    echo "No DISPLAY and no xvfb-run: install xvfb" >&2
    exit 2
  fi
  OTASUKE_WIN32_IN_XVFB=1 exec xvfb-run -a "${BASH_SOURCE[0]}" "$@"
fi

cc=${CC_WIN32:-x86_64-w64-mingw32-gcc}
windres=${WINDRES_WIN32:-x86_64-w64-mingw32-windres}
for tool in "$cc" "$windres" wine wineserver; do
  if ! command -v "$tool" >/dev/null; then
    echo "Missing $tool: apt-get install gcc-mingw-w64-x86-64 wine wine64" >&2
    exit 2
  fi
done

mkdir -p "$build"
build=$(cd "$build" && pwd)
start=$(date +%s)

cflags=(-std=c99 -O2 -g -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
        -Wmissing-prototypes -Wpointer-arith -Wformat=2 -Wno-format-nonliteral
        -municode -I"$here")
# Static runtime: the executables run without any mingw DLL beside them.
ldflags=(-static -municode)
libs=(-lversion -lole32 -loleaut32 -lwbemuuid -luuid -lshell32 -lpropsys -luser32 -ladvapi32)
sources=(otasuke-win32-util.c otasuke-win32-browsers.c otasuke-win32-system.c otasuke-win32-settings.c otasuke-win32-tray.c)

echo "== Compiling into $build"
objects=()
for src in "${sources[@]}"; do
  obj="$build/${src%.c}.o"
  "$cc" "${cflags[@]}" -c "$here/$src" -o "$obj"
  objects+=("$obj")
done
ar rcs "$build/libotasuke-win32.a" "${objects[@]}"

"$cc" "${cflags[@]}" -c "$here/test-win32.c" -o "$build/test-win32.o"
"$cc" "${ldflags[@]}" -o "$build/test-win32.exe" "$build/test-win32.o" \
  "$build/libotasuke-win32.a" "${libs[@]}"

# The fake browsers: one program, three version resources.
"$cc" -std=c99 -Wall -Wextra -Werror -O2 -c "$here/test-version.c" -o "$build/test-version.o"
for variant in chrome chromium fixed; do
  case $variant in
    chrome) defs=() ;;
    chromium) defs=(-DVARIANT_CHROMIUM) ;;
    fixed) defs=(-DVARIANT_FIXED) ;;
  esac
  "$windres" "${defs[@]}" "$here/test-version.rc" -O coff -o "$build/test-version-$variant.res.o"
  "$cc" -static -o "$build/test-version-$variant.exe" "$build/test-version.o" \
    "$build/test-version-$variant.res.o"
done
echo "== Built in $(( $(date +%s) - start )) s"

export WINEPREFIX="$build/wineprefix"
export WINEARCH=win64
export WINEDEBUG=-all
# No Mono or Gecko download prompts.
export WINEDLLOVERRIDES="mscoree,mshtml="

if [ ! -f "$WINEPREFIX/system.reg" ]; then
  echo "== Creating the Wine prefix (first run only)"
  boot_start=$(date +%s)
  if ! timeout 120 wine wineboot.exe --init >"$build/wineboot.log" 2>&1; then
    echo "wineboot failed or took over 120 s; see $build/wineboot.log" >&2
    timeout 10 wineserver -k || true
    exit 2
  fi
  # Wine 8 says "Windows 7" by default; the program targets 10 and 11.
  timeout 60 wine winecfg.exe -v win10 >>"$build/wineboot.log" 2>&1 || true
  timeout 60 wineserver -w || true
  echo "== Prefix ready in $(( $(date +%s) - boot_start )) s"
fi

# Values planted in this private prefix's real registry, read back by
# test_settings_planted (Security Center itself does not exist under Wine).
plant() { timeout 30 wine reg add "$@" /f >/dev/null 2>&1 || { echo "wine reg add $1 failed" >&2; exit 2; }; }
fw='HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy'
plant "$fw\DomainProfile" /v EnableFirewall /t REG_DWORD /d 1
plant "$fw\StandardProfile" /v EnableFirewall /t REG_DWORD /d 1
plant "$fw\PublicProfile" /v EnableFirewall /t REG_DWORD /d 0
plant 'HKCU\Control Panel\Desktop' /v ScreenSaveActive /t REG_SZ /d 1
plant 'HKCU\Control Panel\Desktop' /v ScreenSaverIsSecure /t REG_SZ /d 1
plant 'HKCU\Control Panel\Desktop' /v ScreenSaveTimeOut /t REG_SZ /d 300
plant 'HKCU\Software\Microsoft\Office\16.0\PowerPoint\Security' /v VBAWarnings /t REG_DWORD /d 2
export OTASUKE_WIN32_PLANTED=1
export WINEDEBUG=-all

echo "== Running test-win32.exe under $(wine --version 2>/dev/null || echo wine)"
set +e
timeout 120 wine "$build/test-win32.exe" 2>"$build/test-win32.stderr" | tr -d '\r' | tee "$build/test-win32.log"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -eq 124 ]; then
  echo "test-win32.exe timed out" >&2
fi

# Our prefix's server and whatever it still runs (explorer), nothing else.
timeout 10 wineserver -k >/dev/null 2>&1 || true

summary=$(tail -n 1 "$build/test-win32.log" || true)
echo "== Summary: ${summary:-no summary (status $status)}; total $(( $(date +%s) - start )) s"
exit "$status"

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Tests win32/make-msi.sh on a fake stage (a few dummy files in bin\, lib\
# and share\): the MSI is made, its tables say per-user (no ALLUSERS, no
# elevation), with a Start-menu shortcut, a RemoveFolder entry for every
# folder and an optional Autostart feature; msiextract gives back the
# files. With wine (and WINE_MSI_TEST unset or 1) it also installs the MSI
# with `wine msiexec /i … /qn` into a fresh private prefix, twice (with and
# without Autostart), checks files, shortcut and Run value, uninstalls and
# checks that nothing of it is left. The real MSI (the cross-built program)
# is tested the same way by win32/test-msi-install.sh, from build-aux/dev.sh test.
# Usage: win32/test-make-msi.sh [WORK_DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

stage=$work/stage
rm -rf "$stage"
mkdir -p "$stage/bin" "$stage/lib/gdk-pixbuf-2.0/2.10.0/loaders" \
         "$stage/share/locale/ja/LC_MESSAGES" "$stage/share/glib-2.0/schemas"
printf 'MZ fake otasuke\n' > "$stage/bin/otasuke.exe"
printf 'MZ fake feed tool\n' > "$stage/bin/otasuke-feed.exe"
printf 'fake dll\n' > "$stage/bin/libglib-2.0-0.dll"
printf 'fake loader\n' > "$stage/lib/gdk-pixbuf-2.0/2.10.0/loaders/libpixbufloader-png.dll"
printf 'fake catalogue\n' > "$stage/share/locale/ja/LC_MESSAGES/otasuke.mo"
printf 'fake schemas\n' > "$stage/share/glib-2.0/schemas/gschemas.compiled"
msi=$work/Otasuke-0.1.0-x64.msi

# Refusals first: bad arguments change nothing.
if "$here/make-msi.sh" "$stage" 'x;y' "$work/bad.msi" 2>/dev/null || [ -e "$work/bad.msi" ]; then
  fail "a malformed version was accepted"
else ok "a malformed version is refused"; fi
if "$here/make-msi.sh" "$work/nothing-here" 0.1.0 "$work/bad.msi" 2>/dev/null || [ -e "$work/bad.msi" ]; then
  fail "a missing stage was accepted"
else ok "a missing stage is refused"; fi

"$here/make-msi.sh" "$stage" 0.1.0 "$msi" >/dev/null
[ -s "$msi" ] && ok "MSI made ($(wc -c < "$msi") bytes)" || fail "no MSI"

table() { msiinfo export "$msi" "$1" | tr -d '\r' | tail -n +4; }
table Property | grep -q '^ALLUSERS' && fail "ALLUSERS is set: not a per-user install" || ok "no ALLUSERS: per user"
# Word count bit 8: elevated privileges are not required.
wc_=$(msiinfo suminfo "$msi" | sed -n 's/^Source: \([0-9]*\).*/\1/p')
[ $(( ${wc_:-0} & 8 )) -eq 8 ] && ok "no elevation (word count $wc_)" || fail "word count ${wc_:-?} asks for elevation"
table Directory | grep -q "^INSTALLDIR	ProgramsFolder	Otasuke" && table Directory | grep -q "^ProgramsFolder	LocalAppDataFolder	Programs" \
  && ok "installs into LocalAppData\\Programs\\Otasuke" || fail "wrong install folder"
table Shortcut | grep -q "^StartMenuShortcut	ProgramMenuFolder	Otasuke	.*\\[INSTALLDIR\\]bin\\\\otasuke.exe" \
  && ok "Start-menu shortcut" || fail "no Start-menu shortcut"
n_dirs=$(find "$stage" -type d | wc -l)
n_rm=$(table RemoveFile | grep -c '	2$' || true)
[ "$n_dirs" -eq "$n_rm" ] && ok "a RemoveFolder for each of the $n_dirs folders" || fail "$n_rm RemoveFolder entries for $n_dirs folders"
table Feature | grep -q '^Autostart		Start at login		2	2' && ok "optional Autostart feature (off by default)" || fail "no optional Autostart feature"
table Registry | grep -q 'Software\\Microsoft\\Windows\\CurrentVersion\\Run	Otasuke	"\[INSTALLDIR\]bin\\otasuke.exe" --background' \
  && ok "Autostart writes the Run value otasuke.exe writes" || fail "Autostart's Run value is wrong"
rm -rf "$work/x"
msiextract -C "$work/x" "$msi" >/dev/null
if (cd "$stage" && find . -type f | sort) > "$work/want" &&
   (cd "$work/x/Programs/Otasuke" && find . -type f | sort) > "$work/got" && cmp -s "$work/want" "$work/got"; then
  ok "msiextract gives back the $(wc -l < "$work/want") files"
else
  fail "extracted files differ"; diff "$work/want" "$work/got" || true
fi

if [ "${WINE_MSI_TEST:-1}" = 1 ] && command -v wine >/dev/null; then
  export WINEPREFIX="$work/wineprefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
  rm -rf "$WINEPREFIX"
  timeout 180 wineboot -i >/dev/null 2>&1 || true
  user_dir=$(find "$WINEPREFIX/drive_c/users" -mindepth 1 -maxdepth 1 -type d ! -name Public | head -1)
  installed="$user_dir/AppData/Local/Programs/Otasuke"
  lnk="$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Otasuke.lnk"
  run_value() { timeout 60 wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Run' /v Otasuke 2>/dev/null | tr -d '\r' | grep Otasuke || true; }
  for features in Main ALL; do
    timeout 120 wine msiexec /i "$(winepath -w "$msi")" /qn ADDLOCAL=$features >/dev/null 2>&1 || fail "msiexec /i ADDLOCAL=$features"
    [ -f "$installed/bin/otasuke.exe" ] && [ -f "$installed/share/locale/ja/LC_MESSAGES/otasuke.mo" ] \
      && ok "installed without administrator rights ($features)" || fail "files not installed ($features)"
    [ -f "$lnk" ] && ok "shortcut in the Start menu" || fail "no Start-menu shortcut"
    if [ $features = ALL ]; then
      run_value | grep -q 'Otasuke\\bin\\otasuke.exe" --background' && ok "Autostart: Run value set" || fail "Autostart: no Run value"
    else
      [ -z "$(run_value)" ] && ok "no Run value without Autostart" || fail "Run value without Autostart"
    fi
    timeout 120 wine msiexec /x "$(winepath -w "$msi")" /qn >/dev/null 2>&1 || fail "msiexec /x"
    left=$(find "$user_dir" -ipath '*otasuke*' 2>/dev/null || true)
    [ -z "$left" ] && ok "uninstalled: no file or folder left" || { fail "left after uninstall:"; echo "$left"; }
    [ -z "$(run_value)" ] && ok "uninstalled: no Run value" || fail "Run value left"
    timeout 60 wine reg query 'HKCU\Software\Otasuke' >/dev/null 2>&1 && fail "HKCU\\Software\\Otasuke left" || ok "uninstalled: no registry key left"
  done
  timeout 30 wineserver -k 2>/dev/null || true
fi

echo "$failures failed"
[ $failures -eq 0 ]

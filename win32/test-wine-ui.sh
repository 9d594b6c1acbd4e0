#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The real otasuke.exe under Wine, in Japanese: starts it on the X display
# (Xvfb under `meson test`, see build-aux/dev.sh), waits for its window by its
# Japanese title, shows each page with its shortcut (Alt+1 … Alt+5), takes a
# screenshot of the screen after each (`import -window root`) and checks that
# the page changed what is on the screen. TAP for meson.
#
# Usage: test-wine-ui.sh OTASUKE_EXE SCREENSHOT_DIR
# Environment: WINEPREFIX and WINEPATH as the other Windows tests have them
# (tests/meson.build), GSETTINGS_SCHEMA_DIR and OTASUKE_LOCALEDIR of the build.
set -uo pipefail

exe=$1
shots=$2
: "${DISPLAY:?needs an X display (xvfb-run)}"
for tool in wine xdotool xwininfo import compare convert; do
  command -v "$tool" >/dev/null || { echo "Bail out! $tool is missing (build-aux/dev.sh installs it)"; exit 1; }
done

export LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 LANGUAGE=
# Not fatal, so that the log shows them all: any CRITICAL, and any WARNING
# but GDK's about Wine's missing keyboard-layout keys and the like, fails the
# test below. (Pango's "desc != NULL" criticals came from Wine's setup, not
# the program: see win32/wine-prefix.sh and win32/wine-fonts.conf.)
export G_DEBUG=gc-friendly
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# The store and settings of this run only.
data=$(mktemp -d)
export XDG_DATA_HOME=$data GSETTINGS_BACKEND=memory
mkdir -p "$shots"
rm -f "$shots"/*.png
log=$shots/otasuke.log

title='セキュリティお助けナビ'
pages=(overview check advisories history sheet)
# Their buttons in the header bar of the window at its default size (1082×842
# with its shadow: the drawn window starts 61 px in), in window coordinates.
tab_x=(295 418 540 664 786)
tab_y=77
echo "1..$(( ${#pages[@]} + 2 ))"

wine "$exe" >"$log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null
  timeout 20 wineserver -k >/dev/null 2>&1
  rm -rf "$data"
}
trap cleanup EXIT

# The window: mapped, titled in Japanese and of a real size.
. "$(dirname "$0")/wait-for-window.sh"
wait_for_window "$title" "$pid" 60
case $? in
  2)
    echo "not ok 1 - otasuke.exe exited before its window appeared; its log:"
    sed 's/^/# /' "$log"
    exit 1 ;;
  1)
    echo "not ok 1 - no window titled $title within 60 s"
    xwininfo -root -tree | sed 's/^/# /'
    exit 1 ;;
esac
echo "ok 1 - the window \"$title\" is up ($geometry)"

status=0
previous=
n=2
# Waits until the screen shows something other than $previous (the page has
# been drawn), then keeps that picture as $shots/$page.png.
for i in "${!pages[@]}"; do
  page=${pages[$i]}
  # A click on the page's button in the header bar, through XTEST (Wine
  # ignores synthetic events, and without a window manager nothing has the
  # keyboard focus for the Alt+N shortcuts).
  xdotool mousemove --window "$window" "${tab_x[$i]}" "$tab_y" click 1
  shot=$shots/$page.png
  changed=
  for _ in $(seq 1 40); do
    import -window root "$shot"
    colours=$(convert "$shot" -format '%k' info:)
    if [ "$colours" -gt 16 ]; then
      if [ -z "$previous" ]; then
        changed=first
        break
      fi
      diff=$(compare -metric AE "$previous" "$shot" null: 2>&1 | cut -d' ' -f1)
      if [ "${diff%%.*}" -gt 1000 ] 2>/dev/null; then
        changed=$diff
        break
      fi
    fi
    sleep 0.5
  done
  if [ -n "$changed" ]; then
    echo "ok $n - page $page shown ($colours colours, $changed pixels changed) in $shot"
  else
    echo "not ok $n - page $page: the screen did not change after a click on its button"
    status=1
  fi
  previous=$shot
  n=$(( n + 1 ))
done

criticals=$(grep -E -- '-CRITICAL \*\*' "$log" || true)
others=$(grep -E 'CRITICAL|WARNING' "$log" | grep -v 'Gdk-WARNING' || true)
if [ -n "$others" ]; then
  echo "# criticals and warnings from otasuke.exe:"
  printf '%s\n' "$others" | sed 's/^/# /'
  status=1
fi
echo "# criticals from otasuke.exe: $(printf '%s' "$criticals" | grep -c . || true)"
if kill -0 "$pid" 2>/dev/null; then
  echo "ok $n - otasuke.exe still running after every page"
else
  echo "not ok $n - otasuke.exe exited; its log:"
  sed 's/^/# /' "$log"
  status=1
fi
exit $status

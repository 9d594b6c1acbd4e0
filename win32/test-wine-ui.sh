#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The real otasuke.exe under Wine, in Japanese: starts it on the X display
# (Xvfb under `meson test`, see build-aux/dev.sh), waits for its window by its
# Japanese title, clicks each page's button in the header bar, and checks
# in a screenshot (`import -window root`) that that button is drawn selected
# and the page has settled, keeping the picture. TAP for meson.
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
pages=(overview check advisories history sheet action)
# Their buttons in the header bar of the window at its default size (1082×842
# with its shadow: the drawn window starts 61 px in), in window coordinates:
# six buttons, 100 px each, the first from x 241 to 340.
tab_x=(291 391 491 591 691 791)
tab_y=77
# The row of the screen where a button's own background shows (below its
# label's icon, above its text), and how far into a button to read it.
band_y=80
band_in=8

# Which of the six buttons is drawn selected in the screenshot $1: the one
# darkest at its left edge, when it is darker than every other by at least 6
# (the pointer is moved away first, so no button is merely hovered).
selected_button() {
  local shot=$1 best=-1 best_v=999 second_v=999 v
  for j in "${!tab_x[@]}"; do
    v=$(convert "$shot" -format "%[fx:int(255*p{$(( tab_x[j] - 50 + band_in )),$band_y}.intensity)]" info: 2>/dev/null) || return 1
    if [ "$v" -lt "$best_v" ]; then
      second_v=$best_v; best_v=$v; best=$j
    elif [ "$v" -lt "$second_v" ]; then
      second_v=$v
    fi
  done
  [ $(( second_v - best_v )) -ge 6 ] && echo "$best"
}
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
n=2
# For each page: a click on its button, then a picture of the page once it
# has settled, kept as $shots/$page.png.
for i in "${!pages[@]}"; do
  page=${pages[$i]}
  # A click on the page's button in the header bar, through XTEST (Wine
  # ignores synthetic events, and without a window manager nothing has the
  # keyboard focus for the Alt+N shortcuts).
  xdotool mousemove --window "$window" "${tab_x[$i]}" "$tab_y" click 1
  xdotool mousemove --window "$window" 5 5
  shot=$shots/$page.png
  next=$shots/$page-next.png
  changed=
  steady=
  # Its button drawn selected, then the page drawn: two pictures in a row the same.
  for _ in $(seq 1 60); do
    import -window root "$next"
    colours=$(convert "$next" -format '%k' info:)
    if [ "$colours" -gt 16 ] && [ "$(selected_button "$next")" = "$i" ]; then
      if [ -n "$changed" ] && [ "$(compare -metric AE "$shot" "$next" null: 2>&1 | cut -d' ' -f1)" = 0 ]; then
        steady=1
        break
      fi
      changed=1
      mv "$next" "$shot"
    fi
    sleep 0.5
  done
  rm -f "$next"
  if [ -n "$steady" ]; then
    echo "ok $n - page $page shown, its button selected ($colours colours) in $shot"
  elif [ -n "$changed" ]; then
    echo "not ok $n - page $page: its button is selected but the screen never settled"
    status=1
  else
    echo "not ok $n - page $page: its button is not drawn selected after a click on it; see $shots"
    import -window root "$shots/$page-failed.png"
    status=1
  fi
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

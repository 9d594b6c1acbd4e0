# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the Wine UI tests (bash): wait_for_window TITLE PID SECONDS
# waits until a mapped window titled exactly TITLE and of a real size is on
# the X display (Wine also maps 1×1 helper windows of a program, such as the
# tray's), polling every half second. Sets $window (the X id) and $geometry
# (WxH). Returns 0 when it is up, 1 after SECONDS, 2 when PID exited first.
wait_for_window() {
  local title=$1 pid=$2 tries=$(( $3 * 2 ))
  window=
  geometry=
  for _ in $(seq 1 "$tries"); do
    window=$(xdotool search --onlyvisible --name "^$title\$" 2>/dev/null | head -1)
    if [ -n "$window" ]; then
      geometry=$(xwininfo -id "$window" | awk '/Width:/ {w=$2} /Height:/ {h=$2} END {print w "x" h}')
      case $geometry in
        [0-9][0-9][0-9]*x[0-9][0-9][0-9]*) return 0 ;;
      esac
    fi
    window=
    kill -0 "$pid" 2>/dev/null || return 2
    sleep 0.5
  done
  return 1
}

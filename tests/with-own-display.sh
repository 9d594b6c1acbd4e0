#!/bin/sh
# Runs a window test on an X server of its own, so test programs running side
# by side do not take focus from each other (a popover closes when its window
# loses focus, and an unfocused window is drawn in its backdrop state). Without
# Xvfb it runs the test on the display it was given.
set -u

if ! command -v Xvfb >/dev/null 2>&1; then
  exec "$@"
fi

dir=$(mktemp -d)
mkfifo "$dir/displayfd"
# -displayfd lets the server pick a free display itself: no race between tests.
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$dir/displayfd" >/dev/null 2>&1 &
server=$!
read -r display < "$dir/displayfd"
rm -rf "$dir"

if [ -z "$display" ]; then
  kill "$server" 2>/dev/null
  echo "with-own-display.sh: Xvfb did not start" >&2
  exit 1
fi

DISPLAY=":$display" "$@"
status=$?
kill "$server" 2>/dev/null
wait "$server" 2>/dev/null
exit $status

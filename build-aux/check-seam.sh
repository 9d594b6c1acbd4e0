#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when the platform seam leaks: a platform #if in app/ or ui/ (the
# platform code lives in the *-unix.c, *-linux.c, *-xdg.c files there and
# in their twins in win32/, chosen in meson.build), or a Linux-side file
# listed in meson.build whose Windows twin is missing. Run by `meson test`.
set -eu
top=${1:-$(dirname "$0")/..}
cd "$top"
status=0

leaks=$(grep -nE '^[[:space:]]*#[[:space:]]*(if|ifdef|ifndef|elif)\b.*(G_OS_WIN32|G_OS_UNIX|G_PLATFORM_WIN32|_WIN32|_WIN64|__MINGW|__linux__|__unix__|_MSC_VER)' \
  app/*.c app/*.h ui/*.c ui/*.h 2>/dev/null || true)
if [ -n "$leaks" ]; then
  echo "Platform #if outside the seam (move it into a -unix.c file and a win32/ twin):"
  echo "$leaks"
  status=1
fi

# Each interface has both sides: for app/X-{unix,linux,xdg}.c and
# ui/X-{unix,libnotify}.c (and the SNI tray) there is a win32/X-win32.c.
for f in app/*-unix.c app/*-linux.c app/*-xdg.c ui/*-unix.c ui/*-libnotify.c; do
  [ -f "$f" ] || continue
  base=$(basename "$f" .c)
  base=${base%-unix}; base=${base%-linux}; base=${base%-xdg}; base=${base%-libnotify}
  base=${base%-platform}
  if [ ! -f "win32/$base-win32.c" ]; then
    echo "$f has no Windows twin win32/$base-win32.c"
    status=1
  fi
  if ! grep -q "'$f'" meson.build; then
    echo "$f is not in the platform lists of meson.build"
    status=1
  fi
done
for f in win32/otasuke-*-win32.c; do
  if ! grep -q "'$(basename "$f")'" win32/meson.build; then
    echo "$f is not in win32/meson.build"
    status=1
  fi
done

[ $status -eq 0 ] && echo "platform seam: no #if in app/ or ui/, every Linux file has its Windows twin"
exit $status

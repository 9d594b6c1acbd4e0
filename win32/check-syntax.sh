#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Compile-checks the Windows side (win32/*.c and the platform-neutral files
# of app/ and ui/ they are built with) with mingw-w64 and -fsyntax-only,
# under the project's warning flags. Until a Windows GLib/GTK prefix exists
# (OTASUKE_WIN32_PREFIX, or ~/.cache/otasuke/sysroot-*/prefix with
# include/glib-2.0), it uses the Linux GLib/GTK headers with a Windows-shaped
# glibconfig.h (LLP64, G_OS_WIN32) and a stand-in libintl.h: good for
# declarations and types, not a substitute for linking.
# Usage: win32/check-syntax.sh [BUILD_DIR]   (BUILD_DIR: a configured Linux
# build for config.h and the resource header; default _build)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/_build}
cc=${CC_WIN32:-x86_64-w64-mingw32-gcc}
[ -f "$build/config.h" ] || { echo "No $build/config.h: run meson setup first" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

prefix=${OTASUKE_WIN32_PREFIX:-}
if [ -z "$prefix" ]; then
  for p in "$HOME"/.cache/otasuke/sysroot-*/prefix; do
    [ -d "$p/include/glib-2.0" ] && prefix=$p
  done
fi

if [ -n "$prefix" ]; then
  echo "Windows prefix: $prefix"
  incs=$(PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR= \
         pkg-config --cflags gtk4 libadwaita-1 json-glib-1.0 libsoup-3.0 sqlite3 libsodium 2>/dev/null || true)
  [ -n "$incs" ] || incs="-I$prefix/include -I$prefix/include/glib-2.0 -I$prefix/lib/glib-2.0/include"
else
  echo "No Windows prefix yet: Linux headers with a Windows-shaped glibconfig.h"
  mkdir -p "$tmp/inc/extra"
  python3 - "$(pkg-config --variable=libdir glib-2.0)/glib-2.0/include/glibconfig.h" "$tmp/inc/glibconfig.h" <<'PY'
import sys
s = open(sys.argv[1]).read()
for a, b in [
    ('typedef signed long gint64;', 'typedef signed long long gint64;'),
    ('typedef unsigned long guint64;', 'typedef unsigned long long guint64;'),
    ('(val##L)', '(val##LL)'), ('(val##UL)', '(val##ULL)'),
    ('"l"', '"ll"'), ('"li"', '"lli"'), ('"lu"', '"llu"'),
    ('#define GLIB_SIZEOF_LONG   8', '#define GLIB_SIZEOF_LONG   4'),
    ('typedef signed long gssize;', 'typedef signed long long gssize;'),
    ('typedef unsigned long gsize;', 'typedef unsigned long long gsize;'),
    ('#define G_MAXSIZE\tG_MAXULONG', '#define G_MAXSIZE\tG_MAXUINT64'),
    ('#define G_MINSSIZE\tG_MINLONG', '#define G_MINSSIZE\tG_MININT64'),
    ('#define G_MAXSSIZE\tG_MAXLONG', '#define G_MAXSSIZE\tG_MAXINT64'),
    ('(glong) (p)', '(gint64) (p)'), ('(gulong) (p)', '(guint64) (p)'),
    ('(glong) (i)', '(gint64) (i)'), ('(gulong) (u)', '(guint64) (u)'),
    ('typedef signed long gintptr;', 'typedef signed long long gintptr;'),
    ('typedef unsigned long guintptr;', 'typedef unsigned long long guintptr;'),
    ('#define G_OS_UNIX', '#define G_PLATFORM_WIN32\n#define G_OS_WIN32'),
    ('((gulong) GUINT64_TO_LE (val))', '((gulong) GUINT32_TO_LE (val))'),
    ('((glong) GINT64_TO_LE (val))', '((glong) GINT32_TO_LE (val))'),
    ('((glong) GINT64_TO_BE (val))', '((glong) GINT32_TO_BE (val))'),
    ('((gulong) GUINT64_TO_BE (val))', '((gulong) GUINT32_TO_BE (val))'),
    ('typedef int GPid;', 'typedef void * GPid;'), ('#define G_PID_FORMAT "i"', '#define G_PID_FORMAT "p"'),
    ('#define G_MODULE_SUFFIX "so"', '#define G_MODULE_SUFFIX "dll"'),
]:
    if a not in s:
        sys.exit("glibconfig.h: no %r" % a)
    s = s.replace(a, b)
open(sys.argv[2], "w").write(s)
PY
  cat > "$tmp/inc/libintl.h" <<'H'
#pragma once
char *gettext (const char *msgid) __attribute__ ((format_arg (1)));
char *dgettext (const char *domain, const char *msgid) __attribute__ ((format_arg (2)));
char *dcgettext (const char *domain, const char *msgid, int category) __attribute__ ((format_arg (2)));
char *ngettext (const char *msgid, const char *plural, unsigned long n) __attribute__ ((format_arg (1), format_arg (2)));
char *dngettext (const char *domain, const char *msgid, const char *plural, unsigned long n) __attribute__ ((format_arg (2), format_arg (3)));
char *textdomain (const char *domain);
char *bindtextdomain (const char *domain, const char *dir);
char *bind_textdomain_codeset (const char *domain, const char *codeset);
H
  for h in sqlite3.h sodium.h sodium zxcvbn.h jansson.h jansson_config.h curl; do
    [ -e "/usr/include/$h" ] && ln -s "/usr/include/$h" "$tmp/inc/extra/$h"
  done
  # Only the library folders, never /usr/include itself or the Linux multiarch folder.
  incs="-I$tmp/inc -I$tmp/inc/extra $(pkg-config --cflags gtk4 libadwaita-1 json-glib-1.0 libsoup-3.0 pangocairo |
    tr ' ' '\n' | grep '^-I' | grep -v -e '-linux-gnu$' -e '^-I/usr/include$' | tr '\n' ' ')"
  graphene=$(pkg-config --variable=libdir graphene-1.0 2>/dev/null)/graphene-1.0/include
  [ -d "$graphene" ] && incs="$incs -I$graphene"
fi

flags="-std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wno-sign-compare
  -Wswitch-default -Wswitch-enum -Wformat-security -Werror=format=2 -Werror=implicit-function-declaration
  -Werror=incompatible-pointer-types -Werror=int-conversion -Werror=missing-prototypes
  -Werror=missing-declarations -Werror=shadow -Werror=strict-prototypes -Werror=return-type
  -Werror=pointer-to-int-cast -Werror=int-to-pointer-cast -Werror=write-strings -Werror=redundant-decls
  -DUNICODE -D_UNICODE
  -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74
  -DGDK_VERSION_MIN_REQUIRED=GDK_VERSION_4_8 -DGDK_VERSION_MAX_ALLOWED=GDK_VERSION_4_8
  -DADW_VERSION_MIN_REQUIRED=ADW_VERSION_1_2 -DADW_VERSION_MAX_ALLOWED=ADW_VERSION_1_2"

# What a Windows build compiles: the plain library, the twins, and the
# platform-neutral files that now sit on the seam (not the Linux twins).
files="win32/otasuke-win32-*.c win32/otasuke-*-win32.c
  app/otasuke-os-info.c app/otasuke-probe.c app/otasuke-probe-os.c app/otasuke-probe-service.c app/otasuke-subprocess.c app/otasuke-store-open.c app/otasuke-feed-tool.c
  app/otasuke-checklist-suggest.c ui/main.c ui/otasuke-application.c ui/otasuke-notifier.c
  ui/otasuke-tray.c ui/otasuke-launch.c ui/otasuke-platform-ui.c ui/otasuke-advisories-page.c
  ui/otasuke-check-item.c"
status=0
cd "$top"
for f in $files; do
  # shellcheck disable=SC2086  # flag lists are meant to split
  if out=$("$cc" -fsyntax-only $flags -I"$build" -I"$build/resources" -Iapp -Iui -Iwin32 $incs "$f" 2>&1); then
    echo "ok   $f"
  else
    echo "FAIL $f"; echo "$out" | grep -v -e '^In file included' -e '^ *from ' | head -20
    status=1
  fi
  echo "$out" | grep -q 'warning:' && { echo "$out" | grep -A3 'warning:' | head -12; }
done
exit $status

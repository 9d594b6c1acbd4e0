#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds every tests/fuzz/fuzz-*.c as a libFuzzer target with ASan and UBSan,
# linked with the app sources the targets need, then runs each one for a while
# over a copy of its seed corpus (tests/fuzz/corpus/NAME for fuzz-NAME.c; the
# source corpus is never written to). Fails on any crash, leak or sanitizer
# report; the input that caused it is kept in BUILDDIR/fuzz/artifacts/.
#
# Usage: build-aux/fuzz.sh [BUILDDIR] [SECONDS]
#   BUILDDIR  where to build (default _build-fuzz). If it is a configured meson
#             build directory, its config.h is used; otherwise a minimal one
#             is written.
#   SECONDS   run time per target (default $FUZZ_SECONDS, else 20).
# Environment: FUZZ_CC (default clang), FUZZ_TARGETS (e.g. "feed minisig" to
# run only some targets).

set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-"$srcdir/_build-fuzz"}
seconds=${2:-${FUZZ_SECONDS:-20}}
cc=${FUZZ_CC:-clang}

# Every target is linked with all of these that exist (others may be mid-way).
app_sources="otasuke-feed.c otasuke-feed-fields.c otasuke-feed-item.c otasuke-feed-json.c
  otasuke-html-text.c otasuke-json.c otasuke-json-check.c otasuke-minisign.c otasuke-minisign-sign.c
  otasuke-text.c otasuke-url.c otasuke-version.c"

case $seconds in
  ''|*[!0-9]*) echo "fuzz.sh: SECONDS must be a whole number, not '$seconds'" >&2; exit 2 ;;
esac

mkdir -p "$builddir"
builddir=$(cd "$builddir" && pwd)
outdir=$builddir/fuzz
mkdir -p "$outdir/obj" "$outdir/artifacts"

if [ -f "$builddir/config.h" ]; then
  config_dir=$builddir
else
  config_dir=$outdir
  cat > "$outdir/config.h" <<'EOF'
/* Written by build-aux/fuzz.sh */
#pragma once
#define APPLICATION_ID "jp.or.sakura_cci.Otasuke.Fuzz"
#define BASE_APPLICATION_ID "jp.or.sakura_cci.Otasuke"
#define RESOURCE_PREFIX "/jp/or/sakura_cci/Otasuke"
#define PACKAGE_NAME "otasuke"
#define PACKAGE_VERSION "0-fuzz"
#define GETTEXT_PACKAGE "otasuke"
#define LOCALEDIR "/usr/share/locale"
#define PKGDATADIR "/usr/share/otasuke"
#define DEVELOPMENT_BUILD 1
EOF
fi

dep_cflags=$(pkg-config --cflags glib-2.0 gio-2.0 jansson libsodium)
dep_libs=$(pkg-config --libs glib-2.0 gio-2.0 jansson libsodium)
cflags="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
  -Wall -Wno-unused-parameter
  -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74
  -I$config_dir -I$srcdir/app $dep_cflags"

# The app sources get coverage instrumentation without libFuzzer's main().
objects=
for source in $app_sources; do
  [ -f "$srcdir/app/$source" ] || continue
  object=$outdir/obj/${source%.c}.o
  echo "  CC      app/$source"
  # shellcheck disable=SC2086
  $cc $cflags -fsanitize=fuzzer-no-link -c "$srcdir/app/$source" -o "$object"
  objects="$objects $object"
done

targets=
for source in "$srcdir"/tests/fuzz/fuzz-*.c; do
  [ -f "$source" ] || continue
  target=$(basename "$source" .c)
  name=${target#fuzz-}
  if [ -n "${FUZZ_TARGETS:-}" ]; then
    case " $FUZZ_TARGETS " in
      *" $name "*) ;;
      *) continue ;;
    esac
  fi
  echo "  CCLD    $target"
  # shellcheck disable=SC2086
  $cc $cflags -fsanitize=fuzzer "$source" $objects $dep_libs -o "$outdir/$target"
  targets="$targets $target"
done

if [ -z "$targets" ]; then
  echo "fuzz.sh: no fuzz targets in $srcdir/tests/fuzz" >&2
  exit 2
fi

failed=
for target in $targets; do
  name=${target#fuzz-}
  seeds=$srcdir/tests/fuzz/corpus/$name
  corpus=$outdir/corpus/$name
  log=$outdir/$target.log

  rm -rf "$corpus"
  mkdir -p "$corpus"
  if [ -d "$seeds" ]; then
    cp -R "$seeds/." "$corpus/"
  fi

  set -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
         -artifact_prefix="$outdir/artifacts/$target-"
  if [ -f "$srcdir/tests/fuzz/$target.dict" ]; then
    set -- "$@" -dict="$srcdir/tests/fuzz/$target.dict"
  fi

  echo "  FUZZ    $target for ${seconds}s (log: $log)"
  status=0
  G_SLICE=always-malloc G_DEBUG=fatal-criticals \
  ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$outdir/$target" "$@" "$corpus" > "$log" 2>&1 || status=$?

  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  if [ "$status" -ne 0 ]; then
    echo "  FAIL    $target (exit status $status, ${runs:-?} executions)"
    tail -n 40 "$log" | sed 's/^/          /'
    failed="$failed $target"
  else
    echo "  OK      $target: ${runs:-?} executions in ${seconds}s"
  fi
done

if [ -n "$failed" ]; then
  echo "fuzz.sh: failed:$failed" >&2
  exit 1
fi

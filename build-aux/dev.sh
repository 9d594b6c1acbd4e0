#!/bin/sh
# Sets up a Debian 12 / Ubuntu 24.04 machine for Otasuke, builds it, and then
# either starts the program (`run`) or runs every test (`test`).
#
#   build-aux/dev.sh run    install what is missing, build, start Otasuke
#   build-aux/dev.sh test   install what is missing, build, run all tests,
#                           then the same tests again with ASan and UBSan
set -eu

cd "$(dirname "$0")/.."
top=$(pwd)
builddir=${OTASUKE_BUILDDIR:-_build}
asan_builddir=${OTASUKE_ASAN_BUILDDIR:-_build-asan}

packages="
  gcc meson ninja-build pkg-config git
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libsqlite3-dev
  libjson-glib-dev libsoup-3.0-dev libsodium-dev minisign clang libclang-rt-dev libzxcvbn-dev
  libcairo2-dev libpango1.0-dev poppler-utils libnotify-dev python3-dbusmock
  gettext appstream desktop-file-utils libxml2-utils
  xvfb xauth dbus dbus-x11 locales fonts-noto-cjk librsvg2-common
  gcc-mingw-w64-x86-64 wine wine64
  g++-mingw-w64-x86-64 libz-mingw-w64-dev msitools dpkg-dev cmake tcl imagemagick
  autoconf automake libtool autopoint sassc nasm gperf bison flex
"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

install_packages() {
  missing=""
  for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing="$missing $p"
    fi
  done
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  if [ -n "$missing" ]; then
    say "Installing:$missing"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
  fi
  # The tests read the Japanese interface, so the locale must exist.
  if ! locale -a 2>/dev/null | grep -qi '^ja_JP\.utf-\?8$'; then
    say "Generating the ja_JP.UTF-8 locale"
    if [ -f /etc/locale.gen ]; then
      $sudo sed -i 's/^# *\(ja_JP.UTF-8 UTF-8\)/\1/' /etc/locale.gen
      grep -q '^ja_JP.UTF-8 UTF-8' /etc/locale.gen || echo 'ja_JP.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen >/dev/null
      $sudo locale-gen >/dev/null
    else
      $sudo locale-gen ja_JP.UTF-8 >/dev/null
    fi
  fi
}

configure_and_build() {
  dir=$1; shift
  if [ -f "$dir/build.ninja" ]; then
    meson configure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@"
  fi
  ninja -C "$dir"
}

run_tests() {
  dir=$1
  # A private X server and session bus, so tests never touch the user's desktop.
  xvfb-run -a -s '-screen 0 1280x1024x24 -nolisten tcp' \
    dbus-run-session -- meson test -C "$dir" --print-errorlogs --num-processes 2
}

case "${1:-}" in
  run)
    install_packages
    say "Building in $builddir"
    configure_and_build "$builddir"
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      say "Built. There is no graphical display here, so Otasuke cannot open a window."
      say "From a desktop session run: meson devenv -C $top/$builddir ui/otasuke"
      exit 0
    fi
    say "Starting Otasuke"
    exec meson devenv -C "$builddir" ui/otasuke
    ;;
  test)
    install_packages
    say "Building in $builddir"
    configure_and_build "$builddir"
    say "Running the tests"
    run_tests "$builddir"
    say "Building with AddressSanitizer and UndefinedBehaviorSanitizer in $asan_builddir"
    configure_and_build "$asan_builddir" -Dsanitizers=true -Dbuildtype=debug
    say "Running the tests under the sanitizers"
    run_tests "$asan_builddir"
    say "Fuzzing the feed and signature parsers briefly (libFuzzer, ASan, UBSan)"
    build-aux/fuzz.sh _build-fuzz "${FUZZ_SECONDS:-15}"
    say "Cross-compiling win32/ with mingw-w64 and testing it under Wine"
    win32/build-and-test.sh _build-win32
    say "All tests passed"
    ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac

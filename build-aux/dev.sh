#!/bin/sh
# Sets up a Debian 12 / Ubuntu 24.04 machine for Otasuke, builds it, and then
# either starts the program (`run`) or runs every test (`test`).
#
#   build-aux/dev.sh run    install what is missing, build, start Otasuke
#   build-aux/dev.sh test   install what is missing, build, run all tests,
#                           then the same tests again with ASan (LeakSanitizer
#                           included) and UBSan, then build, install and
#                           remove the Debian package; then the Windows build:
#                           the toolchain (when its cache is missing), the
#                           cross-build and its tests under Wine, and the
#                           installer installed and removed under Wine;
#                           a skipped test fails
#   build-aux/dev.sh deb    build otasuke_<version>_<arch>.deb (needs the
#                           Chamber's key in OTASUKE_CHAMBER_KEY)
#   build-aux/dev.sh windows  build Otasuke-<version>-x64.msi (needs the
#                           Chamber's key in OTASUKE_CHAMBER_KEY)
set -eu

cd "$(dirname "$0")/.."
top=$(pwd)
builddir=${OTASUKE_BUILDDIR:-_build}
asan_builddir=${OTASUKE_ASAN_BUILDDIR:-_build-asan}
windows_builddir=${OTASUKE_WINDOWS_BUILDDIR:-_build-windows}
# The toolchain build is most of a first run: at normal priority here.
export OTASUKE_SYSROOT_NICE=${OTASUKE_SYSROOT_NICE:-0}

packages="
  gcc meson ninja-build pkg-config git
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libsqlite3-dev
  libjansson-dev libsoup-3.0-dev libsodium-dev minisign clang libclang-rt-dev libzxcvbn-dev
  libcurl4-openssl-dev glib-networking openssl
  libcairo2-dev libpango1.0-dev poppler-utils libnotify-dev python3-dbusmock
  gettext appstream desktop-file-utils libxml2-utils
  xvfb xauth dbus dbus-x11 locales fonts-noto-cjk librsvg2-common
  gcc-mingw-w64-x86-64 wine wine64 wixl msitools librsvg2-bin imagemagick
  debhelper dpkg-dev lintian fakeroot
  g++-mingw-w64-x86-64 libz-mingw-w64-dev cmake tcl
  autoconf automake libtool autopoint sassc nasm gperf bison flex xdotool libgtk-4-bin adwaita-icon-theme
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
  dir=$1; shift
  # A private X server and session bus, so tests never touch the user's desktop.
  xvfb-run -a -s '-screen 0 1280x1024x24 -nolisten tcp' \
    dbus-run-session -- meson test -C "$dir" --print-errorlogs --num-processes 2 "$@"
  refuse_skips "$dir"
}

# The test programs speak TAP (tests/meson.build), so meson's log holds each
# GLib test case's result line. A skipped case means a tool or locale the tests
# need is missing, and the run proves less than it says: count them, and fail.
refuse_skips() {
  python3 - "$1/meson-logs/testlog.json" <<'PY'
import json
import re
import sys

tap_skip = re.compile(r"^ok\b.*#\s*SKIP\b", re.IGNORECASE)
tap_todo = re.compile(r"^not ok\b.*#\s*TODO\b", re.IGNORECASE)
tap_case = re.compile(r"^(not )?ok\b")
cases = 0
skipped = []
with open(sys.argv[1], encoding="utf-8", errors="replace") as log:
    for line in log:
        test = json.loads(line)
        if test["result"] == "SKIP":
            skipped.append(test["name"] + " (the whole program)")
        for out in (test.get("stdout") or "").splitlines():
            if tap_case.match(out):
                cases += 1
            if tap_skip.match(out) or tap_todo.match(out):
                skipped.append(test["name"] + ": " + out)
print(f"{cases} test cases, {len(skipped)} skipped")
for name in skipped:
    print(f"  skipped: {name}")
if skipped:
    print("A skipped test is a failure here: install what it names (build-aux/dev.sh installs it).")
    sys.exit(1)
PY
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
    # LeakSanitizer is on (build-aux/lsan.supp lists the system libraries' own
    # leaks); full allocation stacks make the run several times slower.
    say "Running the tests under the sanitizers, LeakSanitizer included"
    run_tests "$asan_builddir" --timeout-multiplier 4
    say "Fuzzing the feed and signature parsers briefly (libFuzzer, ASan, UBSan)"
    build-aux/fuzz.sh _build-fuzz "${FUZZ_SECONDS:-15}"
    say "Building the Debian package with a throwaway key, installing and removing it"
    # One throwaway key for the Debian package and the Windows installer.
    test_key_dir=$(mktemp -d)
    "$builddir/app/otasuke-feed" keygen -p "$test_key_dir/test.pub" -s "$test_key_dir/test.key" >/dev/null
    test_key=$(sed -n 2p "$test_key_dir/test.pub")
    rm -rf "$test_key_dir"
    OTASUKE_CHAMBER_KEY=$test_key build-aux/deb.sh "$top/_build-deb"
    build-aux/test-deb.sh "$top"/_build-deb/otasuke_*.deb
    say "Cross-compiling win32/ with mingw-w64 and testing it under Wine"
    win32/build-and-test.sh _build-win32
    say "Cross-building Otasuke for Windows in $windows_builddir (the toolchain first when its cache is missing)"
    win32/cross-build.sh "$windows_builddir"
    say "Running the Windows tests under Wine"
    run_tests "$windows_builddir"
    say "Building the Windows installer with a throwaway key, installing and removing it under Wine"
    rm -f "$top"/_build-msi/Otasuke-*-x64.msi
    OTASUKE_CHAMBER_KEY=$test_key build-aux/windows.sh "$top/_build-msi"
    OTASUKE_CHAMBER_KEY=$test_key win32/test-msi-install.sh "$top"/_build-msi/Otasuke-*-x64.msi "$top/_build-msi/test"
    say "All tests passed"
    ;;
  deb)
    install_packages
    build-aux/deb.sh
    ;;
  windows)
    install_packages
    build-aux/windows.sh
    ;;
  *)
    echo "usage: $0 run|test|deb|windows" >&2
    exit 2
    ;;
esac

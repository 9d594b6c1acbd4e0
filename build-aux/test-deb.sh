#!/bin/sh
# Installs the package with apt, checks that the installed program runs from
# /usr/bin in Japanese (translations, schema, fonts from their installed
# places), then removes it and checks that nothing of it is left while the
# user's own data is untouched. Needs root (or sudo), Xvfb and pdftotext.
#
#   build-aux/test-deb.sh path/to/otasuke_<version>_<arch>.deb
set -eu
deb=$(realpath "$1")
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
fail() { echo "test-deb: FAIL: $*" >&2; exit 1; }
say() { echo "test-deb: $*"; }

if dpkg-query -W -f='${Status}' otasuke 2>/dev/null | grep -q "install ok installed"; then
  fail "otasuke is already installed on this machine; remove it first"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/otasuke-test-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
home="$work/home"
mkdir -p "$home"
# A user of our own: the real home is never touched.
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
  XDG_CACHE_HOME="$home/.cache" XDG_STATE_HOME="$home/.local/state" GSETTINGS_BACKEND=memory
export LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 LANGUAGE=
unset GSETTINGS_SCHEMA_DIR OTASUKE_LOCALEDIR OTASUKE_LIBEXECDIR

say "installing $deb"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$deb" >"$work/install.log" 2>&1 ||
  { cat "$work/install.log" >&2; fail "apt-get install"; }
dpkg-query -L otasuke >"$work/files"

[ -x /usr/bin/otasuke ] || fail "/usr/bin/otasuke is missing"
[ -x /usr/bin/otasuke-feed ] || fail "/usr/bin/otasuke-feed is missing"
[ "$(command -v otasuke)" = /usr/bin/otasuke ] || fail "otasuke is not found on PATH as /usr/bin/otasuke"

# Translations from /usr/share/locale.
/usr/bin/otasuke --help >"$work/help.txt" 2>&1 || fail "otasuke --help"
grep -q "ウィンドウを開かずにバックグラウンドで起動する" "$work/help.txt" ||
  { cat "$work/help.txt" >&2; fail "otasuke --help is not in Japanese"; }
say "--help is in Japanese"

# The schema compiled by the package's trigger.
gsettings list-schemas | grep -qx jp.or.sakura_cci.Otasuke || fail "the GSettings schema is not installed"
gsettings get jp.or.sakura_cci.Otasuke feed-url >/dev/null || fail "gsettings cannot read the schema"
say "the GSettings schema is compiled"

# The window, in Japanese, on a private display and bus; it must still be
# running after a few seconds (no crash at start-up, no missing resource).
xvfb-run -a -s '-screen 0 1280x900x24 -nolisten tcp' dbus-run-session -- sh -c '
  GSK_RENDERER=cairo /usr/bin/otasuke >"$1/run.log" 2>&1 &
  pid=$!
  sleep 8
  import -window root "$1/window.png" 2>/dev/null || true
  kill -0 $pid || exit 1
  kill $pid; wait $pid 2>/dev/null || true
' sh "$work" || { cat "$work/run.log" >&2; fail "the installed program did not keep running"; }
[ -d "$XDG_DATA_HOME/otasuke" ] || fail "the program made no data folder in ~/.local/share/otasuke"
cp "$work/window.png" "${OTASUKE_DEB_SCREENSHOT:-/dev/null}" 2>/dev/null || true
say "the installed program ran (data in ~/.local/share/otasuke)"

# The sheet, rendered by the installed program: Japanese text and fonts.
/usr/bin/otasuke --export-sheet "$work/sheet.pdf" >"$work/export.log" 2>&1 ||
  { cat "$work/export.log" >&2; fail "otasuke --export-sheet"; }
pdftotext -enc UTF-8 "$work/sheet.pdf" - | grep -q "相談シート" || fail "the exported sheet has no Japanese heading"
say "the exported sheet is in Japanese"

echo "user's own" >"$XDG_DATA_HOME/otasuke/keep-me"
say "removing the package"
DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -qq otasuke >"$work/remove.log" 2>&1 ||
  { cat "$work/remove.log" >&2; fail "apt-get remove"; }
left=0
while IFS= read -r path; do
  if [ -f "$path" ] || [ -L "$path" ]; then
    echo "test-deb: left behind: $path" >&2
    left=1
  fi
done <"$work/files"
[ "$left" -eq 0 ] || fail "files of the package are left after apt-get remove"
if gsettings list-schemas | grep -qx jp.or.sakura_cci.Otasuke; then
  fail "the schema is still compiled in after removal"
fi
[ -f "$XDG_DATA_HOME/otasuke/keep-me" ] || fail "the user's data was touched by the package"
say "removed cleanly; the user's data is still there"
say "passed"

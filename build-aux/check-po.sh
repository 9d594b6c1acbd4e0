#!/bin/sh
# Fails when po/ja.po is not complete: a source file with translatable strings
# missing from po/POTFILES, a string in the sources that ja.po lacks, or an
# untranslated or fuzzy entry. Run by `meson test` (suite po).
set -eu

top=${1:-$(dirname "$0")/..}
cd "$top"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# 1. Every file with translatable strings is listed in POTFILES.
git_files() {
  if [ -d .git ] && command -v git >/dev/null 2>&1; then
    git ls-files --cached --others --exclude-standard -- app ui resources win32 2>/dev/null
  else
    find app ui resources win32 -type f 2>/dev/null
  fi
}
git_files | sort -u | while read -r f; do
  [ -f "$f" ] || continue
  case "$f" in
    *.c|*.h) grep -Eq '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext|ngettext)[[:space:]]*\(' "$f" || continue ;;
    *.ui) grep -q 'translatable="yes"' "$f" || continue ;;
    *.desktop.in.in|*.metainfo.xml.in.in|*.gschema.xml.in) ;;
    *) continue ;;
  esac
  if ! grep -qx "$f" po/POTFILES; then
    echo "po/POTFILES: $f has translatable strings but is not listed"
    echo fail > "$tmp/failed"
  fi
done
[ -f "$tmp/failed" ] && status=1

# 2. Every listed file exists.
grep -v '^#' po/POTFILES | grep -v '^$' | while read -r f; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES: $f does not exist"
    echo fail > "$tmp/failed2"
  fi
done
[ -f "$tmp/failed2" ] && status=1

# 3. ja.po is valid and covers every string in the sources, translated, nothing fuzzy.
msgfmt --check -o /dev/null po/ja.po || status=1
# po/its/ tells xgettext which texts of the checklist XML to extract.
export GETTEXTDATADIRS="$PWD/po"
xgettext --files-from=po/POTFILES --directory=. --from-code=UTF-8 \
  --add-comments=Translators --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --flag=g_strdup_printf:1:c-format --flag=g_set_error:4:c-format \
  --output="$tmp/otasuke.pot" 2>"$tmp/xgettext.err" || { cat "$tmp/xgettext.err"; status=1; }
if [ -f "$tmp/otasuke.pot" ]; then
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/ja.po" po/ja.po "$tmp/otasuke.pot"
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/ja.po" 2>&1)
  echo "ja.po: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*)
      echo "po/ja.po is missing translations; untranslated or fuzzy entries:"
      msgattrib --untranslated --only-fuzzy "$tmp/ja.po" 2>/dev/null | grep '^msgid' | head -20
      msgattrib --untranslated "$tmp/ja.po" | grep '^msgid' | head -40
      status=1 ;;
  esac
  obsolete=$(msgattrib --only-obsolete "$tmp/ja.po" | grep -c '^#~ msgid' || true)
  [ "$obsolete" = 0 ] || echo "note: $obsolete obsolete entries in po/ja.po (run build-aux/update-po.sh)"
fi

exit $status

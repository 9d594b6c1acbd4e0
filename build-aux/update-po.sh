#!/bin/sh
# Refreshes po/otasuke.pot and merges it into po/ja.po (translations are kept;
# new strings appear untranslated, for a person to translate).
set -eu
cd "$(dirname "$0")/.."
# po/its/ tells xgettext which texts of the checklist XML to extract.
export GETTEXTDATADIRS="$PWD/po"
xgettext --files-from=po/POTFILES --directory=. --from-code=UTF-8 \
  --add-comments=Translators --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --flag=g_strdup_printf:1:c-format --flag=g_set_error:4:c-format \
  --package-name=otasuke --msgid-bugs-address=https://www.sakura-cci.or.jp \
  --output=po/otasuke.pot
msgmerge --quiet --update --backup=none --no-fuzzy-matching po/ja.po po/otasuke.pot
msgattrib --no-obsolete -o po/ja.po po/ja.po
LC_ALL=C msgfmt --statistics -o /dev/null po/ja.po

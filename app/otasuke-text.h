/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Outside text as it may be shown: the one function every path that shows
 * feed text goes through (the feed parser applies it to every string of a
 * feed and of what the store gives back; the notifier, the link labels and
 * the sheet apply it again where text leaves the program or is decoded).
 *
 * It removes what changes how text is drawn without being seen itself, so
 * that 「請求書\u202Efdp.exe」 cannot be drawn as 「請求書exe.pdf」:
 *  - bidirectional controls: embeddings and overrides U+202A–U+202E,
 *    isolates U+2066–U+2069, and the marks U+200E, U+200F, U+061C;
 *  - every other format character (category Cf): U+200B zero width space,
 *    U+200C, U+2060 word joiner, U+FEFF, U+00AD soft hyphen, U+FFF9–U+FFFB,
 *    the tag characters U+E0000–U+E007F, …;
 *  - the invisible Hangul fillers U+115F, U+1160, U+3164, U+FFA0;
 *  - control characters other than tab and newline (C0, DEL, C1).
 * Line ends become "\n" (CR LF, CR, U+0085, U+2028, U+2029).
 *
 * Kept, because Japanese text needs them: U+200D zero width joiner between
 * two emoji (家族 👨‍👩‍👧, 🏳️‍🌈; after an emoji, its U+FE0F or a skin tone, and
 * before an emoji), variation selectors U+FE00–U+FE0F and the ideographic
 * variation selectors U+E0100–U+E01EF (葛󠄀 in a person's or place's name),
 * combining marks such as the voiced sound marks U+3099/U+309A, and
 * ideographic space U+3000. Subdivision flags (🏴 plus tags) lose their
 * tags and show as 🏴.
 *
 * Invalid UTF-8 becomes U+FFFD. The result is stable: sanitizing it again
 * changes nothing. */
char     *otasuke_text_sanitize (const char *text);

/* TRUE when otasuke_text_sanitize() would return @text unchanged (NULL is
 * clean); no allocation. */
gboolean  otasuke_text_is_clean (const char *text);

/* A valid UTF-8 copy of @text (NULL is "") cut to at most @max_bytes on a
 * character boundary. */
char     *otasuke_text_bounded  (const char *text,
                                 gsize       max_bytes);
/* Whitespace as xgettext normalises the text of ITS rules: runs of spaces,
 * tabs and line breaks become one space and the ends are trimmed, so text
 * read from a translatable data file matches its msgid. */
char     *otasuke_text_collapse_whitespace (const char *text);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-text"

#include "config.h"

#include <string.h>

#include "otasuke-text.h"

/* otasuke_text_sanitize(): what is removed, what Japanese text keeps, and
 * that a second pass changes nothing. */

static void
assert_sanitized (const char *in,
                  const char *expected)
{
  g_autofree char *out = otasuke_text_sanitize (in);
  g_autofree char *again = otasuke_text_sanitize (out);

  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (again, ==, out);
  g_assert_true (otasuke_text_is_clean (out));
  g_assert_true (otasuke_text_is_clean (in) == (strcmp (in, out) == 0));
}

/* The example of issue #10: drawn as 「請求書いさだくてい開を exe.pdf」 with the override. */
static void
test_issue_example (void)
{
  assert_sanitized ("請求書\u202Efdp.exe を開いてください", "請求書fdp.exe を開いてください");
  g_assert_false (otasuke_text_is_clean ("請求書\u202Efdp.exe を開いてください"));
}

static void
test_bidi (void)
{
  static const char * const controls[] = {
    "\u202A", "\u202B", "\u202C", "\u202D", "\u202E",  /* embeddings, overrides, pop */
    "\u2066", "\u2067", "\u2068", "\u2069",            /* isolates */
    "\u200E", "\u200F", "\u061C",                      /* marks */
  };

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      g_autofree char *in = g_strconcat ("https://www.example.jp/", controls[i], "gpj.exe", NULL);

      assert_sanitized (in, "https://www.example.jp/gpj.exe");
    }

  /* A URL hidden in content: the reversed part reads as it is stored. */
  assert_sanitized ("詳しくは \u202Epj.oc.kab//:sptth\u202C を見てください",
                    "詳しくは pj.oc.kab//:sptth を見てください");
}

static void
test_invisible (void)
{
  /* Zero widths, word joiner, BOM, soft hyphen, interlinear annotation, tags, fillers. */
  assert_sanitized ("pay\u200Bpal", "paypal");
  assert_sanitized ("a\u200Cb\u2060c\uFEFFd\u00ADe", "abcde");
  assert_sanitized ("x\uFFF9y\uFFFAz\uFFFB", "xyz");
  assert_sanitized ("ok\U000E0041\U000E0042\U000E007F", "ok");
  assert_sanitized ("名\u3164前\u115F\u1160\uFFA0", "名前");
  /* Controls: C0 but tab and newline, DEL, C1. */
  assert_sanitized ("bell\a esc\033[31m del\x7f c1\xc2\x9b", "bell esc[31m del c1");
  assert_sanitized ("a\tb\nc", "a\tb\nc");
}

static void
test_line_ends (void)
{
  assert_sanitized ("1\r\n2\r3\xc2\x85" "4\u20285\u20296", "1\n2\n3\n4\n5\n6");
  assert_sanitized ("\r\r\n", "\n\n");
}

static void
test_japanese_kept (void)
{
  static const char * const kept[] = {
    "お助け　セキュリティ",                 /* ideographic space */
    "か\u3099き\u309A",                      /* combining voiced sound marks */
    "葛\U000E0100飾区",                      /* ideographic variation selector */
    "❤\uFE0F 〜 ① ㈱ ｶﾀｶﾅ",                  /* emoji presentation, symbols, half-width */
    "家族 \U0001F468\u200D\U0001F469\u200D\U0001F467",        /* ZWJ between emoji */
    "\U0001F3F3\uFE0F\u200D\U0001F308",                     /* after U+FE0F */
    "\U0001F469\U0001F3FD\u200D\U0001F4BB",                 /* after a skin tone */
    "\U0001F3F4",
  };

  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_test_message ("%s", kept[i]);
      assert_sanitized (kept[i], kept[i]);
    }
}

static void
test_joiner_elsewhere (void)
{
  /* Between letters, at the ends, doubled: nothing to join, so it goes. */
  assert_sanitized ("ab\u200Dcd", "abcd");
  assert_sanitized ("\u200D\U0001F600", "\U0001F600");
  assert_sanitized ("\U0001F600\u200D", "\U0001F600");
  assert_sanitized ("\U0001F600\u200Dあ", "\U0001F600あ");
  assert_sanitized ("漢\u200D\U0001F600", "漢\U0001F600");
  assert_sanitized ("\U0001F600\u200D\u200D\U0001F600", "\U0001F600\u200D\U0001F600");
  assert_sanitized ("\U0001F600\u200B\u200D\U0001F600", "\U0001F600\u200D\U0001F600");
  assert_sanitized ("\U0001F600\u200D\u200B\U0001F600", "\U0001F600\U0001F600");
  /* A subdivision flag keeps its flag, not its tags. */
  assert_sanitized ("\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", "\U0001F3F4");
}

static void
test_invalid_utf8 (void)
{
  assert_sanitized ("a\xff" "b", "a\xef\xbf\xbd" "b");
  assert_sanitized ("\xe3\x81", "\xef\xbf\xbd\xef\xbf\xbd");
  /* Kana and kanji take a short path: cut or broken sequences still become U+FFFD. */
  assert_sanitized ("か\xe3\x81", "か\xef\xbf\xbd\xef\xbf\xbd");
  assert_sanitized ("\xe5\x81" "a", "\xef\xbf\xbd\xef\xbf\xbd" "a");
  assert_sanitized ("\xe9\xbf\xbf\xe3\x83\xbf", "\xe9\xbf\xbf\xe3\x83\xbf");
  g_assert_null (otasuke_text_sanitize (NULL));
  g_assert_true (otasuke_text_is_clean (NULL));
  assert_sanitized ("", "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/text/issue-example", test_issue_example);
  g_test_add_func ("/text/bidi", test_bidi);
  g_test_add_func ("/text/invisible", test_invisible);
  g_test_add_func ("/text/line-ends", test_line_ends);
  g_test_add_func ("/text/japanese-kept", test_japanese_kept);
  g_test_add_func ("/text/joiner-elsewhere", test_joiner_elsewhere);
  g_test_add_func ("/text/invalid-utf8", test_invalid_utf8);

  return g_test_run ();
}

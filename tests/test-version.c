/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-version"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "otasuke-version.h"

/* Readable values for the tables. */
#define ACCEPTED (-1)
#define EMPTY    OTASUKE_VERSION_ERROR_EMPTY
#define INVALID  OTASUKE_VERSION_ERROR_INVALID
#define TOO_BIG  OTASUKE_VERSION_ERROR_TOO_LARGE

typedef struct {
  const char *a;
  const char *b;
  int         expected;
} CompareCase;

static const CompareCase compare_cases[] = {
  /* Chrome: four parts, and text order would get these wrong */
  { "128.0.6613.120", "128.0.6613.85", 1 },
  { "128.0.6613.85", "128.0.6613.120", -1 },
  { "128.0.6613.120", "128.0.6613.120", 0 },
  { "129.0.6668.58", "128.0.6613.137", 1 },
  { "128.0.6613.9", "128.0.6613.10", -1 },
  { "128.1.0.0", "128.0.9999.9999", 1 },
  { "9.0", "10.0", -1 },
  { "1.10", "1.9", 1 },

  /* Firefox ESR: the numbers decide, the suffix is not a pre-release */
  { "115.9.0esr", "115.10.0esr", -1 },
  { "115.10.0esr", "115.9.0esr", 1 },
  { "115.9.0esr", "115.9.0", 0 },
  { "115.9.0esr", "115.9.0esr", 0 },
  { "115.9.1esr", "115.9.0", 1 },
  { "115.9.0esr", "115.9.1", -1 },
  { "128.3.1esr", "115.16.0esr", 1 },
  { "115.9esr", "115.9.0esr", 0 },
  { "115.9.0esr", "115.9.0rc1", 1 },

  /* Pre-releases: a1 < a2 < b1 < rc1 < release */
  { "102.0a1", "102.0", -1 },
  { "101.0b9", "101.0", -1 },
  { "102.0a1", "101.0", 1 },
  { "101.0b9", "101.0a1", 1 },
  { "1.0a1", "1.0a2", -1 },
  { "1.0a2", "1.0b1", -1 },
  { "1.0b1", "1.0rc1", -1 },
  { "1.0rc1", "1.0rc2", -1 },
  { "1.0rc2", "1.0", -1 },
  { "1.0b10", "1.0b9", 1 },
  { "1.0b9", "1.0b9", 0 },
  { "1.0b09", "1.0b9", 0 },
  { "1.0a1", "1.0.0a1", 0 },
  { "1.0.1a1", "1.0", 1 },
  { "1.0rc1", "0.9", 1 },

  /* Router firmware as the setup pages print it */
  { "Ver.2.95", "2.95", 0 },
  { "Ver 2.96", "Ver.2.95", 1 },
  { "ver.2.95", "V2.95", 0 },
  { "v1.2", "1.2", 0 },
  { "  Ver.2.95  ", "2.95", 0 },
  { "\t2.95\n", "2.95", 0 },
  { "Ver.2.100", "Ver.2.95", 1 },
  { "Ver.2.9", "Ver.2.10", -1 },

  /* Full-width forms typed with a Japanese input method */
  { "Ｖｅｒ．２．９５", "2.95", 0 },
  { "２．９６", "Ver.2.95", 1 },
  { "１２８．０．６６１３．１２０", "128.0.6613.85", 1 },
  { "１２８.０", "128.0", 0 },
  { "\u3000" "2.95" "\u3000", "2.95", 0 },
  { "１１５．９．０ｅｓｒ", "115.9.0", 0 },

  /* Leading zeros do not matter */
  { "01.002", "1.2", 0 },
  { "1.02", "1.2", 0 },
  { "1.010", "1.9", 1 },
  { "007", "7", 0 },
  { "0.0", "0", 0 },
  { "0000000000000000000000000000001.0", "1", 0 },

  /* Missing parts count as zero */
  { "1.2", "1.2.0", 0 },
  { "1.2", "1.2.0.0", 0 },
  { "1.2.0.1", "1.2", 1 },
  { "1.2", "1.2.0.0.0.1", -1 },
  { "0", "0.0.1", -1 },
  { "1", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0", 0 },
  { "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1", "1", 1 },

  /* The largest 64-bit number */
  { "18446744073709551615", "18446744073709551614", 1 },
  { "18446744073709551615.0", "18446744073709551615", 0 },
  { "1.18446744073709551615", "2", -1 },
  { "1.0a18446744073709551615", "1.0b0", -1 },
};

typedef struct {
  const char *input;
  int         error_code;  /* ACCEPTED, or the expected OtasukeVersionError */
  const char *normalized;
  gboolean    esr;
} ParseCase;

static const ParseCase parse_cases[] = {
  /* Accepted */
  { "1", ACCEPTED, "1", FALSE },
  { "0", ACCEPTED, "0", FALSE },
  { "1.2.0", ACCEPTED, "1.2.0", FALSE },
  { "128.0.6613.120", ACCEPTED, "128.0.6613.120", FALSE },
  { "Ver.02.95", ACCEPTED, "2.95", FALSE },
  { "Ver 2.96", ACCEPTED, "2.96", FALSE },
  { "ver.2.95", ACCEPTED, "2.95", FALSE },
  { "v1.0", ACCEPTED, "1.0", FALSE },
  { "V1.0", ACCEPTED, "1.0", FALSE },
  { " \t2.95\r\n", ACCEPTED, "2.95", FALSE },
  { "115.9.0esr", ACCEPTED, "115.9.0esr", TRUE },
  { "Ver.115.09.0esr", ACCEPTED, "115.9.0esr", TRUE },
  { "102.0a1", ACCEPTED, "102.0a1", FALSE },
  { "101.0b9", ACCEPTED, "101.0b9", FALSE },
  { "v1.0rc02", ACCEPTED, "1.0rc2", FALSE },
  { "１２８.０", ACCEPTED, "128.0", FALSE },
  { "Ｖｅｒ．０２．９５", ACCEPTED, "2.95", FALSE },
  { "１１５．９．０ｅｓｒ", ACCEPTED, "115.9.0esr", TRUE },
  { "\u3000" "１．０" "\u3000", ACCEPTED, "1.0", FALSE },
  { "18446744073709551615", ACCEPTED, "18446744073709551615", FALSE },
  { "0018446744073709551615", ACCEPTED, "18446744073709551615", FALSE },
  { "1.0a18446744073709551615", ACCEPTED, "1.0a18446744073709551615", FALSE },
  { "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.16", ACCEPTED, "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.16", FALSE },

  /* Nothing there */
  { NULL, EMPTY, NULL, FALSE },
  { "", EMPTY, NULL, FALSE },
  { " ", EMPTY, NULL, FALSE },
  { "\t\n \r", EMPTY, NULL, FALSE },
  { "\u3000\u3000", EMPTY, NULL, FALSE },

  /* Shapes we do not guess at */
  { "abc", INVALID, NULL, FALSE },
  { "1..2", INVALID, NULL, FALSE },
  { "1.2.", INVALID, NULL, FALSE },
  { "1.", INVALID, NULL, FALSE },
  { ".1", INVALID, NULL, FALSE },
  { ".", INVALID, NULL, FALSE },
  { "-1", INVALID, NULL, FALSE },
  { "+1", INVALID, NULL, FALSE },
  { "1.2.x", INVALID, NULL, FALSE },
  { "1.2.3-foo", INVALID, NULL, FALSE },
  { "1.2.3-garbage", INVALID, NULL, FALSE },
  { "1,2", INVALID, NULL, FALSE },
  { "1 .2", INVALID, NULL, FALSE },
  { "1. 2", INVALID, NULL, FALSE },
  { "1 2", INVALID, NULL, FALSE },
  { "1.2\n3", INVALID, NULL, FALSE },
  { "1e5", INVALID, NULL, FALSE },
  { "0x10", INVALID, NULL, FALSE },
  { "v", INVALID, NULL, FALSE },
  { "Ver.", INVALID, NULL, FALSE },
  { "Ver2.95", INVALID, NULL, FALSE },
  { "VER.2.95", INVALID, NULL, FALSE },
  { "Ver. 2.95", INVALID, NULL, FALSE },
  { "vv1.0", INVALID, NULL, FALSE },
  { "1.0a", INVALID, NULL, FALSE },
  { "1.0rc", INVALID, NULL, FALSE },
  { "1.0c1", INVALID, NULL, FALSE },
  { "1.0RC1", INVALID, NULL, FALSE },
  { "1.0ESR", INVALID, NULL, FALSE },
  { "1.0esr1", INVALID, NULL, FALSE },
  { "1.0-beta", INVALID, NULL, FALSE },
  { "1.0-rc1", INVALID, NULL, FALSE },
  { "1.0beta1", INVALID, NULL, FALSE },
  { "1.0 rc1", INVALID, NULL, FALSE },
  { "1.0a1b2", INVALID, NULL, FALSE },
  { "1.0a1esr", INVALID, NULL, FALSE },
  { "1.0a1.2", INVALID, NULL, FALSE },
  { "esr", INVALID, NULL, FALSE },
  { "1.2\x01", INVALID, NULL, FALSE },
  { "1.2\xff", INVALID, NULL, FALSE },
  { "1.2\xc2\xa0", INVALID, NULL, FALSE },
  { "\xd9\xa3", INVALID, NULL, FALSE },
  { "１．２ü", INVALID, NULL, FALSE },
  { "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.17", INVALID, NULL, FALSE },
  { "99999999999999999999.x", INVALID, NULL, FALSE },

  /* Readable, but a number does not fit in 64 bits */
  { "99999999999999999999.1", TOO_BIG, NULL, FALSE },
  { "18446744073709551616", TOO_BIG, NULL, FALSE },
  { "1.18446744073709551616", TOO_BIG, NULL, FALSE },
  { "184467440737095516150", TOO_BIG, NULL, FALSE },
  { "1.0a18446744073709551616", TOO_BIG, NULL, FALSE },
  { "１８４４６７４４０７３７０９５５１６１６", TOO_BIG, NULL, FALSE },
  { "115.99999999999999999999.0esr", TOO_BIG, NULL, FALSE },
};

/* Oldest first; every pair must compare in list order. */
static const char * const ordered[] = {
  "0",
  "0.9",
  "0.10",
  "1.0a1",
  "1.0a2",
  "1.0a10",
  "1.0b1",
  "1.0b2",
  "1.0rc1",
  "1.0rc2",
  "1.0",
  "1.0.1a1",
  "1.0.1",
  "1.1",
  "2.95",
  "2.96",
  "2.100",
  "115.9.0esr",
  "115.10.0esr",
  "128.0.6613.85",
  "128.0.6613.120",
  "18446744073709551615",
};

static int
compare_ok (const char *a,
            const char *b)
{
  g_autoptr(GError) error = NULL;
  int result = 42;

  if (!otasuke_version_compare (a, b, &result, &error))
    g_error ("comparing “%s” with “%s”: %s", a, b, error->message);
  g_assert_no_error (error);
  g_assert_true (result == -1 || result == 0 || result == 1);
  return result;
}

static void
test_compare_table (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (compare_cases); i++)
    {
      const CompareCase *c = &compare_cases[i];
      int forward = compare_ok (c->a, c->b);
      int backward = compare_ok (c->b, c->a);

      g_test_message ("“%s” vs “%s”: %d", c->a, c->b, forward);
      g_assert_cmpint (forward, ==, c->expected);
      g_assert_cmpint (backward, ==, -forward);
      g_assert_cmpint (compare_ok (c->a, c->a), ==, 0);
      g_assert_cmpint (compare_ok (c->b, c->b), ==, 0);
    }
}

static void
test_compare_order (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (ordered); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (ordered); j++)
      {
        int expected = (i > j) - (i < j);

        g_assert_cmpint (compare_ok (ordered[i], ordered[j]), ==, expected);
      }
}

static void
test_parse_table (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      const ParseCase *c = &parse_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = otasuke_version_normalize (c->input);
      gboolean valid = otasuke_version_is_valid (c->input);
      int result = 42;
      gboolean ok;

      g_test_message ("input %d: “%s”", (int) i, c->input != NULL ? c->input : "(null)");

      g_assert_cmpint (valid, ==, c->error_code == ACCEPTED);
      g_assert_cmpstr (normalized, ==, c->normalized);
      g_assert_cmpint (otasuke_version_is_esr (c->input), ==, c->esr);

      /* The error must name the bad side, whichever side it is on. */
      ok = otasuke_version_compare (c->input, "1.0", &result, &error);
      if (c->error_code == ACCEPTED)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_error (error, OTASUKE_VERSION_ERROR, c->error_code);
          g_assert_false (ok);
          g_assert_cmpint (result, ==, 42);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
        }
      g_clear_error (&error);

      ok = otasuke_version_compare ("1.0", c->input, &result, &error);
      if (c->error_code == ACCEPTED)
        g_assert_true (ok);
      else
        {
          g_assert_error (error, OTASUKE_VERSION_ERROR, c->error_code);
          g_assert_false (ok);
        }

      /* Normalising is idempotent and keeps the meaning. */
      if (normalized != NULL)
        {
          g_autofree char *again = otasuke_version_normalize (normalized);

          g_assert_cmpstr (again, ==, normalized);
          g_assert_cmpint (compare_ok (c->input, normalized), ==, 0);
          g_assert_cmpint (otasuke_version_is_esr (normalized), ==, c->esr);
        }
    }
}

static void
test_null_and_no_error (void)
{
  int result = 42;

  /* NULL is ordinary bad input: no critical (G_DEBUG=fatal-criticals), just FALSE. */
  g_assert_false (otasuke_version_compare (NULL, NULL, &result, NULL));
  g_assert_false (otasuke_version_compare ("1.0", "abc", &result, NULL));
  g_assert_false (otasuke_version_is_valid (NULL));
  g_assert_false (otasuke_version_is_esr (NULL));
  g_assert_null (otasuke_version_normalize (NULL));
  g_assert_cmpint (result, ==, 42);
}

static void
test_first_error_wins (void)
{
  g_autoptr(GError) error = NULL;
  int result = 42;

  g_assert_false (otasuke_version_compare ("1..2", "99999999999999999999", &result, &error));
  g_assert_error (error, OTASUKE_VERSION_ERROR, OTASUKE_VERSION_ERROR_INVALID);
  g_assert_cmpint (result, ==, 42);
}

static void
test_error_messages (void)
{
  g_autoptr(GError) error = NULL;
  int result;

  otasuke_version_compare ("1..2", "1", &result, &error);
  g_assert_cmpstr (error->message, ==, "“1..2” is not a version number");
  g_clear_error (&error);

  otasuke_version_compare ("1", "99999999999999999999.1", &result, &error);
  g_assert_cmpstr (error->message, ==,
                   "“99999999999999999999.1” contains a number too large to compare");
  g_clear_error (&error);

  otasuke_version_compare ("  ", "1", &result, &error);
  g_assert_cmpstr (error->message, ==, "The version number is empty");
  g_clear_error (&error);

  /* Control characters and broken UTF-8 must not reach the user as they are. */
  otasuke_version_compare ("1\x1b[2J\xff", "1", &result, &error);
  g_assert_cmpstr (error->message, ==, "“1\xef\xbf\xbd[2J\xef\xbf\xbd” is not a version number");
}

static void
test_length_limits (void)
{
  g_autofree char *zeros63 = g_strnfill (63, '0');
  g_autofree char *zeros64 = g_strnfill (64, '0');
  g_autofree char *max_len = g_strconcat (zeros63, "1", NULL);
  g_autofree char *too_long = g_strconcat (zeros64, "1", NULL);
  g_autofree char *padded = g_strconcat (" 1", zeros63, NULL);
  g_autofree char *normalized = NULL;
  g_autoptr(GString) full_width = g_string_new (NULL);
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  int result;

  g_assert_cmpuint (strlen (max_len), ==, 64);
  normalized = otasuke_version_normalize (max_len);
  g_assert_cmpstr (normalized, ==, "1");
  g_assert_false (otasuke_version_is_valid (too_long));
  /* The limit counts the input as given, whitespace included. */
  g_assert_false (otasuke_version_is_valid (padded));

  /* Characters, not bytes: 64 full-width digits are 192 bytes and still fine. */
  for (guint i = 0; i < 63; i++)
    g_string_append (full_width, "０");
  g_string_append (full_width, "７");
  g_clear_pointer (&normalized, g_free);
  normalized = otasuke_version_normalize (full_width->str);
  g_assert_cmpstr (normalized, ==, "7");
  g_string_append (full_width, "７");
  g_assert_false (otasuke_version_is_valid (full_width->str));

  /* A megabyte of junk is refused quickly and quoted only in part. */
  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (huge, '9');
  g_assert_false (otasuke_version_compare (huge->str, "1", &result, &error));
  g_assert_error (error, OTASUKE_VERSION_ERROR, OTASUKE_VERSION_ERROR_INVALID);
  g_assert_cmpuint (strlen (error->message), <, 200);
  g_assert_nonnull (strstr (error->message, "…"));
}

int
main (int   argc,
      char *argv[])
{
  /* English source strings: the C locale must not pick up a translation. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/version/compare/table", test_compare_table);
  g_test_add_func ("/version/compare/order", test_compare_order);
  g_test_add_func ("/version/compare/first-error-wins", test_first_error_wins);
  g_test_add_func ("/version/parse/table", test_parse_table);
  g_test_add_func ("/version/parse/null-and-no-error", test_null_and_no_error);
  g_test_add_func ("/version/parse/error-messages", test_error_messages);
  g_test_add_func ("/version/parse/length-limits", test_length_limits);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-json"

#include "config.h"

#include <string.h>

#include "otasuke-json.h"

/* The JSON helper: loading (strict and not), the strict accessors, and the
 * writer whose bytes `otasuke --probe`, `--router-check` and the store rely on. */

static json_t *
sample_tree (void)
{
  json_t *root = json_object ();
  json_t *array;
  json_t *entry;

  otasuke_json_set_string (root, "name", "お助け \"q\" \\ /");
  otasuke_json_set_null (root, "none");
  array = otasuke_json_set (root, "list", json_array ());
  json_array_append_new (array, json_integer (-5));
  json_array_append_new (array, json_real (42.0));
  json_array_append_new (array, json_real (0.5));
  entry = json_object ();
  json_array_append_new (array, entry);
  otasuke_json_set_bool (entry, "ok", TRUE);
  otasuke_json_set (entry, "empty", json_object ());
  otasuke_json_set (root, "empty_array", json_array ());
  otasuke_json_set (root, "empty_object", json_object ());
  otasuke_json_set_int (root, "big", G_MAXINT64);
  return root;
}

/* Both strings are what json-glib 1.6's generator wrote for the same tree. */
static void
test_writer_format (void)
{
  g_autoptr(json_t) root = sample_tree ();
  g_autoptr(json_t) empty = json_object ();
  g_autoptr(json_t) empty_array = json_array ();
  g_autofree char *compact = otasuke_json_to_string (root, FALSE);
  g_autofree char *pretty = otasuke_json_to_string (root, TRUE);
  g_autofree char *pretty_empty = otasuke_json_to_string (empty, TRUE);
  g_autofree char *pretty_empty_array = otasuke_json_to_string (empty_array, TRUE);

  g_assert_cmpstr (compact, ==,
                   "{\"name\":\"お助け \\\"q\\\" \\\\ /\",\"none\":null,"
                   "\"list\":[-5,42.0,0.5,{\"ok\":true,\"empty\":{}}],"
                   "\"empty_array\":[],\"empty_object\":{},\"big\":9223372036854775807}");
  g_assert_cmpstr (pretty, ==,
                   "{\n"
                   "  \"name\" : \"お助け \\\"q\\\" \\\\ /\",\n"
                   "  \"none\" : null,\n"
                   "  \"list\" : [\n"
                   "    -5,\n"
                   "    42.0,\n"
                   "    0.5,\n"
                   "    {\n"
                   "      \"ok\" : true,\n"
                   "      \"empty\" : {      }\n"
                   "    }\n"
                   "  ],\n"
                   "  \"empty_array\" : [],\n"
                   "  \"empty_object\" : {  },\n"
                   "  \"big\" : 9223372036854775807\n"
                   "}");
  g_assert_cmpstr (pretty_empty, ==, "{}");
  g_assert_cmpstr (pretty_empty_array, ==, "[]");
}

static void
test_writer_strings (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(json_t) repaired = otasuke_json_string_new ("a\xff" "b");
  g_autoptr(json_t) null = otasuke_json_string_new (NULL);
  g_autoptr(json_t) back = NULL;
  g_autoptr(GError) error = NULL;

  otasuke_json_append_string (out, "\x01\x08\x09\x0a\x0c\x0d\x1f\x7f\"\\/é\xe2\x80\xae");
  g_assert_cmpstr (out->str, ==, "\"\\u0001\\b\\t\\n\\f\\r\\u001f\\u007f\\\"\\\\/é\xe2\x80\xae\"");

  /* What it writes reads back as the same text. */
  back = otasuke_json_load_strict (out->str, out->len, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_string_value (back), ==, "\x01\x08\x09\x0a\x0c\x0d\x1f\x7f\"\\/é\xe2\x80\xae");

  /* Text that is not UTF-8 is repaired rather than dropped; NULL is null. */
  g_assert_cmpstr (json_string_value (repaired), ==, "a\xef\xbf\xbd" "b");
  g_assert_true (json_is_null (null));
}

static void
test_load_errors (void)
{
  static const struct {
    const char *json;
    int code;
    const char *message;
  } cases[] = {
    { "{\"a\": 1,}", OTASUKE_JSON_CHECK_ERROR_SYNTAX, "line 1, column 9: " },
    { "[1e400]", OTASUKE_JSON_CHECK_ERROR_SYNTAX, "line 1, column 2: number too large" },
    { "[-1e400]", OTASUKE_JSON_CHECK_ERROR_SYNTAX, "line 1, column 2: number too large" },
    { "[9223372036854775808]", OTASUKE_JSON_CHECK_ERROR_SYNTAX, "line 1, column 2: number too large" },
    { "[[[[1]]]]", OTASUKE_JSON_CHECK_ERROR_TOO_DEEP, "line 1, column 4: nested more than 3 levels deep" },
    { "// c\n{}", OTASUKE_JSON_CHECK_ERROR_SYNTAX, "line 1, column 1: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(json_t) root = otasuke_json_load_strict (cases[i].json, strlen (cases[i].json), 3, &error);

      g_test_message ("%s", cases[i].json);
      g_assert_null (root);
      g_assert_error (error, OTASUKE_JSON_CHECK_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }

  /* Small numbers are fine: they round towards zero. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(json_t) root = otasuke_json_load_strict ("[1e-400, -9223372036854775808]", 30, 3, &error);

    g_assert_no_error (error);
    g_assert_true (json_is_real (json_array_get (root, 0)));
    g_assert_cmpint (json_integer_value (json_array_get (root, 1)), ==, G_MININT64);
  }

  /* jansson on its own names the place in the same way. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(json_t) root = otasuke_json_load ("{\n  \"a\" 1}", -1, &error);

    g_assert_null (root);
    g_assert_error (error, OTASUKE_JSON_CHECK_ERROR, OTASUKE_JSON_CHECK_ERROR_SYNTAX);
    g_assert_true (g_str_has_prefix (error->message, "line 2, column "));
  }
}

static void
test_load_duplicates (void)
{
  g_autoptr(GError) error = NULL;
  static const char json[] = "{\"a\": 1, \"b\": 2, \"a\": \"last\"}";
  g_autoptr(json_t) root = otasuke_json_load_strict (json, strlen (json), 4, &error);

  /* As with json-glib before: one member, and the last value wins. */
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_size (root), ==, 2);
  g_assert_cmpstr (otasuke_json_get_string (root, "a"), ==, "last");
}

static void
test_accessors (void)
{
  static const char json[] =
    "{\"s\": \"text\", \"i\": 7, \"r\": 7.0, \"n\": null, \"t\": true,"
    " \"a\": [1], \"o\": {\"x\": 1}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(json_t) root = otasuke_json_load_strict (json, strlen (json), 4, &error);
  g_autoptr(json_t) array = json_array ();
  gint64 value = 0;

  g_assert_no_error (error);

  g_assert_cmpstr (otasuke_json_get_string (root, "s"), ==, "text");
  g_assert_null (otasuke_json_get_string (root, "i"));
  g_assert_null (otasuke_json_get_string (root, "missing"));

  /* An integer is an integer: 7.0 and "7" are not. */
  g_assert_true (otasuke_json_get_int (root, "i", &value));
  g_assert_cmpint (value, ==, 7);
  g_assert_false (otasuke_json_get_int (root, "r", &value));
  g_assert_false (otasuke_json_get_int (root, "s", &value));
  g_assert_false (otasuke_json_get_int (root, "t", &value));

  g_assert_nonnull (otasuke_json_get_array (root, "a"));
  g_assert_null (otasuke_json_get_array (root, "o"));
  g_assert_nonnull (otasuke_json_get_object (root, "o"));
  g_assert_null (otasuke_json_get_object (root, "a"));

  g_assert_true (otasuke_json_is_absent (root, "n"));
  g_assert_true (otasuke_json_is_absent (root, "missing"));
  g_assert_false (otasuke_json_is_absent (root, "t"));

  /* Not an object: nothing, and no warning. */
  g_assert_null (otasuke_json_get_string (array, "s"));
  g_assert_false (otasuke_json_get_int (NULL, "i", &value));
  g_assert_null (otasuke_json_get_array (NULL, "a"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json/writer/format", test_writer_format);
  g_test_add_func ("/json/writer/strings", test_writer_strings);
  g_test_add_func ("/json/load/errors", test_load_errors);
  g_test_add_func ("/json/load/duplicates", test_load_duplicates);
  g_test_add_func ("/json/accessors", test_accessors);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-appdata"

#include "config.h"

#include <string.h>

#include "otasuke-appdata.h"

static OtasukeAppdata *
parse_string (const char  *data,
              GError     **error)
{
  return otasuke_appdata_parse (data, strlen (data), error);
}

static void
assert_valid_markup (const char *markup)
{
  static const GMarkupParser no_op = { NULL, NULL, NULL, NULL, NULL };
  g_autofree char *wrapped = g_strdup_printf ("<notes>%s</notes>", markup);
  g_autoptr (GMarkupParseContext) context = g_markup_parse_context_new (&no_op, 0, NULL, NULL);
  g_autoptr (GError) error = NULL;

  g_markup_parse_context_parse (context, wrapped, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

static void
test_built_metainfo (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "..", "resources",
                                                 APPLICATION_ID ".metainfo.xml", NULL);
  g_autofree char *data = NULL;
  g_autoptr (OtasukeAppdata) appdata = NULL;
  g_autoptr (GError) error = NULL;
  gsize len;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_fail_printf ("%s is missing: build the metainfo target first", path);
      return;
    }

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);

  appdata = otasuke_appdata_parse (data, len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (appdata);

  g_assert_cmpstr (appdata->id, ==, APPLICATION_ID);
  g_assert_cmpstr (appdata->name, ==, "Otasuke");
  g_assert_nonnull (appdata->summary);
  g_assert_true (g_str_is_ascii (appdata->summary));
  g_assert_cmpstr (appdata->developer_name, ==, "Sakura Chamber of Commerce and Industry");
  g_assert_cmpstr (appdata->homepage, ==, "https://www.sakura-cci.or.jp");
  g_assert_cmpstr (appdata->project_license, ==, "GPL-3.0-or-later");
  /* A version bump needs a <release> entry for it. */
  g_assert_cmpstr (appdata->release_version, ==, PACKAGE_VERSION);
  g_assert_nonnull (appdata->release_date);
  g_assert_cmpuint (strlen (appdata->release_date), ==, strlen ("2026-11-26"));

  g_assert_nonnull (appdata->release_notes);
  g_assert_true (g_str_has_prefix (appdata->release_notes, "<p>"));
  g_assert_nonnull (strstr (appdata->release_notes, "\n<ul>\n<li>"));
  g_assert_true (g_str_has_suffix (appdata->release_notes, "</li>\n</ul>"));
  /* Only the untranslated text, whatever po/ has merged in. */
  g_assert_true (g_str_is_ascii (appdata->release_notes));
  assert_valid_markup (appdata->release_notes);
}

static void
test_translations_and_releases (void)
{
  static const char doc[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!-- a comment -->\n"
    "<component type=\"desktop-application\">\n"
    "  <id>org.example.App</id>\n"
    "  <name xml:lang=\"ja\">例</name>\n"
    "  <name>Example</name>\n"
    "  <summary>Does\n     things</summary>\n"
    "  <summary xml:lang=\"ja\">いろいろ</summary>\n"
    "  <description><p>Not release notes</p></description>\n"
    "  <developer_name>A &amp; B</developer_name>\n"
    "  <url type=\"bugtracker\">https://example.org/bugs</url>\n"
    "  <url type=\"homepage\">https://example.org</url>\n"
    "  <project_license>MIT</project_license>\n"
    "  <releases>\n"
    "    <release version=\"2.0\" date=\"2026-01-02\" urgency=\"high\">\n"
    "      <description>\n"
    "        <p>First   paragraph with <em>emphasis</em>, <code>a&lt;b</code> &amp; more.</p>\n"
    "        <p xml:lang=\"ja\">最初の段落</p>\n"
    "        <p/>\n"
    "        <ol>\n"
    "          <li>One</li>\n"
    "          <li xml:lang=\"ja\">一</li>\n"
    "          <li>Two <b>bold is dropped</b><ul><li>nested</li></ul></li>\n"
    "        </ol>\n"
    "        <unknown>ignored</unknown>\n"
    "        stray text\n"
    "        <p><![CDATA[<raw>]]></p>\n"
    "      </description>\n"
    "    </release>\n"
    "    <release version=\"1.0\" date=\"2025-01-01\">\n"
    "      <description><p>Old</p></description>\n"
    "    </release>\n"
    "  </releases>\n"
    "</component>\n";
  g_autoptr (OtasukeAppdata) appdata = NULL;
  g_autoptr (GError) error = NULL;

  appdata = parse_string (doc, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (appdata->id, ==, "org.example.App");
  g_assert_cmpstr (appdata->name, ==, "Example");
  g_assert_cmpstr (appdata->summary, ==, "Does things");
  g_assert_cmpstr (appdata->developer_name, ==, "A & B");
  g_assert_cmpstr (appdata->homepage, ==, "https://example.org");
  g_assert_cmpstr (appdata->project_license, ==, "MIT");
  g_assert_cmpstr (appdata->release_version, ==, "2.0");
  g_assert_cmpstr (appdata->release_date, ==, "2026-01-02");
  g_assert_cmpstr (appdata->release_notes, ==,
                   "<p>First paragraph with <em>emphasis</em>, "
                   "<code>a&lt;b</code> &amp; more.</p>\n"
                   "<ol>\n"
                   "<li>One</li>\n"
                   "<li>Two</li>\n"
                   "</ol>\n"
                   "<p>&lt;raw&gt;</p>");
  assert_valid_markup (appdata->release_notes);
}

static void
test_developer_element_and_timestamp (void)
{
  static const char doc[] =
    "<component>"
    "<developer id=\"org.example\">"
    "<name xml:lang=\"de\">Beispiel</name><name>Example</name>"
    "</developer>"
    "<releases><release version=\"1.1\" timestamp=\"1767225600\"/></releases>"
    "</component>";
  g_autoptr (OtasukeAppdata) appdata = NULL;
  g_autoptr (GError) error = NULL;

  appdata = parse_string (doc, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (appdata->developer_name, ==, "Example");
  g_assert_cmpstr (appdata->release_version, ==, "1.1");
  g_assert_cmpstr (appdata->release_date, ==, "2026-01-01");
  g_assert_null (appdata->release_notes);
}

static void
test_missing_fields (void)
{
  g_autoptr (OtasukeAppdata) appdata = NULL;
  g_autoptr (GError) error = NULL;

  appdata = parse_string ("<component><id>org.example.App</id><name>  </name>"
                          "<url type=\"help\">https://example.org/help</url></component>",
                          &error);
  g_assert_no_error (error);
  g_assert_cmpstr (appdata->id, ==, "org.example.App");
  g_assert_null (appdata->name);
  g_assert_null (appdata->summary);
  g_assert_null (appdata->developer_name);
  g_assert_null (appdata->homepage);
  g_assert_null (appdata->project_license);
  g_assert_null (appdata->release_version);
  g_assert_null (appdata->release_date);
  g_assert_null (appdata->release_notes);
}

static void
test_malformed (void)
{
  static const char *docs[] = {
    "<component><name>Example</component>",
    "<component><name>Example</name>",
    "not xml at all",
    "<component>&bogus;</component>",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr (OtasukeAppdata) appdata = NULL;
      g_autoptr (GError) error = NULL;

      appdata = parse_string (docs[i], &error);
      g_assert_null (appdata);
      g_assert_nonnull (error);
      g_assert_true (error->domain == G_MARKUP_ERROR);
    }
}

static void
test_not_a_component (void)
{
  g_autoptr (OtasukeAppdata) appdata = NULL;
  g_autoptr (GError) error = NULL;

  appdata = parse_string ("<html><name>Example</name></html>", &error);
  g_assert_null (appdata);
  g_assert_error (error, OTASUKE_APPDATA_ERROR, OTASUKE_APPDATA_ERROR_INVALID);
}

static char *
padded_document (gsize size)
{
  static const char head[] = "<component><name>Big</name><!--";
  static const char tail[] = "--></component>";
  char *data;

  g_assert_cmpuint (size, >, sizeof head + sizeof tail);
  data = g_malloc (size + 1);
  memset (data, 'x', size);
  memcpy (data, head, strlen (head));
  memcpy (data + size - strlen (tail), tail, strlen (tail));
  data[size] = '\0';

  return data;
}

static void
test_size_limit (void)
{
  g_autofree char *fits = padded_document (OTASUKE_APPDATA_MAX_SIZE);
  g_autofree char *too_big = padded_document (OTASUKE_APPDATA_MAX_SIZE + 1);
  g_autoptr (OtasukeAppdata) appdata = NULL;
  g_autoptr (GError) error = NULL;

  appdata = otasuke_appdata_parse (fits, OTASUKE_APPDATA_MAX_SIZE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (appdata->name, ==, "Big");
  g_clear_pointer (&appdata, otasuke_appdata_free);

  appdata = otasuke_appdata_parse (too_big, OTASUKE_APPDATA_MAX_SIZE + 1, &error);
  g_assert_null (appdata);
  g_assert_error (error, OTASUKE_APPDATA_ERROR, OTASUKE_APPDATA_ERROR_TOO_LARGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/appdata/built-metainfo", test_built_metainfo);
  g_test_add_func ("/appdata/translations-and-releases", test_translations_and_releases);
  g_test_add_func ("/appdata/developer-element-and-timestamp",
                   test_developer_element_and_timestamp);
  g_test_add_func ("/appdata/missing-fields", test_missing_fields);
  g_test_add_func ("/appdata/malformed", test_malformed);
  g_test_add_func ("/appdata/not-a-component", test_not_a_component);
  g_test_add_func ("/appdata/size-limit", test_size_limit);

  return g_test_run ();
}

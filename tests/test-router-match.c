/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-router-match"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "otasuke-json.h"
#include "otasuke-router-table.h"

/* Which model the user means: one name under several vendors, look-alike
 * names, the vendor chosen or typed first, the spelling kept, and the
 * suggestions a vendor narrows. tests/data/routers/ambiguous.json is a
 * fixture (made-up models); the bundled table gives the real spellings. */

static OtasukeRouterTable *
load_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  OtasukeRouterTable *table;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);

  table = otasuke_router_table_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static OtasukeRouterTable *
load_fixture (void)
{
  return load_file (g_test_get_filename (G_TEST_DIST, "data", "routers", "ambiguous.json", NULL));
}

static OtasukeRouterTable *
load_bundled (void)
{
  return load_file (g_test_get_filename (G_TEST_DIST, "..", "resources", "data", "routers.json", NULL));
}

static gboolean
advice_contains (const OtasukeRouterResult *result,
                 const char                *needle)
{
  for (guint i = 0; i < result->advice->len; i++)
    if (strstr (result->advice->pdata[i], needle) != NULL)
      return TRUE;
  return FALSE;
}

static const OtasukeRouterCandidate *
find_candidate (const OtasukeRouterResult *result,
                const char                *vendor)
{
  for (guint i = 0; i < result->candidates->len; i++)
    {
      const OtasukeRouterCandidate *candidate = result->candidates->pdata[i];

      if (g_str_equal (candidate->vendor, vendor))
        return candidate;
    }
  return NULL;
}

/* One name, two vendors, no vendor typed: the user is asked which. */
static void
test_same_name (void)
{
  g_autoptr(OtasukeRouterTable) table = load_fixture ();
  g_autoptr(OtasukeRouterResult) result = otasuke_router_table_lookup (table, "ｚｚ－１００", "1.0.2");
  g_autoptr(OtasukeRouterResult) fixed = otasuke_router_table_lookup (table, "zz 100", "1.0.3");
  g_autoptr(OtasukeRouterResult) unknown = otasuke_router_table_lookup (table, "ZZ-999", "1.0");

  g_assert_true (otasuke_router_result_is_ambiguous (result));
  g_assert_cmpuint (result->candidates->len, ==, 2);
  g_assert_cmpint (find_candidate (result, "NEC")->status, ==, OTASUKE_ROUTER_STATUS_AFFECTED);
  g_assert_cmpstr (find_candidate (result, "NEC")->model, ==, "ZZ-100");
  g_assert_cmpint (find_candidate (result, "ELECOM")->status, ==, OTASUKE_ROUTER_STATUS_END_OF_LIFE);
  /* The most urgent verdict, no vendor, nothing to save as the table's spelling. */
  g_assert_cmpint (result->status, ==, OTASUKE_ROUTER_STATUS_END_OF_LIFE);
  g_assert_null (result->vendor);
  g_assert_null (result->canonical);
  g_assert_cmpstr (result->model, ==, "ZZ-100");
  g_assert_cmpstr (result->firmware, ==, "1.0.2");
  g_assert_cmpuint (result->advisories->len, ==, 2);
  g_assert_true (advice_contains (result, "More than one router is called “ZZ-100”"));
  g_assert_true (advice_contains (result, "NEC Aterm ZZ-100"));
  g_assert_true (advice_contains (result, "ELECOM ZZ-100"));

  g_assert_true (otasuke_router_result_is_ambiguous (fixed));
  g_assert_cmpint (find_candidate (fixed, "NEC")->status, ==, OTASUKE_ROUTER_STATUS_NOT_AFFECTED);
  g_assert_cmpint (fixed->status, ==, OTASUKE_ROUTER_STATUS_END_OF_LIFE);

  /* unknown_model only when no vendor has it. */
  g_assert_cmpint (unknown->status, ==, OTASUKE_ROUTER_STATUS_UNKNOWN_MODEL);
  g_assert_false (otasuke_router_result_is_ambiguous (unknown));
  g_assert_cmpuint (unknown->candidates->len, ==, 0);
}

/* The vendor chosen in the wizard, or typed before the model, decides. */
static void
test_vendor_decides (void)
{
  g_autoptr(OtasukeRouterTable) table = load_fixture ();
  static const struct {
    const char *vendor;  /* chosen */
    const char *typed;
    const char *firmware;
    const char *expect_vendor;
    OtasukeRouterStatus status;
  } cases[] = {
    { "NEC", "ZZ-100", "1.0.2", "NEC", OTASUKE_ROUTER_STATUS_AFFECTED },
    { "NEC", "zz100", "1.0.3", "NEC", OTASUKE_ROUTER_STATUS_NOT_AFFECTED },
    { "ELECOM", "ZZ-100", "1.0.3", "ELECOM", OTASUKE_ROUTER_STATUS_END_OF_LIFE },
    { "elecom", "ZZ-100", NULL, "ELECOM", OTASUKE_ROUTER_STATUS_END_OF_LIFE },
    { NULL, "Aterm ZZ-100", "1.0.2", "NEC", OTASUKE_ROUTER_STATUS_AFFECTED },
    { NULL, "NEC ZZ-100", "Ver1.0.3", "NEC", OTASUKE_ROUTER_STATUS_NOT_AFFECTED },
    { NULL, "ELECOM zz-100", "1.0.3", "ELECOM", OTASUKE_ROUTER_STATUS_END_OF_LIFE },
    { NULL, "ｴﾚｺﾑ ZZ-100", "1.0.3", NULL, OTASUKE_ROUTER_STATUS_UNKNOWN_MODEL },
    /* A vendor the name is not one of: not used, only one model has it. */
    { "BUFFALO", "ZZ-200", "1.1.0", "TP-Link", OTASUKE_ROUTER_STATUS_AFFECTED },
    { NULL, "TP-Link ZZ-200", "1.1.1", "TP-Link", OTASUKE_ROUTER_STATUS_NOT_AFFECTED },
    { NULL, "tplink zz200", "1.1.1", "TP-Link", OTASUKE_ROUTER_STATUS_NOT_AFFECTED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OtasukeRouterResult) result =
        otasuke_router_table_lookup_vendor (table, cases[i].vendor, cases[i].typed, cases[i].firmware);

      g_test_message ("%s / %s", cases[i].vendor ? cases[i].vendor : "-", cases[i].typed);
      g_assert_false (otasuke_router_result_is_ambiguous (result));
      g_assert_cmpuint (result->candidates->len, ==, 0);
      g_assert_cmpstr (result->vendor, ==, cases[i].expect_vendor);
      g_assert_cmpint (result->status, ==, cases[i].status);
    }

  /* A vendor chosen that has none of the names: still the user's choice to make. */
  {
    g_autoptr(OtasukeRouterResult) result = otasuke_router_table_lookup_vendor (table, "YAMAHA", "ZZ-100", "1.0.3");

    g_assert_true (otasuke_router_result_is_ambiguous (result));
    g_assert_cmpuint (result->candidates->len, ==, 2);
  }
}

/* Look-alike names (only dashes and slashes apart): asked too, unless typed exactly. */
static void
test_similar_names (void)
{
  g_autoptr(OtasukeRouterTable) table = load_fixture ();
  g_autoptr(OtasukeRouterResult) loose = otasuke_router_table_lookup (table, "qx20a", "2.10");
  g_autoptr(OtasukeRouterResult) slash = otasuke_router_table_lookup (table, "QX-20/A", "2.10");
  g_autoptr(OtasukeRouterResult) dash = otasuke_router_table_lookup (table, "qx-20a", "15.02.02");
  g_autoptr(OtasukeRouterResult) chosen = otasuke_router_table_lookup_vendor (table, "YAMAHA", "QX20A", "Rev.15.02.01");

  g_assert_true (otasuke_router_result_is_ambiguous (loose));
  g_assert_cmpstr (find_candidate (loose, "BUFFALO")->model, ==, "QX-20/A");
  g_assert_cmpstr (find_candidate (loose, "YAMAHA")->model, ==, "QX-20A");
  g_assert_cmpint (find_candidate (loose, "BUFFALO")->status, ==, OTASUKE_ROUTER_STATUS_AFFECTED);
  g_assert_cmpint (find_candidate (loose, "YAMAHA")->status, ==, OTASUKE_ROUTER_STATUS_AFFECTED);

  g_assert_false (otasuke_router_result_is_ambiguous (slash));
  g_assert_cmpstr (slash->vendor, ==, "BUFFALO");
  g_assert_cmpint (slash->status, ==, OTASUKE_ROUTER_STATUS_AFFECTED);

  g_assert_false (otasuke_router_result_is_ambiguous (dash));
  g_assert_cmpstr (dash->vendor, ==, "YAMAHA");
  g_assert_cmpint (dash->status, ==, OTASUKE_ROUTER_STATUS_NOT_AFFECTED);

  g_assert_cmpstr (chosen->vendor, ==, "YAMAHA");
  g_assert_cmpint (chosen->status, ==, OTASUKE_ROUTER_STATUS_AFFECTED);
  /* The fix is named: the version to update to. */
  g_assert_true (advice_contains (chosen, "to version 15.02.02 or later"));
}

/* `otasuke --router-check` keeps its five statuses; the models to choose from
 * are in "candidates". */
static void
test_json (void)
{
  g_autoptr(OtasukeRouterTable) table = load_fixture ();
  g_autoptr(OtasukeRouterResult) ambiguous = otasuke_router_table_lookup (table, "ZZ-100", "1.0.3");
  g_autoptr(OtasukeRouterResult) one = otasuke_router_table_lookup (table, "NEC ZZ-100", "1.0.3");
  g_autofree char *text = otasuke_router_result_to_json (ambiguous);
  g_autofree char *one_text = otasuke_router_result_to_json (one);
  g_autoptr(json_t) root = otasuke_json_load_strict (text, strlen (text), 8, NULL);
  g_autoptr(json_t) one_root = otasuke_json_load_strict (one_text, strlen (one_text), 8, NULL);
  json_t *candidates;

  g_assert_nonnull (root);
  g_assert_cmpstr (json_string_value (json_object_get (root, "status")), ==, "end_of_life");
  g_assert_true (json_is_null (json_object_get (root, "vendor")));
  g_assert_cmpstr (json_string_value (json_object_get (root, "model")), ==, "ZZ-100");
  candidates = json_object_get (root, "candidates");
  g_assert_true (json_is_array (candidates));
  g_assert_cmpuint (json_array_size (candidates), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      json_t *candidate = json_array_get (candidates, i);
      const char *vendor = json_string_value (json_object_get (candidate, "vendor"));
      const char *status = json_string_value (json_object_get (candidate, "status"));

      g_assert_cmpuint (json_object_size (candidate), ==, 3);
      g_assert_cmpstr (json_string_value (json_object_get (candidate, "model")), ==, "ZZ-100");
      if (g_str_equal (vendor, "NEC"))
        g_assert_cmpstr (status, ==, "not_affected");
      else
        {
          g_assert_cmpstr (vendor, ==, "ELECOM");
          g_assert_cmpstr (status, ==, "end_of_life");
        }
    }

  g_assert_nonnull (one_root);
  g_assert_cmpstr (json_string_value (json_object_get (one_root, "status")), ==, "not_affected");
  g_assert_cmpstr (json_string_value (json_object_get (one_root, "vendor")), ==, "NEC");
  g_assert_cmpuint (json_array_size (json_object_get (one_root, "candidates")), ==, 0);
}

/* What is saved and shown: the table's spelling, found again when read back. */
static void
test_canonical (void)
{
  g_autoptr(OtasukeRouterTable) bundled = load_bundled ();
  g_autoptr(OtasukeRouterTable) fixture = load_fixture ();
  static const struct {
    const char *typed;
    const char *canonical;
  } cases[] = {
    { "ｗｇ２６００ｈｓ", "WG2600HS" },
    { "Aterm wg2600hs", "WG2600HS" },
    { "wsr-1166dhp3-bk", "WSR-1166DHP3" },
    { "wex 300hps", "WEX-300HPS/N" },
    { "rtx 1210", "RTX1210" },
    { "udlt1ex", "UD-LT1/EX" },
    /* The table's "-W" is a colour: the unit may be black. */
    { "wrc-1167fs-b", "WRC-1167FS" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OtasukeRouterResult) result = otasuke_router_table_lookup (bundled, cases[i].typed, NULL);
      g_autoptr(OtasukeRouterResult) again = NULL;

      g_test_message ("%s", cases[i].typed);
      g_assert_cmpstr (result->canonical, ==, cases[i].canonical);
      again = otasuke_router_table_lookup (bundled, result->canonical, NULL);
      g_assert_cmpstr (again->canonical, ==, cases[i].canonical);
      g_assert_cmpstr (again->vendor, ==, result->vendor);
    }

  /* Not matched: nothing canonical, the caller keeps what was typed. */
  {
    g_autoptr(OtasukeRouterResult) result = otasuke_router_table_lookup (bundled, "WSR-1166DHP5", NULL);

    g_assert_null (result->canonical);
  }

  /* A name two vendors have is saved with its vendor, so that it is found again. */
  {
    g_autoptr(OtasukeRouterResult) result = otasuke_router_table_lookup_vendor (fixture, "ELECOM", "zz100", NULL);
    g_autoptr(OtasukeRouterResult) again = NULL;

    g_assert_cmpstr (result->canonical, ==, "ELECOM ZZ-100");
    again = otasuke_router_table_lookup (fixture, result->canonical, NULL);
    g_assert_cmpstr (again->vendor, ==, "ELECOM");
    g_assert_cmpint (again->status, ==, OTASUKE_ROUTER_STATUS_END_OF_LIFE);
  }
}

/* The wizard's list: every vendor once; a vendor's models; typed text narrows it. */
static void
test_suggest_models (void)
{
  g_autoptr(OtasukeRouterTable) table = load_fixture ();
  g_autoptr(OtasukeRouterTable) bundled = load_bundled ();
  g_auto(GStrv) vendors = otasuke_router_table_list_vendors (table);
  const char * const expected[] = { "BUFFALO", "ELECOM", "NEC", "TP-Link", "YAMAHA", NULL };
  g_autoptr(GPtrArray) nec = otasuke_router_table_suggest_models (table, "NEC", NULL, 10);
  g_autoptr(GPtrArray) zz = otasuke_router_table_suggest_models (table, NULL, "zz", 10);
  g_autoptr(GPtrArray) zz_nec = otasuke_router_table_suggest_models (table, "NEC", "zz", 10);
  g_autoptr(GPtrArray) aterm = otasuke_router_table_suggest_models (bundled, NULL, "aterm wg26", 10);
  g_autoptr(GPtrArray) elecom = otasuke_router_table_suggest_models (bundled, "ELECOM", "", 4);
  g_autoptr(GPtrArray) nothing = otasuke_router_table_suggest_models (table, NULL, NULL, 10);

  g_assert_cmpstrv (vendors, expected);

  g_assert_cmpuint (nec->len, ==, 1);
  g_assert_cmpstr (((OtasukeRouterCandidate *) nec->pdata[0])->model, ==, "ZZ-100");

  g_assert_cmpuint (zz->len, ==, 3);
  g_assert_cmpuint (zz_nec->len, ==, 1);
  g_assert_cmpstr (((OtasukeRouterCandidate *) zz_nec->pdata[0])->vendor, ==, "NEC");

  /* "Aterm" is not part of the model: NEC's WG2600… models. */
  g_assert_cmpuint (aterm->len, >=, 3);
  for (guint i = 0; i < aterm->len; i++)
    {
      const OtasukeRouterCandidate *c = aterm->pdata[i];

      g_assert_cmpstr (c->vendor, ==, "NEC");
      g_assert_true (g_str_has_prefix (c->model, "WG2600"));
    }

  /* A vendor and nothing typed: its models, alphabetically, at most as many as asked. */
  g_assert_cmpuint (elecom->len, ==, 4);
  for (guint i = 0; i < elecom->len; i++)
    {
      g_assert_cmpstr (((OtasukeRouterCandidate *) elecom->pdata[i])->vendor, ==, "ELECOM");
      if (i > 0)
        g_assert_cmpint (strcmp (((OtasukeRouterCandidate *) elecom->pdata[i - 1])->model,
                                 ((OtasukeRouterCandidate *) elecom->pdata[i])->model), <, 0);
    }
  g_assert_cmpuint (nothing->len, ==, 0);
}

/* Where to find the model and the version: per vendor; the Aterm and ELECOM
 * owners told what to do. */
static void
test_hints_and_advice (void)
{
  g_autoptr(OtasukeRouterTable) bundled = load_bundled ();
  g_autoptr(OtasukeRouterResult) elecom = otasuke_router_table_lookup (bundled, "ELECOM WRC-1167FS", "1.0");
  g_autoptr(OtasukeRouterResult) iodata = otasuke_router_table_lookup (bundled, "UD-LT1", "2.1.9");

  g_assert_nonnull (strstr (otasuke_router_vendor_get_hint ("NEC"), "Aterm"));
  g_assert_nonnull (strstr (otasuke_router_vendor_get_hint ("ELECOM"), "ELECOM"));
  g_assert_nonnull (strstr (otasuke_router_vendor_get_hint ("NTT"), "ntt.setup"));
  /* No source says where I-O DATA prints them: the general advice, nothing made up. */
  g_assert_cmpstr (otasuke_router_vendor_get_hint ("I-O DATA"), ==, otasuke_router_vendor_get_hint (NULL));
  g_assert_nonnull (otasuke_router_vendor_get_hint (NULL));
  g_assert_cmpstr (otasuke_router_vendor_get_hint ("NO SUCH MAKER"), ==, otasuke_router_vendor_get_hint (NULL));
  g_assert_cmpstr (otasuke_router_vendor_get_display_name ("NEC"), ==, "NEC Aterm");
  g_assert_cmpstr (otasuke_router_vendor_get_display_name ("ELECOM"), ==, "ELECOM");

  g_assert_cmpint (elecom->status, ==, OTASUKE_ROUTER_STATUS_END_OF_LIFE);
  g_assert_true (advice_contains (elecom, "replace it"));
  g_assert_cmpint (iodata->status, ==, OTASUKE_ROUTER_STATUS_AFFECTED);
  g_assert_true (advice_contains (iodata, "to version 2.2.0 or later"));
}

/* The bundled table may list one name under two vendors; one vendor twice is a mistake. */
static void
test_load (void)
{
  static const char twice[] =
    "{ \"schema\": 1, \"routers\": ["
    "  { \"vendor\": \"NEC\", \"model\": \"ZZ-1\", \"advisories\": [] },"
    "  { \"vendor\": \"nec\", \"model\": \"zz-1\", \"advisories\": [] } ] }";
  g_autoptr(GBytes) bytes = g_bytes_new_static (twice, sizeof twice - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeRouterTable) fixture = load_fixture ();
  OtasukeRouterTable *table = otasuke_router_table_new_from_bytes (bytes, &error);

  g_assert_null (table);
  g_assert_error (error, OTASUKE_ROUTER_TABLE_ERROR, OTASUKE_ROUTER_TABLE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "listed twice"));
  g_assert_cmpuint (otasuke_router_table_get_n_models (fixture), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/router-match/same-name", test_same_name);
  g_test_add_func ("/router-match/vendor-decides", test_vendor_decides);
  g_test_add_func ("/router-match/similar-names", test_similar_names);
  g_test_add_func ("/router-match/json", test_json);
  g_test_add_func ("/router-match/canonical", test_canonical);
  g_test_add_func ("/router-match/suggest-models", test_suggest_models);
  g_test_add_func ("/router-match/hints-and-advice", test_hints_and_advice);
  g_test_add_func ("/router-match/load", test_load);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-advisory-match"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "otasuke-advisory-match.h"
#include "otasuke-router.h"

static OtasukeFeedCheck *
browser_check (const char *product,
               const char *min)
{
  OtasukeFeedCheck *check = g_new0 (OtasukeFeedCheck, 1);

  check->type = OTASUKE_CHECK_BROWSER_MIN_VERSION;
  check->product = g_strdup (product);
  check->min = g_strdup (min);
  return check;
}

static OtasukeFeedCheck *
router_check (const char *model,
              const char *affected_max)
{
  OtasukeFeedCheck *check = g_new0 (OtasukeFeedCheck, 1);

  check->type = OTASUKE_CHECK_ROUTER_FIRMWARE;
  check->vendor = g_strdup ("BUFFALO");
  check->model = g_strdup (model);
  check->affected_max = g_strdup (affected_max);
  check->condition = g_strdup ("default_password");
  return check;
}

static OtasukeFeedCheck *
os_check (const char *os,
          const char *version,
          const char *date)
{
  OtasukeFeedCheck *check = g_new0 (OtasukeFeedCheck, 1);

  check->type = OTASUKE_CHECK_OS_END_OF_SUPPORT;
  check->os = g_strdup (os);
  check->version = g_strdup (version);
  check->date = g_strdup (date);
  return check;
}

static OtasukeFeedItem *
item_with (OtasukeFeedCheck *first, ...)
{
  OtasukeFeedItem *item = g_new0 (OtasukeFeedItem, 1);
  va_list args;

  item->id = g_strdup ("test");
  item->title = g_strdup ("Test");
  item->content_text = g_strdup ("Test");
  item->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_feed_check_free);
  va_start (args, first);
  for (OtasukeFeedCheck *c = first; c != NULL; c = va_arg (args, OtasukeFeedCheck *))
    g_ptr_array_add (item->checks, c);
  va_end (args);
  return item;
}

static void
item_free (OtasukeFeedItem *item)
{
  g_free (item->id);
  g_free (item->title);
  g_free (item->content_text);
  g_ptr_array_unref (item->checks);
  g_free (item);
}

static OtasukeAffects
match (OtasukeFeedItem     *item,
       OtasukeMachineFacts *facts,
       const char          *reason_contains)
{
  g_autofree char *reason = NULL;
  OtasukeAffects result = otasuke_advisory_match (item, facts, &reason);

  g_test_message ("reason: %s", reason ? reason : "(none)");
  if (reason_contains != NULL)
    {
      g_assert_nonnull (reason);
      g_assert_nonnull (strstr (reason, reason_contains));
    }
  return result;
}

static void
test_browsers (void)
{
  OtasukeFeedItem *item = item_with (browser_check ("chrome", "128.0.6613.85"),
                                     browser_check ("chromium", "128.0.6613.85"), NULL);
  OtasukeMachineFacts facts = { 0 };

  /* Before the probes ran, say so rather than guess. */
  g_assert_cmpint (match (item, &facts, "browser"), ==, OTASUKE_AFFECTS_UNKNOWN);

  facts.browsers_known = TRUE;
  facts.browsers = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_browser_fact_free);
  g_assert_cmpint (match (item, &facts, "not installed"), ==, OTASUKE_AFFECTS_NO);

  g_ptr_array_add (facts.browsers, otasuke_browser_fact_new ("chrome", "Google Chrome", "127.0.6533.72"));
  g_assert_cmpint (match (item, &facts, "Google Chrome 127.0.6533.72 is older than 128.0.6613.85"), ==,
                   OTASUKE_AFFECTS_YES);

  g_ptr_array_set_size (facts.browsers, 0);
  g_ptr_array_add (facts.browsers, otasuke_browser_fact_new ("chrome", "Google Chrome", "128.0.6613.120"));
  g_assert_cmpint (match (item, &facts, "up to date"), ==, OTASUKE_AFFECTS_NO);

  /* The exact minimum is safe. */
  g_ptr_array_set_size (facts.browsers, 0);
  g_ptr_array_add (facts.browsers, otasuke_browser_fact_new ("chromium", "Chromium", "128.0.6613.85"));
  g_assert_cmpint (match (item, &facts, NULL), ==, OTASUKE_AFFECTS_NO);

  otasuke_machine_facts_clear (&facts);
  item_free (item);
}

static void
test_routers (void)
{
  OtasukeFeedItem *item = item_with (router_check ("WHR-1166DHP2", "2.95"),
                                     router_check ("WSR-1166DHP3", "1.18"), NULL);
  OtasukeMachineFacts facts = { 0 };

  g_assert_cmpint (match (item, &facts, "model"), ==, OTASUKE_AFFECTS_UNKNOWN);

  facts.router_model = g_strdup ("ＷＳＲ－１１６６ＤＨＰ３");
  g_assert_cmpint (match (item, &facts, "firmware"), ==, OTASUKE_AFFECTS_UNKNOWN);

  facts.router_firmware = g_strdup ("Ver.1.18");
  g_assert_cmpint (match (item, &facts, "WSR-1166DHP3"), ==, OTASUKE_AFFECTS_YES);

  g_free (facts.router_firmware);
  facts.router_firmware = g_strdup ("1.19");
  g_assert_cmpint (match (item, &facts, "newer"), ==, OTASUKE_AFFECTS_NO);

  g_free (facts.router_model);
  facts.router_model = g_strdup ("wxr-5950ax12");
  g_assert_cmpint (match (item, &facts, "not one of the models"), ==, OTASUKE_AFFECTS_NO);

  otasuke_machine_facts_clear (&facts);
  item_free (item);
}

static void
test_os (void)
{
  OtasukeFeedItem *item = item_with (os_check ("windows", "10", "2025-10-14"), NULL);
  OtasukeMachineFacts facts = { 0 };
  g_autoptr(GDateTime) before = g_date_time_new_local (2025, 10, 1, 12, 0, 0);
  g_autoptr(GDateTime) after = g_date_time_new_local (2026, 11, 26, 12, 0, 0);

  g_assert_cmpint (match (item, &facts, NULL), ==, OTASUKE_AFFECTS_UNKNOWN);

  facts.os_id = g_strdup ("debian");
  facts.os_version = g_strdup ("12");
  facts.now = g_date_time_to_unix (after);
  g_assert_cmpint (match (item, &facts, "different"), ==, OTASUKE_AFFECTS_NO);

  g_free (facts.os_id);
  g_free (facts.os_version);
  facts.os_id = g_strdup ("windows");
  facts.os_version = g_strdup ("10.0.19045");
  g_assert_cmpint (match (item, &facts, "ended on 14 October 2025"), ==, OTASUKE_AFFECTS_YES);
  facts.now = g_date_time_to_unix (before);
  g_assert_cmpint (match (item, &facts, "ends on"), ==, OTASUKE_AFFECTS_NO);

  g_free (facts.os_version);
  facts.os_version = g_strdup ("11");
  g_assert_cmpint (match (item, &facts, NULL), ==, OTASUKE_AFFECTS_NO);

  otasuke_machine_facts_clear (&facts);
  item_free (item);
}

static void
test_no_checks (void)
{
  OtasukeFeedItem *item = item_with (NULL);
  OtasukeMachineFacts facts = { 0 };
  g_autofree char *reason = NULL;

  g_assert_cmpint (otasuke_advisory_match (item, &facts, &reason), ==, OTASUKE_AFFECTS_UNKNOWN);
  g_assert_null (reason);
  item_free (item);
}

static void
test_normalize_model (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "WSR-1166DHP3", "WSR-1166DHP3" },
    { "wsr-1166dhp3", "WSR-1166DHP3" },
    { " WSR 1166 DHP3 ", "WSR1166DHP3" },
    { "ＷＳＲ－１１６６ＤＨＰ３", "WSR-1166DHP3" },
    { "WSR-1166DHP3-BK", "WSR-1166DHP3" },
    { "wsr-1166dhp3-wh", "WSR-1166DHP3" },
    { "WEX-300HPTX/N", "WEX-300HPTX/N" },
    { "WSR‐1166DHP3", "WSR-1166DHP3" },
    { "", NULL },
    { "   ", NULL },
    { "ルーター", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = otasuke_router_normalize_model (cases[i].in);

      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

static void
test_facts_from_probe (void)
{
  OtasukeProbeReport report = { 0 };
  OtasukeProbeBrowser chrome = { .id = (char *) "chrome", .name = (char *) "Google Chrome",
                                 .version = (char *) "127.0.6533.72" };
  OtasukeProbeBrowser unknown = { .id = (char *) "firefox", .name = (char *) "Firefox", .version = NULL };
  OtasukeFeedItem *item = item_with (browser_check ("chrome", "128.0.6613.85"), NULL);
  OtasukeMachineFacts facts = { 0 };

  report.browsers = g_ptr_array_new ();
  g_ptr_array_add (report.browsers, &chrome);
  g_ptr_array_add (report.browsers, &unknown);
  report.os.id = (char *) "debian";
  report.os.version_id = (char *) "12";

  otasuke_machine_facts_from_probe (&facts, &report, 1000);
  g_assert_true (facts.browsers_known);
  /* A browser whose version could not be read is left out, not guessed. */
  g_assert_cmpuint (facts.browsers->len, ==, 1);
  g_assert_cmpstr (facts.os_id, ==, "debian");
  g_assert_cmpint (match (item, &facts, "127.0.6533.72 is older"), ==, OTASUKE_AFFECTS_YES);

  otasuke_machine_facts_clear (&facts);
  g_ptr_array_unref (report.browsers);
  item_free (item);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/advisory-match/browsers", test_browsers);
  g_test_add_func ("/advisory-match/routers", test_routers);
  g_test_add_func ("/advisory-match/os", test_os);
  g_test_add_func ("/advisory-match/no-checks", test_no_checks);
  g_test_add_func ("/advisory-match/facts-from-probe", test_facts_from_probe);
  g_test_add_func ("/advisory-match/normalize-model", test_normalize_model);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-notify-policy"

#include "config.h"

#include "otasuke-notify-policy.h"

#define NOW   ((gint64) 1760000000)
#define SINCE (NOW - 60 * OTASUKE_DAY)

static OtasukeAdvisory *
advisory (const char      *id,
          OtasukeSeverity  severity,
          gint64           published,
          gint64           first_seen,
          gint64           notified_at)
{
  OtasukeFeedItem item = {
    .id = (char *) id,
    .title = (char *) id,
    .content_text = (char *) "text",
    .date_published = published,
    .severity = severity,
    .category = OTASUKE_CATEGORY_GENERAL,
  };

  return otasuke_advisory_new_from_item (&item, first_seen, 0, notified_at);
}

static GPtrArray *
ids_of (GPtrArray *advisories)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; i < advisories->len; i++)
    g_ptr_array_add (ids, (gpointer) otasuke_advisory_get_id (g_ptr_array_index (advisories, i)));
  g_ptr_array_add (ids, NULL);
  return ids;
}

static void
assert_selected (GPtrArray          *selected,
                 const char * const *expected)
{
  g_autoptr(GPtrArray) ids = ids_of (selected);

  g_assert_cmpstrv ((const char * const *) ids->pdata, expected);
}

static void
test_select_rules (void)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) selected = NULL;
  const char * const expected[] = { "critical-new", "high-new", "high-no-date", NULL };

  g_ptr_array_add (all, advisory ("high-new", OTASUKE_SEVERITY_HIGH, NOW - OTASUKE_DAY, NOW, 0));
  g_ptr_array_add (all, advisory ("critical-new", OTASUKE_SEVERITY_CRITICAL, NOW - 2 * OTASUKE_DAY, NOW, 0));
  /* No date in the feed: the day it arrived counts. */
  g_ptr_array_add (all, advisory ("high-no-date", OTASUKE_SEVERITY_HIGH, 0, NOW - 3 * OTASUKE_DAY, 0));
  g_ptr_array_add (all, advisory ("medium-new", OTASUKE_SEVERITY_MEDIUM, NOW, NOW, 0));
  g_ptr_array_add (all, advisory ("already-notified", OTASUKE_SEVERITY_CRITICAL, NOW, NOW, NOW - 10));
  /* In the store before notifications began (the bundled feed, for one). */
  g_ptr_array_add (all, advisory ("before-since", OTASUKE_SEVERITY_CRITICAL, SINCE - 1, SINCE - 1, 0));
  /* Published long before it reached us: old news. */
  g_ptr_array_add (all, advisory ("old-news", OTASUKE_SEVERITY_CRITICAL,
                                  NOW - OTASUKE_NOTIFY_MAX_DELAY - 1, NOW, 0));

  selected = otasuke_notify_policy_select_advisories (all, NULL, SINCE, OTASUKE_SEVERITY_HIGH);
  assert_selected (selected, expected);
}

static void
test_select_edges (void)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) selected = NULL;
  g_autoptr(GPtrArray) none = NULL;
  const char * const expected[] = { "just-in-time", "at-since", NULL };  /* newest first */

  g_ptr_array_add (all, advisory ("at-since", OTASUKE_SEVERITY_HIGH, SINCE, SINCE, 0));
  g_ptr_array_add (all, advisory ("just-in-time", OTASUKE_SEVERITY_HIGH, NOW - OTASUKE_NOTIFY_MAX_DELAY, NOW, 0));

  selected = otasuke_notify_policy_select_advisories (all, NULL, SINCE, OTASUKE_SEVERITY_HIGH);
  assert_selected (selected, expected);

  /* Notifications never began: nothing. */
  none = otasuke_notify_policy_select_advisories (all, NULL, 0, OTASUKE_SEVERITY_INFO);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_select_threshold_and_ids (void)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) new_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) critical_only = NULL;
  g_autoptr(GPtrArray) everything = NULL;
  g_autoptr(GPtrArray) restricted = NULL;
  const char * const expected_critical[] = { "c", NULL };
  const char * const expected_all[] = { "c", "h", "i", NULL };
  const char * const expected_restricted[] = { "i", NULL };

  g_ptr_array_add (all, advisory ("h", OTASUKE_SEVERITY_HIGH, NOW, NOW, 0));
  g_ptr_array_add (all, advisory ("c", OTASUKE_SEVERITY_CRITICAL, NOW, NOW, 0));
  g_ptr_array_add (all, advisory ("i", OTASUKE_SEVERITY_INFO, NOW, NOW, 0));

  critical_only = otasuke_notify_policy_select_advisories (all, NULL, SINCE, OTASUKE_SEVERITY_CRITICAL);
  assert_selected (critical_only, expected_critical);
  everything = otasuke_notify_policy_select_advisories (all, NULL, SINCE, OTASUKE_SEVERITY_INFO);
  assert_selected (everything, expected_all);

  /* Only what the last fetch brought. */
  g_ptr_array_add (new_ids, (gpointer) "i");
  restricted = otasuke_notify_policy_select_advisories (all, new_ids, SINCE, OTASUKE_SEVERITY_INFO);
  assert_selected (restricted, expected_restricted);
}

static OtasukeReminderState
fresh_state (void)
{
  return (OtasukeReminderState) {
    .now = NOW,
    .since = SINCE,
    .last_check_at = NOW - OTASUKE_DAY,
    .feed_expires_at = NOW + 30 * OTASUKE_DAY,
    .can_fetch = TRUE,
    .backup_days = 30,
    .last_backup_confirmed = NOW - OTASUKE_DAY,
  };
}

static void
test_reminders_none_due (void)
{
  OtasukeReminderState state = fresh_state ();
  gint64 next_at = -1;

  g_assert_cmpuint (otasuke_notify_policy_reminders_due (&state, &next_at), ==, 0);
  /* The check and the backup reminder both fall due in 29 days. */
  g_assert_cmpint (next_at, ==, NOW + 29 * OTASUKE_DAY);

  /* Before notifications began, nothing at all. */
  state.since = 0;
  g_assert_cmpuint (otasuke_notify_policy_reminders_due (&state, &next_at), ==, 0);
  g_assert_cmpint (next_at, ==, 0);
}

static void
test_reminders_check (void)
{
  OtasukeReminderState state = fresh_state ();
  gint64 next_at = 0;

  state.last_check_at = NOW - OTASUKE_CHECK_DUE_AFTER - 1;
  g_assert_cmpuint (otasuke_notify_policy_reminders_due (&state, &next_at), ==, 1u << OTASUKE_REMINDER_CHECK);
  g_assert_cmpint (next_at, ==, NOW + OTASUKE_REMINDER_REPEAT);

  /* Exactly 30 days is not yet "more than". */
  state.last_check_at = NOW - OTASUKE_CHECK_DUE_AFTER + 1;
  g_assert_cmpuint (otasuke_notify_policy_reminders_due (&state, &next_at), ==, 0);
  g_assert_cmpint (next_at, ==, NOW + 1);

  /* Never checked: due. */
  state.last_check_at = 0;
  g_assert_cmpuint (otasuke_notify_policy_reminders_due (&state, NULL), ==, 1u << OTASUKE_REMINDER_CHECK);

  /* Shown three days ago: not again until a week has passed. */
  state.last_shown[OTASUKE_REMINDER_CHECK] = NOW - 3 * OTASUKE_DAY;
  g_assert_cmpuint (otasuke_notify_policy_reminders_due (&state, &next_at), ==, 0);
  g_assert_cmpint (next_at, ==, NOW + 4 * OTASUKE_DAY);
  state.last_shown[OTASUKE_REMINDER_CHECK] = NOW - OTASUKE_REMINDER_REPEAT;
  g_assert_cmpuint (otasuke_notify_policy_reminders_due (&state, NULL), ==, 1u << OTASUKE_REMINDER_CHECK);
}

static void
test_reminders_backup (void)
{
  OtasukeReminderState state = fresh_state ();
  gint64 next_at = 0;

  state.last_backup_confirmed = NOW - 31 * OTASUKE_DAY;
  g_assert_cmpuint (otasuke_notify_policy_reminders_due (&state, NULL), ==, 1u << OTASUKE_REMINDER_BACKUP);

  /* The user's own interval. */
  state.backup_days = 60;
  g_assert_cmpuint (otasuke_notify_policy_reminders_due (&state, &next_at), ==, 0);
  g_assert_cmpint (next_at, ==, NOW + 29 * OTASUKE_DAY);

  /* Off. */
  state.backup_days = 0;
  state.last_backup_confirmed = 0;
  g_assert_cmpuint (otasuke_notify_policy_reminders_due (&state, NULL), ==, 0);

  /* Never confirmed: counted from when notifications began. */
  state.backup_days = 7;
  state.since = NOW - 7 * OTASUKE_DAY + 5;
  g_assert_cmpuint (otasuke_notify_policy_reminders_due (&state, &next_at), ==, 0);
  g_assert_cmpint (next_at, ==, NOW + 5);
  state.since = NOW - 7 * OTASUKE_DAY;
  g_assert_cmpuint (otasuke_notify_policy_reminders_due (&state, NULL), ==, 1u << OTASUKE_REMINDER_BACKUP);
}

static void
test_reminders_feed_stale (void)
{
  OtasukeReminderState state = fresh_state ();

  state.feed_expires_at = NOW - OTASUKE_FEED_STALE_REMIND_AFTER - 1;
  g_assert_cmpuint (otasuke_notify_policy_reminders_due (&state, NULL), ==, 1u << OTASUKE_REMINDER_FEED_STALE);

  /* Stale for less than two weeks. */
  state.feed_expires_at = NOW - OTASUKE_DAY;
  g_assert_cmpuint (otasuke_notify_policy_reminders_due (&state, NULL), ==, 0);

  /* Nothing the user could fix: no feed can be fetched. */
  state.feed_expires_at = NOW - 100 * OTASUKE_DAY;
  state.can_fetch = FALSE;
  g_assert_cmpuint (otasuke_notify_policy_reminders_due (&state, NULL), ==, 0);
}

static void
test_reminders_all (void)
{
  OtasukeReminderState state = fresh_state ();

  state.last_check_at = 0;
  state.last_backup_confirmed = NOW - 90 * OTASUKE_DAY;
  state.feed_expires_at = NOW - 90 * OTASUKE_DAY;
  g_assert_cmpuint (otasuke_notify_policy_reminders_due (&state, NULL), ==,
                    (1u << OTASUKE_REMINDER_CHECK) | (1u << OTASUKE_REMINDER_BACKUP) |
                    (1u << OTASUKE_REMINDER_FEED_STALE));
  g_assert_cmpstr (otasuke_reminder_to_string (OTASUKE_REMINDER_FEED_STALE), ==, "feed-stale");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/notify-policy/select/rules", test_select_rules);
  g_test_add_func ("/notify-policy/select/edges", test_select_edges);
  g_test_add_func ("/notify-policy/select/threshold-and-ids", test_select_threshold_and_ids);
  g_test_add_func ("/notify-policy/reminders/none-due", test_reminders_none_due);
  g_test_add_func ("/notify-policy/reminders/check", test_reminders_check);
  g_test_add_func ("/notify-policy/reminders/backup", test_reminders_backup);
  g_test_add_func ("/notify-policy/reminders/feed-stale", test_reminders_feed_stale);
  g_test_add_func ("/notify-policy/reminders/all", test_reminders_all);

  return g_test_run ();
}

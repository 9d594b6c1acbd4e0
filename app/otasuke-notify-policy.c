/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-notify-policy"

#include "config.h"

#include "otasuke-notify-policy.h"

const char *
otasuke_reminder_to_string (OtasukeReminder reminder)
{
  switch (reminder)
    {
    case OTASUKE_REMINDER_CHECK:
      return "check";
    case OTASUKE_REMINDER_BACKUP:
      return "backup";
    case OTASUKE_REMINDER_FEED_STALE:
      return "feed-stale";
    case OTASUKE_N_REMINDERS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
id_in (GPtrArray  *ids,
       const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return TRUE;
  return FALSE;
}

static int
compare_severity_then_date (gconstpointer a,
                            gconstpointer b)
{
  OtasukeAdvisory *x = *(OtasukeAdvisory * const *) a;
  OtasukeAdvisory *y = *(OtasukeAdvisory * const *) b;
  OtasukeSeverity sx = otasuke_advisory_get_severity (x);
  OtasukeSeverity sy = otasuke_advisory_get_severity (y);
  gint64 dx, dy;

  if (sx != sy)
    return sx > sy ? -1 : 1;
  dx = otasuke_advisory_get_date (x);
  dy = otasuke_advisory_get_date (y);
  if (dx != dy)
    return dx > dy ? -1 : 1;
  return g_strcmp0 (otasuke_advisory_get_id (x), otasuke_advisory_get_id (y));
}

GPtrArray *
otasuke_notify_policy_select_advisories (GPtrArray       *advisories,
                                         GPtrArray       *new_ids,
                                         gint64           since,
                                         OtasukeSeverity  min_severity)
{
  GPtrArray *selected = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (advisories != NULL, selected);

  /* Before notifications began, everything in the store was already there. */
  if (since <= 0)
    return selected;

  for (guint i = 0; i < advisories->len; i++)
    {
      OtasukeAdvisory *advisory = g_ptr_array_index (advisories, i);
      gint64 first_seen = otasuke_advisory_get_first_seen (advisory);

      if (otasuke_advisory_get_notified_at (advisory) != 0)
        continue;
      if (otasuke_advisory_get_severity (advisory) < min_severity)
        continue;
      if (first_seen < since)
        continue;
      if (otasuke_advisory_get_date (advisory) < first_seen - OTASUKE_NOTIFY_MAX_DELAY)
        continue;
      if (new_ids != NULL && !id_in (new_ids, otasuke_advisory_get_id (advisory)))
        continue;

      g_ptr_array_add (selected, g_object_ref (advisory));
    }

  g_ptr_array_sort (selected, compare_severity_then_date);
  return selected;
}

/* When @reminder falls due, 0 when it does not apply. */
static gint64
due_at (const OtasukeReminderState *state,
        OtasukeReminder             reminder)
{
  switch (reminder)
    {
    case OTASUKE_REMINDER_CHECK:
      /* Never checked: due at once. */
      return state->last_check_at > 0 ? state->last_check_at + OTASUKE_CHECK_DUE_AFTER : state->since;

    case OTASUKE_REMINDER_BACKUP:
      if (state->backup_days == 0)
        return 0;
      /* Never confirmed: counted from the day notifications began. */
      return (state->last_backup_confirmed > 0 ? state->last_backup_confirmed : state->since) +
             (gint64) state->backup_days * OTASUKE_DAY;

    case OTASUKE_REMINDER_FEED_STALE:
      /* Nothing the user could do about it without a feed that can be fetched. */
      if (!state->can_fetch || state->feed_expires_at <= 0)
        return 0;
      return state->feed_expires_at + OTASUKE_FEED_STALE_REMIND_AFTER;

    case OTASUKE_N_REMINDERS:
    default:
      g_assert_not_reached ();
    }
}

guint
otasuke_notify_policy_reminders_due (const OtasukeReminderState *state,
                                     gint64                     *next_at)
{
  guint due = 0;
  gint64 next = 0;

  g_return_val_if_fail (state != NULL, 0);

  if (state->since > 0)
    {
      for (guint r = 0; r < OTASUKE_N_REMINDERS; r++)
        {
          gint64 at = due_at (state, r);
          gint64 when;

          if (at <= 0)
            continue;

          when = MAX (at, state->last_shown[r] > 0 ? state->last_shown[r] + OTASUKE_REMINDER_REPEAT : 0);
          if (when <= state->now)
            {
              due |= 1u << r;
              /* Shown now, so still due in a week unless the user acts. */
              when = state->now + OTASUKE_REMINDER_REPEAT;
            }
          if (next == 0 || when < next)
            next = when;
        }
    }

  if (next_at != NULL)
    *next_at = next;
  return due;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-advisory-match"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "otasuke-advisory-match.h"
#include "otasuke-router.h"
#include "otasuke-version.h"

OtasukeBrowserFact *
otasuke_browser_fact_new (const char *id,
                          const char *name,
                          const char *version)
{
  OtasukeBrowserFact *fact = g_new0 (OtasukeBrowserFact, 1);

  fact->id = g_strdup (id);
  fact->name = g_strdup (name);
  fact->version = g_strdup (version);
  return fact;
}

void
otasuke_browser_fact_free (OtasukeBrowserFact *fact)
{
  if (fact == NULL)
    return;
  g_free (fact->id);
  g_free (fact->name);
  g_free (fact->version);
  g_free (fact);
}

void
otasuke_machine_facts_clear (OtasukeMachineFacts *facts)
{
  g_clear_pointer (&facts->browsers, g_ptr_array_unref);
  g_clear_pointer (&facts->router_vendor, g_free);
  g_clear_pointer (&facts->router_model, g_free);
  g_clear_pointer (&facts->router_firmware, g_free);
  g_clear_pointer (&facts->os_id, g_free);
  g_clear_pointer (&facts->os_version, g_free);
}

void
otasuke_machine_facts_from_probe (OtasukeMachineFacts      *facts,
                                  const OtasukeProbeReport *report,
                                  gint64                    now)
{
  g_return_if_fail (facts != NULL);
  g_return_if_fail (report != NULL);

  otasuke_machine_facts_clear (facts);
  facts->browsers_known = TRUE;
  facts->browsers = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_browser_fact_free);
  for (guint i = 0; i < report->browsers->len; i++)
    {
      const OtasukeProbeBrowser *b = g_ptr_array_index (report->browsers, i);

      if (b->version != NULL)
        g_ptr_array_add (facts->browsers, otasuke_browser_fact_new (b->id, b->name, b->version));
    }
  facts->os_id = g_strdup (report->os.id);
  facts->os_version = g_strdup (report->os.version_id);
  facts->now = now;
}

static const char *
product_name (const char *id)
{
  static const struct { const char *id, *name; } names[] = {
    { "chrome", "Google Chrome" },
    { "chromium", "Chromium" },
    { "firefox", "Firefox" },
    { "edge", "Microsoft Edge" },
    { "brave", "Brave" },
    { "vivaldi", "Vivaldi" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (names[i].id, id) == 0)
      return names[i].name;
  return id;
}

/* Each matcher sets @specific when its answer is about something this
 * machine has (its browser, its router model, its OS), so that answer is the
 * one shown rather than "not one of the models listed". */
static OtasukeAffects
match_browser (const OtasukeFeedCheck    *check,
               const OtasukeMachineFacts *facts,
               char                     **reason,
               gboolean                  *specific)
{
  gboolean found = FALSE;

  if (!facts->browsers_known)
    {
      *reason = g_strdup (_("Otasuke does not know this computer’s browser versions yet."));
      return OTASUKE_AFFECTS_UNKNOWN;
    }

  for (guint i = 0; facts->browsers != NULL && i < facts->browsers->len; i++)
    {
      const OtasukeBrowserFact *b = g_ptr_array_index (facts->browsers, i);
      int cmp;

      if (g_strcmp0 (b->id, check->product) != 0)
        continue;
      found = TRUE;
      if (!otasuke_version_compare (b->version, check->min, &cmp, NULL))
        continue;
      if (cmp < 0)
        {
          /* Translators: "Google Chrome 127.0.6533.72 is older than 128.0.6613.85." */
          *reason = g_strdup_printf (_("%s %s is older than %s."),
                                     b->name != NULL ? b->name : product_name (b->id), b->version, check->min);
          return OTASUKE_AFFECTS_YES;
        }
    }

  *specific = found;
  if (found)
    *reason = g_strdup_printf (_("%s is up to date (%s or later)."), product_name (check->product), check->min);
  else
    *reason = g_strdup_printf (_("%s is not installed on this computer."), product_name (check->product));
  return OTASUKE_AFFECTS_NO;
}

static OtasukeAffects
match_router (const OtasukeFeedCheck    *check,
              const OtasukeMachineFacts *facts,
              char                     **reason,
              gboolean                  *specific)
{
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;
  int cmp;

  if (facts->router_model == NULL)
    {
      *reason = g_strdup (_("Enter your router’s model in the check to find out whether this concerns you."));
      return OTASUKE_AFFECTS_UNKNOWN;
    }

  ours = otasuke_router_normalize_model (facts->router_model);
  theirs = otasuke_router_normalize_model (check->model);
  if (ours == NULL || theirs == NULL || g_strcmp0 (ours, theirs) != 0 ||
      (facts->router_vendor != NULL && check->vendor != NULL &&
       g_ascii_strcasecmp (facts->router_vendor, check->vendor) != 0))
    {
      *reason = g_strdup_printf (_("Your router (%s) is not one of the models listed."), facts->router_model);
      return OTASUKE_AFFECTS_NO;
    }

  if (facts->router_firmware == NULL ||
      !otasuke_version_compare (facts->router_firmware, check->affected_max, &cmp, NULL))
    {
      *reason = g_strdup_printf (_("Your router %s is listed. Enter its firmware version to find out whether it is affected."),
                                 theirs);
      return OTASUKE_AFFECTS_UNKNOWN;
    }

  if (cmp <= 0)
    {
      /* Translators: router model, its firmware, the last affected firmware */
      *reason = g_strdup_printf (_("Your router %s has firmware %s, which is affected (%s and earlier)."),
                                 theirs, facts->router_firmware, check->affected_max);
      return OTASUKE_AFFECTS_YES;
    }

  *specific = TRUE;
  *reason = g_strdup_printf (_("Your router %s has firmware %s, newer than the affected versions."),
                             theirs, facts->router_firmware);
  return OTASUKE_AFFECTS_NO;
}

static gboolean
os_version_matches (const char *ours,
                    const char *theirs)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;

  if (ours == NULL || theirs == NULL)
    return FALSE;

  /* "10" covers "10.0.19045"; compare the parts the advisory names. */
  a = g_strsplit (ours, ".", -1);
  b = g_strsplit (theirs, ".", -1);
  for (guint i = 0; b[i] != NULL; i++)
    {
      if (a[i] == NULL)
        return FALSE;
      if (g_ascii_strtoull (a[i], NULL, 10) != g_ascii_strtoull (b[i], NULL, 10))
        return FALSE;
    }
  return TRUE;
}

static OtasukeAffects
match_os (const OtasukeFeedCheck    *check,
          const OtasukeMachineFacts *facts,
          char                     **reason,
          gboolean                  *specific)
{
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *end_text = NULL;
  int y = 0, m = 0, d = 0;

  if (facts->os_id == NULL)
    {
      *reason = g_strdup (_("Otasuke could not tell which operating system this computer runs."));
      return OTASUKE_AFFECTS_UNKNOWN;
    }

  if (g_ascii_strcasecmp (facts->os_id, check->os) != 0 || !os_version_matches (facts->os_version, check->version))
    {
      *reason = g_strdup (_("This computer runs a different operating system."));
      return OTASUKE_AFFECTS_NO;
    }

  if (sscanf (check->date, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      (end = g_date_time_new_local (y, m, d, 0, 0, 0)) == NULL)
    return OTASUKE_AFFECTS_UNKNOWN;

  /* Translators: a date, strftime format */
  end_text = g_date_time_format (end, C_("date", "%-d %B %Y"));
  if (facts->now >= g_date_time_to_unix (end))
    {
      *reason = g_strdup_printf (_("Support for this version ended on %s: it no longer gets security updates."),
                                 end_text);
      return OTASUKE_AFFECTS_YES;
    }

  *specific = TRUE;
  *reason = g_strdup_printf (_("Support for this version ends on %s."), end_text);
  return OTASUKE_AFFECTS_NO;
}

OtasukeAffects
otasuke_advisory_match (const OtasukeFeedItem     *item,
                        const OtasukeMachineFacts *facts,
                        char                     **reason)
{
  g_autofree char *unknown_reason = NULL;
  g_autofree char *no_reason = NULL;
  gboolean no_reason_specific = FALSE;
  gboolean any_unknown = FALSE;

  g_return_val_if_fail (item != NULL, OTASUKE_AFFECTS_UNKNOWN);
  g_return_val_if_fail (facts != NULL, OTASUKE_AFFECTS_UNKNOWN);

  if (reason != NULL)
    *reason = NULL;
  if (item->checks == NULL || item->checks->len == 0)
    return OTASUKE_AFFECTS_UNKNOWN;

  for (guint i = 0; i < item->checks->len; i++)
    {
      const OtasukeFeedCheck *check = g_ptr_array_index (item->checks, i);
      g_autofree char *why = NULL;
      OtasukeAffects result = OTASUKE_AFFECTS_UNKNOWN;
      gboolean specific = FALSE;

      switch (check->type)
        {
        case OTASUKE_CHECK_BROWSER_MIN_VERSION:
          result = match_browser (check, facts, &why, &specific);
          break;
        case OTASUKE_CHECK_ROUTER_FIRMWARE:
          result = match_router (check, facts, &why, &specific);
          break;
        case OTASUKE_CHECK_OS_END_OF_SUPPORT:
          result = match_os (check, facts, &why, &specific);
          break;
        default:
          g_assert_not_reached ();
        }

      if (result == OTASUKE_AFFECTS_YES)
        {
          if (reason != NULL)
            *reason = g_steal_pointer (&why);
          return OTASUKE_AFFECTS_YES;
        }
      if (result == OTASUKE_AFFECTS_UNKNOWN)
        {
          any_unknown = TRUE;
          if (unknown_reason == NULL)
            unknown_reason = g_steal_pointer (&why);
        }
      else if (no_reason == NULL || (specific && !no_reason_specific))
        {
          g_free (no_reason);
          no_reason = g_steal_pointer (&why);
          no_reason_specific = specific;
        }
    }

  if (reason != NULL)
    *reason = any_unknown ? g_steal_pointer (&unknown_reason) : g_steal_pointer (&no_reason);
  return any_unknown ? OTASUKE_AFFECTS_UNKNOWN : OTASUKE_AFFECTS_NO;
}

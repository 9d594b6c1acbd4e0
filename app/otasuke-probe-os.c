/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-probe"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>

#include "otasuke-feed.h"
#include "otasuke-os-info.h"
#include "otasuke-probe-private.h"
#include "otasuke-version.h"

/* The operating system and its end of support, on every platform: the
 * identity comes through the OS-info seam (os-release on Linux,
 * RtlGetVersion and CurrentVersion on Windows), the dates from the feed
 * and the bundled table below. */

/* End of support, in the feed's os_end_of_support form. The date is the day
 * support ends (as in the feed: from that day on, no more updates). */
static const struct {
  const char *os;
  const char *version;
  const char *date;
} bundled_os[] = {
  { "debian", "10", "2024-06-30" },    /* LTS, ended */
  { "debian", "11", "2026-08-31" },    /* LTS */
  { "debian", "12", "2028-06-30" },    /* LTS */
  { "debian", "13", "2030-06-30" },    /* LTS; unsure: as announced at release, check */
  { "ubuntu", "20.04", "2025-05-31" }, /* standard support; Ubuntu Pro ESM runs longer */
  { "ubuntu", "22.04", "2027-06-01" }, /* unsure: "June 2027", day assumed so we warn early */
  { "ubuntu", "24.04", "2029-06-01" }, /* unsure: "June 2029", day assumed so we warn early */
  { "windows", "10", "2025-10-14" },
};

GPtrArray *
otasuke_probe_bundled_os_checks (void)
{
  GPtrArray *checks = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_feed_check_free);

  for (guint i = 0; i < G_N_ELEMENTS (bundled_os); i++)
    {
      OtasukeFeedCheck *check = g_new0 (OtasukeFeedCheck, 1);

      check->type = OTASUKE_CHECK_OS_END_OF_SUPPORT;
      check->os = g_strdup (bundled_os[i].os);
      check->version = g_strdup (bundled_os[i].version);
      check->date = g_strdup (bundled_os[i].date);
      g_ptr_array_add (checks, check);
    }

  return checks;
}

/* "12" matches VERSION_ID "12" and "12.5"; "22.04" matches "22.04" only. */
static gboolean
os_version_matches (const char *mine,
                    const char *theirs)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;

  if (mine == NULL || theirs == NULL || !otasuke_version_is_valid (mine) ||
      !otasuke_version_is_valid (theirs))
    return FALSE;

  a = g_strsplit (mine, ".", -1);
  b = g_strsplit (theirs, ".", -1);
  for (guint i = 0; b[i] != NULL; i++)
    {
      if (a[i] == NULL || g_ascii_strtoull (a[i], NULL, 10) != g_ascii_strtoull (b[i], NULL, 10))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_date (const char *text,
            gint64     *unix_time)
{
  g_autoptr(GDateTime) dt = NULL;
  int y = 0, m = 0, d = 0;
  char rest = 0;

  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &rest) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;

  dt = g_date_time_new_local (y, m, d, 0, 0, 0);
  if (dt == NULL)
    return FALSE;
  *unix_time = g_date_time_to_unix (dt);
  return TRUE;
}

static const OtasukeFeedCheck *
find_os_check (GPtrArray  *checks,
               const char *os_id,
               const char *version_id)
{
  for (guint i = 0; checks != NULL && i < checks->len; i++)
    {
      const OtasukeFeedCheck *check = g_ptr_array_index (checks, i);
      gint64 unused;

      if (check != NULL && check->type == OTASUKE_CHECK_OS_END_OF_SUPPORT &&
          check->os != NULL && g_ascii_strcasecmp (check->os, os_id) == 0 &&
          os_version_matches (version_id, check->version) &&
          parse_date (check->date, &unused))
        return check;
    }
  return NULL;
}

OtasukeProbeAnswer
otasuke_probe_os_supported (const char  *os_id,
                            const char  *version_id,
                            GPtrArray   *checks,
                            gint64       now,
                            char       **end_date)
{
  g_autoptr(GPtrArray) bundled = NULL;
  const OtasukeFeedCheck *check;
  gint64 end = 0;

  if (end_date != NULL)
    *end_date = NULL;
  if (os_id == NULL || version_id == NULL)
    return OTASUKE_PROBE_UNKNOWN;

  check = find_os_check (checks, os_id, version_id);
  if (check == NULL)
    {
      bundled = otasuke_probe_bundled_os_checks ();
      check = find_os_check (bundled, os_id, version_id);
    }
  if (check == NULL || !parse_date (check->date, &end))
    return OTASUKE_PROBE_UNKNOWN;

  if (end_date != NULL)
    *end_date = g_strdup (check->date);
  return now < end ? OTASUKE_PROBE_YES : OTASUKE_PROBE_NO;
}

void
otasuke_probe_os (const OtasukeProbeContext *ctx,
                  OtasukeProbeOs            *os)
{
  g_autoptr(OtasukeOsInfo) info = otasuke_os_info_read (ctx->root);

  os->name = g_steal_pointer (&info->name);
  os->version = g_steal_pointer (&info->version);
  os->id = g_steal_pointer (&info->id);
  os->version_id = g_steal_pointer (&info->version_id);
  os->architecture = g_steal_pointer (&info->architecture);
  os->kernel = g_steal_pointer (&info->kernel);
  os->supported = otasuke_probe_os_supported (os->id, os->version_id, ctx->os_checks,
                                              ctx->now, &os->end_of_support);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-time"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-time.h"

static int
days_between (GDateTime *earlier,
              GDateTime *later)
{
  GDate a, b;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_dmy (&a, g_date_time_get_day_of_month (earlier),
                  g_date_time_get_month (earlier), g_date_time_get_year (earlier));
  g_date_set_dmy (&b, g_date_time_get_day_of_month (later),
                  g_date_time_get_month (later), g_date_time_get_year (later));
  return g_date_days_between (&a, &b);
}

char *
otasuke_time_format (gint64     unix_seconds,
                     GDateTime *now)
{
  g_autoptr(GDateTime) moment = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  const char *format;
  int days;

  if (unix_seconds <= 0)
    return g_strdup (_("Never"));

  moment = g_date_time_new_from_unix_local (unix_seconds);
  if (moment == NULL)
    return g_strdup (_("Unknown date"));

  local_now = now != NULL ? g_date_time_to_local (now) : g_date_time_new_now_local ();
  days = days_between (moment, local_now);

  if (days == 0)
    /* Translators: a time earlier today, strftime format */
    format = C_("time", "Today at %H:%M");
  else if (days == 1)
    /* Translators: a time yesterday, strftime format */
    format = C_("time", "Yesterday at %H:%M");
  else
    /* Translators: a full date and time, strftime format; use your language's usual order */
    format = C_("time", "%-d %B %Y at %H:%M");

  return g_date_time_format (moment, format);
}

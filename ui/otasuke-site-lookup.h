/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "otasuke-site-monitor.h"

G_BEGIN_DECLS

/* The "Website and Mail" step of the check: the website address and the
 * mail domain as entered (saved in the store when applied), a button to
 * check them again, and the last check's findings in plain words. All the
 * work is the monitor's, in its worker thread. Emits "changed" when the
 * monitor's report or the entered domains change. */

#define OTASUKE_TYPE_SITE_LOOKUP (otasuke_site_lookup_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeSiteLookup, otasuke_site_lookup, OTASUKE, SITE_LOOKUP, GtkWidget)

void                otasuke_site_lookup_set_monitor (OtasukeSiteLookup  *self,
                                                     OtasukeSiteMonitor *monitor);
OtasukeSiteMonitor *otasuke_site_lookup_get_monitor (OtasukeSiteLookup  *self);

G_END_DECLS

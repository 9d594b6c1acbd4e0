/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "otasuke-advisories.h"
#include "otasuke-os-info.h"
#include "otasuke-probe-service.h"
#include "otasuke-site-monitor.h"
#include "otasuke-store.h"

G_BEGIN_DECLS

#define OTASUKE_TYPE_APPLICATION (otasuke_application_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeApplication, otasuke_application, OTASUKE, APPLICATION, AdwApplication)

OtasukeApplication  *otasuke_application_new                (void);
GSettings           *otasuke_application_get_settings       (OtasukeApplication *self);
gboolean             otasuke_application_get_ready          (OtasukeApplication *self);
OtasukeStore        *otasuke_application_get_store          (OtasukeApplication *self);
const GError        *otasuke_application_get_store_error    (OtasukeApplication *self);
const OtasukeOsInfo *otasuke_application_get_os_info        (OtasukeApplication *self);
/* NULL until ready, and when the store could not be opened. */
OtasukeAdvisories   *otasuke_application_get_advisories     (OtasukeApplication *self);
guint                otasuke_application_get_n_trusted_keys (OtasukeApplication *self);
/* The one source of machine facts; never NULL. */
OtasukeProbeService *otasuke_application_get_probe_service  (OtasukeApplication *self);
/* The website and mail-domain check; NULL until the store is open (or when it could not be). */
OtasukeSiteMonitor  *otasuke_application_get_site_monitor   (OtasukeApplication *self);

G_END_DECLS

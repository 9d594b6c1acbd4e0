/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "otasuke-advisories.h"
#include "otasuke-os-info.h"
#include "otasuke-probe-service.h"
#include "otasuke-store.h"

G_BEGIN_DECLS

#define OTASUKE_TYPE_OVERVIEW_PAGE (otasuke_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeOverviewPage, otasuke_overview_page, OTASUKE, OVERVIEW_PAGE, GtkWidget)

void        otasuke_overview_page_set_os_info    (OtasukeOverviewPage       *self,
                                                  const OtasukeOsInfo       *info);
void        otasuke_overview_page_set_summary    (OtasukeOverviewPage       *self,
                                                  const OtasukeStoreSummary *summary);
void        otasuke_overview_page_set_store_path (OtasukeOverviewPage       *self,
                                                  const char                *path);
void        otasuke_overview_page_set_problem    (OtasukeOverviewPage       *self,
                                                  const char                *message,
                                                  gboolean                   is_error);
const char *otasuke_overview_page_get_problem    (OtasukeOverviewPage       *self);
/* Where the latest score, its fix-first list and the advisories that affect
 * this computer come from; either may be NULL. The latest check is read
 * again each time the page is shown. */
void        otasuke_overview_page_set_sources    (OtasukeOverviewPage       *self,
                                                  OtasukeStore              *store,
                                                  OtasukeAdvisories         *advisories);
/* The operating system rows follow the service's latest report. */
void        otasuke_overview_page_set_probe_service (OtasukeOverviewPage   *self,
                                                     OtasukeProbeService   *service);
/* Reads the latest finished check again. */
void        otasuke_overview_page_reload         (OtasukeOverviewPage       *self);
/* TRUE once the latest check has been read since the last reload. */
gboolean    otasuke_overview_page_get_loaded     (OtasukeOverviewPage       *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "otasuke-advisories.h"
#include "otasuke-probe.h"
#include "otasuke-resume-monitor.h"

G_BEGIN_DECLS

/* The one source of machine facts. The application owns one service; every
 * consumer (the Check page, "affects you", the Overview, the sheet's
 * pre-fill) reads its latest report and listens for "report-changed".
 *
 * The probes run in a worker thread, never on the caller's. Requests made
 * while a run is under way are coalesced into one more run after it, so the
 * report is never older than the latest request, and at most two runs are
 * ever queued. After each run the next background run is set for a day
 * later (the background interval); any refresh moves it. */

typedef enum {
  OTASUKE_PROBE_REASON_START_UP,
  OTASUKE_PROBE_REASON_CHECK,       /* a check is started or resumed */
  OTASUKE_PROBE_REASON_FEED,        /* a new feed was accepted; its OS end-of-support checks apply */
  OTASUKE_PROBE_REASON_RESUME,      /* the computer woke from sleep */
  OTASUKE_PROBE_REASON_BACKGROUND,  /* the daily timer */
} OtasukeProbeReason;

#define OTASUKE_PROBE_SERVICE_DEFAULT_INTERVAL (24 * 60 * 60)

#define OTASUKE_TYPE_PROBE_SERVICE (otasuke_probe_service_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeProbeService, otasuke_probe_service, OTASUKE, PROBE_SERVICE, GObject)

const char          *otasuke_probe_reason_to_string (OtasukeProbeReason reason);

/* @root: the filesystem to look at; NULL is this computer. With another
 * root the user's folders are <root>/home/user (…/.config, …/.local/share),
 * so a test's fake tree can hold a LibreOffice profile too. */
OtasukeProbeService *otasuke_probe_service_new     (const char          *root);

/* Asks for a fresh report; returns at once. */
void                 otasuke_probe_service_refresh (OtasukeProbeService *self,
                                                    OtasukeProbeReason   reason);

/* The latest report, or NULL before the first run ends. Borrowed: valid
 * until the next "report-changed". */
const OtasukeProbeReport *otasuke_probe_service_get_report      (OtasukeProbeService *self);
/* The same as JSON (otasuke_probe_report_to_json), or NULL. */
const char          *otasuke_probe_service_get_report_json (OtasukeProbeService *self);
/* When the latest report was made, unix seconds; 0 before. */
gint64               otasuke_probe_service_get_report_time (OtasukeProbeService *self);
/* Why the run that made the latest report was started. */
OtasukeProbeReason   otasuke_probe_service_get_report_reason (OtasukeProbeService *self);
/* Runs finished (with or without a report) since the service was made. */
guint                otasuke_probe_service_get_n_runs      (OtasukeProbeService *self);
gboolean             otasuke_probe_service_get_busy        (OtasukeProbeService *self);

/* Seconds from one report to the next background run; 0 turns it off. */
void                 otasuke_probe_service_set_background_interval (OtasukeProbeService *self,
                                                                    guint                seconds);

/* The feed's OS end-of-support checks (OtasukeFeedCheck* of other types are
 * ignored), copied; they take precedence over the bundled table from the
 * next run on. Returns TRUE when they differ from those already set. */
gboolean             otasuke_probe_service_set_feed_items (OtasukeProbeService *self,
                                                           GPtrArray           *feed_items);

/* Follows @advisories: its first load starts the start-up run (with the
 * feed's checks), and each accepted feed (a new source or sequence) a FEED
 * run. */
void                 otasuke_probe_service_follow_advisories (OtasukeProbeService *self,
                                                              OtasukeAdvisories   *advisories);
/* Each "resumed" of @monitor starts a RESUME run. */
void                 otasuke_probe_service_follow_resume     (OtasukeProbeService  *self,
                                                              OtasukeResumeMonitor *monitor);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "otasuke-store.h"

G_BEGIN_DECLS

/* What the program does from the command line without a window (and what
 * start-up shares with it). Each returns the process exit status. The
 * program's GResource bundle must be registered (bundled feed, router table). */

#define OTASUKE_BUNDLED_FEED_RESOURCE "/jp/or/sakura_cci/Otasuke/feed/otasuke-feed.json"

/* Loads the advisories that ship with the program into @store; they are
 * shown until a network feed is accepted. Failures are logged. */
void otasuke_ingest_bundled_feed      (OtasukeStore        *store);

/* otasuke --fetch-feed: one fetch and ingest from @url, one line of output;
 * 0 when a feed was accepted or nothing changed, 1 when refused or failed. */
int  otasuke_command_fetch_feed       (const char * const  *trusted_keys,
                                       const char          *url);
/* otasuke --probe: every probe's findings as one JSON object. */
int  otasuke_command_probe            (void);
/* otasuke --router-check MODEL [--firmware VERSION]: one JSON line;
 * 2 with a usage message when there is no model. */
int  otasuke_command_router_check     (const char          *model,
                                       const char          *firmware);

/* otasuke --export-sheet FILE.pdf [--sheet ID]: the given or the most recent
 * draft (an empty sheet with its headings when there is none) as a PDF. */
int  otasuke_command_export_sheet     (const char          *path,
                                       gint64               sheet_id);

/* otasuke --security-action: what ★ and ★★ still need, one JSON line. */
int  otasuke_command_security_action  (void);
/* otasuke --export-policy FILE.pdf: the most recent basic policy draft (or
 * the template filled from the company profile) as a PDF, mode 0600. */
int  otasuke_command_export_policy    (const char          *path);
/* otasuke --site-check HOST[:PORT] [--resolve HOST:PORT:ADDRESS]… [--cacert FILE]
 * [--http-port PORT]: one JSON object (otasuke-site-check.h); 0 when the
 * check ran, whatever it found; 2 with a usage message for a bad target. */
int  otasuke_command_site_check       (const char          *target,
                                       const char * const  *resolve,
                                       const char          *ca_file,
                                       int                  http_port);

G_END_DECLS

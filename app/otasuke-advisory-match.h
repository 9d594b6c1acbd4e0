/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "otasuke-advisory.h"
#include "otasuke-feed.h"
#include "otasuke-probe.h"

G_BEGIN_DECLS

/* What Otasuke knows about this machine, to decide whether an advisory's
 * machine-readable checks apply. Anything not known yet stays NULL/FALSE,
 * and the answer is then "unknown", never a guess. */

typedef struct {
  char *id;       /* chrome, chromium, firefox, edge, brave, vivaldi */
  char *name;     /* "Google Chrome" */
  char *version;
} OtasukeBrowserFact;

typedef struct {
  gboolean   browsers_known;  /* FALSE until the browser probe has run */
  GPtrArray *browsers;        /* of OtasukeBrowserFact*; may be NULL */
  char      *router_vendor;   /* as entered by the user; NULL when not entered */
  char      *router_model;
  char      *router_firmware;
  char      *os_id;           /* "windows", "debian", "ubuntu" … */
  char      *os_version;      /* "10", "12", "24.04" */
  gint64     now;             /* unix seconds */
} OtasukeMachineFacts;

OtasukeBrowserFact *otasuke_browser_fact_new  (const char          *id,
                                               const char          *name,
                                               const char          *version);
void                otasuke_browser_fact_free (OtasukeBrowserFact  *fact);
void                otasuke_machine_facts_clear (OtasukeMachineFacts *facts);
/* Fills @facts from what the probes found: the browsers with a known version
 * and the operating system. The router stays for the check wizard to add. */
void                otasuke_machine_facts_from_probe (OtasukeMachineFacts      *facts,
                                                      const OtasukeProbeReport *report,
                                                      gint64                    now);

/* YES when any check applies to this machine, NO when every check is known
 * not to, UNKNOWN otherwise (or when the item has no checks). @reason gets
 * one plain sentence for people, or NULL. */
OtasukeAffects      otasuke_advisory_match    (const OtasukeFeedItem     *item,
                                               const OtasukeMachineFacts *facts,
                                               char                     **reason);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "otasuke-check-page.h"
#include "otasuke-check-item.h"
#include "otasuke-check-results.h"
#include "otasuke-password-meter.h"
#include "otasuke-probe-service.h"
#include "otasuke-router-lookup.h"
#include "otasuke-site-lookup.h"
#include "otasuke-router-table.h"

G_BEGIN_DECLS

/* OtasukeCheckPage spans otasuke-check-page.c (the start screen, the wizard
 * and its actions), otasuke-check-page-saving.c (keeping answers as they are
 * given) and otasuke-check-page-suggest.c (what the probes and the router
 * lookup suggest); only they include this. */

struct _OtasukeCheckPage
{
  GtkWidget             parent_instance;

  GCancellable         *cancellable;
  gboolean              attached;
  gboolean              loaded;
  gboolean              disposed;

  OtasukeStore         *store;
  OtasukeAdvisories    *advisories;
  char                 *os_id;
  char                 *os_version;
  OtasukeChecklist     *checklist;
  OtasukeRouterTable   *router_table;
  OtasukeProbeService  *probe_service; /* the application's: its latest report is what the page shows */
  GHashTable           *suggestions;   /* item id → OtasukeSuggestion* */

  OtasukeCheckRun      *run;
  OtasukeCheckRun      *unfinished;    /* found in the store, to resume */
  guint                 section;
  gboolean              saved_finished; /* the run on the results screen is in the history */
  GPtrArray            *item_widgets;  /* OtasukeCheckItem* of the section on show */
  GPtrArray            *accept_undo;   /* OtasukeAcceptUndo*: what "accept all" changed, or NULL */

  guint                 autosave_id;
  gboolean              saving;
  gboolean              save_again;
  gboolean              unsaved;

  /* Template widgets */
  GtkWidget            *accept_button;
  GtkLabel             *answered_label;
  AdwPreferencesGroup  *covers_group;
  GtkBox               *items_box;
  GtkStack             *main_stack;
  GtkLabel             *next_label;
  OtasukePasswordMeter *password_meter;
  GtkProgressBar       *progress_bar;
  OtasukeCheckResults  *results;
  GtkWidget            *resume_button;
  GtkLabel             *resume_label;
  OtasukeRouterLookup  *router_lookup;
  OtasukeSiteLookup    *site_lookup;
  GtkLabel             *saved_label;
  GtkLabel             *section_title;
  GtkWidget            *start_button;
  GtkLabel             *step_label;
  AdwToastOverlay      *toast_overlay;
  AdwStatusPage        *unavailable_status;
  GtkScrolledWindow    *wizard_scroller;
};

/* otasuke-check-page.c */
gint64            otasuke_check_page_now_seconds           (void);
/* The advisories' items, borrowed for the length of a call. */
GPtrArray        *otasuke_check_page_feed_items            (OtasukeCheckPage   *self);
void              otasuke_check_page_actions_update        (OtasukeCheckPage   *self);
void              otasuke_check_page_set_unsaved           (OtasukeCheckPage   *self,
                                                            gboolean            unsaved);

/* otasuke-check-page-saving.c */
void              otasuke_check_page_save_now              (OtasukeCheckPage   *self);
void              otasuke_check_page_schedule_save         (OtasukeCheckPage   *self);

/* otasuke-check-page-suggest.c */
typedef struct {
  char          *item_id;
  OtasukeAnswer  answer;           /* before "accept all" */
  gboolean       from_suggestion;
} OtasukeAcceptUndo;

void              otasuke_accept_undo_free                 (OtasukeAcceptUndo  *undo);
/* Turns every open suggestion into the user's answer; a toast offers to undo it. */
void              otasuke_check_page_accept_suggestions    (OtasukeCheckPage   *self);
void              otasuke_check_page_undo_accept           (OtasukeCheckPage   *self);
/* Tells the items on show what the user has entered (router model, website, mail domain). */
void              otasuke_check_page_update_entered        (OtasukeCheckPage   *self);
OtasukeCheckItem *otasuke_check_page_find_item_widget      (OtasukeCheckPage   *self,
                                                            const char         *id);
void              otasuke_check_page_update_answered_label (OtasukeCheckPage   *self);
void              otasuke_check_page_apply_suggestions     (OtasukeCheckPage   *self);
void              otasuke_check_page_update_suggestions    (OtasukeCheckPage   *self);
/* The service's latest report and its JSON; NULL before the first. */
const OtasukeProbeReport *otasuke_check_page_probe_report  (OtasukeCheckPage   *self);
const char       *otasuke_check_page_probe_json            (OtasukeCheckPage   *self);
void              otasuke_check_page_on_probe_report_changed (OtasukeCheckPage *self);
void              otasuke_check_page_rebuild_router_table  (OtasukeCheckPage   *self);
void              otasuke_check_page_on_advisories_changed (OtasukeCheckPage   *self);
void              otasuke_check_page_update_password_words (OtasukeCheckPage   *self);
void              otasuke_check_page_on_router_changed     (OtasukeCheckPage   *self);
void              otasuke_check_page_update_machine_facts  (OtasukeCheckPage   *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "otasuke-application.h"
#include "otasuke-check-run.h"
#include "otasuke-probe.h"

G_BEGIN_DECLS

/* The Check page: a start screen, the wizard (one section of the checklist
 * per screen) and the results. Answers are kept as they are given, so a
 * check can be left and resumed; reaching the results finishes the run and
 * saves it into the history (there is no separate save). Widget actions, so
 * keys, buttons and tests take the same path:
 *
 *   check.start                 a new run (it replaces an unfinished one)
 *   check.resume                go on with the unfinished run
 *   check.back / check.next     the previous / next section (Alt+Left / Alt+Right);
 *                               "next" on the last section shows the results
 *   check.answer  "id:answer"   e.g. "ipa-09:not-applicable"
 *   check.history               shows the History page */

#define OTASUKE_TYPE_CHECK_PAGE (otasuke_check_page_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeCheckPage, otasuke_check_page, OTASUKE, CHECK_PAGE, GtkWidget)

/* Called once the application is ready; only the first call counts. */
void              otasuke_check_page_set_application (OtasukeCheckPage   *self,
                                                      OtasukeApplication *application);
/* "start", "wizard", "results" or "unavailable" (the checklist could not be read). */
const char       *otasuke_check_page_get_view        (OtasukeCheckPage   *self);
/* The run on screen; NULL on the start screen before a run was begun. */
OtasukeCheckRun  *otasuke_check_page_get_run         (OtasukeCheckPage   *self);
/* The section on screen in the wizard, from 0. */
guint             otasuke_check_page_get_section     (OtasukeCheckPage   *self);
/* TRUE once the page knows whether there is a run to resume. */
gboolean          otasuke_check_page_get_loaded      (OtasukeCheckPage   *self);
/* Answers that are only Otasuke's suggestion so far (or a suggestion for a
 * question not answered yet): what 「提案をすべて採用」 would take. */
guint             otasuke_check_page_count_open_suggestions (OtasukeCheckPage *self);
/* TRUE from an answer until the store has it. */
gboolean          otasuke_check_page_get_unsaved     (OtasukeCheckPage   *self);
/* Saves answers still waiting for their autosave, now and in this thread
 * (the window is closing). FALSE when that failed: they are still unsaved. */
gboolean          otasuke_check_page_save_pending    (OtasukeCheckPage   *self,
                                                      GError            **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "otasuke-check-run.h"

G_BEGIN_DECLS

/* The end of the check: IPA's score and band with what it means, the five
 * things to fix first with their steps, and advice for every item grouped by
 * section. Reaching it finishes the check; its buttons use the Check page's
 * actions (check.history, check.back, check.start). */

#define OTASUKE_TYPE_CHECK_RESULTS (otasuke_check_results_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeCheckResults, otasuke_check_results, OTASUKE, CHECK_RESULTS, GtkWidget)

GtkWidget *otasuke_check_results_new       (void);
/* Shows @run scored against @checklist; @suggestions (item id →
 * OtasukeSuggestion*, may be NULL) add what was found to the advice. */
void       otasuke_check_results_show      (OtasukeCheckResults *self,
                                            OtasukeCheckRun     *run,
                                            OtasukeChecklist    *checklist,
                                            GHashTable          *suggestions);
/* Whether the run is in the history, in words: @text NULL says nothing;
 * @problem shows it as a failure. */
void       otasuke_check_results_set_saved (OtasukeCheckResults *self,
                                            const char          *text,
                                            gboolean             problem);

G_END_DECLS

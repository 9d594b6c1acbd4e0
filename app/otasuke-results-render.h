/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "otasuke-check-run.h"
#include "otasuke-checklist.h"
#include "otasuke-document.h"

G_BEGIN_DECLS

/* A check's results on paper, drawn by the consultation sheet's renderer:
 * the score and its band with what it means, what to fix first (the same
 * list and order as the results page, with the steps) and every answer by
 * section. @suggestions (item id → OtasukeSuggestion*) may be NULL; @now
 * NULL is the current time. Builds the text only (cheap): the document is
 * laid out when it is printed or saved, in any thread. */
OtasukeDocument *otasuke_results_render_document (OtasukeCheckRun  *run,
                                                  OtasukeChecklist *checklist,
                                                  GHashTable       *suggestions,
                                                  GDateTime        *now);

/* The item's steps, numbered one a line ("1. …"), as shown and printed. */
char            *otasuke_results_format_steps    (const char * const *steps);
/* That @n_unanswered of IPA's questions count as "Don't know". */
char            *otasuke_results_unanswered_text (guint             n_unanswered);


G_END_DECLS

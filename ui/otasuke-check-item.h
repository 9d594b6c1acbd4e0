/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "otasuke-checklist.h"

G_BEGIN_DECLS

/* One question of the check wizard: the question, what Otasuke found (a
 * suggestion the user can override), the answers as a linked group of toggle
 * buttons, "does not apply" where the item has it, and why it matters and
 * what to do. The buttons activate `check.answer` with "item-id:answer";
 * whoever installs that action sets the answer back with set_answer(). */

#define OTASUKE_TYPE_CHECK_ITEM (otasuke_check_item_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeCheckItem, otasuke_check_item, OTASUKE, CHECK_ITEM, GtkWidget)

/* @item must belong to @checklist, which is kept alive with the widget. */
GtkWidget                  *otasuke_check_item_new            (OtasukeChecklist           *checklist,
                                                               const OtasukeChecklistItem *item);
const OtasukeChecklistItem *otasuke_check_item_get_item       (OtasukeCheckItem           *self);
OtasukeAnswer               otasuke_check_item_get_answer     (OtasukeCheckItem           *self);
void                        otasuke_check_item_set_answer     (OtasukeCheckItem           *self,
                                                               OtasukeAnswer               answer);
/* What the probes or the router lookup found; NULL or one without a reason hides it. */
void                        otasuke_check_item_set_suggestion (OtasukeCheckItem           *self,
                                                               const OtasukeSuggestion    *suggestion);

/* Whether the chosen answer is only Otasuke's suggestion so far. */
void                        otasuke_check_item_set_suggested  (OtasukeCheckItem           *self,
                                                               gboolean                    suggested);
/* Focus on the question's answers: the chosen one, else the first. */
void                        otasuke_check_item_focus_answers  (OtasukeCheckItem           *self);

/* Steps as one numbered text ("1. …\n2. …"); @steps NULL-terminated. */
char                       *otasuke_check_item_format_steps   (const char * const         *steps);
/* What the user has entered already: "what to do" leaves out the steps asking for it. */
void                        otasuke_check_item_set_entered    (OtasukeCheckItem           *self,
                                                               OtasukeEntered              entered);
/* The 「用語の説明」 menu button (hidden when the question names no terms). */
GtkWidget                  *otasuke_check_item_get_terms_button (OtasukeCheckItem         *self);

G_END_DECLS

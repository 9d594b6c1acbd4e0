/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "otasuke-advisories.h"

G_BEGIN_DECLS

#define OTASUKE_TYPE_ADVISORIES_PAGE (otasuke_advisories_page_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeAdvisoriesPage, otasuke_advisories_page, OTASUKE, ADVISORIES_PAGE, GtkWidget)

/* NULL once set means the advisories cannot be had (the history file could
 * not be opened); before the first call the page shows that it is loading. */
void               otasuke_advisories_page_set_advisories (OtasukeAdvisoriesPage *self,
                                                           OtasukeAdvisories     *advisories);
OtasukeAdvisories *otasuke_advisories_page_get_advisories (OtasukeAdvisoriesPage *self);
/* Selects the advisory with @id and shows it; FALSE when there is none. */
gboolean           otasuke_advisories_page_show_advisory  (OtasukeAdvisoriesPage *self,
                                                           const char            *id);

G_END_DECLS

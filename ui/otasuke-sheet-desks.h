/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "otasuke-feed.h"

G_BEGIN_DECLS

/* "Which desk fits": replaces what @box holds with a card for each desk of
 * @contacts (of OtasukeFeedContact*) that has a name; phone, hours, mail and
 * website line up in one column across the cards. */
void otasuke_sheet_desks_fill (GtkBox    *box,
                               GPtrArray *contacts);

G_END_DECLS

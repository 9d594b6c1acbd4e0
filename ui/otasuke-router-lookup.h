/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "otasuke-router-table.h"

G_BEGIN_DECLS

/* The router step of the check: the maker (optional, from a list), the model
 * as printed on the label, with suggestions as the user types (the chosen
 * maker's models; the makers' models to choose from when several have the
 * name), where that maker shows the model and the version, the firmware version, and the lookup's
 * verdict and advice, updated live. The lookup is an in-memory table, fast
 * enough to run on every key press. Emits "changed" when the user edits the
 * model or the firmware. */

#define OTASUKE_TYPE_ROUTER_LOOKUP (otasuke_router_lookup_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeRouterLookup, otasuke_router_lookup, OTASUKE, ROUTER_LOOKUP, GtkWidget)

GtkWidget                 *otasuke_router_lookup_new               (void);
/* Looks up again with @table (may be NULL: nothing is looked up). */
void                       otasuke_router_lookup_set_table         (OtasukeRouterLookup *self,
                                                                    OtasukeRouterTable  *table);
/* Fills in the router as saved; does not emit "changed". */
void                       otasuke_router_lookup_set_router        (OtasukeRouterLookup *self,
                                                                    const char          *model,
                                                                    const char          *firmware);
/* As typed, without surrounding spaces; NULL when empty. */
const char                *otasuke_router_lookup_get_model         (OtasukeRouterLookup *self);
/* What to save and show: the table's spelling when one model matched
 * (otasuke_router_result's canonical), else as typed; NULL when empty. */
const char                *otasuke_router_lookup_get_saved_model   (OtasukeRouterLookup *self);
/* The maker chosen in the list, or NULL ("Not sure"). */
const char                *otasuke_router_lookup_get_vendor        (OtasukeRouterLookup *self);
const char                *otasuke_router_lookup_get_firmware      (OtasukeRouterLookup *self);
/* NULL when no model has been entered (or there is no table). */
const OtasukeRouterResult *otasuke_router_lookup_get_result        (OtasukeRouterLookup *self);
/* How many model suggestions are shown under the entry. */
guint                      otasuke_router_lookup_get_n_suggestions (OtasukeRouterLookup *self);

G_END_DECLS

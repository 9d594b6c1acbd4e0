/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A router model as printed on the label, in a form that compares equal
 * however it was typed: upper case, no spaces, full-width characters from a
 * Japanese input method made ASCII, colour suffixes (-BK, -WH …) removed.
 * "ｗｓｒ－１１６６ｄｈｐ３ -bk" → "WSR-1166DHP3". NULL when nothing is left. */
char *otasuke_router_normalize_model (const char *model);

G_END_DECLS

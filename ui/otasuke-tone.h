/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "otasuke-check-run.h"

G_BEGIN_DECLS

/* The style class ("success", "warning", "error") that colours a score band:
 * the one mapping the results, Home, the History list and its chart use
 * (the band itself comes from otasuke_score_band_for_score(), app/). */
const char *otasuke_tone_for_band (OtasukeScoreBand  band);
/* Replaces the tone classes on @widget with @tone ("success", "warning",
 * "error" or "dim-label"); NULL leaves none. */
void        otasuke_tone_set      (GtkWidget        *widget,
                                   const char       *tone);
/* Fills the labels of a score card: @score, and the title (both coloured)
 * and meaning of @band. */
void        otasuke_tone_show_score (GtkLabel         *score_label,
                                     GtkLabel         *band_label,
                                     GtkLabel         *meaning_label,
                                     int               score,
                                     OtasukeScoreBand  band);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One finished check on the chart. */
typedef struct {
  gint64 time;   /* when the check was finished, unix seconds */
  int    score;  /* −25 … 100; drawn clamped to 0 … 100 */
} OtasukeScorePoint;

#define OTASUKE_TYPE_SCORE_CHART (otasuke_score_chart_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeScoreChart, otasuke_score_chart, OTASUKE, SCORE_CHART, GtkWidget)

GtkWidget               *otasuke_score_chart_new             (void);
/* Copies @points, in any order; they are kept oldest first. */
void                     otasuke_score_chart_set_points      (OtasukeScoreChart       *self,
                                                              const OtasukeScorePoint *points,
                                                              guint                    n_points);
guint                    otasuke_score_chart_get_n_points    (OtasukeScoreChart       *self);
/* Oldest first; NULL past the end. */
const OtasukeScorePoint *otasuke_score_chart_get_point       (OtasukeScoreChart       *self,
                                                              guint                    index);
/* The style class the point at @index is drawn in: its score band's, the
 * same as on the results, Home and the History list; NULL past the end. */
const char              *otasuke_score_chart_get_point_tone  (OtasukeScoreChart       *self,
                                                              guint                    index);
/* What screen readers are told: the checks, the latest score and its trend. */
const char              *otasuke_score_chart_get_description (OtasukeScoreChart       *self);

G_END_DECLS

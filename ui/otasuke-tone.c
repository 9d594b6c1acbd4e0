/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-tone"

#include "config.h"

#include "otasuke-tone.h"

static const char * const tone_classes[] = { "success", "warning", "error", "dim-label" };

const char *
otasuke_tone_for_band (OtasukeScoreBand band)
{
  switch (band)
    {
    case OTASUKE_SCORE_BAND_ACHIEVED:
    case OTASUKE_SCORE_BAND_SOME_GAPS:
      return "success";
    case OTASUKE_SCORE_BAND_INSUFFICIENT:
      return "warning";
    case OTASUKE_SCORE_BAND_ACT_NOW:
    default:
      return "error";
    }
}

void
otasuke_tone_set (GtkWidget  *widget,
                  const char *tone)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  for (guint i = 0; i < G_N_ELEMENTS (tone_classes); i++)
    gtk_widget_remove_css_class (widget, tone_classes[i]);
  if (tone != NULL)
    gtk_widget_add_css_class (widget, tone);
}

void
otasuke_tone_show_score (GtkLabel         *score_label,
                         GtkLabel         *band_label,
                         GtkLabel         *meaning_label,
                         int               score,
                         OtasukeScoreBand  band)
{
  g_autofree char *text = g_strdup_printf ("%d", score);

  gtk_label_set_text (score_label, text);
  otasuke_tone_set (GTK_WIDGET (score_label), otasuke_tone_for_band (band));
  gtk_label_set_text (band_label, otasuke_score_band_get_title (band));
  otasuke_tone_set (GTK_WIDGET (band_label), otasuke_tone_for_band (band));
  gtk_label_set_text (meaning_label, otasuke_score_band_get_meaning (band));
}

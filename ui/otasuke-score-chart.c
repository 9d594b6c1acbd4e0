/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-score-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-check-run.h"
#include "otasuke-score-chart.h"
#include "otasuke-tone.h"

#define POINT_RADIUS   4.0
#define LATEST_RADIUS  5.5
#define LINE_WIDTH     2.5
#define GAP            6.0
#define PLOT_RADIUS    6.0

struct _OtasukeScoreChart
{
  GtkWidget  parent_instance;

  GArray    *points;       /* OtasukeScorePoint, oldest first */
  char      *description;
};

G_DEFINE_FINAL_TYPE (OtasukeScoreChart, otasuke_score_chart, GTK_TYPE_WIDGET)

typedef struct {
  GdkRGBA fg;
  GdkRGBA background;
  GdkRGBA accent;
} Palette;

/* A score's colour: its band (app/), in the colour the results, Home and the
 * History list give that band (otasuke_tone_for_band). */
static const char *
score_tone (int score)
{
  return otasuke_tone_for_band (otasuke_score_band_for_score (score));
}

static void
tone_rgba (GtkWidget  *widget,
           const char *tone,
           GdkRGBA    *rgba)
{
  g_autofree char *name = g_strconcat (tone, "_color", NULL);

  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, rgba))
    gdk_rgba_parse (rgba, g_str_equal (tone, "success") ? "#1b8553"
                          : g_str_equal (tone, "warning") ? "#9c6e03"
                          : g_str_equal (tone, "accent") ? "#1c71d8" : "#c01c28");
}

static char *
format_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (unix_seconds);

  if (date == NULL)
    return g_strdup ("");

  /* Translators: a date without the time, strftime format; use your language's usual order */
  return g_date_time_format (date, C_("date", "%-d %B %Y"));
}

/* With the time of day when both ends fall on one day: two runs of the same
 * day would otherwise carry the same label. */
static char *
format_point (gint64   unix_seconds,
              gboolean with_time)
{
  g_autoptr(GDateTime) date = NULL;

  if (!with_time)
    return format_date (unix_seconds);
  date = g_date_time_new_from_unix_local (unix_seconds);
  if (date == NULL)
    return g_strdup ("");
  /* Translators: a date with the time of day, strftime format; use your language's usual order */
  return g_date_time_format (date, C_("date", "%-d %B %Y, %H:%M"));
}

static gboolean
same_day (gint64 a,
          gint64 b)
{
  g_autofree char *day_a = format_date (a);
  g_autofree char *day_b = format_date (b);

  return a != b && g_strcmp0 (day_a, day_b) == 0;
}

/* The theme's named colours, so the chart follows light, dark and high
 * contrast like the rest of the window; libadwaita's light values otherwise. */
static void
lookup_palette (GtkWidget *widget,
                Palette   *palette)
{
  static const struct {
    const char *name;
    const char *fallback;
    gsize       offset;
  } colours[] = {
    { "view_bg_color", "#ffffff", G_STRUCT_OFFSET (Palette, background) },
    { "accent_color",  "#1c71d8", G_STRUCT_OFFSET (Palette, accent) },
  };
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  gtk_style_context_get_color (context, &palette->fg);
  for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
    {
      GdkRGBA *rgba = G_STRUCT_MEMBER_P (palette, colours[i].offset);

      if (!gtk_style_context_lookup_color (context, colours[i].name, rgba))
        gdk_rgba_parse (rgba, colours[i].fallback);
    }
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *rgba,
            double         alpha)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha);
}

static PangoLayout *
create_layout (GtkWidget  *widget,
               const char *text,
               gboolean    small,
               gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (small)
    pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  /* Digits of equal width keep the axis labels aligned. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  *width = w;
  *height = h;
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* x follows the dates; checks on one day are spread evenly instead. */
static double
point_x (OtasukeScoreChart *self,
         guint              index,
         double             left,
         double             plot_width)
{
  guint n = self->points->len;
  gint64 t_min = g_array_index (self->points, OtasukeScorePoint, 0).time;
  gint64 t_max = g_array_index (self->points, OtasukeScorePoint, n - 1).time;
  gint64 t = g_array_index (self->points, OtasukeScorePoint, index).time;
  double inset = LATEST_RADIUS + 2;

  if (n == 1)
    return left + plot_width / 2;
  if (t_max == t_min)
    return left + inset + index * (plot_width - 2 * inset) / (n - 1);
  return left + inset + (double) (t - t_min) * (plot_width - 2 * inset) / (double) (t_max - t_min);
}

static void
draw_chart (OtasukeScoreChart *self,
            cairo_t           *cr,
            double             width,
            double             height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  /* 0, where the colour changes, and 100. */
  int ticks[8];
  guint n_ticks = 0;
  g_autoptr(PangoLayout) first_date = NULL;
  g_autoptr(PangoLayout) last_date = NULL;
  Palette palette;
  double label_width = 0, label_height = 0, date_height = 0, w, h;
  double left, top, right, bottom, plot_width, plot_height;
  double latest_x = 0, latest_y = 0;
  guint n = self->points->len;

  lookup_palette (widget, &palette);
  ticks[n_ticks++] = 0;
  for (int score = 1; score <= 100 && n_ticks < G_N_ELEMENTS (ticks) - 1; score++)
    if (!g_str_equal (score_tone (score), score_tone (score - 1)))
      ticks[n_ticks++] = score;
  ticks[n_ticks++] = 100;

  /* Room for the widest score label on the left and the dates below. */
  for (guint i = 0; i < n_ticks; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", ticks[i]);
      g_autoptr(PangoLayout) layout = create_layout (widget, text, TRUE, FALSE);

      layout_size (layout, &w, &h);
      label_width = MAX (label_width, w);
      label_height = MAX (label_height, h);
    }

  if (n > 0)
    {
      gint64 first_time = g_array_index (self->points, OtasukeScorePoint, 0).time;
      gint64 last_time = g_array_index (self->points, OtasukeScorePoint, n - 1).time;
      gboolean with_time = same_day (first_time, last_time);
      g_autofree char *first = format_point (first_time, with_time);
      g_autofree char *last = format_point (last_time, with_time);

      first_date = create_layout (widget, first, TRUE, FALSE);
      layout_size (first_date, &w, &date_height);
      if (n > 1)
        last_date = create_layout (widget, last, TRUE, FALSE);
    }

  left = label_width + GAP;
  top = label_height / 2 + 1;
  right = width - 1;
  bottom = height - (date_height > 0 ? date_height + GAP : label_height / 2 + 1);
  plot_width = right - left;
  plot_height = bottom - top;
  if (plot_width < 20 || plot_height < 20)
    return;

#define Y_FOR(score) (top + (100 - CLAMP ((score), 0, 100)) * plot_height / 100.0)

  /* The bands, each in its colour, from 100 down. */
  cairo_save (cr);
  rounded_rectangle (cr, left, top, plot_width, plot_height, PLOT_RADIUS);
  cairo_clip (cr);
  for (guint i = n_ticks - 1; i > 0; i--)
    {
      GdkRGBA rgba;
      double band_top = i == n_ticks - 1 ? top : Y_FOR (ticks[i]);
      double band_bottom = i == 1 ? bottom : Y_FOR (ticks[i - 1]);

      tone_rgba (widget, score_tone (ticks[i - 1]), &rgba);
      set_source (cr, &rgba, 0.12);
      cairo_rectangle (cr, left, band_top, plot_width, band_bottom - band_top);
      cairo_fill (cr);
    }
  cairo_restore (cr);

  /* The score axis. */
  for (guint i = 0; i < n_ticks; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", ticks[i]);
      g_autoptr(PangoLayout) layout = create_layout (widget, text, TRUE, FALSE);
      double y = Y_FOR (ticks[i]);

      layout_size (layout, &w, &h);
      set_source (cr, &palette.fg, 0.55);
      cairo_move_to (cr, left - GAP - w, y - h / 2);
      pango_cairo_show_layout (cr, layout);
    }

  if (n == 0)
    return;

  /* The line through the checks, oldest to newest. */
  cairo_save (cr);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  set_source (cr, &palette.accent, 1.0);
  for (guint i = 0; i < n; i++)
    {
      const OtasukeScorePoint *point = &g_array_index (self->points, OtasukeScorePoint, i);
      double x = point_x (self, i, left, plot_width);

      if (i == 0)
        cairo_move_to (cr, x, Y_FOR (point->score));
      else
        cairo_line_to (cr, x, Y_FOR (point->score));
      latest_x = x;
      latest_y = Y_FOR (point->score);
    }
  cairo_stroke (cr);

  /* The points over the line, each with a ring of background colour. */
  for (guint i = 0; i < n; i++)
    {
      const OtasukeScorePoint *point = &g_array_index (self->points, OtasukeScorePoint, i);
      double radius = i == n - 1 ? LATEST_RADIUS : POINT_RADIUS;
      double x = point_x (self, i, left, plot_width);

      cairo_arc (cr, x, Y_FOR (point->score), radius + 1.5, 0, 2 * G_PI);
      set_source (cr, &palette.background, 1.0);
      cairo_fill (cr);
      cairo_arc (cr, x, Y_FOR (point->score), radius, 0, 2 * G_PI);
      {
        GdkRGBA rgba;

        tone_rgba (widget, score_tone (point->score), &rgba);
        set_source (cr, &rgba, 1.0);
      }
      cairo_fill (cr);
    }
  cairo_restore (cr);

  /* The latest score, beside its point: above it, or below near the top. */
  {
    const OtasukeScorePoint *latest = &g_array_index (self->points, OtasukeScorePoint, n - 1);
    g_autofree char *text = g_strdup_printf ("%d", latest->score);
    g_autoptr(PangoLayout) layout = create_layout (widget, text, FALSE, TRUE);
    double x, y;

    layout_size (layout, &w, &h);
    x = CLAMP (latest_x - w / 2, left + 2, right - w - 2);
    y = latest_y - LATEST_RADIUS - 4 - h;
    if (y < top + 2)
      y = latest_y + LATEST_RADIUS + 4;
    /* A halo so the number stays readable over the line. */
    set_source (cr, &palette.background, 0.85);
    rounded_rectangle (cr, x - 3, y, w + 6, h, 4);
    cairo_fill (cr);
    set_source (cr, &palette.fg, 1.0);
    cairo_move_to (cr, x, y);
    pango_cairo_show_layout (cr, layout);
  }

  /* The first and the last date under the plot. */
  set_source (cr, &palette.fg, 0.55);
  if (last_date == NULL)
    {
      layout_size (first_date, &w, &h);
      cairo_move_to (cr, CLAMP (latest_x - w / 2, left, MAX (left, right - w)), bottom + GAP);
      pango_cairo_show_layout (cr, first_date);
    }
  else
    {
      double first_width, last_width;

      layout_size (first_date, &first_width, &h);
      layout_size (last_date, &last_width, &h);
      cairo_move_to (cr, left, bottom + GAP);
      pango_cairo_show_layout (cr, first_date);
      if (first_width + last_width + 2 * GAP <= plot_width)
        {
          cairo_move_to (cr, right - last_width, bottom + GAP);
          pango_cairo_show_layout (cr, last_date);
        }
    }

#undef Y_FOR
}

static void
otasuke_score_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  OtasukeScoreChart *self = OTASUKE_SCORE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_chart (self, cr, width, height);
  cairo_destroy (cr);
}

/* Colours come from the theme: follow it when it changes (dark style, high contrast). */
static void
otasuke_score_chart_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (otasuke_score_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
otasuke_score_chart_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 320;
    }
  else
    {
      *minimum = 140;
      *natural = 160;
    }
}

static void
update_accessible (OtasukeScoreChart *self)
{
  guint n = self->points->len;
  g_autofree char *description = NULL;

  if (n == 0)
    description = g_strdup (_("No finished checks yet."));
  else if (n == 1)
    {
      const OtasukeScorePoint *only = &g_array_index (self->points, OtasukeScorePoint, 0);
      g_autofree char *date = format_date (only->time);

      /* Translators: the score chart for screen readers; %s is a date, %d the score */
      description = g_strdup_printf (_("One check, on %s, with a score of %d out of 100."), date, only->score);
    }
  else
    {
      const OtasukeScorePoint *first = &g_array_index (self->points, OtasukeScorePoint, 0);
      const OtasukeScorePoint *before = &g_array_index (self->points, OtasukeScorePoint, n - 2);
      const OtasukeScorePoint *latest = &g_array_index (self->points, OtasukeScorePoint, n - 1);
      g_autofree char *from = format_point (first->time, same_day (first->time, latest->time));
      g_autofree char *to = format_point (latest->time, same_day (first->time, latest->time));
      g_autofree char *checks = NULL;
      g_autofree char *trend = NULL;
      int change = latest->score - before->score;

      /* Translators: the score chart for screen readers; the dates of the first and the latest check */
      checks = g_strdup_printf (ngettext ("%u check from %s to %s.", "%u checks from %s to %s.", n), n, from, to);
      if (change > 0)
        /* Translators: the score chart for screen readers; the latest score and how many points it rose */
        trend = g_strdup_printf (ngettext ("The latest score is %d out of 100, up %d point since the check before.",
                                           "The latest score is %d out of 100, up %d points since the check before.",
                                           change),
                                 latest->score, change);
      else if (change < 0)
        /* Translators: the score chart for screen readers; the latest score and how many points it fell */
        trend = g_strdup_printf (ngettext ("The latest score is %d out of 100, down %d point since the check before.",
                                           "The latest score is %d out of 100, down %d points since the check before.",
                                           -change),
                                 latest->score, -change);
      else
        /* Translators: the score chart for screen readers */
        trend = g_strdup_printf (_("The latest score is %d out of 100, the same as the check before."),
                                 latest->score);
      description = g_strconcat (checks, " ", trend, NULL);
    }

  g_free (self->description);
  self->description = g_steal_pointer (&description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

static void
otasuke_score_chart_finalize (GObject *object)
{
  OtasukeScoreChart *self = OTASUKE_SCORE_CHART (object);

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (otasuke_score_chart_parent_class)->finalize (object);
}

static void
otasuke_score_chart_class_init (OtasukeScoreChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = otasuke_score_chart_finalize;

  widget_class->snapshot = otasuke_score_chart_snapshot;
  widget_class->measure = otasuke_score_chart_measure;
  widget_class->css_changed = otasuke_score_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "scorechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
otasuke_score_chart_init (OtasukeScoreChart *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (OtasukeScorePoint));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Score Over Time"),
                                  -1);
  update_accessible (self);
}

GtkWidget *
otasuke_score_chart_new (void)
{
  return g_object_new (OTASUKE_TYPE_SCORE_CHART, NULL);
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const OtasukeScorePoint *pa = a;
  const OtasukeScorePoint *pb = b;

  return (pa->time > pb->time) - (pa->time < pb->time);
}

void
otasuke_score_chart_set_points (OtasukeScoreChart       *self,
                                const OtasukeScorePoint *points,
                                guint                    n_points)
{
  g_return_if_fail (OTASUKE_IS_SCORE_CHART (self));
  g_return_if_fail (points != NULL || n_points == 0);

  g_array_set_size (self->points, 0);
  if (n_points > 0)
    g_array_append_vals (self->points, points, n_points);
  g_array_sort (self->points, compare_points);

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
otasuke_score_chart_get_n_points (OtasukeScoreChart *self)
{
  g_return_val_if_fail (OTASUKE_IS_SCORE_CHART (self), 0);

  return self->points->len;
}

const OtasukeScorePoint *
otasuke_score_chart_get_point (OtasukeScoreChart *self,
                               guint              index)
{
  g_return_val_if_fail (OTASUKE_IS_SCORE_CHART (self), NULL);

  if (index >= self->points->len)
    return NULL;

  return &g_array_index (self->points, OtasukeScorePoint, index);
}

const char *
otasuke_score_chart_get_description (OtasukeScoreChart *self)
{
  g_return_val_if_fail (OTASUKE_IS_SCORE_CHART (self), NULL);

  return self->description;
}

const char *
otasuke_score_chart_get_point_tone (OtasukeScoreChart *self,
                                    guint              index)
{
  const OtasukeScorePoint *point = otasuke_score_chart_get_point (self, index);

  return point != NULL ? score_tone (point->score) : NULL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Smoke test for the Windows prefix: an AdwApplicationWindow with a Japanese
 * label and button. It picks a Japanese font from the ones the system has,
 * prints what it chose and when the first frame was drawn, checks that every
 * character of the label has a glyph, and quits after OTASUKE_SMOKE_SECONDS
 * (default 6). Exit status: 0 when the window was drawn with no missing
 * glyph, 1 otherwise.
 */
#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#define JAPANESE_TEXT "おたすけ：パソコンの安全を確認します"

static gint64 start_us;
static int status = 1;
static GtkWidget *label;

/* What a Japanese Windows has first, then what Wine may see from the host. */
static const char *const preferred_fonts[] = {
  "Yu Gothic UI", "Meiryo UI", "Meiryo", "Yu Gothic", "MS UI Gothic",
  "Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "IPAGothic", NULL,
};

static char *
choose_font (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoFontFamily **families = NULL;
  int n = 0;
  char *chosen = NULL;

  pango_font_map_list_families (map, &families, &n);
  for (int p = 0; preferred_fonts[p] != NULL && chosen == NULL; p++)
    for (int i = 0; i < n; i++)
      if (g_ascii_strcasecmp (pango_font_family_get_name (families[i]), preferred_fonts[p]) == 0)
        {
          chosen = g_strdup (preferred_fonts[p]);
          break;
        }
  printf ("font families seen: %d\n", n);
  g_free (families);
  return chosen;
}

static gboolean
on_first_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (label));
  int unknown = pango_layout_get_unknown_glyphs_count (layout);

  printf ("first frame after %.0f ms\n", (g_get_monotonic_time () - start_us) / 1000.0);
  printf ("missing glyphs in the label: %d\n", unknown);
  fflush (stdout);
  status = unknown == 0 ? 0 : 1;
  return G_SOURCE_REMOVE;
}

static gboolean
quit_cb (gpointer app)
{
  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

static void
activate (GtkApplication *app, gpointer user_data)
{
  char *font = choose_font ();

  if (font != NULL)
    {
      char *font_name = g_strdup_printf ("%s 12", font);
      g_object_set (gtk_settings_get_default (), "gtk-font-name", font_name, NULL);
      printf ("font: %s\n", font_name);
      g_free (font_name);
    }
  else
    printf ("font: no Japanese font found\n");
  g_free (font);

  GtkWidget *window = adw_application_window_new (app);
  gtk_window_set_title (GTK_WINDOW (window), "おたすけ");
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 240);

  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  label = gtk_label_new (JAPANESE_TEXT);
  gtk_widget_add_css_class (label, "title-2");
  gtk_box_append (GTK_BOX (box), label);
  GtkWidget *button = gtk_button_new_with_label ("確認する");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), button);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  gtk_widget_add_tick_callback (window, on_first_tick, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));

  const char *seconds = g_getenv ("OTASUKE_SMOKE_SECONDS");
  g_timeout_add_seconds (seconds != NULL ? (guint) atoi (seconds) : 6, quit_cb, app);
}

int
main (int argc, char **argv)
{
  start_us = g_get_monotonic_time ();
  AdwApplication *app = adw_application_new ("jp.otasuke.Smoke", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  int rc = g_application_run (G_APPLICATION (app), argc, argv);
  g_object_unref (app);
  printf ("gtk %u.%u.%u, adwaita %u.%u.%u, exit %d\n", gtk_get_major_version (),
          gtk_get_minor_version (), gtk_get_micro_version (), adw_get_major_version (),
          adw_get_minor_version (), adw_get_micro_version (), rc != 0 ? rc : status);
  return rc != 0 ? rc : status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-platform-ui"

#include "config.h"

#include <pango/pangocairo.h>

#include "otasuke-platform-ui.h"

/* The Adwaita icons the program names (win32/make-icon-resource.py, compiled
 * by win32/meson.build): Windows has no icon theme for GTK to find. */
#define ICON_RESOURCE_PATH "/jp/or/sakura_cci/Otasuke/win32/icons"
void otasuke_win32_icons_register_resource (void);

/* Windows: GTK's default font there has no Japanese, and pango does not fall
 * back to one on its own, so every glyph would be a box. Choose the UI font
 * from what the system has: Japanese Windows has Yu Gothic UI (8.1 and later)
 * and Meiryo UI; Noto Sans CJK JP is what Wine sees on these machines; MS UI
 * Gothic is the last resort of older systems. The size is GTK's. */

static const char * const preferred_fonts[] = {
  "Yu Gothic UI",
  "Meiryo UI",
  "Meiryo",
  "Noto Sans CJK JP",
  "MS UI Gothic",
  NULL
};

static GStrv
list_families (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoFontFamily **families = NULL;
  int n = 0;
  GStrv names;

  pango_font_map_list_families (map, &families, &n);
  names = g_new0 (char *, n + 1);
  for (int i = 0; i < n; i++)
    names[i] = g_strdup (pango_font_family_get_name (families[i]));
  g_free (families);
  return names;
}

void
otasuke_platform_ui_init (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  g_auto(GStrv) families = NULL;
  g_autofree char *current = NULL;
  g_autofree char *font_name = NULL;
  PangoFontDescription *description;
  const char *family;

  if (settings == NULL)
    return;

  otasuke_win32_icons_register_resource ();
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    ICON_RESOURCE_PATH);

  families = list_families ();
  family = otasuke_platform_ui_pick_font (preferred_fonts, (const char * const *) families);
  if (family == NULL)
    {
      g_message ("No font with Japanese found; text may show as boxes");
      return;
    }

  /* Keep the size GTK chose (it follows the system's text scaling). */
  g_object_get (settings, "gtk-font-name", &current, NULL);
  description = pango_font_description_from_string (current != NULL ? current : "Sans 9");
  pango_font_description_set_family (description, family);
  font_name = pango_font_description_to_string (description);
  pango_font_description_free (description);

  g_debug ("UI font: %s", font_name);
  g_object_set (settings, "gtk-font-name", font_name, NULL);
}

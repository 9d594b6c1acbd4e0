/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Windows (under Wine): every icon the program names resolves to a real icon
 * once the platform's UI set-up has run, not to GTK's "missing image". The
 * names come from win32/make-icon-resource.py, which collects them from the
 * UI's sources (G_TEST_SRCDIR-independent: the list is passed as argument). */

#include "config.h"

#include <adwaita.h>

#include "otasuke-platform-ui.h"

static char **icon_names;

static void
test_icons_resolve (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  /* 16 px in lists and buttons, 24 and 96 on the overview, 128 in status pages,
   * and twice 16 on a display scaled 200 %. */
  static const struct { int size, scale; } sizes[] = { { 16, 1 }, { 24, 1 }, { 96, 1 }, { 128, 1 }, { 16, 2 } };
  guint n = 0;

  for (guint i = 0; icon_names[i] != NULL; i++)
    {
      const char *name = icon_names[i];

      if (name[0] == '\0')
        continue;
      g_assert_true (gtk_icon_theme_has_icon (theme, name));
      for (guint j = 0; j < G_N_ELEMENTS (sizes); j++)
        {
          g_autoptr (GtkIconPaintable) icon = gtk_icon_theme_lookup_icon (theme, name, NULL, sizes[j].size,
                                                                          sizes[j].scale, GTK_TEXT_DIR_LTR, 0);
          g_autoptr (GFile) file = gtk_icon_paintable_get_file (icon);
          g_autofree char *uri = file != NULL ? g_file_get_uri (file) : NULL;
          g_autoptr (GBytes) bytes = NULL;

          g_test_message ("%s at %d@%d: %s", name, sizes[j].size, sizes[j].scale, uri);
          g_assert_nonnull (uri);
          g_assert_null (strstr (uri, "image-missing"));
          g_assert_nonnull (strstr (uri, name));
          g_assert_true (g_str_has_suffix (uri, ".png"));
          /* Symbolic icons recoloured with the theme; the program's own in colour. */
          g_assert_true (gtk_icon_paintable_is_symbolic (icon) == g_str_has_suffix (name, "-symbolic"));
          /* And it can be read: an icon of real pixels, not an empty entry. */
          bytes = g_file_load_bytes (file, NULL, NULL, NULL);
          g_assert_nonnull (bytes);
          g_assert_cmpuint (g_bytes_get_size (bytes), >, 64);
        }
      n++;
    }
  g_test_message ("%u icons resolved", n);
  g_assert_cmpuint (n, >=, 20);
}

int
main (int argc, char **argv)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* Criticals stay fatal; warnings not: under Wine GDK warns about keyboard
   * layouts missing from Wine's registry while it opens the display. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  gtk_init ();
  if (argc != 2 || !g_file_get_contents (argv[1], &contents, NULL, &error))
    g_error ("usage: test-icons ICON_NAMES_FILE (%s)", error != NULL ? error->message : "no file");
  icon_names = g_strsplit (g_strstrip (contents), "\n", -1);

  /* What the application's startup does: libadwaita first (its own icons
   * are SVGs, which GTK cannot load here), then the platform's set-up. */
  adw_init ();
  otasuke_platform_ui_init ();

  g_test_add_func ("/win32/icons/resolve", test_icons_resolve);
  status = g_test_run ();
  g_strfreev (icon_names);
  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-autostart"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "otasuke-autostart.h"
#include "otasuke-autostart-entry.h"

/* Linux and other XDG desktops: an autostart desktop entry. The Windows twin
 * is win32/otasuke-autostart-win32.c (the Run key). */

#define DESKTOP_GROUP "Desktop Entry"

/* The program's own desktop entry (every translated name, the same icon),
 * started in the background: generated from it at build time. */
static char *
build_entry (const char *app_id,
             gsize      *len)
{
  g_autoptr (GKeyFile) key_file = g_key_file_new ();
  g_autoptr (GError) error = NULL;

  if (!g_key_file_load_from_data (key_file, OTASUKE_AUTOSTART_ENTRY, (gsize) -1,
                                  G_KEY_FILE_KEEP_TRANSLATIONS, &error))
    g_error ("The built-in autostart entry is invalid: %s", error->message);

  g_key_file_set_string (key_file, DESKTOP_GROUP, "Icon", app_id);
  g_key_file_set_boolean (key_file, DESKTOP_GROUP, "Terminal", FALSE);
  g_key_file_set_boolean (key_file, DESKTOP_GROUP, "NoDisplay", FALSE);

  return g_key_file_to_data (key_file, len, NULL);
}

static gboolean
enable (const char  *path,
        const char  *app_id,
        GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  gsize len;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"),
                   display, g_strerror (saved_errno));
      return FALSE;
    }

  contents = build_entry (app_id, &len);

  return g_file_set_contents_full (path, contents, (gssize) len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static gboolean
disable (const char  *path,
         GError     **error)
{
  int saved_errno;
  g_autofree char *display = NULL;

  if (g_remove (path) == 0)
    return TRUE;

  saved_errno = errno;
  /* Nothing to remove: the entry, or the folder that would hold it, is gone. */
  if (saved_errno == ENOENT || saved_errno == ENOTDIR)
    return TRUE;

  display = g_filename_display_name (path);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not remove “%s”: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

/**
 * otasuke_autostart_get_path:
 * @app_id: the application id
 *
 * Returns: (transfer full) (nullable): where the autostart entry for @app_id
 *   lives, or %NULL where autostart entries are not used
 */
char *
otasuke_autostart_get_path (const char *app_id)
{
  g_return_val_if_fail (app_id != NULL && g_application_id_is_valid (app_id), NULL);

  {
    g_autofree char *basename = g_strconcat (app_id, ".desktop", NULL);

    return g_build_filename (g_get_user_config_dir (), "autostart", basename, NULL);
  }
}

/**
 * otasuke_autostart_set_enabled:
 * @enabled: whether to start at login
 * @app_id: the application id
 * @error: return location for an error
 *
 * Writes (mode 0600, atomically) or removes the autostart entry. Removing an
 * entry that does not exist succeeds.
 *
 * Returns: %TRUE on success
 */
gboolean
otasuke_autostart_set_enabled (gboolean     enabled,
                               const char  *app_id,
                               GError     **error)
{
  g_return_val_if_fail (app_id != NULL && g_application_id_is_valid (app_id), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  {
    g_autofree char *path = otasuke_autostart_get_path (app_id);

    if (enabled)
      return enable (path, app_id, error);
    else
      return disable (path, error);
  }
}

/**
 * otasuke_autostart_is_enabled:
 * @app_id: the application id
 *
 * An entry the user switched off elsewhere (Hidden=true or
 * X-GNOME-Autostart-enabled=false, as session settings tools write) counts
 * as disabled.
 *
 * Returns: whether the program starts at login
 */
gboolean
otasuke_autostart_is_enabled (const char *app_id)
{
  g_return_val_if_fail (app_id != NULL && g_application_id_is_valid (app_id), FALSE);

  {
    g_autofree char *path = otasuke_autostart_get_path (app_id);
    g_autoptr (GKeyFile) key_file = g_key_file_new ();
    g_autoptr (GError) error = NULL;
    gboolean gnome_enabled;

    if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error))
      {
        if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) &&
            !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
          g_debug ("Could not read the autostart entry: %s", error->message);
        return FALSE;
      }

    if (g_key_file_get_boolean (key_file, DESKTOP_GROUP, "Hidden", NULL))
      return FALSE;

    gnome_enabled = g_key_file_get_boolean (key_file, DESKTOP_GROUP,
                                            "X-GNOME-Autostart-enabled", &error);
    if (error == NULL && !gnome_enabled)
      return FALSE;

    return TRUE;
  }
}

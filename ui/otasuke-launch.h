/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How an address or a page of the system's settings is opened: the
 * platform seam for launching. Linux: gtk_show_uri() (otasuke-launch-unix.c).
 * Windows: ShellExecuteW() (win32/otasuke-launch-win32.c), which also opens
 * ms-settings:windowsupdate and windowsdefender:. */

typedef enum {
  OTASUKE_SETTINGS_PAGE_UPDATES,   /* Windows Update */
  OTASUKE_SETTINGS_PAGE_SECURITY,  /* Windows Security (virus and threat protection) */
} OtasukeSettingsPage;

/* Opens @uri in the browser; only http and https are opened (anything else
 * is refused with a warning and FALSE). @parent may be NULL. */
gboolean    otasuke_launch_uri           (GtkWindow           *parent,
                                          const char          *uri);
/* Opens the local file @path (a PDF or text the user just saved) with the
 * system's handler for its type; FALSE when it could not be opened. */
gboolean    otasuke_launch_file          (GtkWindow           *parent,
                                          const char          *path);
/* Whether this system has a page for @page, i.e. an "Open Settings" button
 * can be shown. */
gboolean    otasuke_launch_has_settings  (OtasukeSettingsPage  page);
/* The translated label of that button ("Open Windows Update"), or NULL. */
const char *otasuke_launch_settings_label (OtasukeSettingsPage page);
/* Opens it; FALSE when there is none or it could not be opened. */
gboolean    otasuke_launch_settings      (GtkWindow           *parent,
                                          OtasukeSettingsPage  page);

/* For the platform twins. */
/* The address of @page on this system, or NULL; and its button's label. */
const char *otasuke_launch_platform_settings_uri   (OtasukeSettingsPage  page);
const char *otasuke_launch_platform_settings_label (OtasukeSettingsPage  page);
/* Opens @uri, already checked, with the system's handler. */
gboolean    otasuke_launch_platform_open         (GtkWindow           *parent,
                                                  const char          *uri);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "otasuke-application.h"
#include "otasuke-log.h"
#include "otasuke-paths.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(OtasukeApplication) app = NULL;
  const char *localedir = g_getenv ("OTASUKE_LOCALEDIR");
  g_autofree char *installed_localedir = otasuke_paths_get_locale_dir ();
  int status;

  /* Warnings go to a private log file, never to the user's terminal. */
  otasuke_log_install (NULL);
  setlocale (LC_ALL, "");
  /* OTASUKE_LOCALEDIR lets an uninstalled build (meson devenv, tests) find its catalogues. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : installed_localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = otasuke_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  g_clear_object (&app);
  /* The data folder may exist by now: what waited goes into the log. */
  otasuke_log_flush ();
  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-bench"

#include "config.h"

#include <adwaita.h>

#include "otasuke-bench.h"

/* The smallest GTK 4 + libadwaita window, the yardstick for
 * build-aux/bench-startup.py. Keep it bare. */

static void
bare_activate_cb (GApplication *application,
                  gpointer      user_data)
{
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *status_page;

  window = adw_application_window_new (GTK_APPLICATION (application));
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 720);
  gtk_window_set_title (GTK_WINDOW (window), "Bare");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());

  status_page = adw_status_page_new ();
  adw_status_page_set_title (ADW_STATUS_PAGE (status_page), "Bare");
  gtk_widget_set_vexpand (status_page, TRUE);
  gtk_box_append (GTK_BOX (box), status_page);

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  otasuke_bench_watch_first_frame (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (AdwApplication) application = NULL;

  application = adw_application_new ("jp.or.sakura_cci.OtasukeBare",
                                     G_APPLICATION_NON_UNIQUE);
  g_signal_connect (application, "activate", G_CALLBACK (bare_activate_cb), NULL);

  return g_application_run (G_APPLICATION (application), argc, argv);
}

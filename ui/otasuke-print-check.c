/* SPDX-License-Identifier: GPL-3.0-or-later */
/* otasuke-print-check: lists the printers the way GTK's print window does,
 * in a process of its own, and says whether that finishes.
 *
 * With Debian 12's CUPS 2.4.2-3+deb12u10 (and with any print server that
 * accepts a connection and never answers) GTK 4.8's CUPS backend spins the
 * main thread inside libcups while it lists printers, so the print window
 * would freeze the program for good. The program runs this first; a hang
 * here costs a few seconds in a throwaway process instead.
 *
 * Exit status: 0 the listing finished, 2 it did not finish in time,
 * 3 no display. */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>
#include <gtk/gtk.h>
#include <gtk/gtkunixprint.h>

/* GTK's own listing takes well under a second with a working CUPS. */
#define LIMIT_SECONDS 5

static gpointer
watchdog (gpointer data)
{
  g_usleep (LIMIT_SECONDS * G_USEC_PER_SEC);
  /* The main thread is stuck inside libcups: nothing else would end it. */
  _exit (2);
  return NULL;
}

static gboolean
printer_found (GtkPrinter *printer,
               gpointer    data)
{
  g_debug ("Printer: %s", gtk_printer_get_name (printer));
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_thread_unref (g_thread_new ("watchdog", watchdog, NULL));

  if (!gtk_init_check ())
    return 3;
  gtk_enumerate_printers (printer_found, NULL, NULL, TRUE);
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-store"

#include "config.h"

#include <glib/gi18n.h>

#include <stdio.h>
#include <stdlib.h>

#include "otasuke-store.h"

/* Helper for test-store: adds check runs until it is killed, printing each
 * id only once otasuke_store_add_check_run() has returned, so every printed
 * id is a promise that the run survives a crash. */
int
main (int   argc,
      char *argv[])
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s DATABASE\n", argv[0]);
      return EXIT_FAILURE;
    }

  store = otasuke_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAILURE;
    }

  for (gint64 i = 1; ; i++)
    {
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;
      gint64 id;

      id = otasuke_store_add_check_run (store, now, now, (int) (i % 126) - 25,
                                        "crash-writer", &error);
      if (id == 0)
        {
          fprintf (stderr, "%s\n", error->message);
          return EXIT_FAILURE;
        }

      printf ("%" G_GINT64_FORMAT "\n", id);
      fflush (stdout);
    }

  return EXIT_SUCCESS;
}

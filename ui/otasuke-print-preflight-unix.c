/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-print"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-print-preflight.h"

/* The helper gives up by itself after 5 s; this is for a helper that
 * cannot even do that. */
#define KILL_SECONDS 8

typedef struct {
  GSubprocess *process;
  guint        kill_id;
} Preflight;

static void
preflight_free (Preflight *preflight)
{
  g_clear_handle_id (&preflight->kill_id, g_source_remove);
  g_clear_object (&preflight->process);
  g_free (preflight);
}

static char *
helper_path (void)
{
  /* Set by `meson devenv` and the tests to the build tree. */
  const char *dir = g_getenv ("OTASUKE_LIBEXECDIR");

  return g_build_filename (dir != NULL && *dir != '\0' ? dir : LIBEXECDIR, "otasuke-print-check", NULL);
}

static gboolean
kill_cb (gpointer data)
{
  GTask *task = data;
  Preflight *preflight = g_task_get_task_data (task);

  preflight->kill_id = 0;
  g_subprocess_force_exit (preflight->process);
  return G_SOURCE_REMOVE;
}

static void
waited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GSubprocess *process = G_SUBPROCESS (object);
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_finish (process, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_message ("Listing the printers did not finish (%s %d): printing is turned away",
             g_subprocess_get_if_exited (process) ? "exit status" : "signal",
             g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process)
                                                  : g_subprocess_get_term_sig (process));
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "%s",
                           _("This computer’s printing system (CUPS) does not answer. Opening the print "
                             "window now would freeze the program. Save the sheet as a PDF and print that "
                             "file, or try again after restarting the computer."));
}

void
otasuke_print_preflight_async (GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *path = helper_path ();
  const char *argv[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  Preflight *preflight = g_new0 (Preflight, 1);

  g_task_set_source_tag (task, otasuke_print_preflight_async);
  g_task_set_task_data (task, preflight, (GDestroyNotify) preflight_free);

  preflight->process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                          &error);
  if (preflight->process == NULL)
    {
      /* A broken installation: say so rather than risk the freeze. */
      g_warning ("Could not run %s: %s", path, error->message);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _("A part of Otasuke that checks the printers is missing. Save the sheet as a "
                                 "PDF and print that file, or reinstall Otasuke."));
      return;
    }
  preflight->kill_id = g_timeout_add_seconds (KILL_SECONDS, kill_cb, task);
  g_subprocess_wait_async (preflight->process, cancellable, waited_cb, g_object_ref (task));
}

gboolean
otasuke_print_preflight_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

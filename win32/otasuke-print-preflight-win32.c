/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "otasuke-print-preflight.h"

/* GTK uses the Windows print dialog, which does not go through CUPS. */
void
otasuke_print_preflight_async (GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, otasuke_print_preflight_async);
  g_task_return_boolean (task, TRUE);
}

gboolean
otasuke_print_preflight_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

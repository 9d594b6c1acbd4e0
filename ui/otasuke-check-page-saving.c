/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-check-page"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-check-page-private.h"
#include "otasuke-store-runs.h"

/* Saving: answers are kept as they are given, a moment after the last one. */

#define AUTOSAVE_DELAY_MS 800

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OtasukeCheckPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean finished;

  self->saving = FALSE;
  if (!otasuke_store_save_check_run_finish (OTASUKE_STORE (object), result, &error))
    g_message ("Could not save the check: %s", error->message);

  if (self->save_again)
    {
      self->save_again = FALSE;
      otasuke_check_page_save_now (self);
      return;
    }
  if (self->disposed || self->autosave_id != 0)
    return;

  /* One meaning of "saved": in the history. A run not finished yet is only
   * kept to be gone on with, and the footer says so. */
  finished = self->run != NULL && otasuke_check_run_is_finished (self->run);
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

      gtk_label_set_text (self->saved_label, message);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->saved_label), message);
      if (finished)
        {
          /* Translators: %s says why, from the system */
          g_autofree char *problem = g_strdup_printf (_("This check is not in the history: %s"), error->message);

          self->saved_finished = FALSE;
          otasuke_check_results_set_saved (self->results, problem, TRUE);
        }
      return;
    }

  gtk_label_set_text (self->saved_label, finished ? _("Saved in the history") : _("Answers kept: you can go on later"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->saved_label), NULL);
  if (finished)
    {
      self->saved_finished = TRUE;
      otasuke_check_results_set_saved (self->results, _("Saved in the history."), FALSE);
    }
  otasuke_check_page_set_unsaved (self, FALSE);
}

void
otasuke_check_page_save_now (OtasukeCheckPage *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);

  if (self->store == NULL || self->run == NULL)
    {
      otasuke_check_page_set_unsaved (self, FALSE);
      return;
    }
  /* One save at a time: a new run must get its id before it is saved again. */
  if (self->saving)
    {
      self->save_again = TRUE;
      return;
    }

  self->saving = TRUE;
  otasuke_store_save_check_run_async (self->store, self->run, otasuke_check_page_now_seconds (), NULL,
                                      save_cb, g_object_ref (self));
}

static gboolean
autosave_cb (gpointer user_data)
{
  OtasukeCheckPage *self = user_data;

  self->autosave_id = 0;
  otasuke_check_page_save_now (self);
  return G_SOURCE_REMOVE;
}

void
otasuke_check_page_schedule_save (OtasukeCheckPage *self)
{
  otasuke_check_page_set_unsaved (self, TRUE);
  if (self->store == NULL)
    return;
  gtk_label_set_text (self->saved_label, "");
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_cb, self);
}

/* The window is closing with answers not saved yet, and the application
 * may quit right after: save them now rather than in a thread. A save
 * already under way saves again when it lands (it holds a reference). */
gboolean
otasuke_check_page_save_pending (OtasukeCheckPage  *self,
                                 GError           **error)
{
  g_return_val_if_fail (OTASUKE_IS_CHECK_PAGE (self), FALSE);

  if (self->autosave_id != 0 && self->store != NULL && self->run != NULL)
    {
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      if (self->saving)
        self->save_again = TRUE;
      else
        {
          g_autoptr(GError) local_error = NULL;

          if (!otasuke_store_save_check_run (self->store, self->run, otasuke_check_page_now_seconds (), &local_error))
            {
              g_autofree char *message = g_strdup_printf (_("Not saved: %s"), local_error->message);

              gtk_label_set_text (self->saved_label, message);
              g_set_error (error, local_error->domain, local_error->code,
                           _("Your answers could not be saved: %s"), local_error->message);
              return FALSE;
            }
          otasuke_check_page_set_unsaved (self, FALSE);
        }
    }
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  return TRUE;
}

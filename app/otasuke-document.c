/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet"

#include "config.h"

#include "otasuke-document.h"
#include "otasuke-sheet-render-private.h"

struct _OtasukeDocument
{
  Doc *doc;
};

static void
document_clear (OtasukeDocument *self)
{
  g_clear_pointer (&self->doc, otasuke_sheet_doc_free);
}

OtasukeDocument *
otasuke_document_new_take (Doc *doc)
{
  OtasukeDocument *self = g_atomic_rc_box_new0 (OtasukeDocument);

  self->doc = doc;
  return self;
}

OtasukeDocument *
otasuke_document_ref (OtasukeDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
otasuke_document_unref (OtasukeDocument *self)
{
  if (self != NULL)
    g_atomic_rc_box_release_full (self, (GDestroyNotify) document_clear);
}

const char *
otasuke_document_get_title (OtasukeDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->doc->pdf_title;
}

int
otasuke_document_count_pages (OtasukeDocument *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return (int) otasuke_sheet_doc_draw_page (self->doc, NULL, 0, 0, 0);
}

gboolean
otasuke_document_draw_page (OtasukeDocument *self,
                            cairo_t         *cr,
                            double           width,
                            double           height,
                            int              page_nr)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  if (page_nr < 0 || width <= 0 || height <= 0)
    return FALSE;
  return (guint) page_nr < otasuke_sheet_doc_draw_page (self->doc, cr, width, height, (guint) page_nr) &&
         cairo_status (cr) == CAIRO_STATUS_SUCCESS;
}

GBytes *
otasuke_document_render_pdf (OtasukeDocument  *self,
                             GError          **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  return otasuke_sheet_doc_render_pdf (self->doc, error);
}

gboolean
otasuke_document_write_pdf (OtasukeDocument  *self,
                            const char       *path,
                            GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = otasuke_document_render_pdf (self, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  return otasuke_sheet_write_private_file (path, data, length, error);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  OtasukeDocument *self = g_object_get_data (G_OBJECT (task), "document");
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (otasuke_document_write_pdf (self, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
otasuke_document_write_pdf_async (OtasukeDocument     *self,
                                  const char          *path,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, otasuke_document_write_pdf_async);
  g_object_set_data_full (G_OBJECT (task), "document", otasuke_document_ref (self),
                          (GDestroyNotify) otasuke_document_unref);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, write_in_thread);
}

gboolean
otasuke_document_write_pdf_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == otasuke_document_write_pdf_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

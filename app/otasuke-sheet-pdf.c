/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "otasuke-feed.h"
#include "otasuke-sheet-render-private.h"
#include "otasuke-store-advisories.h"
#include "otasuke-store-sheets.h"

/* The PDF file, the pages for printing, and writing files. */

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
otasuke_sheet_doc_render_pdf (const Doc  *doc,
                              GError    **error)
{
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
  g_autoptr(GObject) context = G_OBJECT (otasuke_sheet_layout_create_context (font_map));
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  Pdf pdf = { .doc = doc, .context = PANGO_CONTEXT (context) };

  pdf.n_pages = otasuke_sheet_layout_pass (&pdf);

  surface = cairo_pdf_surface_create_for_stream (append_to_array, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_5);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->pdf_title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Otasuke " PACKAGE_VERSION);
  pdf.cr = cairo_create (surface);

  if (otasuke_sheet_layout_pass (&pdf) != pdf.n_pages)
    g_warning ("The two passes over the consultation sheet disagree on the page count");

  status = cairo_status (pdf.cr);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the consultation sheet (%s)."), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

GBytes *
otasuke_sheet_render_pdf (OtasukeSheet                   *sheet,
                          const OtasukeSheetCheckSummary *summary,
                          GPtrArray                      *contacts,
                          GDateTime                      *now,
                          GError                        **error)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(Doc) doc = NULL;

  g_return_val_if_fail (OTASUKE_IS_SHEET (sheet), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  when = otasuke_sheet_now_or_current (now);
  doc = otasuke_sheet_doc_build (sheet, summary, contacts, when);
  return otasuke_sheet_doc_render_pdf (doc, error);
}

OtasukeDocument *
otasuke_sheet_render_document (OtasukeSheet                   *sheet,
                               const OtasukeSheetCheckSummary *summary,
                               GPtrArray                      *contacts,
                               GDateTime                      *now)
{
  g_autoptr(GDateTime) when = NULL;

  g_return_val_if_fail (OTASUKE_IS_SHEET (sheet), NULL);

  when = otasuke_sheet_now_or_current (now);
  return otasuke_document_new_take (otasuke_sheet_doc_build (sheet, summary, contacts, when));
}

/* Printing, a page at a time */

/* Lays the document out on @cr's page @page_nr (from 0), scaled to fit
 * @width × @height and centred; with @cr NULL only counts the pages. */
guint
otasuke_sheet_doc_draw_page (const Doc *doc,
                             cairo_t   *cr,
                             double     width,
                             double     height,
                             guint      page_nr)
{
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
  g_autoptr(GObject) context = G_OBJECT (otasuke_sheet_layout_create_context (font_map));
  Pdf pdf = { .doc = doc, .context = PANGO_CONTEXT (context) };
  double scale;

  pdf.n_pages = otasuke_sheet_layout_pass (&pdf);
  if (cr == NULL || page_nr >= pdf.n_pages)
    return pdf.n_pages;

  scale = MIN (width / PAGE_WIDTH, height / PAGE_HEIGHT);
  cairo_save (cr);
  cairo_translate (cr, (width - PAGE_WIDTH * scale) / 2, (height - PAGE_HEIGHT * scale) / 2);
  cairo_scale (cr, scale, scale);
  pdf.target = cr;
  pdf.only_page = page_nr + 1;
  otasuke_sheet_layout_pass (&pdf);
  cairo_restore (cr);

  return pdf.n_pages;
}

int
otasuke_sheet_render_count_pages (OtasukeSheet                   *sheet,
                                  const OtasukeSheetCheckSummary *summary,
                                  GPtrArray                      *contacts,
                                  GDateTime                      *now)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(Doc) doc = NULL;

  g_return_val_if_fail (OTASUKE_IS_SHEET (sheet), 0);

  when = otasuke_sheet_now_or_current (now);
  doc = otasuke_sheet_doc_build (sheet, summary, contacts, when);
  return (int) otasuke_sheet_doc_draw_page (doc, NULL, 0, 0, 0);
}

gboolean
otasuke_sheet_render_draw_page (OtasukeSheet                   *sheet,
                                const OtasukeSheetCheckSummary *summary,
                                GPtrArray                      *contacts,
                                GDateTime                      *now,
                                cairo_t                        *cr,
                                double                          width,
                                double                          height,
                                int                             page_nr)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(Doc) doc = NULL;

  g_return_val_if_fail (OTASUKE_IS_SHEET (sheet), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);

  if (page_nr < 0)
    return FALSE;

  when = otasuke_sheet_now_or_current (now);
  doc = otasuke_sheet_doc_build (sheet, summary, contacts, when);
  return (guint) page_nr < otasuke_sheet_doc_draw_page (doc, cr, width, height, (guint) page_nr) &&
         cairo_status (cr) == CAIRO_STATUS_SUCCESS;
}

/* Files */

/* The reason at the end of a GLib file error ("…: No space left on device"),
 * without the temporary file's name that comes before it; NULL when none. */
static const char *
error_reason (const GError *error)
{
  const char *colon = g_strrstr (error->message, ": ");

  return colon != NULL && colon[2] != '\0' ? colon + 2 : NULL;
}

gboolean
otasuke_sheet_write_private_file (const char    *path,
                                  const char    *data,
                                  gsize          length,
                                  GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (path);
  const char *reason;

  /* Whatever is there already, a link included, is looked at, not what it
   * points to: only an ordinary file is replaced. Renaming over anything
   * else would swap a device, a pipe or a link for a PDF. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                            NULL, &local_error);
  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY
                   ? _("%s is a folder, so nothing was saved. Choose a file name.")
                   : _("%s is not an ordinary file, so nothing was saved there. Choose another name."),
                   display);
      return FALSE;
    }
  g_clear_error (&local_error);

  /* A temporary file renamed over @path: a reader never sees half a sheet,
   * and the file is only ever readable by its owner. */
  if (g_file_set_contents_full (path, data, (gssize) length,
                                G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    return TRUE;

  /* GLib's message names the temporary file; the user chose @path. */
  reason = error_reason (local_error);
  switch (local_error->domain == G_FILE_ERROR ? local_error->code : G_FILE_ERROR_FAILED)
    {
    case G_FILE_ERROR_NOSPC:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("The disk is full, so %s could not be saved. Free some space and try again."),
                   display);
      break;
    case G_FILE_ERROR_ACCES:
    case G_FILE_ERROR_PERM:
    case G_FILE_ERROR_ROFS:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("%s could not be saved: that folder does not allow writing. Choose another folder."),
                   display);
      break;
    case G_FILE_ERROR_NOENT:
    case G_FILE_ERROR_NOTDIR:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s could not be saved: its folder does not exist."), display);
      break;
    default:
      if (reason != NULL)
        /* Translators: the file, then the system's reason */
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s could not be saved (%s)."), display, reason);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s could not be saved."), display);
      break;
    }
  g_debug ("Writing %s failed: %s", path, local_error->message);
  return FALSE;
}

gboolean
otasuke_sheet_write_pdf (OtasukeSheet                   *sheet,
                         const OtasukeSheetCheckSummary *summary,
                         GPtrArray                      *contacts,
                         GDateTime                      *now,
                         const char                     *path,
                         GError                        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (OTASUKE_IS_SHEET (sheet), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = otasuke_sheet_render_pdf (sheet, summary, contacts, now, error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &length);
  return otasuke_sheet_write_private_file (path, data, length, error);
}

void
otasuke_sheet_write_pdf_async (OtasukeSheet                   *sheet,
                               const OtasukeSheetCheckSummary *summary,
                               GPtrArray                      *contacts,
                               const char                     *path,
                               GCancellable                   *cancellable,
                               GAsyncReadyCallback             callback,
                               gpointer                        user_data)
{
  g_autoptr(OtasukeDocument) document = NULL;

  g_return_if_fail (OTASUKE_IS_SHEET (sheet));
  g_return_if_fail (path != NULL);

  /* The document copies what it prints now; the layout and the file happen in a thread. */
  document = otasuke_sheet_render_document (sheet, summary, contacts, NULL);
  otasuke_document_write_pdf_async (document, path, cancellable, callback, user_data);
}

gboolean
otasuke_sheet_write_pdf_finish (GAsyncResult  *result,
                                GError       **error)
{
  return otasuke_document_write_pdf_finish (result, error);
}

/* Command line */

static GPtrArray *
contacts_from_store (OtasukeStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeFeedStatus) status = otasuke_store_get_feed_status (store, &error);
  GPtrArray *contacts;

  if (status == NULL || status->contacts_json == NULL)
    {
      if (error != NULL)
        g_debug ("No feed contacts for the sheet: %s", error->message);
      return NULL;
    }

  contacts = otasuke_feed_contacts_from_json (status->contacts_json, &error);
  if (contacts == NULL)
    g_debug ("The stored feed contacts are not readable: %s", error->message);
  return contacts;
}

gboolean
otasuke_sheet_export_pdf_for_cli (OtasukeStore  *store,
                                  gint64         sheet_id_or_0,
                                  const char    *path,
                                  GError       **error)
{
  g_autoptr(OtasukeSheet) sheet = NULL;
  g_autoptr(OtasukeSheetCheckSummary) summary = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (sheet_id_or_0 > 0)
    sheet = otasuke_store_load_sheet (store, sheet_id_or_0, &local_error);
  else
    sheet = otasuke_store_load_latest_sheet (store, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (sheet == NULL && sheet_id_or_0 > 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, sheet_id_or_0);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no consultation sheet number %s."), number);
      return FALSE;
    }

  if (sheet == NULL)
    sheet = otasuke_sheet_new ();

  summary = otasuke_sheet_check_summary_load (store, NULL, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  contacts = contacts_from_store (store);

  return otasuke_sheet_write_pdf (sheet, summary, contacts, NULL, path, error);
}

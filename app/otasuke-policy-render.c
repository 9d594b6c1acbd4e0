/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-action"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-policy-render.h"
#include "otasuke-sheet-render-private.h"
#include "otasuke-store-action.h"

static void
add_block (Doc        *doc,
           BlockKind   kind,
           const char *label,
           const char *text)
{
  /* A field left empty prints as one line to fill in by hand. */
  otasuke_sheet_doc_add_block (doc, kind, label, text)->blank_lines = 1;
}

/* User text made safe to lay out; NULL when nothing is left. */
static char *
clean (const char *text,
       gboolean    multiline)
{
  char *clean_text = otasuke_sheet_sanitize_text (text, multiline);

  if (clean_text[0] == '\0')
    g_clear_pointer (&clean_text, g_free);
  return clean_text;
}

/* "2026-04-01" as the sheet prints dates (2026年4月1日 in Japanese). */
static char *
format_day (const char *date)
{
  g_autoptr(GDateTime) day = NULL;
  int year, month, mday;

  if (!otasuke_policy_date_is_valid (date) || sscanf (date, "%d-%d-%d", &year, &month, &mday) != 3)
    return NULL;
  day = g_date_time_new_local (year, month, mday, 12, 0, 0);
  if (day == NULL)
    return NULL;
  return g_date_time_format (day, C_("sheet date", "%Y-%m-%d"));
}

static Doc *
doc_build (const OtasukePolicy *policy,
           GDateTime           *now)
{
  g_autoptr(Doc) doc = otasuke_sheet_doc_new ();
  g_autofree char *title = clean (policy->title, FALSE);
  g_autofree char *company = clean (policy->company_name, FALSE);
  g_autofree char *representative = clean (policy->representative, FALSE);
  g_autofree char *preamble = clean (policy->preamble, TRUE);
  g_autofree char *enacted = format_day (policy->enacted_on);
  const char *doc_title = title != NULL ? title : _("Basic Information Security Policy");

  doc->header_title = company != NULL ? g_strdup_printf ("%s　%s", company, doc_title) : g_strdup (doc_title);
  doc->pdf_title = g_strdup (doc->header_title);
  doc->date = g_date_time_format (now, C_("sheet date", "%Y-%m-%d"));
  doc->footer_mark = NULL; /* a document to publish: no "confidential" mark */

  add_block (doc, BLOCK_TITLE, NULL, doc_title);
  if (company != NULL)
    add_block (doc, BLOCK_SUBTITLE, NULL, company);
  if (preamble != NULL)
    add_block (doc, BLOCK_PARAGRAPH, NULL, preamble);

  for (guint i = 0; i < policy->sections->len; i++)
    {
      const OtasukePolicySection *section = g_ptr_array_index (policy->sections, i);
      g_autofree char *heading = clean (section->heading, FALSE);
      g_autofree char *body = clean (section->body, TRUE);
      g_autofree char *numbered = NULL;

      if (heading == NULL && body == NULL)
        continue;
      /* Translators: a numbered heading of the basic policy, "1. The management’s responsibility" */
      numbered = g_strdup_printf (C_("policy heading", "%u. %s"), i + 1, heading != NULL ? heading : "");
      add_block (doc, BLOCK_HEADING, numbered, NULL);
      if (body != NULL)
        add_block (doc, BLOCK_PARAGRAPH, NULL, body);
    }

  add_block (doc, BLOCK_HEADING, _("Enacted by"), NULL);
  add_block (doc, BLOCK_FIELD, _("Enacted on"), enacted);
  add_block (doc, BLOCK_FIELD, _("Company name"), company);
  add_block (doc, BLOCK_FIELD, _("Representative"), representative);
  add_block (doc, BLOCK_PARAGRAPH, NULL,
             _("This is the company’s basic information security policy for its SECURITY ACTION two-star "
               "(★★) self-declaration to IPA. SECURITY ACTION is a declaration the company makes itself."));

  return g_steal_pointer (&doc);
}

GBytes *
otasuke_policy_render_pdf (const OtasukePolicy  *policy,
                           GDateTime            *now,
                           GError              **error)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(Doc) doc = NULL;

  g_return_val_if_fail (policy != NULL, NULL);

  when = otasuke_sheet_now_or_current (now);
  doc = doc_build (policy, when);
  return otasuke_sheet_doc_render_pdf (doc, error);
}

OtasukeDocument *
otasuke_policy_render_document (const OtasukePolicy *policy,
                                GDateTime           *now)
{
  g_autoptr(GDateTime) when = NULL;

  g_return_val_if_fail (policy != NULL, NULL);

  when = otasuke_sheet_now_or_current (now);
  return otasuke_document_new_take (doc_build (policy, when));
}

int
otasuke_policy_render_count_pages (const OtasukePolicy *policy,
                                   GDateTime           *now)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(Doc) doc = NULL;

  g_return_val_if_fail (policy != NULL, 0);

  when = otasuke_sheet_now_or_current (now);
  doc = doc_build (policy, when);
  return (int) otasuke_sheet_doc_draw_page (doc, NULL, 0, 0, 0);
}

gboolean
otasuke_policy_render_draw_page (const OtasukePolicy *policy,
                                 GDateTime           *now,
                                 cairo_t             *cr,
                                 double               width,
                                 double               height,
                                 int                  page_nr)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(Doc) doc = NULL;

  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  if (page_nr < 0 || width <= 0 || height <= 0)
    return FALSE;
  when = otasuke_sheet_now_or_current (now);
  doc = doc_build (policy, when);
  return (guint) page_nr < otasuke_sheet_doc_draw_page (doc, cr, width, height, (guint) page_nr) &&
         cairo_status (cr) == CAIRO_STATUS_SUCCESS;
}

gboolean
otasuke_policy_write_pdf (const OtasukePolicy  *policy,
                          GDateTime            *now,
                          const char           *path,
                          GError              **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = otasuke_policy_render_pdf (policy, now, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  return otasuke_sheet_write_private_file (path, data, length, error);
}

void
otasuke_policy_write_pdf_async (const OtasukePolicy *policy,
                                const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(OtasukeDocument) document = NULL;

  g_return_if_fail (policy != NULL);
  g_return_if_fail (path != NULL);

  /* The text is taken now; the layout and the file happen in a thread. */
  document = otasuke_policy_render_document (policy, NULL);
  otasuke_document_write_pdf_async (document, path, cancellable, callback, user_data);
}

gboolean
otasuke_policy_write_pdf_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return otasuke_document_write_pdf_finish (result, error);
}

char *
otasuke_policy_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

gboolean
otasuke_policy_export_pdf_for_cli (OtasukeStore  *store,
                                   const char    *path,
                                   GError       **error)
{
  g_autoptr(OtasukePolicy) policy = NULL;
  g_autoptr(OtasukeCompanyProfile) profile = NULL;
  g_autofree char *today = otasuke_policy_today ();
  GError *local_error = NULL;

  g_return_val_if_fail (OTASUKE_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  policy = otasuke_store_load_policy (store, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (policy == NULL)
    policy = otasuke_policy_new_from_template (error);
  if (policy == NULL)
    return FALSE;

  profile = otasuke_store_load_company_profile (store, error);
  if (profile == NULL)
    return FALSE;
  otasuke_policy_fill (policy, profile, today);

  return otasuke_policy_write_pdf (policy, NULL, path, error);
}

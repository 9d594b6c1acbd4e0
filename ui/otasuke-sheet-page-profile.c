/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet-page"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-sheet-page-private.h"
#include "otasuke-store-action.h"

/* The company profile across sheets: a new sheet starts with the company
 * name and contact person of the profile in the store, and an edit of
 * either on any sheet goes back into the profile (which the SECURITY ACTION
 * page and the basic policy share). Only those two fields are written here,
 * so what the SECURITY ACTION page keeps in the profile is left as it is. */

#define PROFILE_SAVE_MS 700

typedef struct {
  char *company_name;
  char *contact_person;
} ProfileFields;

static void
profile_fields_free (ProfileFields *fields)
{
  g_free (fields->company_name);
  g_free (fields->contact_person);
  g_free (fields);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ProfileFields, profile_fields_free)

static gboolean
write_fields (OtasukeStore         *store,
              const ProfileFields  *fields,
              GError              **error)
{
  g_autoptr(OtasukeCompanyProfile) profile = otasuke_store_load_company_profile (store, error);

  if (profile == NULL)
    return FALSE;
  otasuke_company_profile_set (profile, &profile->company_name, fields->company_name);
  otasuke_company_profile_set (profile, &profile->contact_person, fields->contact_person);
  return otasuke_store_save_company_profile (store, profile, g_get_real_time () / G_USEC_PER_SEC, error);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (write_fields (source_object, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(OtasukeSheetPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    otasuke_sheet_page_show_toast (self, _("The company details could not be kept for the next sheet"));
}

static ProfileFields *
current_fields (OtasukeSheetPage *self)
{
  ProfileFields *fields = g_new0 (ProfileFields, 1);

  fields->company_name = g_strdup (self->profile->company_name);
  fields->contact_person = g_strdup (self->profile->contact_person);
  return fields;
}

static gboolean
save_cb (gpointer user_data)
{
  OtasukeSheetPage *self = user_data;
  g_autoptr(GTask) task = NULL;

  self->profile_save_id = 0;
  if (self->store == NULL || self->profile == NULL || !self->profile_dirty)
    return G_SOURCE_REMOVE;
  self->profile_dirty = FALSE;
  task = g_task_new (self->store, self->cancellable, saved_cb, g_object_ref (self));
  g_task_set_source_tag (task, save_cb);
  g_task_set_task_data (task, current_fields (self), (GDestroyNotify) profile_fields_free);
  g_task_run_in_thread (task, save_in_thread);
  return G_SOURCE_REMOVE;
}

void
otasuke_sheet_page_profile_edited (OtasukeSheetPage *self)
{
  gboolean changed;

  if (self->profile == NULL || self->sheet == NULL)
    return;
  changed = otasuke_company_profile_set (self->profile, &self->profile->company_name,
                                         otasuke_sheet_get_company_name (self->sheet));
  changed |= otasuke_company_profile_set (self->profile, &self->profile->contact_person,
                                          otasuke_sheet_get_contact_person (self->sheet));
  if (!changed)
    return;
  self->profile_dirty = TRUE;
  g_clear_handle_id (&self->profile_save_id, g_source_remove);
  self->profile_save_id = g_timeout_add (PROFILE_SAVE_MS, save_cb, self);
}

void
otasuke_sheet_page_profile_prefill (OtasukeSheetPage *self,
                                    OtasukeSheet     *sheet)
{
  if (self->profile == NULL)
    return;
  if (otasuke_sheet_text_is_blank (otasuke_sheet_get_company_name (sheet)))
    otasuke_sheet_set_company_name (sheet, self->profile->company_name);
  if (otasuke_sheet_text_is_blank (otasuke_sheet_get_contact_person (sheet)))
    otasuke_sheet_set_contact_person (sheet, self->profile->contact_person);
}

gboolean
otasuke_sheet_page_profile_save_pending (OtasukeSheetPage  *self,
                                         GError           **error)
{
  g_autoptr(ProfileFields) fields = NULL;

  if (self->store == NULL || self->profile == NULL || !self->profile_dirty)
    return TRUE;
  fields = current_fields (self);
  if (!write_fields (self->store, fields, error))
    return FALSE;
  self->profile_dirty = FALSE;
  g_clear_handle_id (&self->profile_save_id, g_source_remove);
  return TRUE;
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OtasukeSheetPage) self = user_data;
  g_autoptr(GError) error = NULL;
  OtasukeCompanyProfile *profile = otasuke_store_load_company_profile_finish (OTASUKE_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (profile == NULL)
    {
      /* The sheet still works; it only starts empty. */
      g_warning ("The company profile could not be read: %s", error->message);
      profile = otasuke_company_profile_new ();
    }
  self->profile = profile;
  otasuke_sheet_page_load_draft (self, 0);
}

void
otasuke_sheet_page_profile_load_then_draft (OtasukeSheetPage *self)
{
  g_assert (self->store != NULL);
  otasuke_store_load_company_profile_async (self->store, self->cancellable, loaded_cb, g_object_ref (self));
}

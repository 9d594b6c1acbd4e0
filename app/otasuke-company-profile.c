/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-action"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "otasuke-company-profile.h"
#include "otasuke-json.h"
#include "otasuke-text.h"

#define MAX_FIELD_BYTES   (4 * 1024)
#define MAX_PROFILE_BYTES (64 * 1024)

/* The fields in one place, for copy, compare and JSON. */
#define N_FIELDS 6
static const char * const field_names[N_FIELDS] = {
  "company_name", "representative", "contact_person", "address", "phone", "email",
};

static char **
field_slot (OtasukeCompanyProfile *profile,
            guint                  i)
{
  char **slots[N_FIELDS] = {
    &profile->company_name, &profile->representative, &profile->contact_person,
    &profile->address, &profile->phone, &profile->email,
  };

  return slots[i];
}

static const char *
field_value (const OtasukeCompanyProfile *profile,
             guint                        i)
{
  return *field_slot ((OtasukeCompanyProfile *) profile, i);
}

OtasukeCompanyProfile *
otasuke_company_profile_new (void)
{
  OtasukeCompanyProfile *profile = g_new0 (OtasukeCompanyProfile, 1);

  for (guint i = 0; i < N_FIELDS; i++)
    *field_slot (profile, i) = g_strdup ("");
  return profile;
}

OtasukeCompanyProfile *
otasuke_company_profile_copy (const OtasukeCompanyProfile *profile)
{
  OtasukeCompanyProfile *copy;

  g_return_val_if_fail (profile != NULL, NULL);

  copy = g_new0 (OtasukeCompanyProfile, 1);
  for (guint i = 0; i < N_FIELDS; i++)
    *field_slot (copy, i) = g_strdup (field_value (profile, i));
  return copy;
}

void
otasuke_company_profile_free (OtasukeCompanyProfile *profile)
{
  if (profile == NULL)
    return;
  for (guint i = 0; i < N_FIELDS; i++)
    g_free (*field_slot (profile, i));
  g_free (profile);
}

gboolean
otasuke_company_profile_set (OtasukeCompanyProfile  *profile,
                             char                  **field,
                             const char             *value)
{
  g_return_val_if_fail (profile != NULL && field != NULL, FALSE);

  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = otasuke_text_bounded (value, MAX_FIELD_BYTES);
  return TRUE;
}

gboolean
otasuke_company_profile_equal (const OtasukeCompanyProfile *a,
                               const OtasukeCompanyProfile *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  for (guint i = 0; i < N_FIELDS; i++)
    if (g_strcmp0 (field_value (a, i), field_value (b, i)) != 0)
      return FALSE;
  return TRUE;
}

gboolean
otasuke_company_profile_is_empty (const OtasukeCompanyProfile *profile)
{
  g_return_val_if_fail (profile != NULL, TRUE);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (field_value (profile, i)));

      if (stripped[0] != '\0')
        return FALSE;
    }
  return TRUE;
}

char *
otasuke_company_profile_to_json (const OtasukeCompanyProfile *profile)
{
  g_autoptr(json_t) root = json_object ();

  g_return_val_if_fail (profile != NULL, NULL);

  otasuke_json_set_int (root, "version", 1);
  for (guint i = 0; i < N_FIELDS; i++)
    otasuke_json_set_string (root, field_names[i], field_value (profile, i));
  return otasuke_json_to_string (root, FALSE);
}

OtasukeCompanyProfile *
otasuke_company_profile_from_json (const char  *json,
                                   GError     **error)
{
  g_autoptr(OtasukeCompanyProfile) profile = NULL;
  g_autoptr(json_t) root = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  if (strlen (json) > MAX_PROFILE_BYTES)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The saved company details are too large to read."));
      return NULL;
    }
  root = otasuke_json_load (json, -1, error);
  if (root == NULL)
    return NULL;
  if (!json_is_object (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The saved company details are not readable."));
      return NULL;
    }

  profile = otasuke_company_profile_new ();
  for (guint i = 0; i < N_FIELDS; i++)
    {
      const char *value = otasuke_json_get_string (root, field_names[i]);

      if (value != NULL)
        otasuke_company_profile_set (profile, field_slot (profile, i), value);
    }
  return g_steal_pointer (&profile);
}

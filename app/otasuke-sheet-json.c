/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "otasuke-json.h"
#include "otasuke-sheet-private.h"

/* The fields as the store keeps them. Stored data is ours, but a damaged or
 * hand-edited row must not make the program allocate without bound. */

#define MAX_TEXT_BYTES      (64 * 1024)
#define MAX_EVENTS          2000
#define MAX_SERVICES        100
#define FIELDS_JSON_VERSION 1

static const struct {
  OtasukeSheetFields field;
  const char *name;
} detected_names[] = {
  { OTASUKE_SHEET_FIELD_DEVICE_TYPE, "device_type" },
  { OTASUKE_SHEET_FIELD_OPERATING_SYSTEM, "operating_system" },
  { OTASUKE_SHEET_FIELD_SECURITY_SOFTWARE, "security_software" },
};

static const char * const police_names[] = { "unanswered", "yes", "no", "not_yet" };
static const char * const machine_names[] = { "unanswered", "in_use", "connected", "disconnected", "powered_off" };

static void
add_string_member (json_t     *object,
                   const char *name,
                   const char *value)
{
  if (value != NULL)
    otasuke_json_set_string (object, name, value);
}

char *
otasuke_sheet_fields_to_json (OtasukeSheet *self)
{
  g_autoptr(json_t) root = NULL;
  json_t *array;

  g_return_val_if_fail (OTASUKE_IS_SHEET (self), NULL);

  root = json_object ();
  otasuke_json_set_int (root, "version", FIELDS_JSON_VERSION);
  add_string_member (root, "company_name", self->company_name);
  add_string_member (root, "contact_person", self->contact_person);
  add_string_member (root, "phone", self->phone);
  add_string_member (root, "email", self->email);
  add_string_member (root, "question", self->question);
  otasuke_json_set_string (root, "machine", machine_names[self->machine]);
  add_string_member (root, "device_type", self->device_type);
  add_string_member (root, "operating_system", self->operating_system);
  add_string_member (root, "security_software", self->security_software);

  array = otasuke_json_set (root, "cloud_services", json_array ());
  for (guint i = 0; self->cloud_services[i] != NULL; i++)
    json_array_append_new (array, otasuke_json_string_new (self->cloud_services[i]));

  array = otasuke_json_set (root, "timeline", json_array ());
  for (guint i = 0; i < self->events->len; i++)
    {
      const OtasukeSheetEvent *event = g_ptr_array_index (self->events, i);
      json_t *entry = json_object ();

      json_array_append_new (array, entry);
      otasuke_json_set_int (entry, "at", event->at);
      add_string_member (entry, "text", event->text);
    }

  add_string_member (root, "suspicion", self->suspicion);
  add_string_member (root, "consulted", self->consulted);
  otasuke_json_set_int (root, "affected_devices", self->affected_devices);
  otasuke_json_set_int (root, "affected_accounts", self->affected_accounts);
  otasuke_json_set_string (root, "police", police_names[self->police]);

  array = otasuke_json_set (root, "detected", json_array ());
  for (guint i = 0; i < G_N_ELEMENTS (detected_names); i++)
    if ((self->detected & detected_names[i].field) != 0)
      json_array_append_new (array, json_string (detected_names[i].name));

  return otasuke_json_to_string (root, FALSE);
}

/* A string member bounded in size, or NULL when absent or not a string. */
static char *
dup_string_member (json_t     *object,
                   const char *name)
{
  const char *value = otasuke_json_get_string (object, name);

  return value != NULL ? otasuke_sheet_bounded_text (value, MAX_TEXT_BYTES) : NULL;
}

static int
get_count_member (json_t     *object,
                  const char *name)
{
  gint64 value;

  if (!otasuke_json_get_int (object, name, &value))
    return -1;
  return value >= 0 && value <= G_MAXINT ? (int) value : -1;
}

static void
take_string (OtasukeSheet  *self,
             json_t        *object,
             const char    *member,
             char         **slot,
             guint          prop)
{
  g_autofree char *value = dup_string_member (object, member);

  otasuke_sheet_set_string (self, slot, value, prop, OTASUKE_SHEET_FIELD_NONE);
}

gboolean
otasuke_sheet_fields_from_json (OtasukeSheet  *self,
                                const char    *json,
                                GError       **error)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *police = NULL;
  g_autofree char *machine = NULL;
  g_autoptr(json_t) object = NULL;
  json_t *array;

  g_return_val_if_fail (OTASUKE_IS_SHEET (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  object = otasuke_json_load (json, -1, error);
  if (object == NULL)
    return FALSE;

  if (!json_is_object (object))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The saved consultation sheet is not readable."));
      return FALSE;
    }

  g_object_freeze_notify (G_OBJECT (self));

  take_string (self, object, "company_name", &self->company_name, PROP_COMPANY_NAME);
  take_string (self, object, "contact_person", &self->contact_person, PROP_CONTACT_PERSON);
  take_string (self, object, "phone", &self->phone, PROP_PHONE);
  take_string (self, object, "email", &self->email, PROP_EMAIL);
  take_string (self, object, "question", &self->question, PROP_QUESTION);
  take_string (self, object, "device_type", &self->device_type, PROP_DEVICE_TYPE);
  take_string (self, object, "operating_system", &self->operating_system, PROP_OPERATING_SYSTEM);
  take_string (self, object, "security_software", &self->security_software, PROP_SECURITY_SOFTWARE);
  take_string (self, object, "suspicion", &self->suspicion, PROP_SUSPICION);
  take_string (self, object, "consulted", &self->consulted, PROP_CONSULTED);

  array = otasuke_json_get_array (object, "cloud_services");
  for (guint i = 0; i < json_array_size (array) && services->len < MAX_SERVICES; i++)
    {
      const char *service = json_string_value (json_array_get (array, i));

      if (service != NULL)
        g_ptr_array_add (services, otasuke_sheet_bounded_text (service, MAX_TEXT_BYTES));
    }
  g_ptr_array_add (services, NULL);
  otasuke_sheet_set_cloud_services (self, (const char * const *) services->pdata);

  otasuke_sheet_set_affected_devices (self, get_count_member (object, "affected_devices"));
  otasuke_sheet_set_affected_accounts (self, get_count_member (object, "affected_accounts"));

  police = dup_string_member (object, "police");
  otasuke_sheet_set_police (self, OTASUKE_SHEET_POLICE_UNANSWERED);
  for (guint i = 0; police != NULL && i < G_N_ELEMENTS (police_names); i++)
    if (strcmp (police, police_names[i]) == 0)
      otasuke_sheet_set_police (self, (OtasukeSheetPolice) i);

  machine = dup_string_member (object, "machine");
  otasuke_sheet_set_machine (self, OTASUKE_SHEET_MACHINE_UNANSWERED);
  for (guint i = 0; machine != NULL && i < G_N_ELEMENTS (machine_names); i++)
    if (strcmp (machine, machine_names[i]) == 0)
      otasuke_sheet_set_machine (self, (OtasukeSheetMachine) i);

  /* Detected flags last: the setters above clear them. */
  self->detected = OTASUKE_SHEET_FIELD_NONE;
  array = otasuke_json_get_array (object, "detected");
  for (guint i = 0; i < json_array_size (array); i++)
    {
      const char *name = json_string_value (json_array_get (array, i));

      for (guint j = 0; name != NULL && j < G_N_ELEMENTS (detected_names); j++)
        if (strcmp (name, detected_names[j].name) == 0)
          self->detected |= detected_names[j].field;
    }
  g_object_notify_by_pspec (G_OBJECT (self), otasuke_sheet_properties[PROP_DETECTED]);

  events = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_sheet_event_free);
  array = otasuke_json_get_array (object, "timeline");
  for (guint i = 0; i < json_array_size (array) && events->len < MAX_EVENTS; i++)
    {
      json_t *entry = json_array_get (array, i);
      g_autofree char *text = NULL;
      gint64 at;

      /* Not an object, or no time: skipped. */
      if (!otasuke_json_get_int (entry, "at", &at))
        continue;
      text = dup_string_member (entry, "text");
      g_ptr_array_add (events, otasuke_sheet_event_new (at, text));
    }

  /* Stored sorted, but a stable sort costs nothing and keeps the invariant. */
  g_ptr_array_set_size (self->events, 0);
  for (guint i = 0; i < events->len; i++)
    {
      OtasukeSheetEvent *event = g_ptr_array_index (events, i);

      g_ptr_array_insert (self->events, otasuke_sheet_insertion_point (self, event->at), otasuke_sheet_event_copy (event));
    }
  otasuke_sheet_timeline_changed (self, TRUE);

  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

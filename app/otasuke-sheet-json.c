/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet"

#include "config.h"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>

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

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

char *
otasuke_sheet_fields_to_json (OtasukeSheet *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (OTASUKE_IS_SHEET (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FIELDS_JSON_VERSION);
  add_string_member (builder, "company_name", self->company_name);
  add_string_member (builder, "contact_person", self->contact_person);
  add_string_member (builder, "device_type", self->device_type);
  add_string_member (builder, "operating_system", self->operating_system);
  add_string_member (builder, "security_software", self->security_software);

  json_builder_set_member_name (builder, "cloud_services");
  json_builder_begin_array (builder);
  for (guint i = 0; self->cloud_services[i] != NULL; i++)
    json_builder_add_string_value (builder, self->cloud_services[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "timeline");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->events->len; i++)
    {
      const OtasukeSheetEvent *event = g_ptr_array_index (self->events, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "at");
      json_builder_add_int_value (builder, event->at);
      add_string_member (builder, "text", event->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_string_member (builder, "suspicion", self->suspicion);
  add_string_member (builder, "consulted", self->consulted);
  json_builder_set_member_name (builder, "affected_devices");
  json_builder_add_int_value (builder, self->affected_devices);
  json_builder_set_member_name (builder, "affected_accounts");
  json_builder_add_int_value (builder, self->affected_accounts);
  json_builder_set_member_name (builder, "police");
  json_builder_add_string_value (builder, police_names[self->police]);

  json_builder_set_member_name (builder, "detected");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (detected_names); i++)
    if ((self->detected & detected_names[i].field) != 0)
      json_builder_add_string_value (builder, detected_names[i].name);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* A string member bounded in size, or NULL when absent or not a string. */
static char *
dup_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return otasuke_sheet_bounded_text (json_node_get_string (node), MAX_TEXT_BYTES);
}

static int
get_count_member (JsonObject *object,
                  const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return -1;

  value = json_node_get_int (node);
  return value >= 0 && value <= G_MAXINT ? (int) value : -1;
}

static JsonArray *
get_array_member (JsonObject *object,
                  const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static void
take_string (OtasukeSheet  *self,
             JsonObject    *object,
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
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *police = NULL;
  JsonObject *object;
  JsonArray *array;
  JsonNode *root;

  g_return_val_if_fail (OTASUKE_IS_SHEET (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The saved consultation sheet is not readable."));
      return FALSE;
    }
  object = json_node_get_object (root);

  g_object_freeze_notify (G_OBJECT (self));

  take_string (self, object, "company_name", &self->company_name, PROP_COMPANY_NAME);
  take_string (self, object, "contact_person", &self->contact_person, PROP_CONTACT_PERSON);
  take_string (self, object, "device_type", &self->device_type, PROP_DEVICE_TYPE);
  take_string (self, object, "operating_system", &self->operating_system, PROP_OPERATING_SYSTEM);
  take_string (self, object, "security_software", &self->security_software, PROP_SECURITY_SOFTWARE);
  take_string (self, object, "suspicion", &self->suspicion, PROP_SUSPICION);
  take_string (self, object, "consulted", &self->consulted, PROP_CONSULTED);

  array = get_array_member (object, "cloud_services");
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && services->len < MAX_SERVICES; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (services, otasuke_sheet_bounded_text (json_node_get_string (node), MAX_TEXT_BYTES));
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

  /* Detected flags last: the setters above clear them. */
  self->detected = OTASUKE_SHEET_FIELD_NONE;
  array = get_array_member (object, "detected");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (detected_names); j++)
        if (g_strcmp0 (json_node_get_string (node), detected_names[j].name) == 0)
          self->detected |= detected_names[j].field;
    }
  g_object_notify_by_pspec (G_OBJECT (self), otasuke_sheet_properties[PROP_DETECTED]);

  events = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_sheet_event_free);
  array = get_array_member (object, "timeline");
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && events->len < MAX_EVENTS; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *entry;
      JsonNode *at;
      g_autofree char *text = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      entry = json_node_get_object (node);
      at = json_object_get_member (entry, "at");
      if (at == NULL || !JSON_NODE_HOLDS_VALUE (at) || json_node_get_value_type (at) != G_TYPE_INT64)
        continue;
      text = dup_string_member (entry, "text");
      g_ptr_array_add (events, otasuke_sheet_event_new (json_node_get_int (at), text));
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

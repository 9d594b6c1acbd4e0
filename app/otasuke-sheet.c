/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include <json-glib/json-glib.h>

#include "otasuke-sheet.h"

/* Stored data is ours, but a damaged or hand-edited row must not make the
 * program allocate without bound. */
#define MAX_TEXT_BYTES   (64 * 1024)
#define MAX_EVENTS       2000
#define MAX_SERVICES     100
#define CHASSIS_MAX_BYTES 64
#define FIELDS_JSON_VERSION 1

struct _OtasukeSheet
{
  GObject parent_instance;

  gint64 id;
  char *title;
  gint64 created_at;
  gint64 updated_at;

  char *company_name;
  char *contact_person;
  char *device_type;
  char *operating_system;
  char *security_software;
  GStrv cloud_services;
  char *suspicion;
  char *consulted;
  int affected_devices;
  int affected_accounts;
  OtasukeSheetPolice police;

  OtasukeSheetFields detected;
  GPtrArray *events; /* of OtasukeSheetEvent*, sorted by at */
};

G_DEFINE_FINAL_TYPE (OtasukeSheet, otasuke_sheet, G_TYPE_OBJECT)
G_DEFINE_ENUM_TYPE (OtasukeSheetPolice, otasuke_sheet_police,
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_POLICE_UNANSWERED, "unanswered"),
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_POLICE_YES, "yes"),
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_POLICE_NO, "no"),
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_POLICE_NOT_YET, "not-yet"))
G_DEFINE_FLAGS_TYPE (OtasukeSheetFields, otasuke_sheet_fields,
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_FIELD_NONE, "none"),
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_FIELD_DEVICE_TYPE, "device-type"),
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_FIELD_OPERATING_SYSTEM, "operating-system"),
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_FIELD_SECURITY_SOFTWARE, "security-software"))
G_DEFINE_BOXED_TYPE (OtasukeSheetEvent, otasuke_sheet_event,
                     otasuke_sheet_event_copy, otasuke_sheet_event_free)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_COMPANY_NAME,
  PROP_CONTACT_PERSON,
  PROP_DEVICE_TYPE,
  PROP_OPERATING_SYSTEM,
  PROP_SECURITY_SOFTWARE,
  PROP_CLOUD_SERVICES,
  PROP_SUSPICION,
  PROP_CONSULTED,
  PROP_AFFECTED_DEVICES,
  PROP_AFFECTED_ACCOUNTS,
  PROP_POLICE,
  PROP_DETECTED,
  PROP_N_EVENTS,
  N_PROPS
};

enum {
  TIMELINE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const empty_strv[] = { NULL };

/* Events */

OtasukeSheetEvent *
otasuke_sheet_event_new (gint64      at,
                         const char *text)
{
  OtasukeSheetEvent *event = g_new0 (OtasukeSheetEvent, 1);

  event->at = at;
  event->text = g_strdup (text != NULL ? text : "");
  return event;
}

OtasukeSheetEvent *
otasuke_sheet_event_copy (const OtasukeSheetEvent *event)
{
  g_return_val_if_fail (event != NULL, NULL);

  return otasuke_sheet_event_new (event->at, event->text);
}

void
otasuke_sheet_event_free (OtasukeSheetEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->text);
  g_free (event);
}

/* Helpers */

static gboolean
text_is_empty (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* Returns a copy of @text cut to @max_bytes on a character boundary, valid UTF-8. */
static char *
bounded_text (const char *text,
              gsize       max_bytes)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  const char *end;

  if (strlen (valid) <= max_bytes)
    return g_steal_pointer (&valid);

  end = g_utf8_find_prev_char (valid, valid + max_bytes + 1);
  return g_strndup (valid, end != NULL ? (gsize) (end - valid) : 0);
}

static void
set_string (OtasukeSheet        *self,
            char               **slot,
            const char          *value,
            guint                prop,
            OtasukeSheetFields   field)
{
  if (g_strcmp0 (*slot, value) == 0)
    return;

  g_free (*slot);
  *slot = g_strdup (value);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  if (field != OTASUKE_SHEET_FIELD_NONE && (self->detected & field) != 0)
    {
      self->detected &= ~field;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETECTED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_int64 (OtasukeSheet *self,
           gint64       *slot,
           gint64        value,
           guint         prop)
{
  if (*slot == value)
    return;

  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* GObject */

static void
otasuke_sheet_finalize (GObject *object)
{
  OtasukeSheet *self = OTASUKE_SHEET (object);

  g_free (self->title);
  g_free (self->company_name);
  g_free (self->contact_person);
  g_free (self->device_type);
  g_free (self->operating_system);
  g_free (self->security_software);
  g_strfreev (self->cloud_services);
  g_free (self->suspicion);
  g_free (self->consulted);
  g_ptr_array_unref (self->events);

  G_OBJECT_CLASS (otasuke_sheet_parent_class)->finalize (object);
}

static void
otasuke_sheet_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  OtasukeSheet *self = OTASUKE_SHEET (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;
    case PROP_COMPANY_NAME:
      g_value_set_string (value, self->company_name);
      break;
    case PROP_CONTACT_PERSON:
      g_value_set_string (value, self->contact_person);
      break;
    case PROP_DEVICE_TYPE:
      g_value_set_string (value, self->device_type);
      break;
    case PROP_OPERATING_SYSTEM:
      g_value_set_string (value, self->operating_system);
      break;
    case PROP_SECURITY_SOFTWARE:
      g_value_set_string (value, self->security_software);
      break;
    case PROP_CLOUD_SERVICES:
      g_value_set_boxed (value, self->cloud_services);
      break;
    case PROP_SUSPICION:
      g_value_set_string (value, self->suspicion);
      break;
    case PROP_CONSULTED:
      g_value_set_string (value, self->consulted);
      break;
    case PROP_AFFECTED_DEVICES:
      g_value_set_int (value, self->affected_devices);
      break;
    case PROP_AFFECTED_ACCOUNTS:
      g_value_set_int (value, self->affected_accounts);
      break;
    case PROP_POLICE:
      g_value_set_enum (value, self->police);
      break;
    case PROP_DETECTED:
      g_value_set_flags (value, self->detected);
      break;
    case PROP_N_EVENTS:
      g_value_set_uint (value, self->events->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
otasuke_sheet_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  OtasukeSheet *self = OTASUKE_SHEET (object);

  switch (prop_id)
    {
    case PROP_ID:
      otasuke_sheet_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_TITLE:
      otasuke_sheet_set_title (self, g_value_get_string (value));
      break;
    case PROP_CREATED_AT:
      otasuke_sheet_set_created_at (self, g_value_get_int64 (value));
      break;
    case PROP_UPDATED_AT:
      otasuke_sheet_set_updated_at (self, g_value_get_int64 (value));
      break;
    case PROP_COMPANY_NAME:
      otasuke_sheet_set_company_name (self, g_value_get_string (value));
      break;
    case PROP_CONTACT_PERSON:
      otasuke_sheet_set_contact_person (self, g_value_get_string (value));
      break;
    case PROP_DEVICE_TYPE:
      otasuke_sheet_set_device_type (self, g_value_get_string (value));
      break;
    case PROP_OPERATING_SYSTEM:
      otasuke_sheet_set_operating_system (self, g_value_get_string (value));
      break;
    case PROP_SECURITY_SOFTWARE:
      otasuke_sheet_set_security_software (self, g_value_get_string (value));
      break;
    case PROP_CLOUD_SERVICES:
      otasuke_sheet_set_cloud_services (self, g_value_get_boxed (value));
      break;
    case PROP_SUSPICION:
      otasuke_sheet_set_suspicion (self, g_value_get_string (value));
      break;
    case PROP_CONSULTED:
      otasuke_sheet_set_consulted (self, g_value_get_string (value));
      break;
    case PROP_AFFECTED_DEVICES:
      otasuke_sheet_set_affected_devices (self, g_value_get_int (value));
      break;
    case PROP_AFFECTED_ACCOUNTS:
      otasuke_sheet_set_affected_accounts (self, g_value_get_int (value));
      break;
    case PROP_POLICE:
      otasuke_sheet_set_police (self, g_value_get_enum (value));
      break;
    case PROP_DETECTED:
    case PROP_N_EVENTS:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_pspec (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
int64_pspec (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
count_pspec (const char *name)
{
  return g_param_spec_int (name, NULL, NULL, -1, G_MAXINT, -1,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
otasuke_sheet_class_init (OtasukeSheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = otasuke_sheet_finalize;
  object_class->get_property = otasuke_sheet_get_property;
  object_class->set_property = otasuke_sheet_set_property;

  properties[PROP_ID] = int64_pspec ("id");
  properties[PROP_TITLE] = string_pspec ("title");
  properties[PROP_CREATED_AT] = int64_pspec ("created-at");
  properties[PROP_UPDATED_AT] = int64_pspec ("updated-at");
  properties[PROP_COMPANY_NAME] = string_pspec ("company-name");
  properties[PROP_CONTACT_PERSON] = string_pspec ("contact-person");
  properties[PROP_DEVICE_TYPE] = string_pspec ("device-type");
  properties[PROP_OPERATING_SYSTEM] = string_pspec ("operating-system");
  properties[PROP_SECURITY_SOFTWARE] = string_pspec ("security-software");
  properties[PROP_CLOUD_SERVICES] =
    g_param_spec_boxed ("cloud-services", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUSPICION] = string_pspec ("suspicion");
  properties[PROP_CONSULTED] = string_pspec ("consulted");
  properties[PROP_AFFECTED_DEVICES] = count_pspec ("affected-devices");
  properties[PROP_AFFECTED_ACCOUNTS] = count_pspec ("affected-accounts");
  properties[PROP_POLICE] =
    g_param_spec_enum ("police", NULL, NULL, OTASUKE_TYPE_SHEET_POLICE,
                       OTASUKE_SHEET_POLICE_UNANSWERED,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETECTED] =
    g_param_spec_flags ("detected", NULL, NULL, OTASUKE_TYPE_SHEET_FIELDS,
                        OTASUKE_SHEET_FIELD_NONE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_EVENTS] =
    g_param_spec_uint ("n-events", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OtasukeSheet::timeline-changed:
   *
   * An entry was added, changed, moved or removed.
   */
  signals[TIMELINE_CHANGED] =
    g_signal_new ("timeline-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
otasuke_sheet_init (OtasukeSheet *self)
{
  self->cloud_services = g_new0 (char *, 1);
  self->affected_devices = -1;
  self->affected_accounts = -1;
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_sheet_event_free);
}

OtasukeSheet *
otasuke_sheet_new (void)
{
  return g_object_new (OTASUKE_TYPE_SHEET, NULL);
}

OtasukeSheet *
otasuke_sheet_copy (OtasukeSheet *self)
{
  OtasukeSheet *copy;

  g_return_val_if_fail (OTASUKE_IS_SHEET (self), NULL);

  copy = otasuke_sheet_new ();
  copy->id = self->id;
  copy->title = g_strdup (self->title);
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  copy->company_name = g_strdup (self->company_name);
  copy->contact_person = g_strdup (self->contact_person);
  copy->device_type = g_strdup (self->device_type);
  copy->operating_system = g_strdup (self->operating_system);
  copy->security_software = g_strdup (self->security_software);
  g_strfreev (copy->cloud_services);
  copy->cloud_services = g_strdupv (self->cloud_services);
  copy->suspicion = g_strdup (self->suspicion);
  copy->consulted = g_strdup (self->consulted);
  copy->affected_devices = self->affected_devices;
  copy->affected_accounts = self->affected_accounts;
  copy->police = self->police;
  copy->detected = self->detected;
  for (guint i = 0; i < self->events->len; i++)
    g_ptr_array_add (copy->events, otasuke_sheet_event_copy (g_ptr_array_index (self->events, i)));

  return copy;
}

/* Accessors */

gint64
otasuke_sheet_get_id (OtasukeSheet *self)
{
  g_return_val_if_fail (OTASUKE_IS_SHEET (self), 0);
  return self->id;
}

void
otasuke_sheet_set_id (OtasukeSheet *self,
                      gint64        id)
{
  g_return_if_fail (OTASUKE_IS_SHEET (self));
  g_return_if_fail (id >= 0);
  set_int64 (self, &self->id, id, PROP_ID);
}

const char *
otasuke_sheet_get_title (OtasukeSheet *self)
{
  g_return_val_if_fail (OTASUKE_IS_SHEET (self), NULL);
  return self->title;
}

void
otasuke_sheet_set_title (OtasukeSheet *self,
                         const char   *title)
{
  g_return_if_fail (OTASUKE_IS_SHEET (self));
  set_string (self, &self->title, title, PROP_TITLE, OTASUKE_SHEET_FIELD_NONE);
}

gint64
otasuke_sheet_get_created_at (OtasukeSheet *self)
{
  g_return_val_if_fail (OTASUKE_IS_SHEET (self), 0);
  return self->created_at;
}

void
otasuke_sheet_set_created_at (OtasukeSheet *self,
                              gint64        created_at)
{
  g_return_if_fail (OTASUKE_IS_SHEET (self));
  set_int64 (self, &self->created_at, MAX (created_at, 0), PROP_CREATED_AT);
}

gint64
otasuke_sheet_get_updated_at (OtasukeSheet *self)
{
  g_return_val_if_fail (OTASUKE_IS_SHEET (self), 0);
  return self->updated_at;
}

void
otasuke_sheet_set_updated_at (OtasukeSheet *self,
                              gint64        updated_at)
{
  g_return_if_fail (OTASUKE_IS_SHEET (self));
  set_int64 (self, &self->updated_at, MAX (updated_at, 0), PROP_UPDATED_AT);
}

#define STRING_ACCESSORS(field, PROP, FIELD_FLAG) \
  const char * \
  otasuke_sheet_get_##field (OtasukeSheet *self) \
  { \
    g_return_val_if_fail (OTASUKE_IS_SHEET (self), NULL); \
    return self->field; \
  } \
  void \
  otasuke_sheet_set_##field (OtasukeSheet *self, \
                             const char   *text) \
  { \
    g_return_if_fail (OTASUKE_IS_SHEET (self)); \
    set_string (self, &self->field, text, PROP, FIELD_FLAG); \
  }

STRING_ACCESSORS (company_name, PROP_COMPANY_NAME, OTASUKE_SHEET_FIELD_NONE)
STRING_ACCESSORS (contact_person, PROP_CONTACT_PERSON, OTASUKE_SHEET_FIELD_NONE)
STRING_ACCESSORS (device_type, PROP_DEVICE_TYPE, OTASUKE_SHEET_FIELD_DEVICE_TYPE)
STRING_ACCESSORS (operating_system, PROP_OPERATING_SYSTEM, OTASUKE_SHEET_FIELD_OPERATING_SYSTEM)
STRING_ACCESSORS (security_software, PROP_SECURITY_SOFTWARE, OTASUKE_SHEET_FIELD_SECURITY_SOFTWARE)
STRING_ACCESSORS (suspicion, PROP_SUSPICION, OTASUKE_SHEET_FIELD_NONE)
STRING_ACCESSORS (consulted, PROP_CONSULTED, OTASUKE_SHEET_FIELD_NONE)

#undef STRING_ACCESSORS

const char * const *
otasuke_sheet_get_cloud_services (OtasukeSheet *self)
{
  g_return_val_if_fail (OTASUKE_IS_SHEET (self), empty_strv);
  return (const char * const *) self->cloud_services;
}

void
otasuke_sheet_set_cloud_services (OtasukeSheet       *self,
                                  const char * const *services)
{
  g_return_if_fail (OTASUKE_IS_SHEET (self));

  if (services == NULL)
    services = empty_strv;
  if (g_strv_equal ((const char * const *) self->cloud_services, services))
    return;

  g_strfreev (self->cloud_services);
  self->cloud_services = g_strdupv ((char **) services);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOUD_SERVICES]);
}

int
otasuke_sheet_get_affected_devices (OtasukeSheet *self)
{
  g_return_val_if_fail (OTASUKE_IS_SHEET (self), -1);
  return self->affected_devices;
}

void
otasuke_sheet_set_affected_devices (OtasukeSheet *self,
                                    int           count)
{
  g_return_if_fail (OTASUKE_IS_SHEET (self));

  count = MAX (count, -1);
  if (self->affected_devices == count)
    return;
  self->affected_devices = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AFFECTED_DEVICES]);
}

int
otasuke_sheet_get_affected_accounts (OtasukeSheet *self)
{
  g_return_val_if_fail (OTASUKE_IS_SHEET (self), -1);
  return self->affected_accounts;
}

void
otasuke_sheet_set_affected_accounts (OtasukeSheet *self,
                                     int           count)
{
  g_return_if_fail (OTASUKE_IS_SHEET (self));

  count = MAX (count, -1);
  if (self->affected_accounts == count)
    return;
  self->affected_accounts = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AFFECTED_ACCOUNTS]);
}

OtasukeSheetPolice
otasuke_sheet_get_police (OtasukeSheet *self)
{
  g_return_val_if_fail (OTASUKE_IS_SHEET (self), OTASUKE_SHEET_POLICE_UNANSWERED);
  return self->police;
}

void
otasuke_sheet_set_police (OtasukeSheet       *self,
                          OtasukeSheetPolice  police)
{
  g_return_if_fail (OTASUKE_IS_SHEET (self));
  g_return_if_fail (police <= OTASUKE_SHEET_POLICE_NOT_YET);

  if (self->police == police)
    return;
  self->police = police;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICE]);
}

OtasukeSheetFields
otasuke_sheet_get_detected (OtasukeSheet *self)
{
  g_return_val_if_fail (OTASUKE_IS_SHEET (self), OTASUKE_SHEET_FIELD_NONE);
  return self->detected;
}

gboolean
otasuke_sheet_is_detected (OtasukeSheet       *self,
                           OtasukeSheetFields  field)
{
  g_return_val_if_fail (OTASUKE_IS_SHEET (self), FALSE);
  return field != OTASUKE_SHEET_FIELD_NONE && (self->detected & field) == field;
}

/* Timeline */

guint
otasuke_sheet_get_n_events (OtasukeSheet *self)
{
  g_return_val_if_fail (OTASUKE_IS_SHEET (self), 0);
  return self->events->len;
}

const OtasukeSheetEvent *
otasuke_sheet_get_event (OtasukeSheet *self,
                         guint         position)
{
  g_return_val_if_fail (OTASUKE_IS_SHEET (self), NULL);
  g_return_val_if_fail (position < self->events->len, NULL);
  return g_ptr_array_index (self->events, position);
}

/* After the last entry at or before @at, so equal times keep their order. */
static guint
insertion_point (OtasukeSheet *self,
                 gint64        at)
{
  guint lo = 0;
  guint hi = self->events->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const OtasukeSheetEvent *event = g_ptr_array_index (self->events, mid);

      if (event->at <= at)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static void
timeline_changed (OtasukeSheet *self,
                  gboolean      count_changed)
{
  if (count_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EVENTS]);
  g_signal_emit (self, signals[TIMELINE_CHANGED], 0);
}

guint
otasuke_sheet_add_event (OtasukeSheet *self,
                         gint64        at,
                         const char   *text)
{
  guint position;

  g_return_val_if_fail (OTASUKE_IS_SHEET (self), 0);

  position = insertion_point (self, at);
  g_ptr_array_insert (self->events, position, otasuke_sheet_event_new (at, text));
  timeline_changed (self, TRUE);
  return position;
}

guint
otasuke_sheet_update_event (OtasukeSheet *self,
                            guint         position,
                            gint64        at,
                            const char   *text)
{
  OtasukeSheetEvent *event;

  g_return_val_if_fail (OTASUKE_IS_SHEET (self), 0);
  g_return_val_if_fail (position < self->events->len, 0);

  event = g_ptr_array_index (self->events, position);
  if (event->at == at && g_strcmp0 (event->text, text) == 0)
    return position;

  event = g_ptr_array_steal_index (self->events, position);
  event->at = at;
  g_free (event->text);
  event->text = g_strdup (text != NULL ? text : "");

  position = insertion_point (self, at);
  g_ptr_array_insert (self->events, position, event);
  timeline_changed (self, FALSE);
  return position;
}

void
otasuke_sheet_remove_event (OtasukeSheet *self,
                            guint         position)
{
  g_return_if_fail (OTASUKE_IS_SHEET (self));
  g_return_if_fail (position < self->events->len);

  g_ptr_array_remove_index (self->events, position);
  timeline_changed (self, TRUE);
}

gboolean
otasuke_sheet_is_empty (OtasukeSheet *self)
{
  g_return_val_if_fail (OTASUKE_IS_SHEET (self), TRUE);

  return text_is_empty (self->title) &&
         text_is_empty (self->company_name) &&
         text_is_empty (self->contact_person) &&
         text_is_empty (self->device_type) &&
         text_is_empty (self->operating_system) &&
         text_is_empty (self->security_software) &&
         self->cloud_services[0] == NULL &&
         text_is_empty (self->suspicion) &&
         text_is_empty (self->consulted) &&
         self->affected_devices < 0 &&
         self->affected_accounts < 0 &&
         self->police == OTASUKE_SHEET_POLICE_UNANSWERED &&
         self->events->len == 0;
}

/* Pre-filling */

static gboolean
prefill_one (OtasukeSheet        *self,
             char               **slot,
             const char          *value,
             guint                prop,
             OtasukeSheetFields   field)
{
  if (!text_is_empty (*slot) || text_is_empty (value))
    return FALSE;

  set_string (self, slot, value, prop, OTASUKE_SHEET_FIELD_NONE);
  self->detected |= field;
  return TRUE;
}

OtasukeSheetFields
otasuke_sheet_prefill (OtasukeSheet *self,
                       const char   *device_type,
                       const char   *operating_system,
                       const char   *security_software)
{
  OtasukeSheetFields filled = OTASUKE_SHEET_FIELD_NONE;

  g_return_val_if_fail (OTASUKE_IS_SHEET (self), OTASUKE_SHEET_FIELD_NONE);

  g_object_freeze_notify (G_OBJECT (self));

  if (prefill_one (self, &self->device_type, device_type, PROP_DEVICE_TYPE,
                   OTASUKE_SHEET_FIELD_DEVICE_TYPE))
    filled |= OTASUKE_SHEET_FIELD_DEVICE_TYPE;
  if (prefill_one (self, &self->operating_system, operating_system, PROP_OPERATING_SYSTEM,
                   OTASUKE_SHEET_FIELD_OPERATING_SYSTEM))
    filled |= OTASUKE_SHEET_FIELD_OPERATING_SYSTEM;
  if (prefill_one (self, &self->security_software, security_software, PROP_SECURITY_SOFTWARE,
                   OTASUKE_SHEET_FIELD_SECURITY_SOFTWARE))
    filled |= OTASUKE_SHEET_FIELD_SECURITY_SOFTWARE;

  if (filled != OTASUKE_SHEET_FIELD_NONE)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETECTED]);

  g_object_thaw_notify (G_OBJECT (self));

  return filled;
}

OtasukeDeviceKind
otasuke_sheet_read_device_kind (const char *root)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gint64 number;
  char *end = NULL;

  path = g_build_filename (root != NULL ? root : "/", "sys", "class", "dmi", "id", "chassis_type", NULL);
  if (!g_file_get_contents (path, &contents, &length, NULL) || length > CHASSIS_MAX_BYTES)
    return OTASUKE_DEVICE_KIND_UNKNOWN;

  g_strstrip (contents);
  number = g_ascii_strtoll (contents, &end, 10);
  if (end == contents || *end != '\0')
    return OTASUKE_DEVICE_KIND_UNKNOWN;

  /* SMBIOS 3.x, table 17 (System Enclosure or Chassis Types). */
  switch (number)
    {
    case 3:  /* Desktop */
    case 4:  /* Low Profile Desktop */
    case 5:  /* Pizza Box */
    case 6:  /* Mini Tower */
    case 7:  /* Tower */
    case 13: /* All in One */
    case 15: /* Space-saving */
    case 16: /* Lunch Box */
    case 24: /* Sealed-case PC */
    case 35: /* Mini PC */
    case 36: /* Stick PC */
      return OTASUKE_DEVICE_KIND_DESKTOP;
    case 8:  /* Portable */
    case 9:  /* Laptop */
    case 10: /* Notebook */
    case 14: /* Sub Notebook */
      return OTASUKE_DEVICE_KIND_LAPTOP;
    case 11: /* Hand Held */
    case 30: /* Tablet */
    case 31: /* Convertible */
    case 32: /* Detachable */
      return OTASUKE_DEVICE_KIND_TABLET;
    case 17: /* Main Server Chassis */
    case 23: /* Rack Mount Chassis */
    case 25: /* Multi-system chassis */
    case 28: /* Blade */
    case 29: /* Blade Enclosure */
      return OTASUKE_DEVICE_KIND_SERVER;
    default:
      /* 1 "Other" and 2 "Unknown" are what most virtual machines say. */
      return OTASUKE_DEVICE_KIND_UNKNOWN;
    }
}

const char *
otasuke_device_kind_to_string (OtasukeDeviceKind kind)
{
  switch (kind)
    {
    case OTASUKE_DEVICE_KIND_DESKTOP:
      return _("Desktop computer");
    case OTASUKE_DEVICE_KIND_LAPTOP:
      return _("Laptop computer");
    case OTASUKE_DEVICE_KIND_TABLET:
      return _("Tablet or convertible computer");
    case OTASUKE_DEVICE_KIND_SERVER:
      return _("Server");
    case OTASUKE_DEVICE_KIND_UNKNOWN:
    default:
      return NULL;
    }
}

char *
otasuke_sheet_describe_os (const OtasukeOsInfo *info)
{
  GString *text;

  if (info == NULL)
    return NULL;

  text = g_string_new (NULL);
  if (info->pretty_name != NULL)
    g_string_append (text, info->pretty_name);
  else if (info->name != NULL)
    {
      g_string_append (text, info->name);
      if (info->version != NULL)
        g_string_append_printf (text, " %s", info->version);
    }

  if (text->len > 0 && info->architecture != NULL)
    g_string_append_printf (text, " (%s)", info->architecture);

  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }

  return g_string_free (text, FALSE);
}

OtasukeSheetFields
otasuke_sheet_prefill_detected (OtasukeSheet        *self,
                                const char          *root,
                                const OtasukeOsInfo *os_info,
                                const char          *security_software)
{
  g_autofree char *os = NULL;
  OtasukeDeviceKind kind;

  g_return_val_if_fail (OTASUKE_IS_SHEET (self), OTASUKE_SHEET_FIELD_NONE);

  kind = otasuke_sheet_read_device_kind (root);
  os = otasuke_sheet_describe_os (os_info);

  return otasuke_sheet_prefill (self, otasuke_device_kind_to_string (kind), os, security_software);
}

/* JSON */

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

  return bounded_text (json_node_get_string (node), MAX_TEXT_BYTES);
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

  set_string (self, slot, value, prop, OTASUKE_SHEET_FIELD_NONE);
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
        g_ptr_array_add (services, bounded_text (json_node_get_string (node), MAX_TEXT_BYTES));
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETECTED]);

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

      g_ptr_array_insert (self->events, insertion_point (self, event->at), otasuke_sheet_event_copy (event));
    }
  timeline_changed (self, TRUE);

  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

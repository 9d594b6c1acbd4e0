/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet"

#include "config.h"

#include <string.h>

#include "otasuke-sheet-private.h"
#include "otasuke-text.h"

G_DEFINE_FINAL_TYPE (OtasukeSheet, otasuke_sheet, G_TYPE_OBJECT)
G_DEFINE_ENUM_TYPE (OtasukeSheetPolice, otasuke_sheet_police,
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_POLICE_UNANSWERED, "unanswered"),
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_POLICE_YES, "yes"),
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_POLICE_NO, "no"),
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_POLICE_NOT_YET, "not-yet"))
G_DEFINE_ENUM_TYPE (OtasukeSheetMachine, otasuke_sheet_machine,
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_MACHINE_UNANSWERED, "unanswered"),
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_MACHINE_IN_USE, "in-use"),
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_MACHINE_CONNECTED, "connected"),
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_MACHINE_DISCONNECTED, "disconnected"),
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_MACHINE_POWERED_OFF, "powered-off"))
G_DEFINE_FLAGS_TYPE (OtasukeSheetFields, otasuke_sheet_fields,
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_FIELD_NONE, "none"),
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_FIELD_DEVICE_TYPE, "device-type"),
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_FIELD_OPERATING_SYSTEM, "operating-system"),
  G_DEFINE_ENUM_VALUE (OTASUKE_SHEET_FIELD_SECURITY_SOFTWARE, "security-software"))
G_DEFINE_BOXED_TYPE (OtasukeSheetEvent, otasuke_sheet_event,
                     otasuke_sheet_event_copy, otasuke_sheet_event_free)

enum {
  TIMELINE_CHANGED,
  N_SIGNALS
};

GParamSpec *otasuke_sheet_properties[N_PROPS];
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

gboolean
otasuke_sheet_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

char *
otasuke_sheet_bounded_text (const char *text,
                            gsize       max_bytes)
{
  return otasuke_text_bounded (text, max_bytes);
}

void
otasuke_sheet_set_string (OtasukeSheet        *self,
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
  g_object_notify_by_pspec (G_OBJECT (self), otasuke_sheet_properties[prop]);
  if (field != OTASUKE_SHEET_FIELD_NONE && (self->detected & field) != 0)
    {
      self->detected &= ~field;
      g_object_notify_by_pspec (G_OBJECT (self), otasuke_sheet_properties[PROP_DETECTED]);
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
  g_object_notify_by_pspec (G_OBJECT (self), otasuke_sheet_properties[prop]);
}

/* GObject */

static void
otasuke_sheet_finalize (GObject *object)
{
  OtasukeSheet *self = OTASUKE_SHEET (object);

  g_free (self->title);
  g_free (self->company_name);
  g_free (self->contact_person);
  g_free (self->phone);
  g_free (self->email);
  g_free (self->question);
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
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_QUESTION:
      g_value_set_string (value, self->question);
      break;
    case PROP_MACHINE:
      g_value_set_enum (value, self->machine);
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
    case PROP_PHONE:
      otasuke_sheet_set_phone (self, g_value_get_string (value));
      break;
    case PROP_EMAIL:
      otasuke_sheet_set_email (self, g_value_get_string (value));
      break;
    case PROP_QUESTION:
      otasuke_sheet_set_question (self, g_value_get_string (value));
      break;
    case PROP_MACHINE:
      otasuke_sheet_set_machine (self, g_value_get_enum (value));
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

  otasuke_sheet_properties[PROP_ID] = int64_pspec ("id");
  otasuke_sheet_properties[PROP_TITLE] = string_pspec ("title");
  otasuke_sheet_properties[PROP_CREATED_AT] = int64_pspec ("created-at");
  otasuke_sheet_properties[PROP_UPDATED_AT] = int64_pspec ("updated-at");
  otasuke_sheet_properties[PROP_COMPANY_NAME] = string_pspec ("company-name");
  otasuke_sheet_properties[PROP_CONTACT_PERSON] = string_pspec ("contact-person");
  otasuke_sheet_properties[PROP_PHONE] = string_pspec ("phone");
  otasuke_sheet_properties[PROP_EMAIL] = string_pspec ("email");
  otasuke_sheet_properties[PROP_QUESTION] = string_pspec ("question");
  otasuke_sheet_properties[PROP_MACHINE] =
    g_param_spec_enum ("machine", NULL, NULL, OTASUKE_TYPE_SHEET_MACHINE,
                       OTASUKE_SHEET_MACHINE_UNANSWERED,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  otasuke_sheet_properties[PROP_DEVICE_TYPE] = string_pspec ("device-type");
  otasuke_sheet_properties[PROP_OPERATING_SYSTEM] = string_pspec ("operating-system");
  otasuke_sheet_properties[PROP_SECURITY_SOFTWARE] = string_pspec ("security-software");
  otasuke_sheet_properties[PROP_CLOUD_SERVICES] =
    g_param_spec_boxed ("cloud-services", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  otasuke_sheet_properties[PROP_SUSPICION] = string_pspec ("suspicion");
  otasuke_sheet_properties[PROP_CONSULTED] = string_pspec ("consulted");
  otasuke_sheet_properties[PROP_AFFECTED_DEVICES] = count_pspec ("affected-devices");
  otasuke_sheet_properties[PROP_AFFECTED_ACCOUNTS] = count_pspec ("affected-accounts");
  otasuke_sheet_properties[PROP_POLICE] =
    g_param_spec_enum ("police", NULL, NULL, OTASUKE_TYPE_SHEET_POLICE,
                       OTASUKE_SHEET_POLICE_UNANSWERED,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  otasuke_sheet_properties[PROP_DETECTED] =
    g_param_spec_flags ("detected", NULL, NULL, OTASUKE_TYPE_SHEET_FIELDS,
                        OTASUKE_SHEET_FIELD_NONE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  otasuke_sheet_properties[PROP_N_EVENTS] =
    g_param_spec_uint ("n-events", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, otasuke_sheet_properties);

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
  copy->phone = g_strdup (self->phone);
  copy->email = g_strdup (self->email);
  copy->question = g_strdup (self->question);
  copy->machine = self->machine;
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
  otasuke_sheet_set_string (self, &self->title, title, PROP_TITLE, OTASUKE_SHEET_FIELD_NONE);
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
    otasuke_sheet_set_string (self, &self->field, text, PROP, FIELD_FLAG); \
  }

STRING_ACCESSORS (company_name, PROP_COMPANY_NAME, OTASUKE_SHEET_FIELD_NONE)
STRING_ACCESSORS (contact_person, PROP_CONTACT_PERSON, OTASUKE_SHEET_FIELD_NONE)
STRING_ACCESSORS (phone, PROP_PHONE, OTASUKE_SHEET_FIELD_NONE)
STRING_ACCESSORS (email, PROP_EMAIL, OTASUKE_SHEET_FIELD_NONE)
STRING_ACCESSORS (question, PROP_QUESTION, OTASUKE_SHEET_FIELD_NONE)
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
  g_object_notify_by_pspec (G_OBJECT (self), otasuke_sheet_properties[PROP_CLOUD_SERVICES]);
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
  g_object_notify_by_pspec (G_OBJECT (self), otasuke_sheet_properties[PROP_AFFECTED_DEVICES]);
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
  g_object_notify_by_pspec (G_OBJECT (self), otasuke_sheet_properties[PROP_AFFECTED_ACCOUNTS]);
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
  g_object_notify_by_pspec (G_OBJECT (self), otasuke_sheet_properties[PROP_POLICE]);
}

OtasukeSheetMachine
otasuke_sheet_get_machine (OtasukeSheet *self)
{
  g_return_val_if_fail (OTASUKE_IS_SHEET (self), OTASUKE_SHEET_MACHINE_UNANSWERED);
  return self->machine;
}

void
otasuke_sheet_set_machine (OtasukeSheet        *self,
                           OtasukeSheetMachine  machine)
{
  g_return_if_fail (OTASUKE_IS_SHEET (self));
  g_return_if_fail (machine <= OTASUKE_SHEET_MACHINE_POWERED_OFF);

  if (self->machine == machine)
    return;
  self->machine = machine;
  g_object_notify_by_pspec (G_OBJECT (self), otasuke_sheet_properties[PROP_MACHINE]);
}

gboolean
otasuke_sheet_is_company (OtasukeSheet *self)
{
  g_return_val_if_fail (OTASUKE_IS_SHEET (self), FALSE);
  return !otasuke_sheet_text_is_blank (self->company_name);
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

guint
otasuke_sheet_insertion_point (OtasukeSheet *self,
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

void
otasuke_sheet_timeline_changed (OtasukeSheet *self,
                                gboolean      count_changed)
{
  if (count_changed)
    g_object_notify_by_pspec (G_OBJECT (self), otasuke_sheet_properties[PROP_N_EVENTS]);
  g_signal_emit (self, signals[TIMELINE_CHANGED], 0);
}

guint
otasuke_sheet_add_event (OtasukeSheet *self,
                         gint64        at,
                         const char   *text)
{
  guint position;

  g_return_val_if_fail (OTASUKE_IS_SHEET (self), 0);

  position = otasuke_sheet_insertion_point (self, at);
  g_ptr_array_insert (self->events, position, otasuke_sheet_event_new (at, text));
  otasuke_sheet_timeline_changed (self, TRUE);
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

  position = otasuke_sheet_insertion_point (self, at);
  g_ptr_array_insert (self->events, position, event);
  otasuke_sheet_timeline_changed (self, FALSE);
  return position;
}

void
otasuke_sheet_remove_event (OtasukeSheet *self,
                            guint         position)
{
  g_return_if_fail (OTASUKE_IS_SHEET (self));
  g_return_if_fail (position < self->events->len);

  g_ptr_array_remove_index (self->events, position);
  otasuke_sheet_timeline_changed (self, TRUE);
}

gboolean
otasuke_sheet_is_empty (OtasukeSheet *self)
{
  g_return_val_if_fail (OTASUKE_IS_SHEET (self), TRUE);

  return otasuke_sheet_text_is_blank (self->title) &&
         otasuke_sheet_text_is_blank (self->company_name) &&
         otasuke_sheet_text_is_blank (self->contact_person) &&
         otasuke_sheet_text_is_blank (self->phone) &&
         otasuke_sheet_text_is_blank (self->email) &&
         otasuke_sheet_text_is_blank (self->question) &&
         self->machine == OTASUKE_SHEET_MACHINE_UNANSWERED &&
         otasuke_sheet_text_is_blank (self->device_type) &&
         otasuke_sheet_text_is_blank (self->operating_system) &&
         otasuke_sheet_text_is_blank (self->security_software) &&
         self->cloud_services[0] == NULL &&
         otasuke_sheet_text_is_blank (self->suspicion) &&
         otasuke_sheet_text_is_blank (self->consulted) &&
         self->affected_devices < 0 &&
         self->affected_accounts < 0 &&
         self->police == OTASUKE_SHEET_POLICE_UNANSWERED &&
         self->events->len == 0;
}

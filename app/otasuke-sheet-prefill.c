/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-sheet-private.h"

/* The device and the system as the program sees them, written into empty fields. */

#define CHASSIS_MAX_BYTES 64

static gboolean
prefill_one (OtasukeSheet        *self,
             char               **slot,
             const char          *value,
             guint                prop,
             OtasukeSheetFields   field)
{
  if (!otasuke_sheet_text_is_blank (*slot) || otasuke_sheet_text_is_blank (value))
    return FALSE;

  otasuke_sheet_set_string (self, slot, value, prop, OTASUKE_SHEET_FIELD_NONE);
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
    g_object_notify_by_pspec (G_OBJECT (self), otasuke_sheet_properties[PROP_DETECTED]);

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

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "otasuke-sheet.h"

G_BEGIN_DECLS

/* OtasukeSheet spans otasuke-sheet.c (the model), otasuke-sheet-prefill.c
 * and otasuke-sheet-json.c; only they include this. */

struct _OtasukeSheet
{
  GObject parent_instance;

  gint64 id;
  char *title;
  gint64 created_at;
  gint64 updated_at;

  char *company_name;
  char *contact_person;
  char *phone;
  char *email;
  char *question;
  OtasukeSheetMachine machine;
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

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_COMPANY_NAME,
  PROP_CONTACT_PERSON,
  PROP_PHONE,
  PROP_EMAIL,
  PROP_QUESTION,
  PROP_MACHINE,
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

extern GParamSpec *otasuke_sheet_properties[N_PROPS];

/* Returns a copy of @text cut to @max_bytes on a character boundary, valid UTF-8. */
G_GNUC_INTERNAL
char  *otasuke_sheet_bounded_text     (const char          *text,
                                       gsize                max_bytes);
/* Sets a string property and notifies; an edit clears @field's "detected" mark. */
G_GNUC_INTERNAL
void   otasuke_sheet_set_string       (OtasukeSheet        *self,
                                       char               **slot,
                                       const char          *value,
                                       guint                prop,
                                       OtasukeSheetFields   field);
/* After the last entry at or before @at, so equal times keep their order. */
G_GNUC_INTERNAL
guint  otasuke_sheet_insertion_point  (OtasukeSheet        *self,
                                       gint64               at);
G_GNUC_INTERNAL
void   otasuke_sheet_timeline_changed (OtasukeSheet        *self,
                                       gboolean             count_changed);

G_END_DECLS

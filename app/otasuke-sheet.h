/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "otasuke-os-info.h"

G_BEGIN_DECLS

/* The consultation sheet: what IPA asks a caller to prepare, plus what a
 * company should add. A plain model without widgets; every field is a
 * property, so a page can bind to it. Text is kept as the user typed it and
 * only cleaned up when it is rendered. */

typedef enum {
  OTASUKE_SHEET_POLICE_UNANSWERED,
  OTASUKE_SHEET_POLICE_YES,
  OTASUKE_SHEET_POLICE_NO,
  OTASUKE_SHEET_POLICE_NOT_YET,
} OtasukeSheetPolice;

/* The state of the machine in question when the sheet was written. */
typedef enum {
  OTASUKE_SHEET_MACHINE_UNANSWERED,
  OTASUKE_SHEET_MACHINE_IN_USE,       /* on the network, still being used */
  OTASUKE_SHEET_MACHINE_CONNECTED,    /* on the network, no longer used */
  OTASUKE_SHEET_MACHINE_DISCONNECTED, /* switched on, taken off the network */
  OTASUKE_SHEET_MACHINE_POWERED_OFF,
} OtasukeSheetMachine;

/* The fields the program can fill in by itself. */
typedef enum {
  OTASUKE_SHEET_FIELD_NONE              = 0,
  OTASUKE_SHEET_FIELD_DEVICE_TYPE       = 1 << 0,
  OTASUKE_SHEET_FIELD_OPERATING_SYSTEM  = 1 << 1,
  OTASUKE_SHEET_FIELD_SECURITY_SOFTWARE = 1 << 2,
} OtasukeSheetFields;

typedef enum {
  OTASUKE_DEVICE_KIND_UNKNOWN,
  OTASUKE_DEVICE_KIND_DESKTOP,
  OTASUKE_DEVICE_KIND_LAPTOP,
  OTASUKE_DEVICE_KIND_TABLET,
  OTASUKE_DEVICE_KIND_SERVER,
} OtasukeDeviceKind;

/* One line of "what happened". */
typedef struct {
  gint64  at;   /* unix seconds, shown in local time */
  char   *text;
} OtasukeSheetEvent;

#define OTASUKE_TYPE_SHEET_POLICE (otasuke_sheet_police_get_type ())
#define OTASUKE_TYPE_SHEET_MACHINE (otasuke_sheet_machine_get_type ())
#define OTASUKE_TYPE_SHEET_FIELDS (otasuke_sheet_fields_get_type ())
#define OTASUKE_TYPE_SHEET_EVENT  (otasuke_sheet_event_get_type ())
#define OTASUKE_TYPE_SHEET        (otasuke_sheet_get_type ())

GType otasuke_sheet_police_get_type (void) G_GNUC_CONST;
GType otasuke_sheet_fields_get_type (void) G_GNUC_CONST;
GType otasuke_sheet_machine_get_type (void) G_GNUC_CONST;
GType otasuke_sheet_event_get_type  (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (OtasukeSheet, otasuke_sheet, OTASUKE, SHEET, GObject)

OtasukeSheetEvent  *otasuke_sheet_event_new    (gint64                   at,
                                                const char              *text);
OtasukeSheetEvent  *otasuke_sheet_event_copy   (const OtasukeSheetEvent *event);
void                otasuke_sheet_event_free   (OtasukeSheetEvent       *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeSheetEvent, otasuke_sheet_event_free)

OtasukeSheet       *otasuke_sheet_new          (void);
/* A deep copy that shares nothing, safe to hand to another thread. */
OtasukeSheet       *otasuke_sheet_copy         (OtasukeSheet            *self);

/* 0 until the store saves it. */
gint64              otasuke_sheet_get_id                 (OtasukeSheet *self);
void                otasuke_sheet_set_id                 (OtasukeSheet *self,
                                                          gint64        id);
const char         *otasuke_sheet_get_title              (OtasukeSheet *self);
void                otasuke_sheet_set_title              (OtasukeSheet *self,
                                                          const char   *title);
gint64              otasuke_sheet_get_created_at         (OtasukeSheet *self);
void                otasuke_sheet_set_created_at         (OtasukeSheet *self,
                                                          gint64        created_at);
gint64              otasuke_sheet_get_updated_at         (OtasukeSheet *self);
void                otasuke_sheet_set_updated_at         (OtasukeSheet *self,
                                                          gint64        updated_at);

const char         *otasuke_sheet_get_company_name       (OtasukeSheet *self);
void                otasuke_sheet_set_company_name       (OtasukeSheet *self,
                                                          const char   *text);
const char         *otasuke_sheet_get_contact_person     (OtasukeSheet *self);
void                otasuke_sheet_set_contact_person     (OtasukeSheet *self,
                                                          const char   *text);
const char         *otasuke_sheet_get_phone              (OtasukeSheet *self);
void                otasuke_sheet_set_phone              (OtasukeSheet *self,
                                                          const char   *text);
const char         *otasuke_sheet_get_email              (OtasukeSheet *self);
void                otasuke_sheet_set_email              (OtasukeSheet *self,
                                                          const char   *text);
/* 「相談したいこと」: what the person wants to ask the desk. */
const char         *otasuke_sheet_get_question           (OtasukeSheet *self);
void                otasuke_sheet_set_question           (OtasukeSheet *self,
                                                          const char   *text);
OtasukeSheetMachine otasuke_sheet_get_machine            (OtasukeSheet *self);
void                otasuke_sheet_set_machine            (OtasukeSheet        *self,
                                                          OtasukeSheetMachine  machine);
/* TRUE when a company is asking (a company name is filled in): the desk is
 * IPA's 企業・組織向け窓口 by mail rather than the 安心相談窓口 by phone. */
gboolean            otasuke_sheet_is_company             (OtasukeSheet *self);
/* Setting one of the three detectable fields to a new value clears its
 * detected flag: the user has made it theirs. */
const char         *otasuke_sheet_get_device_type        (OtasukeSheet *self);
void                otasuke_sheet_set_device_type        (OtasukeSheet *self,
                                                          const char   *text);
const char         *otasuke_sheet_get_operating_system   (OtasukeSheet *self);
void                otasuke_sheet_set_operating_system   (OtasukeSheet *self,
                                                          const char   *text);
const char         *otasuke_sheet_get_security_software  (OtasukeSheet *self);
void                otasuke_sheet_set_security_software  (OtasukeSheet *self,
                                                          const char   *text);
/* NULL-terminated; never NULL (an empty list instead). */
const char * const *otasuke_sheet_get_cloud_services     (OtasukeSheet *self);
void                otasuke_sheet_set_cloud_services     (OtasukeSheet       *self,
                                                          const char * const *services);
const char         *otasuke_sheet_get_suspicion          (OtasukeSheet *self);
void                otasuke_sheet_set_suspicion          (OtasukeSheet *self,
                                                          const char   *text);
const char         *otasuke_sheet_get_consulted          (OtasukeSheet *self);
void                otasuke_sheet_set_consulted          (OtasukeSheet *self,
                                                          const char   *text);
/* -1 when not filled in. */
int                 otasuke_sheet_get_affected_devices   (OtasukeSheet *self);
void                otasuke_sheet_set_affected_devices   (OtasukeSheet *self,
                                                          int           count);
int                 otasuke_sheet_get_affected_accounts  (OtasukeSheet *self);
void                otasuke_sheet_set_affected_accounts  (OtasukeSheet *self,
                                                          int           count);
OtasukeSheetPolice  otasuke_sheet_get_police             (OtasukeSheet *self);
void                otasuke_sheet_set_police             (OtasukeSheet       *self,
                                                          OtasukeSheetPolice  police);

/* Which fields hold a value the program filled in and the user has not changed. */
OtasukeSheetFields  otasuke_sheet_get_detected           (OtasukeSheet *self);
gboolean            otasuke_sheet_is_detected            (OtasukeSheet       *self,
                                                          OtasukeSheetFields  field);

/* The timeline, kept sorted by time (entries at the same time keep the order
 * they were added in). Changes emit ::timeline-changed and notify::n-events. */
guint               otasuke_sheet_get_n_events           (OtasukeSheet *self);
const OtasukeSheetEvent *otasuke_sheet_get_event         (OtasukeSheet *self,
                                                          guint         position);
/* Return the entry's position after sorting. */
guint               otasuke_sheet_add_event              (OtasukeSheet *self,
                                                          gint64        at,
                                                          const char   *text);
guint               otasuke_sheet_update_event           (OtasukeSheet *self,
                                                          guint         position,
                                                          gint64        at,
                                                          const char   *text);
void                otasuke_sheet_remove_event           (OtasukeSheet *self,
                                                          guint         position);

/* TRUE when the sheet has nothing a user typed or the program detected. */
gboolean            otasuke_sheet_is_empty               (OtasukeSheet *self);
/* TRUE when @text (may be NULL) has nothing but white space. */
gboolean            otasuke_sheet_text_is_blank          (const char   *text);

/* Pre-filling. Fills only the fields that are empty, marks them detected
 * and returns which ones it filled; a NULL or empty value is skipped. */
OtasukeSheetFields  otasuke_sheet_prefill                (OtasukeSheet *self,
                                                          const char   *device_type,
                                                          const char   *operating_system,
                                                          const char   *security_software);
/* Reads ROOT/sys/class/dmi/id/chassis_type (SMBIOS chassis numbers).
 * Blocking but tiny; @root is "/" for this machine. */
OtasukeDeviceKind   otasuke_sheet_read_device_kind       (const char   *root);
/* A translated name such as "Laptop computer"; NULL for unknown. */
const char         *otasuke_device_kind_to_string        (OtasukeDeviceKind kind);
/* The operating system as a desk wants it: name, version and architecture. */
char               *otasuke_sheet_describe_os            (const OtasukeOsInfo *info);
/* The three above in one call: the device kind from @root, the OS from
 * @os_info (may be NULL) and @security_software as given (may be NULL). */
OtasukeSheetFields  otasuke_sheet_prefill_detected       (OtasukeSheet        *self,
                                                          const char          *root,
                                                          const OtasukeOsInfo *os_info,
                                                          const char          *security_software);

/* Everything but id, title and dates, as JSON for the store; from_json
 * ignores what it does not know and bounds what it reads. */
char               *otasuke_sheet_fields_to_json         (OtasukeSheet  *self);
gboolean            otasuke_sheet_fields_from_json       (OtasukeSheet  *self,
                                                          const char    *json,
                                                          GError       **error);

G_END_DECLS

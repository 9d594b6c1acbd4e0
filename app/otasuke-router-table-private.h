/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "otasuke-router-table.h"

G_BEGIN_DECLS

/* Shared by the table (lookup, feed merge) and its loader. */

#define VENDOR_MAX_CHARS      64
#define TITLE_MAX_CHARS       512
#define ID_MAX_CHARS          128
#define CONDITION_MAX_CHARS   32

typedef enum {
  OTASUKE_ROUTER_EOS_UNKNOWN,
  OTASUKE_ROUTER_EOS_NO,
  OTASUKE_ROUTER_EOS_YES,
  OTASUKE_ROUTER_EOS_DATE,
} OtasukeRouterEos;

typedef struct {
  char             *vendor;
  char             *model;       /* as printed */
  char             *key;         /* otasuke_router_normalize_model (model) */
  char             *loose;       /* key without dashes, slashes …: "WSR1166DHP3" */
  OtasukeRouterEos  eos;
  char             *eos_date;    /* YYYY-MM-DD for OTASUKE_ROUTER_EOS_DATE */
  GPtrArray        *advisories;  /* of OtasukeRouterAdvisory*, affected always FALSE */
} OtasukeRouterEntry;

struct _OtasukeRouterTable {
  GPtrArray  *entries;   /* of OtasukeRouterEntry* */
  GHashTable *by_key;    /* key → GPtrArray of OtasukeRouterEntry*, borrowed: one per vendor */
  GHashTable *by_loose;  /* loose → GPtrArray of OtasukeRouterEntry*, borrowed */
};

void                otasuke_router_advisory_free   (OtasukeRouterAdvisory *adv);
void                otasuke_router_entry_free      (OtasukeRouterEntry    *entry);
char               *otasuke_router_loose_key       (const char            *key);

OtasukeRouterTable *otasuke_router_table_new_empty (void);
/* @vendor's model with this key, or NULL. */
OtasukeRouterEntry *otasuke_router_table_find      (OtasukeRouterTable    *table,
                                                    const char            *vendor,
                                                    const char            *key);
/* Whether any vendor has a model with this key. */
gboolean            otasuke_router_table_has_key   (OtasukeRouterTable    *table,
                                                    const char            *key);
/* Takes @entry; the caller has checked that its vendor has no model of that key. */
void                otasuke_router_table_add       (OtasukeRouterTable    *table,
                                                    OtasukeRouterEntry    *entry);

gboolean            otasuke_router_is_plain_text   (const char            *text,
                                                    guint                  max_chars);
gboolean            otasuke_router_is_condition    (const char            *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeRouterEntry, otasuke_router_entry_free)

G_END_DECLS

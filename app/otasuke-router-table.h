/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "otasuke-feed.h"

G_BEGIN_DECLS

/* The router lookup: which known advisories affect a router model with a
 * given firmware. The table comes from the bundled `data/routers.json`
 * (built from REFERENCE.md) and grows with the `router_firmware` checks of
 * the advisory feed, so both go through the same code. Models are compared
 * after otasuke_router_normalize_model(); firmware after
 * otasuke_version_normalize(). A table is immutable once built, so it can be
 * read from several threads. */

#define OTASUKE_ROUTER_TABLE_ERROR (otasuke_router_table_error_quark ())

typedef enum {
  OTASUKE_ROUTER_TABLE_ERROR_TOO_LARGE,  /* over the size, depth or entry limits */
  OTASUKE_ROUTER_TABLE_ERROR_SYNTAX,     /* not UTF-8 JSON */
  OTASUKE_ROUTER_TABLE_ERROR_INVALID,    /* JSON, but a field is wrong; the message names it */
} OtasukeRouterTableError;

#define OTASUKE_ROUTER_TABLE_MAX_BYTES       (256 * 1024)
#define OTASUKE_ROUTER_TABLE_MAX_MODELS      2000
#define OTASUKE_ROUTER_TABLE_MAX_ADVISORIES  64   /* per model */

/* The resource path of the bundled table. */
#define OTASUKE_ROUTER_TABLE_RESOURCE "/jp/or/sakura_cci/Otasuke/data/routers.json"

typedef enum {
  OTASUKE_ROUTER_STATUS_UNKNOWN_MODEL,    /* not a model any advisory we know lists */
  OTASUKE_ROUTER_STATUS_FIRMWARE_NEEDED,  /* known model; no firmware given, or unreadable */
  OTASUKE_ROUTER_STATUS_AFFECTED,         /* firmware <= affected_max of at least one advisory */
  OTASUKE_ROUTER_STATUS_NOT_AFFECTED,     /* newer than every advisory's affected_max */
  OTASUKE_ROUTER_STATUS_END_OF_LIFE,      /* an advisory with no fix, the maker says replace it */
} OtasukeRouterStatus;

typedef struct {
  char     *id;            /* "JVN#12824024", "CVE-2021-20090", or a feed item id */
  char    **cves;          /* never NULL, may be empty */
  char     *title;         /* the feed item's title when the feed carries it, else the table's;
                              show it with otasuke_router_advisory_get_title() */
  char     *affected_max;  /* affected = this version and earlier */
  char     *condition;     /* "default_password" or NULL */
  char     *feed_item_id;  /* the feed item describing it, or NULL */
  char     *fixed;         /* first fixed firmware, or NULL */
  char     *source_url;    /* where the row was read, or NULL (feed rows) */
  char     *date;          /* the advisory's date, YYYY-MM or YYYY-MM-DD, or NULL */
  gboolean  end_of_life;   /* no fix: every firmware is affected, replace the unit */
  gboolean  affected;      /* TRUE only for status AFFECTED and firmware <= affected_max */
} OtasukeRouterAdvisory;

/* A model of the table: a suggestion while typing, or one of the models a
 * lookup could mean. */
typedef struct {
  char                *vendor;
  char                *model;   /* as the table spells it ("WRC-1167FS-W") */
  OtasukeRouterStatus  status;  /* for the firmware looked up; UNKNOWN_MODEL in suggestions */
} OtasukeRouterCandidate;

typedef struct {
  OtasukeRouterStatus status;
  char      *model;             /* normalised ("WSR-1166DHP3"); NULL when unreadable */
  char      *vendor;            /* NULL for UNKNOWN_MODEL and when ambiguous */
  char      *firmware;          /* normalised ("2.95"); NULL when not given or unreadable */
  gboolean   default_password;  /* an advisory that affects it is dangerous with the default password */
  gboolean   end_of_support;    /* the maker no longer updates this model */
  GPtrArray *advisories;        /* of OtasukeRouterAdvisory*: every advisory listing the model */
  GPtrArray *advice;            /* of char*: translated plain sentences, most urgent first */
  /* The spelling to save and show when one model matched: the table's ("WG1200HS" for
   * "ｗｇ１２００ｈｓ"; without a colour suffix the table has, "WRC-1167FS"), with the
   * vendor first ("NEC WG1200HS") when another vendor has a model of that name. NULL
   * when no model or several matched. */
  char      *canonical;
  /* Of OtasukeRouterCandidate*, never NULL: empty unless what was typed matches models
   * of several vendors (or similar names), when the user has to say which. Then
   * `status` is the most urgent of theirs (end of life, affected, firmware needed, not
   * affected), `advisories` holds all of theirs and `vendor` is NULL. */
  GPtrArray *candidates;
} OtasukeRouterResult;

typedef struct _OtasukeRouterTable OtasukeRouterTable;

GQuark               otasuke_router_table_error_quark (void);

OtasukeRouterTable  *otasuke_router_table_new_from_bytes    (GBytes              *bytes,
                                                             GError             **error);
/* The bundled table; needs the application's resources registered. */
OtasukeRouterTable  *otasuke_router_table_new_from_resource (GError             **error);
OtasukeRouterTable  *otasuke_router_table_ref               (OtasukeRouterTable  *table);
void                 otasuke_router_table_unref             (OtasukeRouterTable  *table);

/* Adds the `router_firmware` checks of @items (OtasukeFeedItem*): a check
 * for an advisory the table already lists for that model (same feed item)
 * updates it, the feed being newer; any other check adds an advisory, and a
 * model not in the table yet is added. Invalid checks are skipped. Call it
 * before sharing the table. */
void                 otasuke_router_table_merge_feed_items  (OtasukeRouterTable  *table,
                                                             GPtrArray           *items);

guint                otasuke_router_table_get_n_models      (OtasukeRouterTable  *table);
/* Every known model as printed, sorted; free with g_strfreev(). */
char               **otasuke_router_table_list_models       (OtasukeRouterTable  *table);

/* Every vendor of the table, sorted, once each; free with g_strfreev(). */
char               **otasuke_router_table_list_vendors      (OtasukeRouterTable  *table);

/* Like otasuke_router_table_suggest(), as OtasukeRouterCandidate*, limited to
 * @vendor's models when @vendor is not NULL; with @vendor and an empty @query,
 * that vendor's models in order. At most @max_results; never NULL. */
GPtrArray           *otasuke_router_table_suggest_models    (OtasukeRouterTable  *table,
                                                             const char          *vendor,
                                                             const char          *query,
                                                             guint                max_results);

/* Known models (as printed) that match what the user has typed so far,
 * best first: exact, then prefix, then substring matches, also when dashes or
 * slashes were left out. At most @max_results; never NULL. */
char               **otasuke_router_table_suggest           (OtasukeRouterTable  *table,
                                                             const char          *query,
                                                             guint                max_results);

/* @model as typed; @firmware as typed or NULL. Never NULL. */
OtasukeRouterResult *otasuke_router_table_lookup            (OtasukeRouterTable  *table,
                                                             const char          *model,
                                                             const char          *firmware);

/* The same, with the vendor the user chose (NULL: not chosen): it picks among
 * models of several vendors that match @model. A vendor that has none of them is
 * not used. */
OtasukeRouterResult *otasuke_router_table_lookup_vendor     (OtasukeRouterTable  *table,
                                                             const char          *vendor,
                                                             const char          *model,
                                                             const char          *firmware);
/* TRUE when what was looked up matches models of several vendors (see candidates). */
gboolean             otasuke_router_result_is_ambiguous     (const OtasukeRouterResult *result);
/* Where @vendor's routers show their model name and firmware version, in plain
 * words, translated; a general sentence for NULL or a vendor without one. */
const char          *otasuke_router_vendor_get_hint         (const char          *vendor);
/* How to show @vendor in a list ("NEC Aterm" for "NEC"); not translated, a brand. */
const char          *otasuke_router_vendor_get_display_name (const char          *vendor);

/* @adv's title to show, translated: the bundled table's titles are in po/
 * (resources/data/routers-titles.h); a feed's, already in the reader's language,
 * come back as they are. NULL when it has none. */
const char          *otasuke_router_advisory_get_title      (const OtasukeRouterAdvisory *adv);

void                 otasuke_router_candidate_free          (OtasukeRouterCandidate *candidate);
void                 otasuke_router_result_free             (OtasukeRouterResult *result);
const char          *otasuke_router_status_to_string        (OtasukeRouterStatus  status);
/* The verdict in words, translated: "This router is affected by a known problem". */
const char          *otasuke_router_status_get_title        (OtasukeRouterStatus  status);
/* {"model":…, "vendor":…, "firmware":…, "status":…, "advisories":[{"id", "cves",
 * "title", "affected_max", "fixed", "end_of_life", "condition", "affected",
 * "source_url", "date"}], "candidates":[{"vendor", "model", "status"}]},
 * for `otasuke --router-check`; candidates is empty unless ambiguous.
 * Untranslated, so scripts can read it. */
char                *otasuke_router_result_to_json          (const OtasukeRouterResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeRouterTable, otasuke_router_table_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeRouterResult, otasuke_router_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeRouterCandidate, otasuke_router_candidate_free)

G_END_DECLS

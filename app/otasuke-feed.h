/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The advisory feed: JSON Feed 1.1 with the `_otasuke` extension (BRIEF.md,
 * "The feed format"). Everything here is outside data: bounded and validated,
 * and every string is plain text. */

#define OTASUKE_FEED_ERROR (otasuke_feed_error_quark ())

typedef enum {
  OTASUKE_FEED_ERROR_TOO_LARGE,          /* over the size or item limit */
  OTASUKE_FEED_ERROR_TOO_DEEP,           /* nesting over the limit (checked before parsing) */
  OTASUKE_FEED_ERROR_SYNTAX,             /* not JSON, or not valid UTF-8, or contains NUL */
  OTASUKE_FEED_ERROR_NOT_A_FEED,         /* JSON, but not a JSON Feed 1 / 1.1 document */
  OTASUKE_FEED_ERROR_MISSING_EXTENSION,  /* a valid JSON Feed without the `_otasuke` fields we need */
  OTASUKE_FEED_ERROR_INVALID,            /* a field is wrong; the message names its path */
} OtasukeFeedError;

#define OTASUKE_FEED_MAX_BYTES          (4 * 1024 * 1024)
#define OTASUKE_FEED_MAX_ITEMS          10000
#define OTASUKE_FEED_MAX_DEPTH          32
#define OTASUKE_FEED_MAX_TITLE_CHARS    512
#define OTASUKE_FEED_MAX_CONTENT_BYTES  (64 * 1024)

typedef enum {
  OTASUKE_SEVERITY_INFO,
  OTASUKE_SEVERITY_LOW,
  OTASUKE_SEVERITY_MEDIUM,
  OTASUKE_SEVERITY_HIGH,
  OTASUKE_SEVERITY_CRITICAL,
} OtasukeSeverity;

typedef enum {
  OTASUKE_CATEGORY_BROWSER,
  OTASUKE_CATEGORY_ROUTER,
  OTASUKE_CATEGORY_OS,
  OTASUKE_CATEGORY_MALWARE,
  OTASUKE_CATEGORY_INCIDENT,
  OTASUKE_CATEGORY_DOMAIN,
  OTASUKE_CATEGORY_GENERAL,
} OtasukeCategory;

typedef enum {
  OTASUKE_CHECK_BROWSER_MIN_VERSION,  /* product, min */
  OTASUKE_CHECK_ROUTER_FIRMWARE,      /* vendor, model, affected_max, condition, end_of_life (optional) */
  OTASUKE_CHECK_OS_END_OF_SUPPORT,    /* os, version, date (YYYY-MM-DD) */
} OtasukeCheckType;

typedef struct {
  OtasukeCheckType type;
  char *product;       /* chrome, chromium, firefox, edge, brave, vivaldi */
  char *min;           /* a version otasuke_version_is_valid() accepts */
  char *vendor;
  char *model;
  char *affected_max;  /* affected = this firmware version and earlier */
  char *condition;     /* e.g. "default_password"; NULL when none */
  char *os;            /* windows, macos, debian, ubuntu, … */
  char *version;
  char *date;          /* YYYY-MM-DD */
  gboolean end_of_life; /* router_firmware: no fixed firmware, the unit must be replaced */
} OtasukeFeedCheck;

typedef struct {
  char *id;
  char *url;              /* http(s) or NULL */
  char *title;            /* may be NULL in JSON Feed; the parser requires it for us */
  char *content_text;     /* plain text; content_html is reduced to text, never shown as markup */
  char *summary;          /* may be NULL */
  gint64 date_published;  /* unix seconds, 0 when absent */
  gint64 date_modified;   /* unix seconds, 0 when absent */
  OtasukeSeverity severity;
  OtasukeCategory category;
  GPtrArray *checks;      /* of OtasukeFeedCheck*; known types only */
} OtasukeFeedItem;

typedef struct {
  char *name;   /* the desk's name */
  char *phone;  /* may be NULL */
  char *hours;  /* may be NULL */
  char *email;  /* may be NULL */
  char *url;    /* http(s) or NULL */
  char *notes;  /* may be NULL */
} OtasukeFeedContact;

typedef struct {
  char *title;
  char *home_page_url;
  guint schema;        /* _otasuke.schema, 1 */
  gint64 sequence;     /* _otasuke.sequence, >= 0 */
  gint64 generated;    /* unix seconds */
  gint64 expires;      /* unix seconds */
  GPtrArray *items;    /* of OtasukeFeedItem*, in file order */
  GPtrArray *contacts; /* of OtasukeFeedContact*, empty when absent */
} OtasukeFeed;

GQuark       otasuke_feed_error_quark       (void);

OtasukeFeed *otasuke_feed_parse             (const char       *data,
                                             gsize             len,
                                             GError          **error);
void         otasuke_feed_free              (OtasukeFeed      *feed);
gboolean     otasuke_feed_is_expired        (const OtasukeFeed *feed,
                                             gint64            now);

OtasukeFeedCheck *otasuke_feed_check_copy   (const OtasukeFeedCheck *check);
void         otasuke_feed_check_free        (OtasukeFeedCheck *check);

OtasukeFeedItem *otasuke_feed_item_copy     (const OtasukeFeedItem *item);
void         otasuke_feed_item_free         (OtasukeFeedItem  *item);
/* One item as a JSON Feed item object (with its `_otasuke` extension), for
 * keeping it in the store; from_json validates it with the same rules as a feed. */
char        *otasuke_feed_item_to_json      (const OtasukeFeedItem *item);
OtasukeFeedItem *otasuke_feed_item_from_json (const char      *json,
                                             GError          **error);
/* Contacts the same way: a JSON array, as in the feed's `_otasuke.contacts`. */
char        *otasuke_feed_contacts_to_json  (GPtrArray        *contacts);
GPtrArray   *otasuke_feed_contacts_from_json (const char      *json,
                                              GError         **error);

const char  *otasuke_severity_to_string     (OtasukeSeverity   severity);
gboolean     otasuke_severity_from_string   (const char       *text,
                                             OtasukeSeverity  *severity);
const char  *otasuke_category_to_string     (OtasukeCategory   category);
gboolean     otasuke_category_from_string   (const char       *text,
                                             OtasukeCategory  *category);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeFeed, otasuke_feed_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeFeedCheck, otasuke_feed_check_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeFeedItem, otasuke_feed_item_free)

G_END_DECLS

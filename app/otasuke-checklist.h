/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "otasuke-feed.h"
#include "otasuke-probe.h"
#include "otasuke-router-table.h"
#include "otasuke-site-check.h"

G_BEGIN_DECLS

/* The check wizard's content: the 25 topics of IPA's self-assessment
 * ("5分でできる！情報セキュリティ自社診断") in our own words, plus the items
 * the seed page adds (browsers, router, macros, domains, backups). It is
 * data, `resources/data/otasuke.checklist.xml`, loaded with GMarkup; every
 * text is an English msgid extracted by xgettext through
 * `po/its/otasuke-checklist.its` and translated at load time with
 * g_dgettext (GETTEXT_PACKAGE, …). So set the locale before loading.
 *
 * A checklist is immutable once loaded and reference counted, so it can be
 * shared with worker threads. Every pointer it hands out lives as long as
 * the checklist.
 *
 * Scoring (IPA's rules) and "what to fix first" are in otasuke-check-run.h;
 * this file has the content and the suggestions from what the probes found. */

#define OTASUKE_CHECKLIST_ERROR (otasuke_checklist_error_quark ())

typedef enum {
  OTASUKE_CHECKLIST_ERROR_TOO_LARGE,  /* over the size, item or step limits */
  OTASUKE_CHECKLIST_ERROR_SYNTAX,     /* not well-formed XML / not UTF-8 */
  OTASUKE_CHECKLIST_ERROR_INVALID,    /* well-formed, but an element or attribute is wrong; the message names it */
} OtasukeChecklistError;

#define OTASUKE_CHECKLIST_MAX_BYTES     (512 * 1024)
#define OTASUKE_CHECKLIST_MAX_ITEMS     200
#define OTASUKE_CHECKLIST_MAX_SECTIONS  32
#define OTASUKE_CHECKLIST_MAX_STEPS     8     /* per item */
#define OTASUKE_CHECKLIST_MAX_TEXT      2000  /* bytes per text */
#define OTASUKE_CHECKLIST_MAX_TERMS     6     /* glossary terms per item */

/* The resource path of the bundled checklist. */
#define OTASUKE_CHECKLIST_RESOURCE "/jp/or/sakura_cci/Otasuke/data/otasuke.checklist.xml"

/* IPA's self-assessment has 25 questions worth 4 points each. */
#define OTASUKE_CHECKLIST_N_IPA_ITEMS 25

/* An answer to one item. The numeric values are stored in the database
 * (check_answers.answer): never renumber them. */
typedef enum {
  OTASUKE_ANSWER_NONE           = 0,  /* not answered yet */
  OTASUKE_ANSWER_DONE           = 1,  /* 実施している: 4 points */
  OTASUKE_ANSWER_PARTLY         = 2,  /* 一部実施している: 2 points */
  OTASUKE_ANSWER_NOT_DONE       = 3,  /* 実施していない: 0 points */
  OTASUKE_ANSWER_DONT_KNOW      = 4,  /* わからない: −1 point */
  OTASUKE_ANSWER_NOT_APPLICABLE = 5,  /* only for items with a not_applicable_label; left out of the score */
} OtasukeAnswer;

#define OTASUKE_ANSWER_LAST OTASUKE_ANSWER_NOT_APPLICABLE

/* What a probe (or the router lookup) can tell about an item. */
typedef enum {
  OTASUKE_EVIDENCE_NONE,           /* only the user can answer */
  OTASUKE_EVIDENCE_BROWSERS,       /* browser versions against the feed's minimum versions */
  OTASUKE_EVIDENCE_OS_SUPPORT,     /* the OS still gets security updates */
  OTASUKE_EVIDENCE_ANTIVIRUS,      /* security software installed, definitions current */
  OTASUKE_EVIDENCE_FIREWALL,       /* a firewall is switched on */
  OTASUKE_EVIDENCE_OFFICE_MACROS,  /* the office suite's macro policy */
  OTASUKE_EVIDENCE_SCREEN_LOCK,    /* the screen locks by itself */
  OTASUKE_EVIDENCE_ROUTER,         /* the router model and firmware as entered, looked up */
  OTASUKE_EVIDENCE_BACKUP,         /* a backup tool is set up, and when it last ran */
  OTASUKE_EVIDENCE_WEBSITE,        /* the site check of the entered website (otasuke-site-check.h) */
  OTASUKE_EVIDENCE_MAIL_DOMAIN,    /* the MX, SPF and DMARC records of the entered mail domain */
} OtasukeEvidenceKind;

typedef struct {
  const char *id;     /* "browsers-updates", "router-wifi", "backups", "passwords-accounts",
                         "mail-macros", "office-people", "organisation" */
  const char *title;  /* translated */
} OtasukeChecklistSection;

/* What the user has already entered in Otasuke: a step asking for it
 * (<step unless="router-model">) is left out. */
typedef enum {
  OTASUKE_ENTERED_NONE         = 0,
  OTASUKE_ENTERED_ROUTER_MODEL = 1 << 0,
  OTASUKE_ENTERED_WEBSITE      = 1 << 1,
  OTASUKE_ENTERED_MAIL_DOMAIN  = 1 << 2,
} OtasukeEntered;

/* One entry of the glossary (「用語の説明」): a word the questions cannot
 * avoid, explained in one or two plain sentences. */
typedef struct {
  const char *id;           /* "firmware", "wpa", "macro", … */
  const char *name;         /* translated: "Firmware" */
  const char *explanation;  /* translated, one or two sentences */
} OtasukeGlossaryTerm;

typedef struct {
  const char *id;            /* "ipa-01" … "ipa-25", "seed-browsers", "seed-router-firmware", … */
  const char *section;       /* an OtasukeChecklistSection id */
  guint ipa_number;          /* 1–25 for IPA's questions (they are scored); 0 for the others */
  /* IPA's part: 1 basic measures, 2 what staff do, 3 the organisation.
   * Seed items carry the part they belong with, for "what to fix first". */
  guint part;
  const char *question;      /* translated; one question, answered done / partly / not done / don't know */
  const char *why;           /* translated; why it matters, one or two sentences */
  const char * const *steps; /* translated "what to do", NULL-terminated, 2–4 steps */
  const guint *step_unless;  /* per step: the OtasukeEntered flags that make it unnecessary, or 0 */
  /* Translated: the measure as a task, "Update the router's firmware"
   * ("what to fix first" lists these); the question when the file has none. */
  const char *task;
  /* Glossary term ids this question needs explained, NULL-terminated, maybe empty. */
  const char * const *terms;
  /* Translated label of the "does not apply" choice ("We have no Wi-Fi"), or
   * NULL when the item applies to every business. */
  const char *not_applicable_label;
  OtasukeEvidenceKind evidence;
} OtasukeChecklistItem;

typedef struct _OtasukeChecklist OtasukeChecklist;

GQuark                         otasuke_checklist_error_quark      (void);

OtasukeChecklist              *otasuke_checklist_new_from_bytes   (GBytes            *bytes,
                                                                   GError           **error);
/* The bundled checklist; needs the application's resources registered. */
OtasukeChecklist              *otasuke_checklist_new_from_resource (GError           **error);
OtasukeChecklist              *otasuke_checklist_ref              (OtasukeChecklist  *self);
void                           otasuke_checklist_unref            (OtasukeChecklist  *self);

/* "2026.1": kept with every run, so answers are read against the right sheet. */
const char                    *otasuke_checklist_get_version      (OtasukeChecklist  *self);

/* Items in the order the wizard asks them (grouped by section). */
guint                          otasuke_checklist_get_n_items      (OtasukeChecklist  *self);
const OtasukeChecklistItem    *otasuke_checklist_get_item         (OtasukeChecklist  *self,
                                                                   guint              index);
/* NULL when there is no such item. */
const OtasukeChecklistItem    *otasuke_checklist_lookup           (OtasukeChecklist  *self,
                                                                   const char        *id);
/* The item answering IPA question @number (1–25), or NULL. */
const OtasukeChecklistItem    *otasuke_checklist_lookup_ipa       (OtasukeChecklist  *self,
                                                                   guint              number);

/* Sections in the wizard's order. */
guint                          otasuke_checklist_get_n_sections   (OtasukeChecklist  *self);
const OtasukeChecklistSection *otasuke_checklist_get_section      (OtasukeChecklist  *self,
                                                                   guint              index);
const OtasukeChecklistSection *otasuke_checklist_lookup_section   (OtasukeChecklist  *self,
                                                                   const char        *id);
/* The items of section @id in order (const OtasukeChecklistItem*, not
 * owned: free the array only). Empty for an unknown section. */
GPtrArray                     *otasuke_checklist_get_section_items (OtasukeChecklist *self,
                                                                   const char        *id);

/* The glossary, in the file's order. */
guint                          otasuke_checklist_get_n_terms      (OtasukeChecklist  *self);
const OtasukeGlossaryTerm     *otasuke_checklist_get_term         (OtasukeChecklist  *self,
                                                                   guint              index);
/* NULL when there is no such term. */
const OtasukeGlossaryTerm     *otasuke_checklist_lookup_term      (OtasukeChecklist  *self,
                                                                   const char        *id);
/* The steps of @item without those asking for what was @entered already
 * (NULL-terminated; free the array only, with g_free()). */
const char                   **otasuke_checklist_item_get_steps   (const OtasukeChecklistItem *item,
                                                                   OtasukeEntered     entered);

/* "done", "partly", "not-done", "dont-know", "not-applicable"; NULL for NONE. */
const char                    *otasuke_answer_to_string           (OtasukeAnswer      answer);
/* NONE for NULL or anything unknown. */
OtasukeAnswer                  otasuke_answer_from_string         (const char        *text);
/* Translated button labels: "Done", "Partly", "Not done", "Don't know";
 * "Does not apply" for NOT_APPLICABLE (items carry their own, better label);
 * "Not answered" for NONE. */
const char                    *otasuke_answer_get_label           (OtasukeAnswer      answer);
/* IPA's points: 4 / 2 / 0 / −1; 0 for NONE and NOT_APPLICABLE. */
int                            otasuke_answer_get_points          (OtasukeAnswer      answer);
const char                    *otasuke_evidence_kind_to_string    (OtasukeEvidenceKind kind);

/* Suggestions from evidence.
 *
 * What Otasuke found out by itself. Each part may be missing: the probes may
 * not have run, the feed may be empty, the user may not have entered a
 * router. A suggestion is only a suggestion: the user can always answer
 * otherwise, and the run keeps whether an answer came from one. */
typedef struct {
  const OtasukeProbeReport  *probe;        /* NULL: the probes have not run */
  GPtrArray                 *feed_items;   /* OtasukeFeedItem*, the advisories; may be NULL */
  /* OtasukeFeedCheck* of type browser_min_version; may be NULL. Used as
   * well as the checks inside @feed_items, for callers holding only checks. */
  GPtrArray                 *feed_checks;
  const OtasukeRouterResult *router;       /* NULL: no router model entered */
  /* The last website and mail-domain check, NULL when none ran; with
   * @site_none_entered the user entered neither (the items do not apply). */
  const OtasukeSiteReport   *site;
  gboolean                   site_none_entered;
  gint64                     now;          /* unix seconds; 0: the current time (reserved) */
} OtasukeEvidence;

typedef struct {
  /* The suggested answer: DONE, NOT_DONE or PARTLY (a screen lock that waits
   * too long, LibreOffice asking before macros run), or NONE when there is
   * nothing to suggest:
   * the item has no evidence kind, the probe did not run, or it found
   * nothing ("No security software was detected" is said, not guessed). */
  OtasukeAnswer answer;
  /* TRUE when the probe saw something about this item at all; FALSE for
   * "not detected" and for items without evidence. */
  gboolean detected;
  /* Translated plain sentences, one per finding, e.g. "Google Chrome
   * 127.0.6533.72 is older than 128.0.6613.85, the safe minimum." or
   * "Debian 12 gets security updates until 30 June 2028."; NULL when the
   * item has no evidence kind. */
  char *reason;
  /* TRUE when an advisory of severity critical (feed) or a router advisory
   * affects this machine: "what to fix first" puts these on top. */
  gboolean critical;
  /* The advisory behind a NOT_DONE (feed item id or router advisory id), or NULL. */
  char *advisory_id;
} OtasukeSuggestion;

void                           otasuke_suggestion_free            (OtasukeSuggestion *suggestion);

/* The suggestion for @item; never NULL (answer NONE when nothing to say). */
OtasukeSuggestion             *otasuke_checklist_suggest          (const OtasukeChecklistItem *item,
                                                                   const OtasukeEvidence      *evidence);
/* Suggestions for every item with an evidence kind: item id → OtasukeSuggestion*. */
GHashTable                    *otasuke_checklist_suggest_all      (OtasukeChecklist           *self,
                                                                   const OtasukeEvidence      *evidence);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeChecklist, otasuke_checklist_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeSuggestion, otasuke_suggestion_free)

G_END_DECLS

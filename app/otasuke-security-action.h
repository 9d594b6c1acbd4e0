/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "otasuke-check-run.h"
#include "otasuke-checklist.h"
#include "otasuke-company-profile.h"
#include "otasuke-policy.h"
#include "otasuke-store-action.h"
#include "otasuke-store.h"

G_BEGIN_DECLS

/* IPA's SECURITY ACTION, a self-declaration (自己宣言, never a certification):
 * ★ commits to the five principles (情報セキュリティ5か条); ★★ also needs the
 * 5-minute self-assessment done and a basic policy drafted and published.
 *
 * A principle is met when the latest FINISHED check answered its IPA question
 * "done", or when the user confirmed it (a confirmation wins: the sharing
 * settings, for one, are not asked by the check as such):
 *   principle-updates   ipa-01  OS and software (and the router) kept current
 *   principle-antivirus ipa-02  antivirus with current definitions
 *   principle-passwords ipa-03  strong passwords
 *   principle-sharing   ipa-04  sharing settings reviewed (access restricted)
 *   principle-threats   ipa-05  knowing the threats
 * ★★ adds "self-assessment" (a finished check with all 25 IPA questions
 * answered), "policy-drafted" (a complete draft: company, representative,
 * date, every section) and "policy-published" (a draft marked published). */

typedef struct {
  const char *id;          /* "principle-sharing", "self-assessment", … (for scripts) */
  char       *title;       /* translated: what is needed */
  char       *evidence;    /* translated: what Otasuke knows about it */
  gboolean    met;
  gboolean    confirmed;   /* met by the user's own confirmation */
  gboolean    confirmable; /* a principle: the user may confirm it */
  gboolean    two_star;    /* needed for ★★ only */
} OtasukeActionNeed;

typedef struct {
  GPtrArray *needs;        /* of OtasukeActionNeed*: the five principles, then ★★'s three */
  gboolean   one_star_ready;
  gboolean   two_star_ready;
} OtasukeActionReadiness;

void                    otasuke_action_readiness_free    (OtasukeActionReadiness *readiness);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeActionReadiness, otasuke_action_readiness_free)

/* @latest_finished: the latest finished run or NULL; @checklist may be NULL
 * only when the run is NULL; @confirmed: the confirmed principle ids (may be NULL). */
OtasukeActionReadiness *otasuke_action_readiness_compute (OtasukeCheckRun        *latest_finished,
                                                          OtasukeChecklist       *checklist,
                                                          const char * const     *confirmed,
                                                          gboolean                policy_drafted,
                                                          gboolean                policy_published);
/* The ids still missing for ★ (@level 1) or ★★ (2), in order. */
GPtrArray              *otasuke_action_readiness_missing (const OtasukeActionReadiness *readiness,
                                                          int                           level);
/* {"one_star": {"ready": false, "missing": ["principle-sharing"]},
 *  "two_star": {"ready": false, "missing": [...]}} (`otasuke --security-action`). */
char                   *otasuke_action_readiness_to_json (const OtasukeActionReadiness *readiness);

/* Everything the SECURITY ACTION page and Home show, read at one moment. */
typedef struct {
  OtasukeActionReadiness *readiness;
  OtasukeCompanyProfile  *profile;
  OtasukePolicy          *policy;       /* the most recent draft, NULL when none */
  GPtrArray              *policies;     /* every draft (OtasukePolicy*), most recent first */
  OtasukeDeclaration     *declaration;  /* the latest, NULL when none */
} OtasukeActionState;

void                    otasuke_action_state_free        (OtasukeActionState *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeActionState, otasuke_action_state_free)

/* Blocking; @checklist NULL loads the bundled one (the application's
 * resources must be registered). */
OtasukeActionState     *otasuke_action_state_load        (OtasukeStore           *store,
                                                          OtasukeChecklist       *checklist,
                                                          GError                **error);
void                    otasuke_action_state_load_async  (OtasukeStore           *store,
                                                          GCancellable           *cancellable,
                                                          GAsyncReadyCallback     callback,
                                                          gpointer                user_data);
OtasukeActionState     *otasuke_action_state_load_finish (GAsyncResult           *result,
                                                          GError                **error);

/* IPA's SECURITY ACTION page, where the declaration is made. */
#define OTASUKE_SECURITY_ACTION_URL "https://www.ipa.go.jp/security/security-action/"

/* "★" or "★★" with its name, translated. */
const char             *otasuke_action_level_name        (int                     level);

G_END_DECLS

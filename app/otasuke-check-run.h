/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "otasuke-checklist.h"

G_BEGIN_DECLS

/* One pass through the check wizard: the answers, what the probes found and
 * the router as entered, and — once finished — IPA's score and band.
 *
 * A run is saved as the user goes (finished_at stays 0), so a half-finished
 * run can be resumed later; otasuke_check_run_finish() computes the score.
 * Runs are reference counted but not locked: use one from one thread at a
 * time, and hand a worker thread a copy (the store's _async calls do).
 *
 * Scoring, IPA's rules: on the 25 IPA items, done / partly / not done /
 * don't know = 4 / 2 / 0 / −1; the maximum is 100, the minimum −25.
 *
 * "Does not apply": an IPA item that offers it (only ipa-09, Wi-Fi, in the
 * bundled sheet) and is answered so is left out, and the score is scaled to
 * 100 over the applicable items, rounded to the nearest integer (halves away
 * from zero): score = round (points × 25 / applicable items). A business
 * without Wi-Fi is thus neither penalised (0 points) nor rewarded (4 points).
 * NOT_APPLICABLE on an item without that choice counts as unanswered.
 * Unanswered IPA items count as "don't know" (−1): the score is honest
 * about what nobody has looked at; OtasukeScore.n_unanswered tells the UI.
 * (With no applicable IPA item at all the score is 0.)
 *
 * The seed items (browsers, router, macros, domains, backups) are not in the
 * score; they feed "what to fix first" and the advice. */

typedef enum {
  OTASUKE_SCORE_BAND_ACHIEVED,      /* 100: entry level achieved */
  OTASUKE_SCORE_BAND_SOME_GAPS,     /* 70–99 */
  OTASUKE_SCORE_BAND_INSUFFICIENT,  /* 50–69: fix the lowest items first */
  OTASUKE_SCORE_BAND_ACT_NOW,       /* 49 or less: an incident could happen at any time */
} OtasukeScoreBand;

typedef struct {
  int score;              /* −25 … 100, scaled over the applicable items */
  int points;             /* the raw sum over the applicable items */
  guint n_applicable;     /* IPA items not answered "does not apply" */
  guint n_not_applicable;
  guint n_unanswered;     /* applicable IPA items without an answer (counted as don't know) */
  OtasukeScoreBand band;
} OtasukeScore;

OtasukeScoreBand  otasuke_score_band_for_score   (int               score);
/* Translated title ("Entry level achieved") and one-sentence meaning. */
const char       *otasuke_score_band_get_title   (OtasukeScoreBand  band);
const char       *otasuke_score_band_get_meaning (OtasukeScoreBand  band);
/* "achieved", "some-gaps", "insufficient", "act-now" (untranslated, for scripts). */
const char       *otasuke_score_band_to_string   (OtasukeScoreBand  band);

/* "No score": the run is not finished. Real scores are −25 … 100. */
#define OTASUKE_SCORE_NONE (-1000)

typedef struct _OtasukeCheckRun OtasukeCheckRun;

/* A new, unsaved run (id 0) against checklist version @checklist_version. */
OtasukeCheckRun  *otasuke_check_run_new          (const char       *checklist_version,
                                                  gint64            started_at);
OtasukeCheckRun  *otasuke_check_run_ref          (OtasukeCheckRun  *self);
void              otasuke_check_run_unref        (OtasukeCheckRun  *self);
/* A deep copy, id and all. */
OtasukeCheckRun  *otasuke_check_run_copy         (OtasukeCheckRun  *self);

/* 0 until the store has saved it. */
gint64            otasuke_check_run_get_id       (OtasukeCheckRun  *self);
void              otasuke_check_run_set_id       (OtasukeCheckRun  *self,
                                                  gint64            id);
gint64            otasuke_check_run_get_started_at  (OtasukeCheckRun *self);
/* Set by the store on every save. */
gint64            otasuke_check_run_get_updated_at  (OtasukeCheckRun *self);
void              otasuke_check_run_set_updated_at  (OtasukeCheckRun *self,
                                                     gint64           updated_at);
/* 0 while unfinished. */
gint64            otasuke_check_run_get_finished_at (OtasukeCheckRun *self);
gboolean          otasuke_check_run_is_finished  (OtasukeCheckRun  *self);
const char       *otasuke_check_run_get_checklist_version (OtasukeCheckRun *self);

/* @answer NONE removes the answer. @from_suggestion: the user took
 * Otasuke's suggestion as it was (kept so history can tell). */
void              otasuke_check_run_set_answer   (OtasukeCheckRun  *self,
                                                  const char       *item_id,
                                                  OtasukeAnswer     answer,
                                                  gboolean          from_suggestion);
/* NONE when unanswered; @from_suggestion may be NULL. */
OtasukeAnswer     otasuke_check_run_get_answer   (OtasukeCheckRun  *self,
                                                  const char       *item_id,
                                                  gboolean         *from_suggestion);
guint             otasuke_check_run_get_n_answers (OtasukeCheckRun *self);
/* The answered item ids, sorted; free with g_free() (the strings are the run's). */
const char      **otasuke_check_run_get_answered_ids (OtasukeCheckRun *self);
/* The first item of @checklist without an answer, in wizard order, or NULL
 * when every item is answered: where a resumed run goes on. */
const OtasukeChecklistItem *otasuke_check_run_next_unanswered (OtasukeCheckRun  *self,
                                                               OtasukeChecklist *checklist);

/* The probe report as otasuke_probe_report_to_json() wrote it; may be NULL. */
const char       *otasuke_check_run_get_probe_json (OtasukeCheckRun *self);
void              otasuke_check_run_set_probe_json (OtasukeCheckRun *self,
                                                    const char      *json);
/* What the evidence said was not done when the run was finished, kept with
 * it (and saved) so the run's fix-first list does not change afterwards:
 * from the suggestions (otasuke_checklist_suggest_all()), NULL clears.
 * The stored form is "!id id …" (! for a critical advisory). */
void              otasuke_check_run_keep_findings (OtasukeCheckRun  *self,
                                                   OtasukeChecklist *checklist,
                                                   GHashTable       *suggestions);
const char       *otasuke_check_run_get_findings  (OtasukeCheckRun *self);
void              otasuke_check_run_set_findings  (OtasukeCheckRun *self,
                                                   const char      *findings);
/* As typed; NULL when not entered. */
const char       *otasuke_check_run_get_router_model    (OtasukeCheckRun *self);
const char       *otasuke_check_run_get_router_firmware (OtasukeCheckRun *self);
void              otasuke_check_run_set_router   (OtasukeCheckRun  *self,
                                                  const char       *model,
                                                  const char       *firmware);

/* IPA's score of the answers so far, against @checklist (see above). */
void              otasuke_check_run_compute_score (OtasukeCheckRun  *self,
                                                   OtasukeChecklist *checklist,
                                                   OtasukeScore     *score);
/* Computes and keeps the score and band, and sets finished_at to @now.
 * Finishing again (after changing an answer) recomputes both. */
void              otasuke_check_run_finish       (OtasukeCheckRun  *self,
                                                  OtasukeChecklist *checklist,
                                                  gint64            now);
/* Only meaningful when finished: OTASUKE_SCORE_NONE and band ACT_NOW
 * otherwise. Loaded runs keep the score they were finished with. */
int               otasuke_check_run_get_score    (OtasukeCheckRun  *self);
OtasukeScoreBand  otasuke_check_run_get_band     (OtasukeCheckRun  *self);
/* For the store, when loading: @finished_at 0 leaves the run unfinished. */
void              otasuke_check_run_set_finished (OtasukeCheckRun  *self,
                                                  gint64            finished_at,
                                                  int               score);

/* What to fix first. */
typedef struct {
  const OtasukeChecklistItem *item;  /* the checklist's; its steps say what to do */
  OtasukeAnswer answer;              /* the run's answer, NONE when unanswered */
  gboolean automatic;                /* evidence says not done (a probe, the router lookup, an advisory) */
  gboolean critical;                 /* a critical advisory affects this machine */
  char *reason;                      /* the suggestion's reason, or NULL */
  /* What to do: the item's steps without those asking for what the user
   * already entered (the router model, the website); NULL-terminated,
   * the strings are the checklist's. */
  const char **steps;
} OtasukeFixItem;

void              otasuke_fix_item_free          (OtasukeFixItem   *fix);

/* The number of items "what to fix first" shows, on Home and on the results. */
#define OTASUKE_FIX_FIRST_MAX 5

/* The @max_items (OTASUKE_FIX_FIRST_MAX) most urgent items, most urgent first
 * (OtasukeFixItem*). Order: critical advisories that affect this machine,
 * then other automatic findings (evidence says not done), then the user's own
 * answers: not done, then partly, then don't know; within each, IPA part 1
 * before 2 before 3, then wizard order. An item answered done or does-not-
 * apply is never listed (the user's word wins over the evidence); an
 * unanswered item is listed only when the evidence says not done.
 * @suggestions: from otasuke_checklist_suggest_all(), or NULL to use the
 * findings kept with the run (otasuke_check_run_keep_findings()): this is
 * how Home and the results screen show the same list in the same order,
 * whatever the probes say later. The item's task (item->task) says what to do. */
GPtrArray        *otasuke_check_run_fix_first    (OtasukeCheckRun  *self,
                                                  OtasukeChecklist *checklist,
                                                  GHashTable       *suggestions,
                                                  guint             max_items);

/* What changed between two runs. */
typedef struct {
  char *item_id;
  OtasukeAnswer old_answer;  /* NONE: not answered before */
  OtasukeAnswer new_answer;  /* NONE: not answered now */
} OtasukeAnswerChange;

typedef struct {
  gint64 old_run_id;
  gint64 new_run_id;
  int old_score;             /* OTASUKE_SCORE_NONE when that run is unfinished */
  int new_score;
  int score_change;          /* new − old; 0 unless both are finished */
  GPtrArray *changes;        /* OtasukeAnswerChange*: in @checklist's order, then unknown ids sorted */
} OtasukeCheckRunDiff;

/* @checklist may be NULL (then changes are sorted by item id). */
OtasukeCheckRunDiff *otasuke_check_run_diff      (OtasukeCheckRun  *older,
                                                  OtasukeCheckRun  *newer,
                                                  OtasukeChecklist *checklist);
void              otasuke_check_run_diff_free    (OtasukeCheckRunDiff *diff);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeCheckRun, otasuke_check_run_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeFixItem, otasuke_fix_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeCheckRunDiff, otasuke_check_run_diff_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-checklist"

#include "config.h"

#include <glib/gi18n.h>

#include <stdlib.h>
#include <string.h>

#include "otasuke-check-run.h"

typedef struct {
  OtasukeAnswer answer;
  gboolean      from_suggestion;
} Answer;

struct _OtasukeCheckRun
{
  gatomicrefcount   ref_count;
  gint64            id;
  gint64            started_at;
  gint64            updated_at;
  gint64            finished_at;
  char             *checklist_version;
  GHashTable       *answers;  /* item id → Answer* */
  char             *probe_json;
  char             *findings;  /* "!id id …": what the evidence said not done, ! critical */
  char             *router_model;
  char             *router_firmware;
  int               score;
  OtasukeScoreBand  band;
};

/* Bands */

OtasukeScoreBand
otasuke_score_band_for_score (int score)
{
  if (score >= 100)
    return OTASUKE_SCORE_BAND_ACHIEVED;
  if (score >= 70)
    return OTASUKE_SCORE_BAND_SOME_GAPS;
  if (score >= 50)
    return OTASUKE_SCORE_BAND_INSUFFICIENT;
  return OTASUKE_SCORE_BAND_ACT_NOW;
}

const char *
otasuke_score_band_get_title (OtasukeScoreBand band)
{
  switch (band)
    {
    case OTASUKE_SCORE_BAND_ACHIEVED:
      /* Translators: the result of the check, score 100 */
      return _("Entry level achieved");
    case OTASUKE_SCORE_BAND_SOME_GAPS:
      /* Translators: the result of the check, score 70–99 */
      return _("Some gaps");
    case OTASUKE_SCORE_BAND_INSUFFICIENT:
      /* Translators: the result of the check, score 50–69 */
      return _("Not enough yet");
    case OTASUKE_SCORE_BAND_ACT_NOW:
    default:
      /* Translators: the result of the check, score 49 or less */
      return _("Act now");
    }
}

const char *
otasuke_score_band_get_meaning (OtasukeScoreBand band)
{
  switch (band)
    {
    case OTASUKE_SCORE_BAND_ACHIEVED:
      return _("You have the basic measures in place; keep them up and check again regularly.");
    case OTASUKE_SCORE_BAND_SOME_GAPS:
      return _("Most basics are in place, but some gaps remain; close them one by one.");
    case OTASUKE_SCORE_BAND_INSUFFICIENT:
      return _("Your measures are not enough yet; start with the items that scored lowest.");
    case OTASUKE_SCORE_BAND_ACT_NOW:
    default:
      return _("An incident could happen at any time; act on the items below now.");
    }
}

const char *
otasuke_score_band_to_string (OtasukeScoreBand band)
{
  switch (band)
    {
    case OTASUKE_SCORE_BAND_ACHIEVED:
      return "achieved";
    case OTASUKE_SCORE_BAND_SOME_GAPS:
      return "some-gaps";
    case OTASUKE_SCORE_BAND_INSUFFICIENT:
      return "insufficient";
    case OTASUKE_SCORE_BAND_ACT_NOW:
    default:
      return "act-now";
    }
}

/* The run */

OtasukeCheckRun *
otasuke_check_run_new (const char *checklist_version,
                       gint64      started_at)
{
  OtasukeCheckRun *self;

  g_return_val_if_fail (checklist_version != NULL, NULL);

  self = g_new0 (OtasukeCheckRun, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->checklist_version = g_strdup (checklist_version);
  self->started_at = started_at;
  self->updated_at = started_at;
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->score = OTASUKE_SCORE_NONE;
  self->band = OTASUKE_SCORE_BAND_ACT_NOW;
  return self;
}

OtasukeCheckRun *
otasuke_check_run_ref (OtasukeCheckRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
otasuke_check_run_unref (OtasukeCheckRun *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_hash_table_unref (self->answers);
  g_free (self->checklist_version);
  g_free (self->probe_json);
  g_free (self->findings);
  g_free (self->router_model);
  g_free (self->router_firmware);
  g_free (self);
}

OtasukeCheckRun *
otasuke_check_run_copy (OtasukeCheckRun *self)
{
  OtasukeCheckRun *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (self != NULL, NULL);

  copy = otasuke_check_run_new (self->checklist_version, self->started_at);
  copy->id = self->id;
  copy->updated_at = self->updated_at;
  copy->finished_at = self->finished_at;
  copy->probe_json = g_strdup (self->probe_json);
  copy->findings = g_strdup (self->findings);
  copy->router_model = g_strdup (self->router_model);
  copy->router_firmware = g_strdup (self->router_firmware);
  copy->score = self->score;
  copy->band = self->band;

  g_hash_table_iter_init (&iter, self->answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->answers, g_strdup (key), g_memdup2 (value, sizeof (Answer)));

  return copy;
}

gint64
otasuke_check_run_get_id (OtasukeCheckRun *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->id;
}

void
otasuke_check_run_set_id (OtasukeCheckRun *self,
                          gint64           id)
{
  g_return_if_fail (self != NULL);
  self->id = id;
}

gint64
otasuke_check_run_get_started_at (OtasukeCheckRun *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->started_at;
}

gint64
otasuke_check_run_get_updated_at (OtasukeCheckRun *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->updated_at;
}

void
otasuke_check_run_set_updated_at (OtasukeCheckRun *self,
                                  gint64           updated_at)
{
  g_return_if_fail (self != NULL);
  self->updated_at = updated_at;
}

gint64
otasuke_check_run_get_finished_at (OtasukeCheckRun *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->finished_at;
}

gboolean
otasuke_check_run_is_finished (OtasukeCheckRun *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->finished_at > 0;
}

const char *
otasuke_check_run_get_checklist_version (OtasukeCheckRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->checklist_version;
}

void
otasuke_check_run_set_answer (OtasukeCheckRun *self,
                              const char      *item_id,
                              OtasukeAnswer    answer,
                              gboolean         from_suggestion)
{
  Answer *a;

  g_return_if_fail (self != NULL);
  g_return_if_fail (item_id != NULL);
  g_return_if_fail (answer >= OTASUKE_ANSWER_NONE && answer <= OTASUKE_ANSWER_LAST);

  if (answer == OTASUKE_ANSWER_NONE)
    {
      g_hash_table_remove (self->answers, item_id);
      return;
    }

  a = g_new0 (Answer, 1);
  a->answer = answer;
  a->from_suggestion = !!from_suggestion;
  g_hash_table_replace (self->answers, g_strdup (item_id), a);
}

OtasukeAnswer
otasuke_check_run_get_answer (OtasukeCheckRun *self,
                              const char      *item_id,
                              gboolean        *from_suggestion)
{
  const Answer *a;

  g_return_val_if_fail (self != NULL, OTASUKE_ANSWER_NONE);
  g_return_val_if_fail (item_id != NULL, OTASUKE_ANSWER_NONE);

  a = g_hash_table_lookup (self->answers, item_id);
  if (from_suggestion != NULL)
    *from_suggestion = a != NULL && a->from_suggestion;
  return a != NULL ? a->answer : OTASUKE_ANSWER_NONE;
}

guint
otasuke_check_run_get_n_answers (OtasukeCheckRun *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return g_hash_table_size (self->answers);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * otasuke_check_run_get_answered_ids:
 *
 * Returns: (transfer container): the answered item ids, sorted, NULL-terminated
 */
const char **
otasuke_check_run_get_answered_ids (OtasukeCheckRun *self)
{
  const char **ids;
  guint n;

  g_return_val_if_fail (self != NULL, NULL);

  ids = (const char **) g_hash_table_get_keys_as_array (self->answers, &n);
  qsort (ids, n, sizeof (char *), compare_strings);
  return ids;
}

const OtasukeChecklistItem *
otasuke_check_run_next_unanswered (OtasukeCheckRun  *self,
                                   OtasukeChecklist *checklist)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (checklist != NULL, NULL);

  for (guint i = 0; i < otasuke_checklist_get_n_items (checklist); i++)
    {
      const OtasukeChecklistItem *item = otasuke_checklist_get_item (checklist, i);

      if (!g_hash_table_contains (self->answers, item->id))
        return item;
    }
  return NULL;
}

const char *
otasuke_check_run_get_probe_json (OtasukeCheckRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->probe_json;
}

void
otasuke_check_run_set_probe_json (OtasukeCheckRun *self,
                                  const char      *json)
{
  g_return_if_fail (self != NULL);

  if (json != self->probe_json)
    {
      g_free (self->probe_json);
      self->probe_json = g_strdup (json);
    }
}

const char *
otasuke_check_run_get_findings (OtasukeCheckRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->findings;
}

void
otasuke_check_run_set_findings (OtasukeCheckRun *self,
                                const char      *findings)
{
  g_return_if_fail (self != NULL);

  if (findings != self->findings)
    {
      g_free (self->findings);
      self->findings = findings != NULL && *findings != '\0' ? g_strdup (findings) : NULL;
    }
}

void
otasuke_check_run_keep_findings (OtasukeCheckRun  *self,
                                 OtasukeChecklist *checklist,
                                 GHashTable       *suggestions)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_if_fail (self != NULL);
  g_return_if_fail (checklist != NULL);

  for (guint i = 0; suggestions != NULL && i < otasuke_checklist_get_n_items (checklist); i++)
    {
      const OtasukeChecklistItem *item = otasuke_checklist_get_item (checklist, i);
      const OtasukeSuggestion *s = g_hash_table_lookup (suggestions, item->id);

      if (s == NULL || s->answer != OTASUKE_ANSWER_NOT_DONE)
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      if (s->critical)
        g_string_append_c (text, '!');
      g_string_append (text, item->id);
    }
  otasuke_check_run_set_findings (self, text->str);
}

/* What the kept findings say about @id: 0 nothing, 1 not done, 2 critical. */
static guint
kept_finding (const char *findings,
              const char *id)
{
  gsize len = strlen (id);

  for (const char *p = findings; p != NULL && *p != '\0';)
    {
      const char *end = strchr (p, ' ');
      gboolean critical = *p == '!';
      const char *start = critical ? p + 1 : p;
      gsize n = end != NULL ? (gsize) (end - start) : strlen (start);

      if (n == len && strncmp (start, id, len) == 0)
        return critical ? 2 : 1;
      p = end != NULL ? end + 1 : NULL;
    }
  return 0;
}

const char *
otasuke_check_run_get_router_model (OtasukeCheckRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->router_model;
}

const char *
otasuke_check_run_get_router_firmware (OtasukeCheckRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->router_firmware;
}

void
otasuke_check_run_set_router (OtasukeCheckRun *self,
                              const char      *model,
                              const char      *firmware)
{
  g_autofree char *new_model = NULL;
  g_autofree char *new_firmware = NULL;

  g_return_if_fail (self != NULL);

  /* Copy first: the arguments may be the run's own strings. */
  new_model = g_strdup (model != NULL && *model != '\0' ? model : NULL);
  new_firmware = g_strdup (firmware != NULL && *firmware != '\0' ? firmware : NULL);
  g_free (self->router_model);
  g_free (self->router_firmware);
  self->router_model = g_steal_pointer (&new_model);
  self->router_firmware = g_steal_pointer (&new_firmware);
}

/* Scoring */

/* @num / @den rounded to the nearest integer, halves away from zero. */
static int
divide_rounded (gint64 num,
                gint64 den)
{
  if (num >= 0)
    return (int) ((2 * num + den) / (2 * den));
  return (int) -((2 * -num + den) / (2 * den));
}

void
otasuke_check_run_compute_score (OtasukeCheckRun  *self,
                                 OtasukeChecklist *checklist,
                                 OtasukeScore     *score)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (checklist != NULL);
  g_return_if_fail (score != NULL);

  memset (score, 0, sizeof *score);
  for (guint i = 0; i < otasuke_checklist_get_n_items (checklist); i++)
    {
      const OtasukeChecklistItem *item = otasuke_checklist_get_item (checklist, i);
      OtasukeAnswer answer;

      if (item->ipa_number == 0)
        continue;

      answer = otasuke_check_run_get_answer (self, item->id, NULL);
      if (answer == OTASUKE_ANSWER_NOT_APPLICABLE && item->not_applicable_label != NULL)
        {
          score->n_not_applicable++;
          continue;
        }

      score->n_applicable++;
      if (answer == OTASUKE_ANSWER_NONE || answer == OTASUKE_ANSWER_NOT_APPLICABLE)
        {
          score->n_unanswered++;
          answer = OTASUKE_ANSWER_DONT_KNOW;
        }
      score->points += otasuke_answer_get_points (answer);
    }

  /* Scaled to 100: each applicable item is worth 100 / n_applicable. */
  if (score->n_applicable > 0)
    score->score = divide_rounded ((gint64) score->points * 25, score->n_applicable);
  score->band = otasuke_score_band_for_score (score->score);
}

void
otasuke_check_run_finish (OtasukeCheckRun  *self,
                          OtasukeChecklist *checklist,
                          gint64            now)
{
  OtasukeScore score;

  g_return_if_fail (self != NULL);
  g_return_if_fail (checklist != NULL);

  otasuke_check_run_compute_score (self, checklist, &score);
  self->score = score.score;
  self->band = score.band;
  self->finished_at = MAX (now, 1);
}

void
otasuke_check_run_set_finished (OtasukeCheckRun *self,
                                gint64           finished_at,
                                int              score)
{
  g_return_if_fail (self != NULL);

  if (finished_at <= 0)
    {
      self->finished_at = 0;
      self->score = OTASUKE_SCORE_NONE;
      self->band = OTASUKE_SCORE_BAND_ACT_NOW;
      return;
    }

  self->finished_at = finished_at;
  self->score = CLAMP (score, -25, 100);
  self->band = otasuke_score_band_for_score (self->score);
}

int
otasuke_check_run_get_score (OtasukeCheckRun *self)
{
  g_return_val_if_fail (self != NULL, OTASUKE_SCORE_NONE);
  return self->finished_at > 0 ? self->score : OTASUKE_SCORE_NONE;
}

OtasukeScoreBand
otasuke_check_run_get_band (OtasukeCheckRun *self)
{
  g_return_val_if_fail (self != NULL, OTASUKE_SCORE_BAND_ACT_NOW);
  return self->finished_at > 0 ? self->band : OTASUKE_SCORE_BAND_ACT_NOW;
}

/* What to fix first */

void
otasuke_fix_item_free (OtasukeFixItem *fix)
{
  if (fix == NULL)
    return;

  g_free (fix->reason);
  g_free (fix->steps);
  g_free (fix);
}

typedef struct {
  OtasukeFixItem *fix;
  guint           tier;
  guint           index;  /* wizard order */
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a;
  const Candidate *cb = b;

  if (ca->tier != cb->tier)
    return ca->tier < cb->tier ? -1 : 1;
  if (ca->fix->item->part != cb->fix->item->part)
    return ca->fix->item->part < cb->fix->item->part ? -1 : 1;
  return ca->index < cb->index ? -1 : (ca->index > cb->index);
}

/**
 * otasuke_check_run_fix_first:
 *
 * Returns: (transfer full) (element-type OtasukeFixItem): at most @max_items
 */
GPtrArray *
otasuke_check_run_fix_first (OtasukeCheckRun  *self,
                             OtasukeChecklist *checklist,
                             GHashTable       *suggestions,
                             guint             max_items)
{
  g_autoptr(GArray) candidates = NULL;
  GPtrArray *result;
  OtasukeEntered entered = OTASUKE_ENTERED_NONE;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (checklist != NULL, NULL);

  if (self->router_model != NULL && *self->router_model != '\0')
    entered |= OTASUKE_ENTERED_ROUTER_MODEL;

  candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  for (guint i = 0; i < otasuke_checklist_get_n_items (checklist); i++)
    {
      const OtasukeChecklistItem *item = otasuke_checklist_get_item (checklist, i);
      const OtasukeSuggestion *s = suggestions != NULL ? g_hash_table_lookup (suggestions, item->id) : NULL;
      OtasukeAnswer answer = otasuke_check_run_get_answer (self, item->id, NULL);
      gboolean automatic;
      gboolean critical;
      OtasukeEntered item_entered = entered;
      Candidate c;

      /* The user's word wins over the evidence. */
      if (answer == OTASUKE_ANSWER_DONE ||
          (answer == OTASUKE_ANSWER_NOT_APPLICABLE && item->not_applicable_label != NULL))
        continue;

      /* Without suggestions, what the evidence said when the run was kept. */
      if (suggestions != NULL)
        {
          automatic = s != NULL && s->answer == OTASUKE_ANSWER_NOT_DONE;
          critical = automatic && s->critical;
        }
      else
        {
          guint kept = kept_finding (self->findings, item->id);

          automatic = kept > 0;
          critical = kept == 2;
        }
      if (critical)
        c.tier = 0;
      else if (automatic)
        c.tier = 1;
      else if (answer == OTASUKE_ANSWER_NOT_DONE)
        c.tier = 2;
      else if (answer == OTASUKE_ANSWER_PARTLY)
        c.tier = 3;
      else if (answer == OTASUKE_ANSWER_DONT_KNOW)
        c.tier = 4;
      else
        continue;

      c.index = i;
      c.fix = g_new0 (OtasukeFixItem, 1);
      c.fix->item = item;
      c.fix->answer = answer;
      c.fix->automatic = automatic;
      c.fix->critical = critical;
      c.fix->reason = s != NULL ? g_strdup (s->reason) : NULL;
      /* A finding about the website or mail domain comes from what was entered. */
      if (automatic && item->evidence == OTASUKE_EVIDENCE_WEBSITE)
        item_entered |= OTASUKE_ENTERED_WEBSITE;
      if (automatic && item->evidence == OTASUKE_EVIDENCE_MAIL_DOMAIN)
        item_entered |= OTASUKE_ENTERED_MAIL_DOMAIN;
      c.fix->steps = otasuke_checklist_item_get_steps (item, item_entered);
      g_array_append_val (candidates, c);
    }

  g_array_sort (candidates, compare_candidates);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_fix_item_free);
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);

      if (result->len < max_items)
        g_ptr_array_add (result, c->fix);
      else
        otasuke_fix_item_free (c->fix);
    }
  return result;
}

/* Differences */

static void
answer_change_free (OtasukeAnswerChange *change)
{
  g_free (change->item_id);
  g_free (change);
}

void
otasuke_check_run_diff_free (OtasukeCheckRunDiff *diff)
{
  if (diff == NULL)
    return;

  g_clear_pointer (&diff->changes, g_ptr_array_unref);
  g_free (diff);
}

static void
add_change_if_any (OtasukeCheckRunDiff *diff,
                   OtasukeCheckRun     *older,
                   OtasukeCheckRun     *newer,
                   const char          *item_id)
{
  OtasukeAnswer old_answer = otasuke_check_run_get_answer (older, item_id, NULL);
  OtasukeAnswer new_answer = otasuke_check_run_get_answer (newer, item_id, NULL);
  OtasukeAnswerChange *change;

  if (old_answer == new_answer)
    return;

  change = g_new0 (OtasukeAnswerChange, 1);
  change->item_id = g_strdup (item_id);
  change->old_answer = old_answer;
  change->new_answer = new_answer;
  g_ptr_array_add (diff->changes, change);
}

/**
 * otasuke_check_run_diff:
 *
 * Returns: (transfer full): what changed from @older to @newer
 */
OtasukeCheckRunDiff *
otasuke_check_run_diff (OtasukeCheckRun  *older,
                        OtasukeCheckRun  *newer,
                        OtasukeChecklist *checklist)
{
  g_autoptr(GHashTable) ids = NULL;
  g_autofree const char **rest = NULL;
  OtasukeCheckRunDiff *diff;
  GHashTableIter iter;
  gpointer key;
  guint n_rest;

  g_return_val_if_fail (older != NULL, NULL);
  g_return_val_if_fail (newer != NULL, NULL);

  diff = g_new0 (OtasukeCheckRunDiff, 1);
  diff->old_run_id = older->id;
  diff->new_run_id = newer->id;
  diff->old_score = otasuke_check_run_get_score (older);
  diff->new_score = otasuke_check_run_get_score (newer);
  if (diff->old_score != OTASUKE_SCORE_NONE && diff->new_score != OTASUKE_SCORE_NONE)
    diff->score_change = diff->new_score - diff->old_score;
  diff->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) answer_change_free);

  /* Every id either run answered; the checklist's first, in its order. */
  ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&iter, older->answers);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (ids, key);
  g_hash_table_iter_init (&iter, newer->answers);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (ids, key);

  for (guint i = 0; checklist != NULL && i < otasuke_checklist_get_n_items (checklist); i++)
    {
      const OtasukeChecklistItem *item = otasuke_checklist_get_item (checklist, i);

      if (g_hash_table_remove (ids, item->id))
        add_change_if_any (diff, older, newer, item->id);
    }

  rest = (const char **) g_hash_table_get_keys_as_array (ids, &n_rest);
  qsort (rest, n_rest, sizeof (char *), compare_strings);
  for (guint i = 0; i < n_rest; i++)
    add_change_if_any (diff, older, newer, rest[i]);

  return diff;
}

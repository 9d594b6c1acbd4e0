/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-action"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-json.h"
#include "otasuke-security-action.h"
#include "otasuke-store-runs.h"

static const struct {
  const char *id;
  const char *item_id;
  const char *title;
} principles[] = {
  { "principle-updates", "ipa-01", N_("Keep the operating system and software up to date (routers too)") },
  { "principle-antivirus", "ipa-02", N_("Use antivirus software and keep it current") },
  { "principle-passwords", "ipa-03", N_("Use long, strong passwords") },
  { "principle-sharing", "ipa-04", N_("Review sharing settings (cloud, NAS, printers, cameras)") },
  { "principle-threats", "ipa-05", N_("Keep up with threats and attack methods") },
};

static void
need_free (OtasukeActionNeed *need)
{
  g_free (need->title);
  g_free (need->evidence);
  g_free (need);
}

void
otasuke_action_readiness_free (OtasukeActionReadiness *readiness)
{
  if (readiness == NULL)
    return;
  g_ptr_array_unref (readiness->needs);
  g_free (readiness);
}

static OtasukeActionNeed *
add_need (OtasukeActionReadiness *readiness,
          const char             *id,
          const char             *title,
          gboolean                two_star)
{
  OtasukeActionNeed *need = g_new0 (OtasukeActionNeed, 1);

  need->id = id;
  need->title = g_strdup (title);
  need->two_star = two_star;
  g_ptr_array_add (readiness->needs, need);
  return need;
}

static void
judge_principle (OtasukeActionNeed *need,
                 const char        *item_id,
                 OtasukeCheckRun   *run,
                 gboolean           confirmed)
{
  OtasukeAnswer answer = run != NULL ? otasuke_check_run_get_answer (run, item_id, NULL) : OTASUKE_ANSWER_NONE;

  need->confirmable = TRUE;
  need->confirmed = confirmed;
  need->met = confirmed || answer == OTASUKE_ANSWER_DONE;

  if (confirmed)
    need->evidence = g_strdup (_("You confirmed that the company does this."));
  else if (run == NULL)
    need->evidence = g_strdup (_("No check has been finished yet: do the check, or confirm it yourself."));
  else if (answer == OTASUKE_ANSWER_DONE)
    need->evidence = g_strdup (_("The latest check says this is done."));
  else if (answer == OTASUKE_ANSWER_NONE)
    need->evidence = g_strdup (_("The latest check left this question unanswered."));
  else
    /* Translators: the answer given in the latest check, e.g. "Partly" */
    need->evidence = g_strdup_printf (_("The latest check says: %s."), otasuke_answer_get_label (answer));
}

OtasukeActionReadiness *
otasuke_action_readiness_compute (OtasukeCheckRun    *latest_finished,
                                  OtasukeChecklist   *checklist,
                                  const char * const *confirmed,
                                  gboolean            policy_drafted,
                                  gboolean            policy_published)
{
  OtasukeActionReadiness *readiness = g_new0 (OtasukeActionReadiness, 1);
  OtasukeCheckRun *run = latest_finished;
  OtasukeActionNeed *need;

  g_return_val_if_fail (run == NULL || checklist != NULL, NULL);

  if (run != NULL && !otasuke_check_run_is_finished (run))
    run = NULL;

  readiness->needs = g_ptr_array_new_with_free_func ((GDestroyNotify) need_free);
  readiness->one_star_ready = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (principles); i++)
    {
      need = add_need (readiness, principles[i].id, _(principles[i].title), FALSE);
      judge_principle (need, principles[i].item_id, run,
                       confirmed != NULL && g_strv_contains (confirmed, principles[i].id));
      readiness->one_star_ready &= need->met;
    }

  need = add_need (readiness, "self-assessment", _("Do IPA’s 5-minute self-assessment (Otasuke’s check)"), TRUE);
  if (run == NULL)
    need->evidence = g_strdup (_("No check has been finished yet."));
  else
    {
      OtasukeScore score;

      otasuke_check_run_compute_score (run, checklist, &score);
      need->met = score.n_unanswered == 0;
      if (need->met)
        /* Translators: the score of the latest check, out of 100 */
        need->evidence = g_strdup_printf (_("Done: %d of 100 in the latest check."), otasuke_check_run_get_score (run));
      else
        need->evidence = g_strdup_printf (_("The latest check left %u of IPA’s questions unanswered."),
                                          score.n_unanswered);
    }

  need = add_need (readiness, "policy-drafted", _("Draft a basic information security policy"), TRUE);
  need->met = policy_drafted;
  need->evidence = g_strdup (policy_drafted ? _("A complete draft is saved.")
                                            : _("No complete draft yet: it needs the company name, the "
                                                "representative, the date and every section."));

  need = add_need (readiness, "policy-published", _("Publish the policy (website, notice board)"), TRUE);
  need->met = policy_published;
  need->evidence = g_strdup (policy_published ? _("Marked as published.")
                                              : _("Not marked as published yet."));

  readiness->two_star_ready = TRUE;
  for (guint i = 0; i < readiness->needs->len; i++)
    readiness->two_star_ready &= ((OtasukeActionNeed *) g_ptr_array_index (readiness->needs, i))->met;

  return readiness;
}

GPtrArray *
otasuke_action_readiness_missing (const OtasukeActionReadiness *readiness,
                                  int                           level)
{
  GPtrArray *missing = g_ptr_array_new ();

  g_return_val_if_fail (readiness != NULL, missing);

  for (guint i = 0; i < readiness->needs->len; i++)
    {
      const OtasukeActionNeed *need = g_ptr_array_index (readiness->needs, i);

      if (!need->met && (level >= 2 || !need->two_star))
        g_ptr_array_add (missing, (gpointer) need->id);
    }
  return missing;
}

char *
otasuke_action_readiness_to_json (const OtasukeActionReadiness *readiness)
{
  g_autoptr(json_t) root = json_object ();

  g_return_val_if_fail (readiness != NULL, NULL);

  for (int level = 1; level <= 2; level++)
    {
      g_autoptr(GPtrArray) missing = otasuke_action_readiness_missing (readiness, level);
      json_t *star = otasuke_json_set (root, level == 1 ? "one_star" : "two_star", json_object ());
      json_t *array;

      otasuke_json_set_bool (star, "ready", level == 1 ? readiness->one_star_ready : readiness->two_star_ready);
      array = otasuke_json_set (star, "missing", json_array ());
      for (guint i = 0; i < missing->len; i++)
        json_array_append_new (array, otasuke_json_string_new (g_ptr_array_index (missing, i)));
    }
  return otasuke_json_to_string (root, FALSE);
}

const char *
otasuke_action_level_name (int level)
{
  return level == 2 ? _("★★ Two stars") : _("★ One star");
}

/* The state in the store */

void
otasuke_action_state_free (OtasukeActionState *state)
{
  if (state == NULL)
    return;
  g_clear_pointer (&state->readiness, otasuke_action_readiness_free);
  g_clear_pointer (&state->profile, otasuke_company_profile_free);
  g_clear_pointer (&state->policy, otasuke_policy_free);
  g_clear_pointer (&state->policies, g_ptr_array_unref);
  g_clear_pointer (&state->declaration, otasuke_declaration_free);
  g_free (state);
}

OtasukeActionState *
otasuke_action_state_load (OtasukeStore      *store,
                           OtasukeChecklist  *checklist,
                           GError           **error)
{
  g_autoptr(OtasukeActionState) state = g_new0 (OtasukeActionState, 1);
  g_autoptr(OtasukeChecklist) own_checklist = NULL;
  g_autoptr(OtasukeCheckRun) run = NULL;
  g_autoptr(GPtrArray) policies = NULL;
  g_auto(GStrv) confirmed = NULL;
  GError *local_error = NULL;
  gboolean drafted = FALSE;
  gboolean published = FALSE;

  g_return_val_if_fail (OTASUKE_IS_STORE (store), NULL);

  run = otasuke_store_load_previous_check_run (store, 0, &local_error);
  if (local_error != NULL)
    goto failed;
  if (run != NULL && checklist == NULL)
    {
      own_checklist = otasuke_checklist_new_from_resource (&local_error);
      if (own_checklist == NULL)
        goto failed;
      checklist = own_checklist;
    }
  confirmed = otasuke_store_list_action_confirmations (store, &local_error);
  if (confirmed == NULL)
    goto failed;
  policies = otasuke_store_list_policies (store, &local_error);
  if (policies == NULL)
    goto failed;
  for (guint i = 0; i < policies->len; i++)
    {
      const OtasukePolicy *policy = g_ptr_array_index (policies, i);

      drafted |= otasuke_policy_is_complete (policy);
      published |= policy->published_at > 0;
    }
  state->profile = otasuke_store_load_company_profile (store, &local_error);
  if (state->profile == NULL)
    goto failed;
  state->declaration = otasuke_store_load_latest_declaration (store, &local_error);
  if (local_error != NULL)
    goto failed;

  state->readiness = otasuke_action_readiness_compute (run, checklist, (const char * const *) confirmed,
                                                       drafted, published);
  if (policies->len > 0)
    state->policy = otasuke_policy_copy (g_ptr_array_index (policies, 0));
  state->policies = g_steal_pointer (&policies);
  return g_steal_pointer (&state);

failed:
  g_propagate_error (error, local_error);
  return NULL;
}

static void
load_state_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GError *error = NULL;
  OtasukeActionState *state;

  if (g_task_return_error_if_cancelled (task))
    return;
  state = otasuke_action_state_load (task_data, NULL, &error);
  if (state != NULL)
    g_task_return_pointer (task, state, (GDestroyNotify) otasuke_action_state_free);
  else
    g_task_return_error (task, error);
}

void
otasuke_action_state_load_async (OtasukeStore        *store,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (OTASUKE_IS_STORE (store));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, otasuke_action_state_load_async);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, load_state_in_thread);
}

OtasukeActionState *
otasuke_action_state_load_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == otasuke_action_state_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

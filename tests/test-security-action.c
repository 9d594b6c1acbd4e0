/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-security-action"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "otasuke-policy-render.h"
#include "otasuke-security-action.h"
#include "otasuke-sheet-render.h"
#include "otasuke-store-action.h"
#include "otasuke-store-runs.h"
#include "test-util.h"

/* SECURITY ACTION: what ★ and ★★ still need for several answer sets, the
 * profile, drafts, confirmations and declarations surviving a restart of
 * the store (a real SQLite file), and the policy's PDF. */

static OtasukeChecklist *
load_checklist (void)
{
  g_autoptr(GError) error = NULL;
  OtasukeChecklist *checklist = otasuke_checklist_new_from_resource (&error);

  g_assert_no_error (error);
  return checklist;
}

/* A finished run with every IPA question answered @answer, then @overrides
 * ("ipa-04", "partly", …, NULL; "none" removes the answer). */
static OtasukeCheckRun *
make_run (OtasukeChecklist *checklist,
          OtasukeAnswer     answer,
          ...)
{
  OtasukeCheckRun *run = otasuke_check_run_new (otasuke_checklist_get_version (checklist), 1700000000);
  va_list args;
  const char *id;

  for (guint i = 0; i < otasuke_checklist_get_n_items (checklist); i++)
    {
      const OtasukeChecklistItem *item = otasuke_checklist_get_item (checklist, i);

      if (item->ipa_number > 0)
        otasuke_check_run_set_answer (run, item->id, answer, FALSE);
    }

  va_start (args, answer);
  while ((id = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      otasuke_check_run_set_answer (run, id, otasuke_answer_from_string (value), FALSE);
    }
  va_end (args);

  otasuke_check_run_finish (run, checklist, 1700000600);
  return run;
}

static char *
missing_joined (const OtasukeActionReadiness *readiness,
                int                           level)
{
  g_autoptr(GPtrArray) missing = otasuke_action_readiness_missing (readiness, level);

  g_ptr_array_add (missing, NULL);
  return g_strjoinv (" ", (char **) missing->pdata);
}

static const OtasukeActionNeed *
find_need (const OtasukeActionReadiness *readiness,
           const char                   *id)
{
  for (guint i = 0; i < readiness->needs->len; i++)
    {
      const OtasukeActionNeed *need = g_ptr_array_index (readiness->needs, i);

      if (g_str_equal (need->id, id))
        return need;
    }
  g_assert_not_reached ();
}

static void
test_readiness_answer_sets (void)
{
  g_autoptr(OtasukeChecklist) checklist = load_checklist ();
  static const char * const all_five[] = {
    "principle-updates", "principle-antivirus", "principle-passwords", "principle-sharing", "principle-threats", NULL,
  };
  static const char * const sharing[] = { "principle-sharing", NULL };

  /* Nothing yet: every principle, the self-assessment and the policy. */
  {
    g_autoptr(OtasukeActionReadiness) r = otasuke_action_readiness_compute (NULL, NULL, NULL, FALSE, FALSE);
    g_autofree char *one = missing_joined (r, 1);
    g_autofree char *two = missing_joined (r, 2);

    g_assert_false (r->one_star_ready);
    g_assert_false (r->two_star_ready);
    g_assert_cmpstr (one, ==, "principle-updates principle-antivirus principle-passwords principle-sharing principle-threats");
    g_assert_cmpstr (two, ==, "principle-updates principle-antivirus principle-passwords principle-sharing principle-threats "
                              "self-assessment policy-drafted policy-published");
    g_assert_nonnull (strstr (find_need (r, "principle-sharing")->evidence, "No check has been finished yet"));
    g_assert_true (find_need (r, "principle-sharing")->confirmable);
    g_assert_false (find_need (r, "self-assessment")->confirmable);
  }

  /* The user's own word for all five, still no check: ★ is ready, ★★ is not. */
  {
    g_autoptr(OtasukeActionReadiness) r = otasuke_action_readiness_compute (NULL, NULL, all_five, FALSE, FALSE);
    g_autofree char *two = missing_joined (r, 2);

    g_assert_true (r->one_star_ready);
    g_assert_false (r->two_star_ready);
    g_assert_cmpstr (two, ==, "self-assessment policy-drafted policy-published");
    g_assert_true (find_need (r, "principle-updates")->confirmed);
  }

  /* A check with everything done: ★ from the evidence alone; ★★ waits for the policy. */
  {
    g_autoptr(OtasukeCheckRun) run = make_run (checklist, OTASUKE_ANSWER_DONE, NULL);
    g_autoptr(OtasukeActionReadiness) r = otasuke_action_readiness_compute (run, checklist, NULL, FALSE, FALSE);
    g_autofree char *two = missing_joined (r, 2);

    g_assert_true (r->one_star_ready);
    g_assert_cmpstr (two, ==, "policy-drafted policy-published");
    g_assert_cmpstr (find_need (r, "principle-antivirus")->evidence, ==, "The latest check says this is done.");
    g_assert_cmpstr (find_need (r, "self-assessment")->evidence, ==, "Done: 100 of 100 in the latest check.");
    g_assert_false (find_need (r, "principle-antivirus")->confirmed);
  }

  /* Sharing only partly done, passwords not done: those two are missing
   * until confirmed; a confirmation wins over the check's answer. */
  {
    g_autoptr(OtasukeCheckRun) run = make_run (checklist, OTASUKE_ANSWER_DONE,
                                               "ipa-04", "partly", "ipa-03", "not-done", NULL);
    g_autoptr(OtasukeActionReadiness) r = otasuke_action_readiness_compute (run, checklist, NULL, TRUE, TRUE);
    g_autoptr(OtasukeActionReadiness) confirmed = otasuke_action_readiness_compute (run, checklist, sharing, TRUE, TRUE);
    g_autofree char *one = missing_joined (r, 1);
    g_autofree char *two = missing_joined (r, 2);
    g_autofree char *after = missing_joined (confirmed, 2);

    g_assert_false (r->one_star_ready);
    g_assert_cmpstr (one, ==, "principle-passwords principle-sharing");
    g_assert_cmpstr (two, ==, "principle-passwords principle-sharing");
    g_assert_cmpstr (find_need (r, "principle-sharing")->evidence, ==, "The latest check says: Partly.");
    g_assert_cmpstr (after, ==, "principle-passwords");
    g_assert_false (confirmed->two_star_ready);
  }

  /* An IPA question left unanswered: the self-assessment is not done. */
  {
    g_autoptr(OtasukeCheckRun) run = make_run (checklist, OTASUKE_ANSWER_DONE, "ipa-17", "none", NULL);
    g_autoptr(OtasukeActionReadiness) r = otasuke_action_readiness_compute (run, checklist, NULL, TRUE, TRUE);
    g_autofree char *two = missing_joined (r, 2);

    g_assert_true (r->one_star_ready);
    g_assert_cmpstr (two, ==, "self-assessment");
    g_assert_cmpstr (find_need (r, "self-assessment")->evidence, ==,
                     "The latest check left 1 of IPA’s questions unanswered.");
  }

  /* Everything: both ready, nothing missing. */
  {
    g_autoptr(OtasukeCheckRun) run = make_run (checklist, OTASUKE_ANSWER_DONE, NULL);
    g_autoptr(OtasukeActionReadiness) r = otasuke_action_readiness_compute (run, checklist, NULL, TRUE, TRUE);
    g_autofree char *json = otasuke_action_readiness_to_json (r);

    g_assert_true (r->one_star_ready);
    g_assert_true (r->two_star_ready);
    g_assert_cmpstr (json, ==, "{\"one_star\":{\"ready\":true,\"missing\":[]},\"two_star\":{\"ready\":true,\"missing\":[]}}");
  }

  /* An unfinished run is no evidence. */
  {
    g_autoptr(OtasukeCheckRun) run = otasuke_check_run_new (otasuke_checklist_get_version (checklist), 1700000000);
    g_autoptr(OtasukeActionReadiness) r = NULL;

    otasuke_check_run_set_answer (run, "ipa-01", OTASUKE_ANSWER_DONE, FALSE);
    r = otasuke_action_readiness_compute (run, checklist, NULL, FALSE, FALSE);
    g_assert_false (find_need (r, "principle-updates")->met);
  }
}

static void
test_readiness_json (void)
{
  static const char * const confirmed[] = { "principle-updates", "principle-antivirus", "principle-passwords",
                                            "principle-threats", NULL };
  g_autoptr(OtasukeActionReadiness) r = otasuke_action_readiness_compute (NULL, NULL, confirmed, TRUE, FALSE);
  g_autofree char *json = otasuke_action_readiness_to_json (r);

  g_assert_cmpstr (json, ==,
                   "{\"one_star\":{\"ready\":false,\"missing\":[\"principle-sharing\"]},"
                   "\"two_star\":{\"ready\":false,\"missing\":[\"principle-sharing\",\"self-assessment\","
                   "\"policy-published\"]}}");
}

static void
test_policy_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukePolicy) policy = otasuke_policy_new_from_template (&error);
  g_autoptr(OtasukeCompanyProfile) profile = otasuke_company_profile_new ();
  /* IPA's sample order, with continuous improvement last. */
  static const char * const ids[] = { "management", "organisation", "employees", "compliance", "incidents", "improvement" };

  g_assert_no_error (error);
  g_assert_cmpuint (policy->sections->len, ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const OtasukePolicySection *section = g_ptr_array_index (policy->sections, i);

      g_assert_cmpstr (section->id, ==, ids[i]);
      g_assert_cmpstr (section->heading, !=, "");
      g_assert_cmpstr (section->body, !=, "");
      /* Whitespace collapsed as xgettext does, so the msgid matches. */
      g_assert_null (strstr (section->body, "  "));
      g_assert_null (strchr (section->body, '\n'));
    }
  g_assert_cmpstr (policy->title, ==, "Basic Information Security Policy");
  g_assert_false (otasuke_policy_is_complete (policy));

  otasuke_company_profile_set (profile, &profile->company_name, "有限会社さくら商店");
  otasuke_company_profile_set (profile, &profile->representative, "代表取締役 佐倉花子");
  otasuke_policy_fill (policy, profile, "2026-04-01");
  g_assert_cmpstr (policy->company_name, ==, "有限会社さくら商店");
  g_assert_true (otasuke_policy_is_complete (policy));

  /* What the user typed is kept when filling again. */
  otasuke_policy_set_text (&policy->representative, "代表 佐倉太郎");
  otasuke_policy_fill (policy, profile, "2027-01-01");
  g_assert_cmpstr (policy->representative, ==, "代表 佐倉太郎");
  g_assert_cmpstr (policy->enacted_on, ==, "2026-04-01");

  /* An emptied section makes the draft incomplete again. */
  otasuke_policy_set_text (&((OtasukePolicySection *) g_ptr_array_index (policy->sections, 4))->body, "  \n");
  g_assert_false (otasuke_policy_is_complete (policy));

  g_assert_true (otasuke_policy_date_is_valid ("2028-02-29"));
  g_assert_false (otasuke_policy_date_is_valid ("2027-02-29"));
  g_assert_false (otasuke_policy_date_is_valid ("2026-4-1"));
  g_assert_false (otasuke_policy_date_is_valid ("2026-04-01x"));
  g_assert_false (otasuke_policy_date_is_valid (NULL));
}

/* Everything written through one store, read back through a new one on the
 * same file, as after a restart. */
static void
test_store_survives_restart (void)
{
  g_autofree char *dir = g_dir_make_tmp ("otasuke-action-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "otasuke.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeChecklist) checklist = load_checklist ();
  gint64 first_id, second_id;

  {
    g_autoptr(OtasukeStore) store = otasuke_store_open (path, &error);
    g_autoptr(OtasukeCompanyProfile) profile = otasuke_company_profile_new ();
    g_autoptr(OtasukePolicy) policy = otasuke_policy_new_from_template (&error);
    g_autoptr(OtasukePolicy) second = NULL;
    g_autoptr(OtasukeCheckRun) run = make_run (checklist, OTASUKE_ANSWER_DONE, "ipa-04", "partly", NULL);

    g_assert_no_error (error);
    otasuke_company_profile_set (profile, &profile->company_name, "有限会社さくら商店");
    otasuke_company_profile_set (profile, &profile->representative, "代表取締役 佐倉花子");
    otasuke_company_profile_set (profile, &profile->phone, "043-000-0000");
    g_assert_true (otasuke_store_save_company_profile (store, profile, 1700000000, &error));
    g_assert_no_error (error);

    otasuke_policy_fill (policy, profile, "2026-04-01");
    otasuke_policy_set_text (&((OtasukePolicySection *) g_ptr_array_index (policy->sections, 0))->body,
                             "経営者が先頭に立って取り組みます。");
    g_assert_true (otasuke_store_save_policy (store, policy, 1700000100, &error));
    g_assert_no_error (error);
    first_id = policy->id;
    g_assert_cmpint (first_id, >, 0);

    /* A second draft, published. */
    second = otasuke_policy_copy (policy);
    second->id = 0;
    second->created_at = 0;
    second->published_at = 1700000300;
    otasuke_policy_set_text (&second->published_where, "https://example.test/security");
    g_assert_true (otasuke_store_save_policy (store, second, 1700000200, &error));
    g_assert_no_error (error);
    second_id = second->id;
    g_assert_cmpint (second_id, !=, first_id);

    g_assert_true (otasuke_store_set_action_confirmation (store, "principle-sharing", TRUE, 1700000400, &error));
    g_assert_true (otasuke_store_set_action_confirmation (store, "principle-threats", TRUE, 1700000400, &error));
    g_assert_true (otasuke_store_set_action_confirmation (store, "principle-threats", FALSE, 1700000401, &error));
    g_assert_no_error (error);
    g_assert_false (otasuke_store_set_action_confirmation (store, "everything", TRUE, 1700000400, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);

    g_assert_true (otasuke_store_add_declaration (store, 2, "2026-05-10", " 1234567890 ", 1700000500, &error));
    g_assert_no_error (error);
    g_assert_false (otasuke_store_add_declaration (store, 3, "2026-05-10", "", 1700000500, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_assert_false (otasuke_store_add_declaration (store, 1, "10 May 2026", "", 1700000500, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "year-month-day"));
    g_clear_error (&error);

    g_assert_true (otasuke_store_save_check_run (store, run, 1700000600, &error));
    g_assert_no_error (error);
  }

  /* The database stays the user's alone. */
  test_assert_mode (path, 0600);

  {
    g_autoptr(OtasukeStore) store = otasuke_store_open (path, &error);
    g_autoptr(OtasukeCompanyProfile) profile = NULL;
    g_autoptr(GPtrArray) policies = NULL;
    g_autoptr(OtasukePolicy) first = NULL;
    g_autoptr(OtasukeDeclaration) declaration = NULL;
    g_autoptr(OtasukeActionState) state = NULL;
    g_autoptr(OtasukeSheetCheckSummary) summary = NULL;
    g_auto(GStrv) confirmed = NULL;
    g_autofree char *json = NULL;

    g_assert_no_error (error);
    profile = otasuke_store_load_company_profile (store, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (profile->company_name, ==, "有限会社さくら商店");
    g_assert_cmpstr (profile->representative, ==, "代表取締役 佐倉花子");
    g_assert_cmpstr (profile->phone, ==, "043-000-0000");
    g_assert_cmpstr (profile->email, ==, "");

    policies = otasuke_store_list_policies (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (policies->len, ==, 2);
    g_assert_cmpint (((OtasukePolicy *) g_ptr_array_index (policies, 0))->id, ==, second_id);
    first = otasuke_store_load_policy (store, first_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (((OtasukePolicySection *) g_ptr_array_index (first->sections, 0))->body, ==,
                     "経営者が先頭に立って取り組みます。");
    g_assert_cmpstr (first->enacted_on, ==, "2026-04-01");
    g_assert_cmpint (first->published_at, ==, 0);
    g_assert_cmpint (first->created_at, ==, 1700000100);
    g_assert_cmpuint (first->sections->len, ==, 6);
    g_assert_cmpint (((OtasukePolicy *) g_ptr_array_index (policies, 0))->published_at, ==, 1700000300);
    g_assert_cmpstr (((OtasukePolicy *) g_ptr_array_index (policies, 0))->published_where, ==,
                     "https://example.test/security");

    confirmed = otasuke_store_list_action_confirmations (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (confirmed), ==, 1);
    g_assert_cmpstr (confirmed[0], ==, "principle-sharing");

    declaration = otasuke_store_load_latest_declaration (store, &error);
    g_assert_no_error (error);
    g_assert_cmpint (declaration->level, ==, 2);
    g_assert_cmpstr (declaration->declared_on, ==, "2026-05-10");
    g_assert_cmpstr (declaration->number, ==, "1234567890");

    /* Put together: the check (sharing partly, but confirmed), the drafts. */
    state = otasuke_action_state_load (store, checklist, &error);
    g_assert_no_error (error);
    json = otasuke_action_readiness_to_json (state->readiness);
    g_assert_cmpstr (json, ==, "{\"one_star\":{\"ready\":true,\"missing\":[]},\"two_star\":{\"ready\":true,\"missing\":[]}}");
    g_assert_cmpint (state->policy->id, ==, second_id);
    g_assert_cmpint (state->declaration->level, ==, 2);

    /* The consultation sheet carries the declaration. */
    summary = otasuke_sheet_check_summary_load (store, checklist, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (summary->no_check);
    g_assert_cmpint (summary->declared_level, ==, 2);
    g_assert_cmpstr (summary->declaration_number, ==, "1234567890");

    g_assert_true (otasuke_store_delete_policy (store, first_id, &error));
    g_assert_no_error (error);
  }

  test_remove_tree (dir);
}

#ifdef G_OS_UNIX
/* The sheet, with no check but a declaration: both are said. */
static void
test_sheet_shows_declaration (void)
{
  g_autofree char *dir = g_dir_make_tmp ("otasuke-action-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "otasuke.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "sheet.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeStore) store = otasuke_store_open (db, &error);
  g_autoptr(OtasukeSheetCheckSummary) summary = NULL;
  g_autoptr(OtasukeSheet) sheet = otasuke_sheet_new ();
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  summary = otasuke_sheet_check_summary_load (store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (summary);

  g_assert_true (otasuke_store_add_declaration (store, 1, "2026-05-10", "SA-0042", 1700000500, &error));
  g_assert_no_error (error);
  summary = otasuke_sheet_check_summary_load (store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (summary->no_check);

  g_assert_true (otasuke_sheet_write_pdf (sheet, summary, NULL, NULL, pdf, &error));
  g_assert_no_error (error);
  text = test_pdf_text (pdf, TRUE);
  g_assert_nonnull (strstr (text, "SECURITY ACTION"));
  g_assert_nonnull (strstr (text, "declared on 2026-05-10"));
  g_assert_nonnull (strstr (text, "★ One star"));
  g_assert_nonnull (strstr (text, "SA-0042"));
  g_assert_nonnull (strstr (text, "No check has been done on this computer yet."));

  test_remove_tree (dir);
}

/* The policy's PDF (in English here; the Japanese one is checked through
 * `otasuke --export-policy` in test-headless): its headings in order, the
 * company, what it is for, and no "confidential" mark on a document to publish. */
static void
test_policy_pdf (void)
{
  g_autofree char *dir = g_dir_make_tmp ("otasuke-action-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "policy.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukePolicy) policy = otasuke_policy_new_from_template (&error);
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 4, 2, 9, 0, 0);
  g_autofree char *text = NULL;
  const char *last = NULL;

  g_assert_no_error (error);
  otasuke_policy_set_text (&policy->company_name, "Sakura Shoten Ltd.");
  otasuke_policy_set_text (&policy->representative, "Hanako Sakura, President");
  otasuke_policy_set_text (&policy->enacted_on, "2026-04-01");
  /* Hidden characters in typed text do not reach the page. */
  otasuke_policy_set_text (&((OtasukePolicySection *) g_ptr_array_index (policy->sections, 2))->body,
                           "Staff lock their screens.\u202e evil");

  g_assert_true (otasuke_policy_write_pdf (policy, now, pdf, &error));
  g_assert_no_error (error);
  test_assert_mode (pdf, 0600);
  g_assert_cmpint (otasuke_policy_render_count_pages (policy, now), >=, 1);

  text = test_pdf_text (pdf, TRUE);
  g_assert_nonnull (strstr (text, "Basic Information Security Policy"));
  g_assert_nonnull (strstr (text, "Sakura Shoten Ltd."));
  g_assert_nonnull (strstr (text, "Hanako Sakura, President"));
  g_assert_nonnull (strstr (text, "2026-04-01"));
  g_assert_nonnull (strstr (text, "SECURITY ACTION two-star"));
  g_assert_nonnull (strstr (text, "Staff lock their screens."));
  g_assert_null (strstr (text, "\u202e"));
  g_assert_null (strstr (text, "Confidential"));
  g_assert_null (strstr (text, "ertif"));
  for (guint i = 0; i < policy->sections->len; i++)
    {
      const OtasukePolicySection *section = g_ptr_array_index (policy->sections, i);
      g_autofree char *heading = g_strdup_printf ("%u. %s", i + 1, section->heading);
      const char *at = strstr (text, heading);

      g_assert_nonnull (at);
      g_assert_true (last == NULL || at > last);
      last = at;
    }

  /* A folder is refused and left alone. */
  g_assert_false (otasuke_policy_write_pdf (policy, now, dir, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  g_remove (pdf);
  g_rmdir (dir);
}
#endif

static void
test_profile_json (void)
{
  g_autoptr(OtasukeCompanyProfile) profile = otasuke_company_profile_new ();
  g_autoptr(OtasukeCompanyProfile) back = NULL;
  g_autoptr(OtasukeCompanyProfile) odd = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *huge = g_strnfill (10000, 'a');

  g_assert_true (otasuke_company_profile_is_empty (profile));
  g_assert_true (otasuke_company_profile_set (profile, &profile->address, "千葉県佐倉市"));
  g_assert_false (otasuke_company_profile_set (profile, &profile->address, "千葉県佐倉市"));
  g_assert_false (otasuke_company_profile_is_empty (profile));
  json = otasuke_company_profile_to_json (profile);
  back = otasuke_company_profile_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_true (otasuke_company_profile_equal (profile, back));

  /* Unknown members and wrong types are ignored; sizes are bounded. */
  {
    g_autofree char *text = g_strdup_printf ("{\"company_name\": 5, \"other\": true, \"email\": \"%s\"}", huge);

    odd = otasuke_company_profile_from_json (text, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (odd->company_name, ==, "");
    g_assert_cmpuint (strlen (odd->email), <=, 4096);
  }
  g_assert_null (otasuke_company_profile_from_json ("[1]", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

void otasuke_register_resource (void);

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  setlocale (LC_ALL, "");

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  otasuke_register_resource ();

  g_test_add_func ("/security-action/readiness/answer-sets", test_readiness_answer_sets);
  g_test_add_func ("/security-action/readiness/json", test_readiness_json);
  g_test_add_func ("/security-action/policy/template", test_policy_template);
#ifdef G_OS_UNIX
  /* They read the PDF back with pdftotext, which Wine has not: the Linux run has them. */
  g_test_add_func ("/security-action/policy/pdf", test_policy_pdf);
#endif
  g_test_add_func ("/security-action/profile/json", test_profile_json);
  g_test_add_func ("/security-action/store/survives-restart", test_store_survives_restart);
#ifdef G_OS_UNIX
  g_test_add_func ("/security-action/sheet/declaration", test_sheet_shows_declaration);
#endif

  return g_test_run ();
}

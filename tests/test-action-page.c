/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "otasuke-action-page.h"
#include "otasuke-checklist.h"
#include "otasuke-sheet-page.h"
#include "otasuke-store-action.h"
#include "otasuke-store-runs.h"
#include "window-harness.h"

/* The SECURITY ACTION page: readiness after a finished check, the user's
 * confirmation, the company profile shared with the consultation sheet, the
 * policy draft kept in the store, the declaration, and the line on Home. */

#define COMPANY "有限会社さくら商店"

static gpointer
page_child (OtasukeActionPage *page,
            const char        *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (page), OTASUKE_TYPE_ACTION_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

static gboolean
page_is_ready (gpointer data)
{
  return otasuke_action_page_get_readiness (data) != NULL && otasuke_action_page_get_policy (data) != NULL;
}

static OtasukeActionPage *
show_action_page (Fixture *fixture)
{
  OtasukeActionPage *page = OTASUKE_ACTION_PAGE (otasuke_window_get_page (fixture->window, "action"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "action"));
  iterate_until (page_is_ready, page);
  return page;
}

static gboolean
need_is_met (OtasukeActionPage *page,
             const char        *id)
{
  const OtasukeActionReadiness *readiness = otasuke_action_page_get_readiness (page);

  for (guint i = 0; readiness != NULL && i < readiness->needs->len; i++)
    {
      const OtasukeActionNeed *need = g_ptr_array_index (readiness->needs, i);

      if (g_str_equal (need->id, id))
        return need->met;
    }
  return FALSE;
}

static gboolean
published_is_met (gpointer data)
{
  return need_is_met (data, "policy-published");
}

static gboolean
sharing_is_met (gpointer data)
{
  return need_is_met (data, "principle-sharing");
}

/* A finished check: every IPA question done but the sharing one (ipa-04), partly. */
static void
store_check (void)
{
  g_autoptr(OtasukeStore) store = open_test_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeChecklist) checklist = NULL;
  g_autoptr(OtasukeCheckRun) run = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* The application class registers the resources. */
  g_type_class_unref (g_type_class_ref (OTASUKE_TYPE_APPLICATION));
  checklist = otasuke_checklist_new_from_resource (&error);
  g_assert_no_error (error);
  run = otasuke_check_run_new (otasuke_checklist_get_version (checklist), now - 600);
  for (guint number = 1; number <= OTASUKE_CHECKLIST_N_IPA_ITEMS; number++)
    otasuke_check_run_set_answer (run, otasuke_checklist_lookup_ipa (checklist, number)->id,
                                  number == 4 ? OTASUKE_ANSWER_PARTLY : OTASUKE_ANSWER_DONE, FALSE);
  otasuke_check_run_finish (run, checklist, now);
  g_assert_true (otasuke_store_save_check_run (store, run, now, &error));
  g_assert_no_error (error);
}

/* The check button inside the row whose title is @title. */
static GtkWidget *
find_check_in_row (GtkWidget  *root,
                   const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_ACTION_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return find_by_type (child, GTK_TYPE_CHECK_BUTTON);
      found = find_check_in_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
home_says_ready_one_star (gpointer data)
{
  AdwActionRow *row = ADW_ACTION_ROW (gtk_widget_get_template_child (data, OTASUKE_TYPE_OVERVIEW_PAGE, "action_row"));
  g_autofree char *expected = g_strdup_printf (_("Ready to declare one star (★); two stars (★★) still need %u more"), 2);

  return g_strcmp0 (adw_action_row_get_subtitle (row), expected) == 0;
}

static void
check_readiness (Fixture       *fixture,
                 gconstpointer  data)
{
  OtasukeActionPage *page = show_action_page (fixture);
  const OtasukeActionReadiness *readiness = otasuke_action_page_get_readiness (page);
  g_autoptr(GPtrArray) one = otasuke_action_readiness_missing (readiness, 1);
  g_autoptr(GPtrArray) two = otasuke_action_readiness_missing (readiness, 2);
  GtkWidget *check;

  /* After one finished check, the page says what ★★ still needs. */
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (one, 0), ==, "principle-sharing");
  g_assert_cmpuint (two->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (two, 1), ==, "policy-drafted");
  g_assert_cmpstr (g_ptr_array_index (two, 2), ==, "policy-published");
  g_assert_nonnull (find_label_containing (GTK_WIDGET (page), _("Review sharing settings (cloud, NAS, printers, cameras)")));
  /* The declaration site's real host is shown before it is opened. */
  g_assert_nonnull (strstr (adw_preferences_row_get_title (page_child (page, "site_row")), "www.ipa.go.jp"));
  save_png (GTK_WIDGET (fixture->window), "action-readiness.png");

  /* The user confirms the sharing settings were reviewed: ★ is ready. */
  check = find_check_in_row (GTK_WIDGET (page), _("Review sharing settings (cloud, NAS, printers, cameras)"));
  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  iterate_until (sharing_is_met, page);
  g_assert_true (otasuke_action_page_get_readiness (page)->one_star_ready);

  /* Home sums it up, and its row leads here. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "overview"));
  iterate_until (home_says_ready_one_star, find_overview (fixture->window));
  save_png (GTK_WIDGET (fixture->window), "action-home.png");
}

static void
test_readiness (void)
{
  reset_with_size (1024, 900);
  store_check ();
  run_in_app (check_readiness);
}

static gboolean
store_has_policy_published (gpointer data)
{
  g_autoptr(OtasukeStore) store = open_test_store ();
  g_autoptr(OtasukePolicy) policy = otasuke_store_load_policy (store, 0, NULL);

  return policy != NULL && policy->published_at > 0 && g_strcmp0 (policy->representative, data) == 0;
}

/* Both drafts are saved and listed. */
static gboolean
store_has_two_drafts (gpointer data)
{
  OtasukeActionPage *page = data;
  g_autoptr(OtasukeStore) store = open_test_store ();
  g_autoptr(GPtrArray) policies = otasuke_store_list_policies (store, NULL);

  GtkStringList *model = GTK_STRING_LIST (gtk_widget_get_template_child (GTK_WIDGET (page), OTASUKE_TYPE_ACTION_PAGE,
                                                                          "drafts_model"));

  /* Listed from the store, not the unsaved new one any more. */
  return policies != NULL && policies->len == 2 && otasuke_action_page_get_policy (page)->id > 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (model)) == 2 &&
         g_strcmp0 (gtk_string_list_get_string (model, 0), _("New draft (not saved yet)")) != 0;
}

static gboolean
store_has_company (gpointer data)
{
  g_autoptr(OtasukeStore) store = open_test_store ();
  g_autoptr(OtasukeCompanyProfile) profile = otasuke_store_load_company_profile (store, NULL);

  return profile != NULL && g_strcmp0 (profile->company_name, data) == 0;
}

static gboolean
store_has_declaration (gpointer data)
{
  g_autoptr(OtasukeStore) store = open_test_store ();
  g_autoptr(OtasukeDeclaration) declaration = otasuke_store_load_latest_declaration (store, NULL);

  return declaration != NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
sheet_is_loaded (gpointer data)
{
  return otasuke_sheet_page_get_sheet (data) != NULL;
}

static void
check_policy_profile_declaration (Fixture       *fixture,
                                  gconstpointer  data)
{
  OtasukeActionPage *page = show_action_page (fixture);
  const OtasukePolicy *policy = otasuke_action_page_get_policy (page);
  OtasukeSheetPage *sheet_page;
  GtkWindow *dialog;
  gint64 first_id;

  /* The profile saved before prefills the draft from IPA's template. */
  g_assert_cmpstr (policy->company_name, ==, COMPANY);
  g_assert_cmpstr (gtk_editable_get_text (page_child (page, "company_row")), ==, COMPANY);
  g_assert_cmpstr (gtk_editable_get_text (page_child (page, "policy_company_row")), ==, COMPANY);
  g_assert_cmpuint (policy->sections->len, ==, 6);
  g_assert_nonnull (find_label_containing (GTK_WIDGET (page),
                                           ((OtasukePolicySection *) g_ptr_array_index (policy->sections, 0))->heading));

  /* Edits are kept as a draft in the store. */
  gtk_editable_set_text (page_child (page, "policy_representative_row"), "代表取締役 佐倉花子");
  gtk_switch_set_active (page_child (page, "published_switch"), TRUE);
  iterate_until (store_has_policy_published, (gpointer) "代表取締役 佐倉花子");
  save_png (GTK_WIDGET (page_child (page, "sections_box")), "action-policy.png");

  /* Saved, and the page has read it back: ★★'s "published" is met. */
  iterate_until (published_is_met, page);

  /* A second draft from the template; the first stays and can be opened again. */
  first_id = otasuke_action_page_get_policy (page)->id;
  g_assert_cmpint (first_id, >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "action.new-policy", NULL));
  g_assert_cmpint (otasuke_action_page_get_policy (page)->id, ==, 0);
  g_assert_cmpstr (otasuke_action_page_get_policy (page)->representative, ==, "");
  iterate_until (store_has_two_drafts, page);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (page_child (page, "drafts_model"))), ==, 2);
  /* The older one is second in the list (most recent first). */
  adw_combo_row_set_selected (page_child (page, "drafts_row"), 1);
  g_assert_cmpint (otasuke_action_page_get_policy (page)->id, ==, first_id);
  g_assert_cmpstr (gtk_editable_get_text (page_child (page, "policy_representative_row")), ==, "代表取締役 佐倉花子");
  g_assert_true (gtk_switch_get_active (page_child (page, "published_switch")));

  /* A date that is not one: the store refuses and the user is told why. */
  gtk_editable_set_text (page_child (page, "declared_on_row"), "5月10日");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "action.record-declaration", NULL));
  iterate_until (has_message_dialog, NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            _("Enter the date of the declaration as year-month-day, for example 2026-04-01.")));
  gtk_window_destroy (dialog);
  iterate_until (no_message_dialog, NULL);

  adw_combo_row_set_selected (page_child (page, "level_row"), 1);
  gtk_editable_set_text (page_child (page, "declared_on_row"), "2026-05-10");
  gtk_editable_set_text (page_child (page, "number_row"), "SA-123456");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "action.record-declaration", NULL));
  iterate_until (store_has_declaration, NULL);

  /* The sheet starts from the profile, and its company edit goes back into it. */
  sheet_page = OTASUKE_SHEET_PAGE (otasuke_window_get_page (fixture->window, "sheet"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "sheet"));
  iterate_until (sheet_is_loaded, sheet_page);
  g_assert_cmpstr (otasuke_sheet_get_company_name (otasuke_sheet_page_get_sheet (sheet_page)), ==, COMPANY);
  g_assert_cmpstr (otasuke_sheet_get_contact_person (otasuke_sheet_page_get_sheet (sheet_page)), ==, "佐倉太郎");
  otasuke_sheet_set_company_name (otasuke_sheet_page_get_sheet (sheet_page), "株式会社さくら商店");
  iterate_until (store_has_company, (gpointer) "株式会社さくら商店");
  {
    g_autoptr(OtasukeStore) store = open_test_store ();
    g_autoptr(OtasukeCompanyProfile) profile = otasuke_store_load_company_profile (store, NULL);

    /* What only the SECURITY ACTION page keeps is left alone. */
    g_assert_cmpstr (profile->phone, ==, "043-000-0000");
  }
}

static void
test_policy_profile_declaration (void)
{
  reset_with_size (1024, 900);
  {
    g_autoptr(OtasukeStore) store = open_test_store ();
    g_autoptr(OtasukeCompanyProfile) profile = otasuke_company_profile_new ();
    g_autoptr(GError) error = NULL;

    otasuke_company_profile_set (profile, &profile->company_name, COMPANY);
    otasuke_company_profile_set (profile, &profile->contact_person, "佐倉太郎");
    otasuke_company_profile_set (profile, &profile->phone, "043-000-0000");
    g_assert_true (otasuke_store_save_company_profile (store, profile, 1700000000, &error));
    g_assert_no_error (error);
  }
  run_in_app (check_policy_profile_declaration);
}

int
main (int   argc,
      char *argv[])
{
  window_harness_init (&argc, &argv, "ActionPage");

  g_test_add_func ("/window/action/readiness", test_readiness);
  g_test_add_func ("/window/action/policy-profile-declaration", test_policy_profile_declaration);

  return window_harness_run ();
}

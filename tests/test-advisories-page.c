/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "otasuke-advisories-page.h"
#include "otasuke-advisory-match.h"
#include "otasuke-advisory-row.h"
#include "otasuke-minisign.h"
#include "otasuke-store-advisories.h"
#include "otasuke-text.h"
#include "otasuke-time.h"
#include "test-server.h"
#include "window-harness.h"

/* The advisories page. */

#define WINDOWS10_ID "sakura-2025-10-windows10-end-of-support"
#define MARKUP_TEXT "<b>not bold</b> & <a href=\"x\">"
#define MARKUP_TITLE "<i>Plain</i> title & <span>more</span>"

static gpointer
page_child (OtasukeAdvisoriesPage *page,
            const char            *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (page), OTASUKE_TYPE_ADVISORIES_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

static OtasukeAdvisoriesPage *
show_advisories_page (Fixture *fixture)
{
  OtasukeAdvisoriesPage *page =
    OTASUKE_ADVISORIES_PAGE (find_by_type (GTK_WIDGET (fixture->window), OTASUKE_TYPE_ADVISORIES_PAGE));

  g_assert_nonnull (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "advisories"));
  iterate_until (advisories_are_loaded, fixture->app);
  g_assert_true (otasuke_advisories_page_get_advisories (page) == otasuke_application_get_advisories (fixture->app));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (page, "main_stack")), ==, "advisories");
  return page;
}

static GListModel *
listed (OtasukeAdvisoriesPage *page)
{
  return G_LIST_MODEL (gtk_list_view_get_model (page_child (page, "list_view")));
}

static guint
list_position (OtasukeAdvisoriesPage *page,
               const char            *id)
{
  GListModel *model = listed (page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OtasukeAdvisory) advisory = g_list_model_get_item (model, i);

      if (g_strcmp0 (otasuke_advisory_get_id (advisory), id) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static OtasukeAdvisoryRow *
find_row (GtkWidget       *root,
          OtasukeAdvisory *advisory)
{
  if (OTASUKE_IS_ADVISORY_ROW (root) &&
      otasuke_advisory_row_get_advisory (OTASUKE_ADVISORY_ROW (root)) == advisory)
    return OTASUKE_ADVISORY_ROW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      OtasukeAdvisoryRow *row = find_row (child, advisory);

      if (row != NULL)
        return row;
    }

  return NULL;
}

static const char *
link_label (OtasukeAdvisoriesPage *page)
{
  return adw_button_content_get_label (page_child (page, "link_content"));
}

/* Reads the read state from the history file itself, not from the screen. */
static gboolean
stored_as_read (const char *id)
{
  g_autoptr(OtasukeStore) store = open_test_store ();
  g_autoptr(GPtrArray) advisories = otasuke_store_list_advisories (store, NULL);
  guint n_read = 0;

  g_assert_nonnull (advisories);
  for (guint i = 0; i < advisories->len; i++)
    {
      OtasukeAdvisory *advisory = g_ptr_array_index (advisories, i);

      if (otasuke_advisory_get_read (advisory))
        n_read++;
      if (id != NULL && g_strcmp0 (otasuke_advisory_get_id (advisory), id) == 0)
        return otasuke_advisory_get_read (advisory);
    }

  /* NULL: all of them */
  return id == NULL && n_read == advisories->len;
}

static gboolean
chrome_stored_as_read (gpointer data)
{
  return stored_as_read (CHROME_ID);
}

static gboolean
all_stored_as_read (gpointer data)
{
  return stored_as_read (NULL);
}

/* Adds a freshly made key to the trusted-keys setting. */
static void
trust_a_key (OtasukeApplication *app)
{
  g_autofree char *public_key = NULL;
  g_autofree char *secret_key = NULL;
  g_autofree char *line = NULL;
  g_autoptr(OtasukeMinisignKey) key = NULL;
  g_autoptr(GError) error = NULL;
  const char *keys[2] = { NULL, NULL };

  otasuke_minisign_keygen (&public_key, &secret_key);
  key = otasuke_minisign_key_new_from_file_contents (public_key, strlen (public_key), &error);
  g_assert_no_error (error);
  line = otasuke_minisign_key_get_base64 (key);
  keys[0] = line;
  g_settings_set_strv (otasuke_application_get_settings (app), "trusted-keys", keys);
}

static void
test_advisories_bundled (Fixture       *fixture,
                         gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  OtasukeAdvisories *advisories = otasuke_application_get_advisories (fixture->app);
  GtkWidget *stack = find_by_type (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK);
  AdwViewStackPage *stack_page = adw_view_stack_get_page (ADW_VIEW_STACK (stack),
                                                          adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), "advisories"));
  GListModel *list = listed (page);
  guint n_items = g_list_model_get_n_items (list);
  g_autofree char *not_installed = NULL;
  OtasukeAdvisory *advisory;

  /* The advisories that ship with Otasuke are there on first start, all unread, newest first. */
  g_assert_cmpuint (n_items, >=, 10);
  g_assert_cmpuint (otasuke_advisories_get_n_unread (advisories), ==, n_items);
  for (guint i = 1; i < n_items; i++)
    {
      g_autoptr(OtasukeAdvisory) newer = g_list_model_get_item (list, i - 1);
      g_autoptr(OtasukeAdvisory) older = g_list_model_get_item (list, i);

      g_assert_cmpint (otasuke_advisory_get_date (newer), >=, otasuke_advisory_get_date (older));
    }
  wait_for_frames (GTK_WIDGET (fixture->window));
  g_assert_true (has_label (page_child (page, "list_view"), CHROME_TITLE));

  /* The page switcher counts them. */
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (stack_page), ==, n_items);
  g_assert_true (adw_view_stack_page_get_needs_attention (stack_page));

  /* Honest about where they came from; nothing went wrong. (A release build
   * has the Chamber's key: without one the page says so instead, see no-key.) */
  trust_a_key (fixture->app);
  g_assert_true (gtk_widget_get_visible (page_child (page, "bundled_box")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "no_key_box")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "error_box")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "stale_box")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (page, "detail_stack")), ==, "none");
  save_png (GTK_WIDGET (fixture->window), "advisories-list.png");

  /* Chrome: once the probes have looked at this (fake, bare) computer, the
   * page says plainly that it has no Chrome. */
  wait_for_probe (fixture->app, 1);
  g_assert_true (otasuke_advisories_page_show_advisory (page, CHROME_ID));
  advisory = otasuke_advisories_lookup (advisories, CHROME_ID);
  g_assert_nonnull (advisory);
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "detail_title_label")), ==, CHROME_TITLE);
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "content_label")), ==,
                   otasuke_advisory_get_content (advisory));
  g_assert_cmpint (otasuke_advisory_get_affects (advisory), ==, OTASUKE_AFFECTS_NO);
  g_assert_true (gtk_widget_get_visible (page_child (page, "affects_box")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "affects_heading")));
  not_installed = g_strdup_printf (_("%s is not installed on this computer."), "Google Chrome");
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "affects_label")), ==, not_installed);
  g_assert_true (gtk_widget_get_visible (page_child (page, "link_button")));
  save_png (GTK_WIDGET (fixture->window), "advisories-chrome.png");

  /* The router advisory, the longest one. */
  g_assert_true (otasuke_advisories_page_show_advisory (page, ROUTER_ID));
  g_assert_true (gtk_widget_get_visible (page_child (page, "affects_box")));
  save_png (GTK_WIDGET (fixture->window), "advisories-router.png");

  /* An advisory without a link has no link button. */
  g_assert_true (otasuke_advisories_page_show_advisory (page, WINDOWS10_ID));
  g_assert_false (gtk_widget_get_visible (page_child (page, "link_button")));

  g_assert_false (otasuke_advisories_page_show_advisory (page, "no-such-advisory"));
  /* Each advisory shown was marked read. */
  g_assert_cmpuint (otasuke_advisories_get_n_unread (advisories), ==, n_items - 3);
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (stack_page), ==, n_items - 3);
  iterate_until (chrome_stored_as_read, NULL);
}

static void
check_select_marks_read (Fixture       *fixture,
                         gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  OtasukeAdvisories *advisories = otasuke_application_get_advisories (fixture->app);
  OtasukeAdvisory *advisory = otasuke_advisories_lookup (advisories, CHROME_ID);
  guint n_unread = otasuke_advisories_get_n_unread (advisories);
  guint position = list_position (page, CHROME_ID);
  OtasukeAdvisoryRow *row;

  g_assert_nonnull (advisory);
  g_assert_false (otasuke_advisory_get_read (advisory));
  wait_for_frames (GTK_WIDGET (fixture->window));
  row = find_row (page_child (page, "list_view"), advisory);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "unread"));

  /* What a click or the arrow keys do. */
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (listed (page)), position, TRUE));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (page, "detail_stack")), ==, "advisory");
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "content_label")), ==,
                   otasuke_advisory_get_content (advisory));
  g_assert_true (otasuke_advisory_get_read (advisory));
  g_assert_cmpuint (otasuke_advisories_get_n_unread (advisories), ==, n_unread - 1);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "unread"));

  /* Written to the history file in the background. */
  iterate_until (chrome_stored_as_read, NULL);
}

static void
check_read_survived (Fixture       *fixture,
                     gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  OtasukeAdvisories *advisories = otasuke_application_get_advisories (fixture->app);
  OtasukeAdvisory *advisory = otasuke_advisories_lookup (advisories, CHROME_ID);
  guint n_items = g_list_model_get_n_items (listed (page));

  g_assert_nonnull (advisory);
  g_assert_true (otasuke_advisory_get_read (advisory));
  g_assert_cmpuint (otasuke_advisories_get_n_unread (advisories), ==, n_items - 1);
}

static void
test_advisories_read_survives_restart (void)
{
  reset_with_size (1024, 700);
  run_in_app (check_select_marks_read);
  /* The same history file, a new start. */
  run_in_app (check_read_survived);
}

static void
test_advisories_mark_all_read (Fixture       *fixture,
                               gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  OtasukeAdvisories *advisories = otasuke_application_get_advisories (fixture->app);
  GtkWidget *stack = find_by_type (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK);
  AdwViewStackPage *stack_page = adw_view_stack_get_page (ADW_VIEW_STACK (stack),
                                                          adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), "advisories"));
  GListModel *list = listed (page);

  g_assert_cmpuint (otasuke_advisories_get_n_unread (advisories), >, 0);
  g_assert_true (gtk_widget_get_sensitive (page_child (page, "mark_all_read_button")));

  click (page_child (page, "mark_all_read_button"));

  g_assert_cmpuint (otasuke_advisories_get_n_unread (advisories), ==, 0);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OtasukeAdvisory) advisory = g_list_model_get_item (list, i);

      g_assert_true (otasuke_advisory_get_read (advisory));
    }
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (stack_page), ==, 0);
  g_assert_false (adw_view_stack_page_get_needs_attention (stack_page));
  /* Nothing left to mark. */
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "mark_all_read_button")));
  save_png (GTK_WIDGET (fixture->window), "advisories-all-read.png");

  iterate_until (all_stored_as_read, NULL);
}

/* A feed standing in for the bundled one, as the application would have stored
 * it; it carries the bundled feed's number, so the start-up leaves it alone. */
/* One item "test-markup" after the bundled feed; @title and @content are
 * JSON string contents (escapes allowed). */
static void
store_item_feed (const char *expires,
                 const char *title,
                 const char *content,
                 const char *url)
{
  g_autoptr(GBytes) bundled = NULL;
  g_autoptr(OtasukeFeed) bundled_feed = NULL;
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(OtasukeUpdateOutcome) outcome = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gsize len;

  /* The application class registers the resources. */
  g_type_class_unref (g_type_class_ref (OTASUKE_TYPE_APPLICATION));
  bundled = g_resources_lookup_data (RESOURCE_PREFIX "/feed/otasuke-feed.json", 0, &error);
  g_assert_no_error (error);
  bundled_feed = otasuke_feed_parse (g_bytes_get_data (bundled, NULL), g_bytes_get_size (bundled), &error);
  g_assert_no_error (error);

  json = g_strdup_printf (
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Test\","
    " \"_otasuke\": {\"schema\": 1, \"sequence\": %" G_GINT64_FORMAT ","
    "   \"generated\": \"2020-01-01T00:00:00+09:00\", \"expires\": \"%s\"},"
    " \"items\": [{\"id\": \"test-markup\", \"title\": \"%s\", \"content_text\": \"%s\","
    "   \"url\": \"%s\","
    "   \"date_published\": \"2020-01-01T09:00:00+09:00\","
    "   \"_otasuke\": {\"severity\": \"low\", \"category\": \"general\"}}]}",
    bundled_feed->sequence, expires, title, content, url);
  len = strlen (json);
  body = g_bytes_new_take (g_steal_pointer (&json), len);

  store = open_test_store ();
  outcome = otasuke_feed_ingest_bundled (store, body, g_get_real_time () / G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  g_assert_nonnull (outcome);
}

static void
store_test_feed (const char *expires)
{
  store_item_feed (expires, MARKUP_TITLE, "<b>not bold</b> & <a href=\\\"x\\\">",
                   "https://www.example.jp/news/1?from=otasuke");
}

static void
check_markup_is_literal (Fixture       *fixture,
                         gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  GtkLabel *content = page_child (page, "content_label");
  GtkLabel *title = page_child (page, "detail_title_label");

  g_assert_cmpuint (g_list_model_get_n_items (listed (page)), ==, 1);
  g_assert_true (otasuke_advisories_page_show_advisory (page, "test-markup"));

  /* Outside data is shown exactly as it came, never read as markup. */
  g_assert_cmpstr (gtk_label_get_text (content), ==, MARKUP_TEXT);
  g_assert_cmpstr (gtk_label_get_label (content), ==, MARKUP_TEXT);
  g_assert_false (gtk_label_get_use_markup (content));
  g_assert_cmpstr (gtk_label_get_text (title), ==, MARKUP_TITLE);
  g_assert_false (gtk_label_get_use_markup (title));
  /* No checks: nothing to say about this computer. */
  g_assert_false (gtk_widget_get_visible (page_child (page, "affects_box")));
  wait_for_frames (GTK_WIDGET (fixture->window));
  g_assert_true (has_label (page_child (page, "list_view"), MARKUP_TITLE));
  save_png (GTK_WIDGET (fixture->window), "advisories-markup.png");

  /* A category with nothing in it says so. */
  gtk_drop_down_set_selected (page_child (page, "category_dropdown"), 1 + OTASUKE_CATEGORY_BROWSER);
  g_assert_cmpuint (g_list_model_get_n_items (listed (page)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (page, "list_stack")), ==, "empty-category");
  save_png (GTK_WIDGET (fixture->window), "advisories-empty-category.png");
}

static void
test_advisories_markup_is_literal (void)
{
  reset_with_size (1024, 700);
  store_test_feed ("2099-01-01T00:00:00+09:00");
  run_in_app (check_markup_is_literal);
}

/* Issue #10: the title of the issue, an override hiding a URL in the
 * content, and a punycode host that decodes to an override. */
#define SPOOF_TITLE "請求書\u202Efdp.exe を開いてください"
#define SPOOF_CONTENT "詳しくは \u202Epj.oc.kab//:sptth\u202C を見て\u2066ください\u2069"
#define SPOOF_HOST "xn--safegpj-376c.jp"

static gboolean
has_hidden_characters (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && !otasuke_text_is_clean (gtk_label_get_text (GTK_LABEL (root))))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_hidden_characters (child))
      return TRUE;
  return FALSE;
}

static void
check_hidden_characters (Fixture       *fixture,
                         gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  GtkLabel *title = page_child (page, "detail_title_label");
  GtkLabel *content = page_child (page, "content_label");
  g_autofree char *expected_link = g_strdup_printf (_("Open %s"), SPOOF_HOST);

  g_assert_true (otasuke_advisories_page_show_advisory (page, "test-markup"));
  wait_for_frames (GTK_WIDGET (fixture->window));

  /* Drawn in the order it is stored: the real extension shows. */
  g_assert_cmpstr (gtk_label_get_text (title), ==, "請求書fdp.exe を開いてください");
  g_assert_null (strstr (gtk_label_get_text (title), "\u202E"));
  g_assert_cmpstr (gtk_label_get_text (content), ==, "詳しくは pj.oc.kab//:sptth を見てください");
  g_assert_true (has_label (page_child (page, "list_view"), "請求書fdp.exe を開いてください"));
  /* The host that decodes to an override is named in its ASCII form only. */
  g_assert_cmpstr (link_label (page), ==, expected_link);
  g_assert_false (has_hidden_characters (GTK_WIDGET (fixture->window)));
  save_png (GTK_WIDGET (fixture->window), "advisories-hidden-characters.png");
}

static void
test_advisories_hidden_characters (void)
{
  reset_with_size (1024, 700);
  store_item_feed ("2099-01-01T00:00:00+09:00", SPOOF_TITLE, SPOOF_CONTENT, "https://" SPOOF_HOST "/news");
  run_in_app (check_hidden_characters);
}

static void
check_stale (Fixture       *fixture,
             gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);

  g_assert_true (otasuke_advisories_get_stale (otasuke_application_get_advisories (fixture->app)));
  g_assert_true (gtk_widget_get_visible (page_child (page, "stale_box")));
  save_png (GTK_WIDGET (fixture->window), "advisories-stale.png");
}

static void
test_advisories_stale (void)
{
  reset_with_size (1024, 700);
  store_test_feed ("2021-01-01T00:00:00+09:00");
  run_in_app (check_stale);
}

static gint64 failed_fetch_at;

static void
check_failed_fetch (Fixture       *fixture,
                    gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  g_autofree char *when = otasuke_time_format (failed_fetch_at, NULL);
  g_autofree char *attempt = g_strdup_printf (_("Last attempt: %s"), when);

  g_assert_true (gtk_widget_get_visible (page_child (page, "error_box")));
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "error_label")), ==, "The server answered 500.");
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "error_time_label")), ==, attempt);
  /* The list is still there. */
  g_assert_cmpuint (g_list_model_get_n_items (listed (page)), >=, 10);
  g_assert_true (otasuke_advisories_page_show_advisory (page, CHROME_ID));
  save_png (GTK_WIDGET (fixture->window), "advisories-failed-fetch.png");
}

static void
test_advisories_failed_fetch (void)
{
  g_autoptr(OtasukeStore) store = NULL;
  g_autoptr(GError) error = NULL;

  reset_with_size (1024, 700);
  store = open_test_store ();
  /* Three days back: shown as a full date, the same string whenever the page and
   * this test format it ("Today" would not be, across midnight). */
  failed_fetch_at = g_get_real_time () / G_USEC_PER_SEC - 3 * 24 * 60 * 60;
  otasuke_store_record_feed_error (store, "https://example.invalid/feed.json", "The server answered 500.",
                                   failed_fetch_at, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  run_in_app (check_failed_fetch);
}

static gboolean
advisories_not_busy (gpointer data)
{
  return !otasuke_advisories_get_busy (data);
}

static gboolean
widget_is_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

/* A build without the Chamber's key and no key in the settings: "Check now"
 * is off, the page says why, and nothing is downloaded whatever asks. */
static void
test_advisories_no_key (Fixture       *fixture,
                        gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  OtasukeAdvisories *advisories = otasuke_application_get_advisories (fixture->app);
  GtkWidget *button = page_child (page, "check_button");
  OtasukeTestServer *server = otasuke_test_server_new ();
  g_autofree char *url = otasuke_test_server_get_url (server, "/feed.json");
  const char *none[] = { NULL };

  g_assert_cmpstr (CHAMBER_FEED_KEY, ==, "");
  g_settings_set_strv (otasuke_application_get_settings (fixture->app), "trusted-keys", none);
  g_settings_set_string (otasuke_application_get_settings (fixture->app), "feed-url", url);
  otasuke_test_server_add_text (server, "/feed.json", SOUP_STATUS_OK, "{}");

  g_assert_false (otasuke_advisories_get_can_update (advisories));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->app), "fetch-feed"));
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_true (gtk_widget_get_visible (page_child (page, "no_key_box")));
  g_assert_true (gtk_widget_get_visible (page_child (page, "banner_box")));
  /* It replaces the line that promises newer advisories once fetched. */
  g_assert_false (gtk_widget_get_visible (page_child (page, "bundled_box")));
  g_test_message ("reason shown: %s",
                  gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (page_child (page, "no_key_box")))));

  /* The shortcut and the tray go through the same action: nothing happens. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "fetch-feed", NULL);
  g_assert_false (otasuke_advisories_get_busy (advisories));
  wait_for_frames (GTK_WIDGET (page));
  g_assert_cmpuint (otasuke_test_server_get_request_count (server, "/feed.json"), ==, 0);

  /* A key added in the settings turns it on at once. */
  trust_a_key (fixture->app);
  g_assert_true (otasuke_advisories_get_can_update (advisories));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->app), "fetch-feed"));
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_false (gtk_widget_get_visible (page_child (page, "no_key_box")));

  otasuke_test_server_free (server);
}

static void
test_advisories_check_now (Fixture       *fixture,
                           gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  OtasukeAdvisories *advisories = otasuke_application_get_advisories (fixture->app);
  GtkWidget *button = page_child (page, "check_button");
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), "app.fetch-feed");

  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "app.fetch-feed");
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Control>r");
  g_assert_cmpstr (accels[1], ==, "F5");

  /* Checking needs a key to verify what arrives. */
  trust_a_key (fixture->app);
  g_assert_false (gtk_widget_get_visible (page_child (page, "no_key_box")));

  /* Nothing listens there: the attempt fails at once, without the internet. */
  g_settings_set_string (otasuke_application_get_settings (fixture->app), "feed-url",
                         "http://127.0.0.1:1/otasuke.json");
  g_assert_true (gtk_widget_get_sensitive (button));
  click (button);
  g_assert_true (otasuke_advisories_get_busy (advisories));
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_true (gtk_spinner_get_spinning (page_child (page, "check_spinner")));

  iterate_until (advisories_not_busy, advisories);
  iterate_until (widget_is_visible, page_child (page, "error_box"));
  g_test_message ("failure shown: %s", gtk_label_get_text (page_child (page, "error_label")));
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "error_label")), !=, "");
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_false (gtk_spinner_get_spinning (page_child (page, "check_spinner")));
  /* The bundled advisories stay. */
  g_assert_cmpuint (g_list_model_get_n_items (listed (page)), >=, 10);
}

static void
test_advisories_category_filter (Fixture       *fixture,
                                 gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  GtkDropDown *dropdown = page_child (page, "category_dropdown");
  GListModel *list = listed (page);
  guint n_all = g_list_model_get_n_items (list);

  gtk_drop_down_set_selected (dropdown, 1 + OTASUKE_CATEGORY_ROUTER);
  g_assert_cmpuint (g_list_model_get_n_items (list), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), <, n_all);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OtasukeAdvisory) advisory = g_list_model_get_item (list, i);

      g_assert_cmpint (otasuke_advisory_get_category (advisory), ==, OTASUKE_CATEGORY_ROUTER);
    }
  g_assert_cmpuint (list_position (page, CHROME_ID), ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (list_position (page, ROUTER_ID), !=, GTK_INVALID_LIST_POSITION);
  save_png (GTK_WIDGET (fixture->window), "advisories-routers.png");

  /* Asked to show an advisory the filter hides, the page shows them all again. */
  g_assert_true (otasuke_advisories_page_show_advisory (page, CHROME_ID));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_all);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (list)), ==,
                    list_position (page, CHROME_ID));
}

static void
test_advisories_link (Fixture       *fixture,
                      gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  OtasukeAdvisory *advisory = otasuke_advisories_lookup (otasuke_application_get_advisories (fixture->app),
                                                         ROUTER_ID);
  g_autofree char *expected = g_strdup_printf (_("Open %s"), "www.buffalo.jp");
  g_autofree char *heading = g_strdup_printf (_("Open %s?"), "www.buffalo.jp");
  GtkWindow *dialog;

  /* The button names the host the link really goes to. */
  g_assert_true (otasuke_advisories_page_show_advisory (page, ROUTER_ID));
  g_assert_true (gtk_widget_get_visible (page_child (page, "link_button")));
  g_assert_cmpstr (link_label (page), ==, expected);

  /* Nothing opens without asking; the question names the host and the whole address. */
  click (page_child (page, "link_button"));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            otasuke_advisory_get_url (advisory)));
  save_png (GTK_WIDGET (dialog), "advisories-open-link.png");
  /* What the Cancel button does. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (dialog);
  iterate_until (no_message_dialog, NULL);

  g_assert_true (otasuke_advisories_page_show_advisory (page, CHROME_ID));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf (_("Open %s"), "news.yahoo.co.jp");
  g_assert_cmpstr (link_label (page), ==, expected);
}

static void
test_advisories_affects_you (Fixture       *fixture,
                             gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  OtasukeAdvisories *advisories = otasuke_application_get_advisories (fixture->app);
  OtasukeAdvisory *advisory = otasuke_advisories_lookup (advisories, CHROME_ID);
  g_autoptr(GPtrArray) browsers = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_browser_fact_free);
  OtasukeMachineFacts facts = { .browsers_known = TRUE, .browsers = browsers,
                                .now = g_get_real_time () / G_USEC_PER_SEC };
  GtkWidget *box = page_child (page, "affects_box");
  OtasukeAdvisoryRow *row;

  /* The probes' own report is in, so these facts are the last word. */
  wait_for_probe (fixture->app, 1);
  g_assert_true (otasuke_advisories_page_show_advisory (page, CHROME_ID));

  /* An old Chrome: the detail warns, the list marks it. */
  g_ptr_array_add (browsers, otasuke_browser_fact_new ("chrome", "Google Chrome", "127.0.6533.88"));
  otasuke_advisories_set_machine_facts (advisories, &facts);
  g_assert_cmpint (otasuke_advisory_get_affects (advisory), ==, OTASUKE_AFFECTS_YES);
  g_assert_true (gtk_widget_get_visible (box));
  g_assert_true (gtk_widget_has_css_class (box, "yes"));
  g_assert_true (gtk_widget_get_visible (page_child (page, "affects_heading")));
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "affects_label")), ==,
                   otasuke_advisory_get_affects_reason (advisory));
  wait_for_frames (GTK_WIDGET (fixture->window));
  row = find_row (page_child (page, "list_view"), advisory);
  g_assert_nonnull (row);
  g_assert_true (has_label (GTK_WIDGET (row), _("Affects you")));
  save_png (GTK_WIDGET (fixture->window), "advisories-affects-you.png");

  /* Updated: a calm line instead. */
  g_ptr_array_set_size (browsers, 0);
  g_ptr_array_add (browsers, otasuke_browser_fact_new ("chrome", "Google Chrome", "130.0.6723.58"));
  otasuke_advisories_set_machine_facts (advisories, &facts);
  g_assert_cmpint (otasuke_advisory_get_affects (advisory), ==, OTASUKE_AFFECTS_NO);
  g_assert_true (gtk_widget_has_css_class (box, "no"));
  g_assert_false (gtk_widget_has_css_class (box, "yes"));
  g_assert_false (gtk_widget_get_visible (page_child (page, "affects_heading")));
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "affects_label")), ==,
                   otasuke_advisory_get_affects_reason (advisory));
  save_png (GTK_WIDGET (fixture->window), "advisories-up-to-date.png");
}

/* The end of a click on a row, as its click gesture reports it. */
static void
click_row (GtkWidget *row)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);
  gboolean clicked = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        {
          g_signal_emit_by_name (controller, "released", 1, 10.0, 10.0);
          clicked = TRUE;
        }
    }
  g_assert_true (clicked);
}

static void
check_advisories_narrow (Fixture       *fixture,
                         gconstpointer  data)
{
  OtasukeAdvisoriesPage *page = show_advisories_page (fixture);
  AdwLeaflet *leaflet = page_child (page, "leaflet");
  OtasukeAdvisoryRow *row;
  guint position;

  wait_for_frames (GTK_WIDGET (fixture->window));
  /* One column: the list first. */
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
  save_png (GTK_WIDGET (fixture->window), "advisories-narrow-list.png");

  /* Arrow keys move through the list without leaving it; a click opens the advisory. */
  position = list_position (page, CHROME_ID);
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (listed (page)), position, TRUE));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
  row = find_row (page_child (page, "list_view"),
                  otasuke_advisories_lookup (otasuke_application_get_advisories (fixture->app), CHROME_ID));
  g_assert_nonnull (row);
  click_row (GTK_WIDGET (row));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "detail");
  click (page_child (page, "back_button"));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");

  /* Enter on a row (the list's "activate") opens it too, with the focus on the way back. */
  g_signal_emit_by_name (page_child (page, "list_view"), "activate", position);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "detail");
  g_assert_true (gtk_widget_is_focus (page_child (page, "back_button")));
  click (page_child (page, "back_button"));

  g_assert_true (otasuke_advisories_page_show_advisory (page, ROUTER_ID));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "detail");
  g_assert_true (gtk_widget_is_visible (page_child (page, "back_button")));
  save_png (GTK_WIDGET (fixture->window), "advisories-narrow-detail.png");

  click (page_child (page, "back_button"));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
}

static void
test_advisories_narrow (void)
{
  reset_with_size (400, 700);
  run_in_app (check_advisories_narrow);
}

int
main (int   argc,
      char *argv[])
{
  window_harness_init (&argc, &argv, "AdvisoriesPage");

  g_test_add_data_func ("/window/advisories/bundled", (gconstpointer) test_advisories_bundled, run_clean);
  g_test_add_func ("/window/advisories/read-survives-restart", test_advisories_read_survives_restart);
  g_test_add_data_func ("/window/advisories/mark-all-read", (gconstpointer) test_advisories_mark_all_read, run_clean);
  g_test_add_func ("/window/advisories/markup-is-literal", test_advisories_markup_is_literal);
  g_test_add_func ("/window/advisories/hidden-characters", test_advisories_hidden_characters);
  g_test_add_func ("/window/advisories/stale", test_advisories_stale);
  g_test_add_func ("/window/advisories/failed-fetch", test_advisories_failed_fetch);
  g_test_add_data_func ("/window/advisories/check-now", (gconstpointer) test_advisories_check_now, run_clean);
  g_test_add_data_func ("/window/advisories/no-key", (gconstpointer) test_advisories_no_key, run_clean);
  g_test_add_data_func ("/window/advisories/category-filter", (gconstpointer) test_advisories_category_filter, run_clean);
  g_test_add_data_func ("/window/advisories/link", (gconstpointer) test_advisories_link, run_clean);
  g_test_add_data_func ("/window/advisories/affects-you", (gconstpointer) test_advisories_affects_you, run_clean);
  g_test_add_func ("/window/advisories/narrow", test_advisories_narrow);

  return window_harness_run ();
}

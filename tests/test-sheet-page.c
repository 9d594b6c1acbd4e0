/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-window"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "otasuke-check-page.h"
#include "otasuke-checklist.h"
#include "otasuke-history-page.h"
#include "otasuke-sheet-page.h"
#include "window-harness.h"

/* The consultation sheet page. */

#define SHEET_COMPANY "さくら印刷株式会社"

static OtasukeSheetPage *
find_sheet_page (Fixture *fixture)
{
  return OTASUKE_SHEET_PAGE (find_by_type (GTK_WIDGET (fixture->window), OTASUKE_TYPE_SHEET_PAGE));
}

static gpointer
sheet_child (OtasukeSheetPage *page,
             const char       *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (page), OTASUKE_TYPE_SHEET_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

static gboolean
sheet_is_loaded (gpointer data)
{
  return otasuke_sheet_page_get_sheet (data) != NULL;
}

static gboolean
sheet_is_saved (gpointer data)
{
  return !otasuke_sheet_page_get_unsaved (data);
}

static OtasukeSheetPage *
show_sheet_page (Fixture *fixture)
{
  OtasukeSheetPage *page = find_sheet_page (fixture);

  g_assert_nonnull (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "sheet"));
  iterate_until (sheet_is_loaded, page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (sheet_child (page, "main_stack")), ==, "form");
  return page;
}

/* Scrolls the form so that @widget is @above pixels below the top. */
static void
scroll_to (OtasukeSheetPage *page,
           GtkWidget        *widget,
           double            above)
{
  GtkWidget *scroller = find_by_type (sheet_child (page, "form_page"), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  double x, y;

  wait_for_frames (GTK_WIDGET (page));
  g_assert_true (gtk_widget_translate_coordinates (widget, content, 0, 0, &x, &y));
  /* The viewport stays put while its content moves: add what is scrolled already. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + y - above);
}

static void
collect_spin_buttons (GtkWidget *root,
                      GPtrArray *into)
{
  if (GTK_IS_SPIN_BUTTON (root))
    g_ptr_array_add (into, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_spin_buttons (child, into);
}

static void
close_message_dialog (GtkWindow  *dialog,
                      const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (dialog);
  iterate_until (no_message_dialog, NULL);
}

/* Adds an entry through the page's own dialog, as a person would. */
static void
add_event_through_dialog (OtasukeSheetPage *page,
                          int               day,
                          int               hour,
                          int               minute,
                          const char       *text,
                          const char       *png)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (2026, 11, day, 0, 0, 0);
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  GtkWindow *dialog;
  GtkWidget *entry;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sheet.add-event", NULL));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, _("Add an Entry"));

  /* Nothing to add until something is written. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));

  gtk_calendar_select_day (GTK_CALENDAR (find_by_type (GTK_WIDGET (dialog), GTK_TYPE_CALENDAR)), date);
  collect_spin_buttons (GTK_WIDGET (dialog), spins);
  g_assert_cmpuint (spins->len, ==, 2);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 0), hour);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 1), minute);
  entry = find_by_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));

  if (png != NULL)
    save_png (GTK_WIDGET (dialog), png);

  close_message_dialog (dialog, "save");
}

static const char *
timeline_title (OtasukeSheetPage *page,
                int               index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (sheet_child (page, "timeline_list"), index);

  return row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL;
}

static void
test_sheet_detected (Fixture       *fixture,
                     gconstpointer  data)
{
  OtasukeSheetPage *page = show_sheet_page (fixture);
  OtasukeSheet *sheet = otasuke_sheet_page_get_sheet (page);
  g_autofree char *os = otasuke_sheet_describe_os (otasuke_application_get_os_info (fixture->app));
  GtkWidget *os_row = sheet_child (page, "os_row");

  /* The operating system is filled in and marked as found by the program. */
  g_assert_nonnull (os);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (os_row)), ==, os);
  g_assert_true (otasuke_sheet_is_detected (sheet, OTASUKE_SHEET_FIELD_OPERATING_SYSTEM));
  g_assert_true (gtk_widget_get_visible (sheet_child (page, "os_detected")));
  g_assert_true (has_label (os_row, _("Detected — please check")));
  /* Nothing found (the fake computer has no security software): nothing marked. */
  wait_for_probe (fixture->app, 1);
  g_assert_false (gtk_widget_get_visible (sheet_child (page, "security_detected")));
  /* Opening the page is not an edit: there is nothing to save. */
  g_assert_false (otasuke_sheet_page_get_unsaved (page));
  save_png (GTK_WIDGET (fixture->window), "sheet-top.png");

  /* Once the user changes it, it is theirs. */
  gtk_editable_set_text (GTK_EDITABLE (os_row), "Windows 11 Pro 23H2");
  g_assert_false (gtk_widget_get_visible (sheet_child (page, "os_detected")));
  g_assert_false (otasuke_sheet_is_detected (sheet, OTASUKE_SHEET_FIELD_OPERATING_SYSTEM));
  g_assert_cmpstr (otasuke_sheet_get_operating_system (sheet), ==, "Windows 11 Pro 23H2");
  iterate_until (sheet_is_saved, page);
}

/* Security software the probes find is filled in, however late they answer. */
static void
check_detected_security (Fixture       *fixture,
                         gconstpointer  data)
{
  OtasukeSheetPage *page = show_sheet_page (fixture);
  OtasukeSheet *sheet;

  wait_for_probe (fixture->app, 1);
  sheet = otasuke_sheet_page_get_sheet (page);
  g_assert_cmpstr (otasuke_sheet_get_security_software (sheet), ==, "ClamAV");
  g_assert_true (otasuke_sheet_is_detected (sheet, OTASUKE_SHEET_FIELD_SECURITY_SOFTWARE));
  g_assert_true (gtk_widget_get_visible (sheet_child (page, "security_detected")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sheet_child (page, "security_row"))), ==, "ClamAV");
}

static void
test_sheet_detected_security (void)
{
  reset_with_size (1024, 700);
  probe_root_write ("usr/bin/clamscan", "#!/bin/sh\nexit 0\n");
  run_in_app (check_detected_security);
}

static void
check_fill_sheet (Fixture       *fixture,
                  gconstpointer  data)
{
  OtasukeSheetPage *page = show_sheet_page (fixture);
  OtasukeSheet *sheet = otasuke_sheet_page_get_sheet (page);
  GtkWidget *service_row = sheet_child (page, "add_service_row");

  gtk_editable_set_text (GTK_EDITABLE (sheet_child (page, "company_row")), SHEET_COMPANY);
  g_assert_cmpstr (otasuke_sheet_get_company_name (sheet), ==, SHEET_COMPANY);
  g_assert_true (otasuke_sheet_page_get_unsaved (page));

  gtk_editable_set_text (GTK_EDITABLE (service_row), "Microsoft 365");
  g_signal_emit_by_name (service_row, "apply");
  g_assert_cmpstr (otasuke_sheet_get_cloud_services (sheet)[0], ==, "Microsoft 365");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (service_row)), ==, "");
  gtk_spin_button_set_value (sheet_child (page, "devices_spin"), 2);
  g_assert_cmpint (otasuke_sheet_get_affected_devices (sheet), ==, 2);
  /* A number is one Tab stop: the row does not take the focus before it. */
  g_assert_cmpuint (count_focus_stops (GTK_WINDOW (fixture->window), gtk_widget_get_ancestor (sheet_child (page, "devices_spin"), ADW_TYPE_ACTION_ROW)), ==, 1);
  g_assert_cmpuint (count_focus_stops (GTK_WINDOW (fixture->window), gtk_widget_get_ancestor (sheet_child (page, "accounts_spin"), ADW_TYPE_ACTION_ROW)), ==, 1);

  scroll_to (page, sheet_child (page, "devices_spin"), 260);
  save_png (GTK_WIDGET (fixture->window), "sheet-device.png");

  /* Out of order on purpose. */
  add_event_through_dialog (page, 20, 10, 5, "Files on the shared folder were renamed", "sheet-timeline-dialog.png");
  add_event_through_dialog (page, 18, 9, 0, "A mail with a Word attachment arrived", NULL);
  add_event_through_dialog (page, 22, 15, 30, "The screen showed a ransom message", NULL);

  g_assert_cmpuint (otasuke_sheet_get_n_events (sheet), ==, 3);
  g_assert_cmpstr (timeline_title (page, 0), ==, "A mail with a Word attachment arrived");
  g_assert_cmpstr (timeline_title (page, 1), ==, "Files on the shared folder were renamed");
  g_assert_cmpstr (timeline_title (page, 2), ==, "The screen showed a ransom message");
  g_assert_null (timeline_title (page, 3));

  /* With the group's title and description above the list. */
  scroll_to (page, sheet_child (page, "timeline_list"), 90);
  save_png (GTK_WIDGET (fixture->window), "sheet-timeline.png");

  /* Saved about a second after the last edit, in the background. */
  iterate_until (sheet_is_saved, page);
  g_assert_cmpint (otasuke_sheet_get_id (sheet), >, 0);
  g_assert_cmpstr (gtk_label_get_text (sheet_child (page, "saved_label")), ==, _("Saved"));
}

static gboolean
drafts_are_listed (gpointer data)
{
  return gtk_list_box_get_row_at_index (sheet_child (data, "drafts_list"), 0) != NULL;
}

static void
check_sheet_restored (Fixture       *fixture,
                      gconstpointer  data)
{
  OtasukeSheetPage *page = show_sheet_page (fixture);
  OtasukeSheet *sheet = otasuke_sheet_page_get_sheet (page);

  g_assert_cmpint (otasuke_sheet_get_id (sheet), >, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sheet_child (page, "company_row"))), ==, SHEET_COMPANY);
  g_assert_cmpstr (otasuke_sheet_get_cloud_services (sheet)[0], ==, "Microsoft 365");
  g_assert_cmpint (otasuke_sheet_get_affected_devices (sheet), ==, 2);
  g_assert_cmpuint (otasuke_sheet_get_n_events (sheet), ==, 3);
  g_assert_cmpstr (timeline_title (page, 0), ==, "A mail with a Word attachment arrived");
  g_assert_cmpstr (timeline_title (page, 1), ==, "Files on the shared folder were renamed");
  g_assert_cmpstr (timeline_title (page, 2), ==, "The screen showed a ransom message");
  g_assert_cmpint (otasuke_sheet_get_event (sheet, 0)->at, <, otasuke_sheet_get_event (sheet, 1)->at);
  g_assert_cmpint (otasuke_sheet_get_event (sheet, 1)->at, <, otasuke_sheet_get_event (sheet, 2)->at);
  /* Still what the program found, still marked. */
  g_assert_true (gtk_widget_get_visible (sheet_child (page, "os_detected")));

  /* Editing an entry: the calendar opens on its day, the time on its time,
   * and each number is one Tab stop. */
  {
    g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (otasuke_sheet_get_event (sheet, 1)->at);
    g_autoptr(GPtrArray) spins = g_ptr_array_new ();
    GtkWindow *dialog;
    GtkWidget *calendar;
    int year = 0, month = -1, day = 0;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sheet.edit-event", "u", 1));
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    calendar = find_by_type (GTK_WIDGET (dialog), GTK_TYPE_CALENDAR);
    g_object_get (calendar, "year", &year, "month", &month, "day", &day, NULL);
    g_assert_cmpint (year, ==, 2026);
    g_assert_cmpint (month + 1, ==, 11);
    g_assert_cmpint (day, ==, 20);
    collect_spin_buttons (GTK_WIDGET (dialog), spins);
    g_assert_cmpuint (spins->len, ==, 2);
    g_assert_cmpint (gtk_spin_button_get_value_as_int (g_ptr_array_index (spins, 0)), ==, g_date_time_get_hour (at));
    g_assert_cmpint (gtk_spin_button_get_value_as_int (g_ptr_array_index (spins, 1)), ==, 5);
    for (guint i = 0; i < spins->len; i++)
      g_assert_cmpuint (count_focus_stops (dialog, g_ptr_array_index (spins, i)), ==, 1);
    save_png (GTK_WIDGET (dialog), "sheet-timeline-edit.png");
    close_message_dialog (dialog, "cancel");
  }
  /* Opening a draft is not an edit. */
  g_assert_false (otasuke_sheet_page_get_unsaved (page));

  /* The draft is listed; a new sheet starts empty but for what was detected
   * and the company, which the profile remembers across sheets. */
  gtk_menu_button_popup (sheet_child (page, "drafts_button"));
  iterate_until (drafts_are_listed, page);
  save_png (GTK_WIDGET (sheet_child (page, "drafts_popover")), "sheet-drafts.png");
  /* Its text fits: nothing cut off at the popover's or the window's edge. */
  assert_popover_fits (sheet_child (page, "drafts_popover"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sheet.new", NULL));
  sheet = otasuke_sheet_page_get_sheet (page);
  g_assert_cmpint (otasuke_sheet_get_id (sheet), ==, 0);
  g_assert_cmpstr (otasuke_sheet_get_company_name (sheet), ==, SHEET_COMPANY);
  g_assert_cmpuint (otasuke_sheet_get_n_events (sheet), ==, 0);
  g_assert_true (otasuke_sheet_is_detected (sheet, OTASUKE_SHEET_FIELD_OPERATING_SYSTEM));
  g_assert_false (otasuke_sheet_page_get_unsaved (page));
}

static void
test_sheet_survives_restart (void)
{
  reset_with_size (1024, 700);
  run_in_app (check_fill_sheet);
  /* The same history file, a new start. */
  run_in_app (check_sheet_restored);
}

static void
check_sheet_narrow (Fixture       *fixture,
                    gconstpointer  data)
{
  show_sheet_page (fixture);
  save_png (GTK_WIDGET (fixture->window), "sheet-narrow.png");
  /* The page does not make the window wider than it was asked to be. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 400);
}

static void
test_sheet_narrow (void)
{
  reset_with_size (400, 700);
  run_in_app (check_sheet_narrow);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
test_sheet_save_pdf (Fixture       *fixture,
                     gconstpointer  data)
{
  OtasukeSheetPage *page = show_sheet_page (fixture);
  g_autofree char *dir = g_dir_make_tmp ("otasuke-sheet-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sheet.pdf", NULL);
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  struct stat st;

  g_assert_nonnull (dir);
  gtk_editable_set_text (GTK_EDITABLE (sheet_child (page, "company_row")), SHEET_COMPANY);
  /* Issue #11: how to reach the person, the question, the machine's state. */
  gtk_editable_set_text (GTK_EDITABLE (sheet_child (page, "phone_row")), "03-0000-1234");
  gtk_editable_set_text (GTK_EDITABLE (sheet_child (page, "email_row")), "hanako@example.jp");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (sheet_child (page, "question_view")),
                            "共有フォルダが開けない。", -1);
  adw_combo_row_set_selected (sheet_child (page, "machine_row"), 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sheet.save-pdf-to", "s", path));
  /* Written to a temporary file and renamed: once it exists, it is whole. */
  iterate_until (file_exists, path);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  if (program == NULL)
    g_error ("pdftotext is not installed; the PDF test needs poppler-utils (build-aux/dev.sh installs it)");
  {
    const char *argv[] = { program, "-enc", "UTF-8", path, "-", NULL };
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    int status = 0;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (text, SHEET_COMPANY));
    g_assert_nonnull (strstr (text, "03-0000-1234"));
    g_assert_nonnull (strstr (text, "hanako@example.jp"));
    g_assert_nonnull (strstr (text, "共有フォルダが開けない。"));
    {
      g_autofree char *ticked = g_strdup_printf ("■ %s", _("Powered off"));

      g_assert_nonnull (strstr (text, ticked));
    }
    /* Labels on one line each: pdftotext would show a line break inside
     * 「利用しているクラウドサービス」 if the layout had split the word. */
    g_assert_nonnull (strstr (text, _("Cloud services used")));
    /* The longest label; in English it may wrap between words, in Japanese
     * it has room for one line. */
    if (strcmp (_("Other desks or organisations already consulted"),
                "Other desks or organisations already consulted") != 0)
      g_assert_nonnull (strstr (text, _("Other desks or organisations already consulted")));
    /* A company: IPA's mail desk for companies comes before the phone desk. */
    g_assert_true (strstr (text, "cs-support@ipa.go.jp") != NULL);
    g_assert_true (strstr (text, "cs-support@ipa.go.jp") < strstr (text, "03-5978-7509"));
  }

  iterate_until (sheet_is_saved, page);
  g_remove (path);
  g_rmdir (dir);
}

static gboolean
pdf_says (const char *text,
          const char *needle)
{
  g_autofree char *hay = test_squeeze_spaces (text);
  g_autofree char *want = test_squeeze_spaces (needle);

  return strstr (hay, want) != NULL;
}

static gboolean
check_page_is_saved (gpointer data)
{
  return !otasuke_check_page_get_unsaved (data);
}

/* A whole check through the Check page's own actions, as the buttons do it:
 * every item "done" but those @special names. Reaching the results finishes
 * it and puts it into the history. */
static void
finish_check (Fixture          *fixture,
              OtasukeChecklist *checklist,
              const char *const special[][2])
{
  OtasukeCheckPage *page = OTASUKE_CHECK_PAGE (find_by_type (GTK_WIDGET (fixture->window), OTASUKE_TYPE_CHECK_PAGE));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "check"));
  iterate_until (check_page_is_loaded, page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.start", NULL));

  for (guint i = 0; i < otasuke_checklist_get_n_sections (checklist); i++)
    {
      const OtasukeChecklistSection *section = otasuke_checklist_get_section (checklist, i);
      g_autoptr(GPtrArray) items = otasuke_checklist_get_section_items (checklist, section->id);

      for (guint j = 0; j < items->len; j++)
        {
          const OtasukeChecklistItem *item = g_ptr_array_index (items, j);
          const char *answer = "done";
          g_autofree char *target = NULL;

          for (guint k = 0; special[k][0] != NULL; k++)
            if (g_str_equal (special[k][0], item->id))
              answer = special[k][1];
          target = g_strdup_printf ("%s:%s", item->id, answer);
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.answer", "s", target));
        }
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.next", NULL));
    }

  g_assert_cmpstr (otasuke_check_page_get_view (page), ==, "results");
  g_assert_true (otasuke_check_run_is_finished (otasuke_check_page_get_run (page)));
  iterate_until (check_page_is_saved, page);
}

static GtkWidget *sought_root;
static const char *sought_text;

static gboolean
label_is_shown (gpointer data)
{
  return find_label_containing (sought_root, sought_text) != NULL;
}

static void
wait_for_label (GtkWidget  *root,
                const char *text)
{
  sought_root = root;
  sought_text = text;
  iterate_until (label_is_shown, NULL);
}

static void
clipboard_text_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*text);
}

static gboolean
pointer_is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static gint64 wanted_run_id;

static gboolean
history_shows_wanted (gpointer data)
{
  return otasuke_history_page_get_loaded (data) && otasuke_history_page_get_shown_run_id (data) == wanted_run_id;
}

/* After two finished checks, the PDF saved from this page carries the second. */
static void
test_sheet_pdf_has_latest_check (Fixture       *fixture,
                                 gconstpointer  data)
{
  /* 96: one question not done. */
  static const char *const first[][2] = { { "ipa-03", "not-done" }, { NULL, NULL } };
  /* 94: ipa-03 not done, ipa-20 partly, ipa-09 (Wi-Fi) does not apply. */
  static const char *const second[][2] = { { "ipa-03", "not-done" }, { "ipa-20", "partly" },
                                           { "ipa-09", "not-applicable" }, { NULL, NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeChecklist) checklist = otasuke_checklist_new_from_resource (&error);
  g_autofree char *dir = g_dir_make_tmp ("otasuke-sheet-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sheet.pdf", NULL);
  g_autofree char *second_score = g_strdup_printf (_("%d of 100"), 94);
  g_autofree char *first_score = g_strdup_printf (_("%d of 100"), 96);
  g_autofree char *text = NULL;
  OtasukeHistoryPage *history;
  OtasukeSheetPage *page;
  gint64 second_id;

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  finish_check (fixture, checklist, first);
  finish_check (fixture, checklist, second);
  second_id = otasuke_check_run_get_id (otasuke_check_page_get_run (
    OTASUKE_CHECK_PAGE (find_by_type (GTK_WIDGET (fixture->window), OTASUKE_TYPE_CHECK_PAGE))));

  /* Both are in the history, nothing pressed but "next"; it opens on the newest. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "history"));
  history = OTASUKE_HISTORY_PAGE (find_by_type (GTK_WIDGET (fixture->window), OTASUKE_TYPE_HISTORY_PAGE));
  wanted_run_id = second_id;
  iterate_until (history_shows_wanted, history);
  g_assert_cmpuint (otasuke_history_page_get_n_runs (history), ==, 2);
  g_assert_cmpint (otasuke_history_page_get_run_id (history, 0), ==, second_id);

  page = show_sheet_page (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sheet.save-pdf-to", "s", path));
  iterate_until (file_exists, path);

  text = test_pdf_text (path, FALSE);
  g_test_message ("%s", text);
  g_assert_false (pdf_says (text, _("No check has been done on this computer yet. Otasuke’s check takes about "
                                    "ten minutes and shows what to fix first.")));
  g_assert_true (pdf_says (text, second_score));
  g_assert_false (pdf_says (text, first_score));
  g_assert_true (pdf_says (text, otasuke_score_band_get_title (OTASUKE_SCORE_BAND_SOME_GAPS)));
  /* What to fix first: the question answered "partly" in the second check only. */
  g_assert_true (pdf_says (text, otasuke_checklist_lookup (checklist, "ipa-20")->question));
  g_assert_true (pdf_says (text, otasuke_checklist_lookup (checklist, "ipa-03")->question));

  /* The text for a mail says the same. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sheet.copy-text", NULL));
  wait_for_label (sheet_child (page, "toast_overlay"), _("Copied. Paste it into your mail to the desk."));
  {
    g_autofree char *copied = NULL;

    gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (page)), NULL, clipboard_text_cb, &copied);
    iterate_until (pointer_is_set, &copied);
    g_assert_true (pdf_says (copied, second_score));
    g_assert_true (pdf_says (copied, otasuke_checklist_lookup (checklist, "ipa-20")->question));
  }

  iterate_until (sheet_is_saved, page);
  g_remove (path);
  g_rmdir (dir);
}

static gboolean
message_dialog_is_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

/* The dialog that says a save failed, with @body, closed again. */
static void
expect_save_failure (Fixture    *fixture,
                     const char *body,
                     const char *png)
{
  GtkWindow *dialog;

  iterate_until (message_dialog_is_shown, NULL);
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, _("The Sheet Could Not Be Saved"));
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, body);
  if (png != NULL)
    save_png (GTK_WIDGET (dialog), png);
  close_message_dialog (dialog, "close");
}

/* Where a save went wrong, the user is told, naming the file they chose; file
 * names are shown as they are, never read as markup. */
static void
test_sheet_export_errors (Fixture       *fixture,
                          gconstpointer  data)
{
  OtasukeSheetPage *page = show_sheet_page (fixture);
  GtkWidget *overlay = sheet_child (page, "toast_overlay");
  g_autofree char *dir = g_dir_make_tmp ("otasuke-sheet-XXXXXX", NULL);
  g_autofree char *not_a_folder = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *inside_file = g_build_filename (not_a_folder, "sheet.pdf", NULL);
  g_autofree char *odd_name = g_build_filename (dir, "<b>& &amp; sheet.pdf", NULL);
  g_autofree char *shown = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (not_a_folder, "a file, not a folder", -1, &error));
  g_assert_no_error (error);

  /* A folder that is not one (this fails for root too): the file chosen and why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sheet.save-pdf-to", "s", inside_file));
  shown = g_strdup_printf (_("%s could not be saved: its folder does not exist."), inside_file);
  expect_save_failure (fixture, shown, "sheet-save-failed.png");

  /* A read-only folder, where permissions apply. */
  if (geteuid () != 0)
    {
      g_autofree char *read_only = g_build_filename (dir, "read-only", NULL);
      g_autofree char *target = g_build_filename (read_only, "sheet.pdf", NULL);
      g_autofree char *message = g_strdup_printf (_("%s could not be saved: that folder does not allow writing. "
                                                    "Choose another folder."), target);

      g_assert_cmpint (g_mkdir (read_only, 0500), ==, 0);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sheet.save-pdf-to", "s", target));
      expect_save_failure (fixture, message, NULL);
      g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
      g_chmod (read_only, 0700);
      g_rmdir (read_only);
    }
  else
    g_test_message ("running as root: a read-only folder would not stop the save, so only the file in the way is tried");

  /* Markup characters in the name are shown as typed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sheet.save-pdf-to", "s", odd_name));
  iterate_until (file_exists, odd_name);
  saved = g_strdup_printf (_("Saved as “%s”"), "<b>& &amp; sheet.pdf");
  wait_for_label (overlay, saved);

  g_remove (odd_name);
  g_remove (not_a_folder);
  g_rmdir (dir);
}

/* Closing with a change the store will not take: the window says so and stays. */
static void
test_sheet_close_unsaved (Fixture       *fixture,
                          gconstpointer  data)
{
  OtasukeSheetPage *page = show_sheet_page (fixture);
  OtasukeStore *store = otasuke_application_get_store (fixture->app);
  GtkTextView *view = sheet_child (page, "suspicion_view");
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *reason = g_strdup_printf (_("The consultation sheet could not be saved: %s"), "");
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  iterate_until (sheet_is_saved, page);
  /* A full disk: the file may not grow. */
  g_assert_cmpuint (otasuke_store_set_max_page_count_for_testing (store, 1, &error), >, 0);
  g_assert_no_error (error);

  while (long_text->len < 60 * 1024)
    g_string_append (long_text, "画面に身代金を要求する表示が出た。");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), long_text->str, -1);
  g_assert_true (otasuke_sheet_page_get_unsaved (page));

  gtk_window_close (GTK_WINDOW (fixture->window));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   _("Your Changes Could Not Be Saved"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), reason));
  save_png (GTK_WIDGET (dialog), "sheet-close-unsaved.png");
  /* Still open, the change still waiting. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_true (otasuke_sheet_page_get_unsaved (page));
  close_message_dialog (dialog, "keep");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));

  /* Space again: the same change saves. */
  g_assert_cmpuint (otasuke_store_set_max_page_count_for_testing (store, 1073741823, &error), >, 0);
  g_assert_no_error (error);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "画面に身代金を要求する表示が出た。", -1);
  g_assert_true (otasuke_sheet_page_save_pending (page, &error));
  g_assert_no_error (error);
  g_assert_false (otasuke_sheet_page_get_unsaved (page));
}

static void
test_sheet_empty_items (Fixture       *fixture,
                        gconstpointer  data)
{
  OtasukeSheetPage *page = show_sheet_page (fixture);
  GtkWindow *dialog;
  GtkWidget *list;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sheet.print", NULL));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, _("Some Items Are Still Empty"));
  list = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  g_assert_true (GTK_IS_LABEL (list));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (list)), _("Company name")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (list)), _("What happened, in order")));
  /* The operating system was filled in for the user: not listed. */
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (list)), _("Operating system")));
  save_png (GTK_WIDGET (dialog), "sheet-empty-items.png");
  close_message_dialog (dialog, "back");
}

static void
test_sheet_desks (Fixture       *fixture,
                  gconstpointer  data)
{
  OtasukeSheetPage *page = show_sheet_page (fixture);
  GtkWidget *desks = sheet_child (page, "desks_box");

  iterate_until (advisories_are_loaded, fixture->app);
  g_assert_true (has_label (desks, "03-5978-7509"));
  g_assert_true (has_label (desks, "cs-support@ipa.go.jp"));
  g_assert_true (has_label (desks, "anshin@ipa.go.jp"));
  g_assert_true (has_label (sheet_child (page, "limits_box"),
                           _("When you send this sheet or screenshots by mail, keep the attachments under "
                             "about 3 MB in total.")));
  scroll_to (page, desks, 110);
  save_png (GTK_WIDGET (fixture->window), "sheet-desks.png");
  scroll_to (page, sheet_child (page, "limits_box"), 420);
  save_png (GTK_WIDGET (fixture->window), "sheet-bottom.png");
}

/* Printing ------------------------------------------------------------------ */

static gboolean
has_message_dialog (gpointer data)
{
  GtkWindow *dialog = find_message_dialog ();

  return dialog != NULL && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), data) == 0;
}

static GtkWindow *
find_print_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      /* By name: the Unix print dialog's header is not on every platform. */
      if (g_str_equal (G_OBJECT_TYPE_NAME (window), "GtkPrintUnixDialog"))
        return window;
    }
  return NULL;
}

static gboolean
has_print_dialog (gpointer data)
{
  return find_print_dialog () != NULL;
}

static gboolean
no_print_dialog (gpointer data)
{
  return find_print_dialog () == NULL;
}

static gboolean
ticked (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static void
press_print (OtasukeSheetPage *page)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sheet.print", NULL));
  g_assert_true (has_message_dialog ((gpointer) _("Some Items Are Still Empty")));
  close_message_dialog (find_message_dialog (), "print");
}

/* A print server that takes the connection and never answers: GTK's CUPS
 * backend would spin the main thread forever listing its printers, as it
 * does with Debian 12's CUPS 2.4.2-3+deb12u10. The program must stay alive
 * and steer to the PDF. */
static void
test_sheet_print_unresponsive (Fixture       *fixture,
                               gconstpointer  data)
{
  OtasukeSheetPage *page = show_sheet_page (fixture);
  g_autoptr(GSocketListener) silent = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("CUPS_SERVER"));
  GtkWindow *dialog;
  guint ticks = 0;
  guint tick_id;

  /* Listening, never accepting: the kernel completes every connection. */
  g_socket_listener_add_address (silent, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  server = g_strdup_printf ("127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_setenv ("CUPS_SERVER", server, TRUE);

  tick_id = g_timeout_add (100, ticked, &ticks);
  press_print (page);
  iterate_until (has_message_dialog, (gpointer) _("Printing Is Not Possible Right Now"));
  /* The window kept drawing and answering all along. */
  g_assert_cmpuint (ticks, >=, 10);
  g_assert_null (find_print_dialog ());
  dialog = find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "PDF"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "pdf"));
  save_png (GTK_WIDGET (dialog), "sheet-print-unavailable.png");
  close_message_dialog (dialog, "close");
  g_source_remove (tick_id);

  g_setenv ("CUPS_SERVER", saved, TRUE);
}

/* With a print system that answers (here: none at all, so only "Print to
 * File"), GTK's print window opens as before. */
static void
test_sheet_print_dialog (Fixture       *fixture,
                         gconstpointer  data)
{
  OtasukeSheetPage *page = show_sheet_page (fixture);
  GtkWindow *print_dialog;

  press_print (page);
  iterate_until (has_print_dialog, NULL);
  print_dialog = find_print_dialog ();
  g_assert_null (find_message_dialog ());
  gtk_dialog_response (GTK_DIALOG (print_dialog), GTK_RESPONSE_CANCEL);
  iterate_until (no_print_dialog, NULL);
}

int
main (int   argc,
      char *argv[])
{
  window_harness_init (&argc, &argv, "SheetPage");

  g_test_add_data_func ("/window/sheet/detected", (gconstpointer) test_sheet_detected, run_clean);
  g_test_add_func ("/window/sheet/detected-security", test_sheet_detected_security);
  g_test_add_func ("/window/sheet/survives-restart", test_sheet_survives_restart);
  g_test_add_data_func ("/window/sheet/save-pdf", (gconstpointer) test_sheet_save_pdf, run_clean);
  g_test_add_data_func ("/window/sheet/pdf-has-latest-check", (gconstpointer) test_sheet_pdf_has_latest_check,
                        run_clean);
  g_test_add_data_func ("/window/sheet/export-errors", (gconstpointer) test_sheet_export_errors, run_clean);
  g_test_add_data_func ("/window/sheet/close-unsaved", (gconstpointer) test_sheet_close_unsaved, run_clean);
  g_test_add_data_func ("/window/sheet/empty-items", (gconstpointer) test_sheet_empty_items, run_clean);
  g_test_add_data_func ("/window/sheet/desks", (gconstpointer) test_sheet_desks, run_clean);
  g_test_add_data_func ("/window/sheet/print-unresponsive", (gconstpointer) test_sheet_print_unresponsive, run_clean);
  g_test_add_data_func ("/window/sheet/print-dialog", (gconstpointer) test_sheet_print_dialog, run_clean);
  g_test_add_func ("/window/sheet/narrow", test_sheet_narrow);

  return window_harness_run ();
}

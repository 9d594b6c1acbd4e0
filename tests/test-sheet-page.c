/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

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
  /* Nothing found: nothing marked. */
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
  /* Opening a draft is not an edit. */
  g_assert_false (otasuke_sheet_page_get_unsaved (page));

  /* The draft is listed; a new sheet starts empty but for what was detected. */
  gtk_menu_button_popup (sheet_child (page, "drafts_button"));
  iterate_until (drafts_are_listed, page);
  save_png (GTK_WIDGET (sheet_child (page, "drafts_popover")), "sheet-drafts.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sheet.new", NULL));
  sheet = otasuke_sheet_page_get_sheet (page);
  g_assert_cmpint (otasuke_sheet_get_id (sheet), ==, 0);
  g_assert_null (otasuke_sheet_get_company_name (sheet));
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
  }

  iterate_until (sheet_is_saved, page);
  g_remove (path);
  g_rmdir (dir);
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

int
main (int   argc,
      char *argv[])
{
  window_harness_init (&argc, &argv, "SheetPage");

  g_test_add_data_func ("/window/sheet/detected", (gconstpointer) test_sheet_detected, run_clean);
  g_test_add_func ("/window/sheet/survives-restart", test_sheet_survives_restart);
  g_test_add_data_func ("/window/sheet/save-pdf", (gconstpointer) test_sheet_save_pdf, run_clean);
  g_test_add_data_func ("/window/sheet/empty-items", (gconstpointer) test_sheet_empty_items, run_clean);
  g_test_add_data_func ("/window/sheet/desks", (gconstpointer) test_sheet_desks, run_clean);
  g_test_add_func ("/window/sheet/narrow", test_sheet_narrow);

  return window_harness_run ();
}

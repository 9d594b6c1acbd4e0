/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-autostart"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "otasuke-autostart.h"

#define TEST_APP_ID "jp.or.sakura_cci.Otasuke.Test"

static void
assert_passes_desktop_file_validate (const char *path)
{
  g_autofree char *program = g_find_program_in_path ("desktop-file-validate");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (program == NULL)
    g_error ("desktop-file-validate is not installed; the autostart tests need desktop-file-utils "
             "(build-aux/dev.sh installs it)");

  {
    const char *argv[] = { program, path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                  &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  g_test_message ("desktop-file-validate: %s%s", out, err);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "");
}

static void
test_path (void)
{
  g_autofree char *path = otasuke_autostart_get_path (TEST_APP_ID);
  g_autofree char *expected = g_build_filename (g_get_user_config_dir (), "autostart",
                                                TEST_APP_ID ".desktop", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_enable (void)
{
  g_autofree char *path = otasuke_autostart_get_path (TEST_APP_ID);
  g_autoptr (GKeyFile) key_file = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *icon = NULL;
  g_autofree char *name = NULL;
  g_autofree char *name_ja = NULL;
  GStatBuf st;

  g_assert_false (otasuke_autostart_is_enabled (TEST_APP_ID));

  g_assert_true (otasuke_autostart_set_enabled (TRUE, TEST_APP_ID, &error));
  g_assert_no_error (error);
  g_assert_true (otasuke_autostart_is_enabled (TEST_APP_ID));

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_key_file_load_from_file (key_file, path, G_KEY_FILE_KEEP_TRANSLATIONS, &error);
  g_assert_no_error (error);
  exec = g_key_file_get_string (key_file, "Desktop Entry", "Exec", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exec, ==, "otasuke --background");
  icon = g_key_file_get_string (key_file, "Desktop Entry", "Icon", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (icon, ==, TEST_APP_ID);
  g_assert_true (g_key_file_get_boolean (key_file, "Desktop Entry",
                                         "X-GNOME-Autostart-enabled", NULL));
  g_assert_false (g_key_file_get_boolean (key_file, "Desktop Entry", "NoDisplay", NULL));
  /* The session's list of login programs shows the program's own name and icon. */
  name = g_key_file_get_string (key_file, "Desktop Entry", "Name", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Otasuke");
  name_ja = g_key_file_get_locale_string (key_file, "Desktop Entry", "Name", "ja", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name_ja, ==, "セキュリティお助けナビ");
  /* Started by the session, not through D-Bus activation. */
  g_assert_false (g_key_file_has_key (key_file, "Desktop Entry", "DBusActivatable", NULL));
  g_assert_false (g_key_file_get_boolean (key_file, "Desktop Entry", "StartupNotify", NULL));

  assert_passes_desktop_file_validate (path);

  /* Enabling again rewrites the entry in place. */
  g_assert_true (otasuke_autostart_set_enabled (TRUE, TEST_APP_ID, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_enable_replaces_loose_mode (void)
{
  g_autofree char *path = otasuke_autostart_get_path (TEST_APP_ID);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;
  GStatBuf st;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents_full (path, "[Desktop Entry]\nHidden=true\n", -1,
                            G_FILE_SET_CONTENTS_NONE, 0666, &error);
  g_assert_no_error (error);
  g_assert_false (otasuke_autostart_is_enabled (TEST_APP_ID));

  g_assert_true (otasuke_autostart_set_enabled (TRUE, TEST_APP_ID, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (otasuke_autostart_is_enabled (TEST_APP_ID));
}

static void
test_disable (void)
{
  g_autofree char *path = otasuke_autostart_get_path (TEST_APP_ID);
  g_autoptr (GError) error = NULL;

  g_assert_true (otasuke_autostart_set_enabled (TRUE, TEST_APP_ID, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_true (otasuke_autostart_set_enabled (FALSE, TEST_APP_ID, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (otasuke_autostart_is_enabled (TEST_APP_ID));

  /* Removing what is not there is fine. */
  g_assert_true (otasuke_autostart_set_enabled (FALSE, TEST_APP_ID, &error));
  g_assert_no_error (error);
}

static void
test_disabled_elsewhere (void)
{
  g_autofree char *path = otasuke_autostart_get_path (TEST_APP_ID);
  g_autoptr (GError) error = NULL;

  g_assert_true (otasuke_autostart_set_enabled (TRUE, TEST_APP_ID, &error));
  g_assert_no_error (error);

  g_file_set_contents (path,
                       "[Desktop Entry]\nType=Application\nName=Otasuke\n"
                       "Exec=otasuke --background\nX-GNOME-Autostart-enabled=false\n",
                       -1, &error);
  g_assert_no_error (error);
  g_assert_false (otasuke_autostart_is_enabled (TEST_APP_ID));

  g_file_set_contents (path, "not a key file", -1, &error);
  g_assert_no_error (error);
  g_assert_false (otasuke_autostart_is_enabled (TEST_APP_ID));
}

static void
test_unwritable (void)
{
  g_autofree char *path = otasuke_autostart_get_path (TEST_APP_ID);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;

  /* A regular file where the folder should be: mkdir fails even for root,
   * who ignores permission bits. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_file_set_contents (dir, "", 0, &error);
  g_assert_no_error (error);

  g_assert_false (otasuke_autostart_set_enabled (TRUE, TEST_APP_ID, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  g_assert_false (otasuke_autostart_is_enabled (TEST_APP_ID));
  g_assert_true (otasuke_autostart_set_enabled (FALSE, TEST_APP_ID, &error));
  g_assert_no_error (error);
}

static void
test_invalid_app_id (void)
{
  g_autoptr (GError) error = NULL;

  g_test_expect_message ("otasuke-autostart", G_LOG_LEVEL_CRITICAL, "*g_application_id_is_valid*");
  g_assert_false (otasuke_autostart_set_enabled (TRUE, "../../evil", &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/autostart/path", test_path);
  g_test_add_func ("/autostart/enable", test_enable);
  g_test_add_func ("/autostart/enable-replaces-loose-mode", test_enable_replaces_loose_mode);
  g_test_add_func ("/autostart/disable", test_disable);
  g_test_add_func ("/autostart/disabled-elsewhere", test_disabled_elsewhere);
  g_test_add_func ("/autostart/unwritable", test_unwritable);
  g_test_add_func ("/autostart/invalid-app-id", test_invalid_app_id);

  return g_test_run ();
}

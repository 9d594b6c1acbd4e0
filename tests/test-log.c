/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Warnings of GLib, GTK and ours stay off the user's terminal: they go to
 * the private log file, which stays bounded. */
#define G_LOG_DOMAIN "otasuke-test-log"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "otasuke-log.h"
#include "test-util.h"

/* The parent names the file and passes it on, in a folder of its own: the
 * child of g_test_trap_subprocess() empties the isolated folders as it ends. */
static char *
fresh_log_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("otasuke-test-log-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, "otasuke.log", NULL);
  g_setenv ("TEST_LOG_FILE", path, TRUE);
  return path;
}

static void
remove_log (const char *path)
{
  g_autofree char *old = g_strconcat (path, ".old", NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_unlink (old);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Runs in the subprocess: the tests' G_DEBUG=fatal-warnings would make the
 * warning abort, which is what the program does not do for its users. */
static void
warn_twice (void)
{
  const char *path = g_getenv ("TEST_LOG_FILE");

  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  g_unsetenv ("G_DEBUG");
  otasuke_log_install (path);
  g_log_structured ("Gtk", G_LOG_LEVEL_WARNING, "MESSAGE", "Theme parsing error: gtk.css:1:2");
  g_critical ("gtk_widget_get_parent: assertion 'GTK_IS_WIDGET (widget)' failed");
}

static void
test_warnings_to_file (void)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;

  if (g_test_subprocess ())
    {
      g_unsetenv ("OTASUKE_LOG");
      warn_twice ();
      return;
    }
  path = fresh_log_file ();
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
  g_test_trap_assert_stdout_unmatched ("*Theme parsing*");

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "WARNING Gtk: Theme parsing error: gtk.css:1:2\n"));
  g_assert_nonnull (strstr (contents, "CRITICAL otasuke-test-log: gtk_widget_get_parent"));
  test_assert_mode (path, 0600);
  remove_log (path);
}

/* OTASUKE_LOG=stderr is for a developer who wants to see them. */
static void
test_stderr_on_request (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("OTASUKE_LOG", "stderr", TRUE);
      warn_twice ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*Theme parsing error*");
}

/* A log that has grown past its bound is moved aside, not appended to forever. */
static void
test_bounded (void)
{
  g_autofree char *path = NULL;
  g_autofree char *old = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *big = NULL;
  gsize len = 0;

  if (g_test_subprocess ())
    {
      g_unsetenv ("OTASUKE_LOG");
      warn_twice ();
      return;
    }
  path = fresh_log_file ();
  old = g_strconcat (path, ".old", NULL);
  big = g_strnfill (OTASUKE_LOG_MAX_BYTES + 10, 'x');
  g_assert_true (g_file_set_contents (path, big, -1, NULL));
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, <, 1024);
  g_assert_nonnull (strstr (contents, "Theme parsing error"));
  g_assert_true (g_file_test (old, G_FILE_TEST_IS_REGULAR));
  remove_log (path);
}

/* With nowhere to write (no data folder yet), the line is not lost, and it
 * does not reach the terminal either (issue #10): it waits, and is written
 * once the folder is there, at the next warning or when the program ends. */
static void
test_no_folder (void)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;

  if (g_test_subprocess ())
    {
      const char *wanted = g_getenv ("TEST_LOG_FILE");
      g_autofree char *dir = g_path_get_dirname (wanted);

      g_unsetenv ("OTASUKE_LOG");
      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      g_unsetenv ("G_DEBUG");
      g_assert_no_errno (g_rmdir (dir));
      otasuke_log_install (wanted);
      g_log_structured ("Gtk", G_LOG_LEVEL_WARNING, "MESSAGE", "kept somewhere");
      g_warning ("kept as well");
      g_assert_false (g_file_test (wanted, G_FILE_TEST_EXISTS));
      /* The store makes the folder; the program ends. */
      g_assert_no_errno (g_mkdir (dir, 0700));
      otasuke_log_flush ();
      return;
    }
  path = fresh_log_file ();
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
  g_test_trap_assert_stdout_unmatched ("*kept*");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "WARNING Gtk: kept somewhere\n"));
  g_assert_nonnull (strstr (contents, "WARNING otasuke-test-log: kept as well\n"));
  g_assert_true (strstr (contents, "kept somewhere") < strstr (contents, "kept as well"));
  remove_log (path);
}

/* A folder that stays unwritable: the terminal still stays quiet, and what
 * waits stays bounded. */
static void
test_never_writable (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *missing = g_build_filename (g_get_user_data_dir (), "no-such-folder", "otasuke.log", NULL);
      g_autofree char *filler = g_strnfill (1000, 'w');

      g_unsetenv ("OTASUKE_LOG");
      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      g_unsetenv ("G_DEBUG");
      otasuke_log_install (missing);
      for (guint i = 0; i < 1000; i++)
        g_log_structured ("Gtk", G_LOG_LEVEL_WARNING, "MESSAGE", "%u %s", i, filler);
      otasuke_log_flush ();
      g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
}

/* What ends the program is shown as it ends it, even with nowhere to keep
 * it: an error, and a warning that G_DEBUG=fatal-warnings (a developer's,
 * the tests') makes fatal. */
static void
test_fatal_shown (gconstpointer data)
{
  const char *debug = data;

  if (g_test_subprocess ())
    {
      g_autofree char *missing = g_build_filename (g_get_user_data_dir (), "no-such-folder", "otasuke.log", NULL);

      g_unsetenv ("OTASUKE_LOG");
      if (*debug != '\0')
        g_setenv ("G_DEBUG", debug, TRUE);
      else
        g_unsetenv ("G_DEBUG");
      otasuke_log_install (missing);
      if (*debug != '\0')
        {
          g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);
          g_warning ("the last words");
        }
      else
        g_error ("the last words");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*the last words*");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/log/warnings-to-file", test_warnings_to_file);
  g_test_add_func ("/log/stderr-on-request", test_stderr_on_request);
  g_test_add_func ("/log/bounded", test_bounded);
  g_test_add_func ("/log/no-folder", test_no_folder);
  g_test_add_func ("/log/never-writable", test_never_writable);
  g_test_add_data_func ("/log/fatal-shown/error", "", test_fatal_shown);
  g_test_add_data_func ("/log/fatal-shown/fatal-warnings", "fatal-warnings", test_fatal_shown);
  return g_test_run ();
}

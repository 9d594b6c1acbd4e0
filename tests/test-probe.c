/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-probe"

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <utime.h>

#include <glib/gstdio.h>

#include "otasuke-feed.h"
#include "otasuke-json.h"
#include "otasuke-probe.h"
#include "otasuke-subprocess.h"

#define DAY (24 * 60 * 60)
/* 2025-01-15 12:00 UTC */
#define NOW G_GINT64_CONSTANT (1736942400)

/* Fake roots live in the isolated cache dir, removed by GLib after the run. */
static char *
make_root (void)
{
  g_autofree char *tmpl = g_build_filename (g_get_user_cache_dir (), "root-XXXXXX", NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_nonnull (g_mkdtemp (tmpl));
  return g_steal_pointer (&tmpl);
}

static char *
write_file (const char *root,
            const char *relative,
            const char *contents,
            int         mode)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
  return g_steal_pointer (&path);
}

static void
make_link (const char *root,
           const char *relative,
           const char *target)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (symlink (target, path), ==, 0);
}

static char *
write_script (const char *root,
              const char *relative,
              const char *body)
{
  g_autofree char *text = g_strconcat ("#!/bin/sh\n", body, "\n", NULL);

  return write_file (root, relative, text, 0755);
}

static OtasukeProbeBrowser *
find_browser (OtasukeProbeReport *report,
              const char         *id,
              OtasukeProbeSource  source,
              const char         *channel)
{
  OtasukeProbeBrowser *found = NULL;

  for (guint i = 0; i < report->browsers->len; i++)
    {
      OtasukeProbeBrowser *b = g_ptr_array_index (report->browsers, i);

      if (g_str_equal (b->id, id) && b->source == source &&
          (channel == NULL || g_strcmp0 (b->channel, channel) == 0))
        {
          /* Each install is reported once. */
          g_assert_null (found);
          found = b;
        }
    }
  return found;
}

static OtasukeProbeReport *
probe_root (const char *root,
            guint       timeout_ms)
{
  OtasukeProbeOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  OtasukeProbeReport *report;

  options.root = root;
  options.program_timeout_ms = timeout_ms;
  options.now = NOW;
  report = otasuke_probe_run (&options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* Subprocess */

static void
test_subprocess_output (void)
{
  g_autofree char *root = make_root ();
  g_autofree char *script = write_script (root, "prog", "echo \"hello $1\"\nexit 3");
  const char * const argv[] = { script, "a b; rm -rf /", NULL };
  g_autoptr(OtasukeSubprocessResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = otasuke_subprocess_run (argv, 2000, 0, NULL, &error);
  g_assert_no_error (error);
  /* An argument is an argument, never shell syntax. */
  g_assert_cmpstr (result->output, ==, "hello a b; rm -rf /\n");
  g_assert_false (result->truncated);
  g_assert_true (result->exited);
  g_assert_cmpint (result->exit_status, ==, 3);
}

static void
test_subprocess_timeout (void)
{
  g_autofree char *root = make_root ();
  /* The shell's child holds the pipe too: it must die with its parent. */
  g_autofree char *script = write_script (root, "hang", "sleep 60");
  const char * const argv[] = { script, NULL };
  g_autoptr(OtasukeSubprocessResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  result = otasuke_subprocess_run (argv, 1000, 0, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_null (result);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static void
test_subprocess_bounded (void)
{
  g_autofree char *root = make_root ();
  g_autofree char *script = write_script (root, "flood", "head -c 10485760 /dev/zero | tr '\\0' 'x'");
  const char * const argv[] = { script, NULL };
  g_autoptr(OtasukeSubprocessResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  result = otasuke_subprocess_run (argv, 5000, 64 * 1024, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (result->truncated);
  g_assert_false (result->exited);
  g_assert_cmpuint (result->output_len, ==, 64 * 1024);
  g_assert_cmpint (result->output[0], ==, 'x');
  g_assert_cmpint (result->output[result->output_len], ==, '\0');
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static void
test_subprocess_lingering (void)
{
  g_autofree char *root = make_root ();
  /* Exits at once, but leaves something behind that keeps stdout open. */
  g_autofree char *script = write_script (root, "linger", "sleep 60 &\necho 1.2.3");
  const char * const argv[] = { script, NULL };
  g_autoptr(OtasukeSubprocessResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  result = otasuke_subprocess_run (argv, 5000, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (result->exited);
  g_assert_cmpint (result->exit_status, ==, 0);
  g_assert_cmpstr (result->output, ==, "1.2.3\n");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static void
test_subprocess_missing (void)
{
  const char * const argv[] = { "/nonexistent/otasuke-test-program", "--version", NULL };
  g_autoptr(OtasukeSubprocessResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = otasuke_subprocess_run (argv, 1000, 0, NULL, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT));
}

/* Cancelling once the program under test is running, not after a guessed
 * delay: the program's script first writes a line into a FIFO, and a thread
 * blocked reading it cancels when the line comes. */
typedef struct {
  char         *fifo;
  GCancellable *cancellable;
} CancelWhenStarted;

static gpointer
cancel_when_started_thread (gpointer user_data)
{
  CancelWhenStarted *wait = user_data;
  char line[16];
  int fd = g_open (wait->fifo, O_RDONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (read (fd, line, sizeof line), >, 0);
  close (fd);
  g_cancellable_cancel (wait->cancellable);

  g_free (wait->fifo);
  g_object_unref (wait->cancellable);
  g_free (wait);
  return NULL;
}

/* The shell line the hanging script starts with, and the thread that waits for it. */
static GThread *
cancel_when_started (const char    *root,
                     GCancellable  *cancellable,
                     char         **script_line)
{
  CancelWhenStarted *wait = g_new0 (CancelWhenStarted, 1);
  g_autofree char *quoted = NULL;

  wait->fifo = g_build_filename (root, "started", NULL);
  wait->cancellable = g_object_ref (cancellable);
  g_assert_cmpint (mkfifo (wait->fifo, 0600), ==, 0);
  quoted = g_shell_quote (wait->fifo);
  *script_line = g_strdup_printf ("echo started > %s", quoted);
  return g_thread_new ("cancel", cancel_when_started_thread, wait);
}

static void
test_subprocess_cancel (void)
{
  g_autofree char *root = make_root ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *started = NULL;
  GThread *thread = cancel_when_started (root, cancellable, &started);
  g_autofree char *body = g_strconcat (started, "\nsleep 60", NULL);
  g_autofree char *script = write_script (root, "hang", body);
  const char * const argv[] = { script, NULL };
  g_autoptr(OtasukeSubprocessResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  result = otasuke_subprocess_run (argv, 10000, 0, cancellable, &error);
  g_thread_join (thread);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

/* Parsing helpers */

static void
test_parse_version_output (void)
{
  static const struct { const char *text; const char *version; } cases[] = {
    { "Chromium 120.0.6099.224 built on Debian 12.4, running on Debian 12.5\n", "120.0.6099.224" },
    { "Google Chrome 128.0.6613.84 \n", "128.0.6613.84" },
    { "Microsoft Edge 128.0.2739.42\n", "128.0.2739.42" },
    { "Brave Browser 128.1.69.153\n", "128.1.69.153" },
    { "Vivaldi 6.9.3447.37 stable\n", "6.9.3447.37" },
    { "Mozilla Firefox 115.9.0esr\n", "115.9.0esr" },
    { "Mozilla Firefox 125.0b3\n", "125.0b3" },
    { "x86_64 build 42 of Chromium 99.0.1\n", "99.0.1" },
    { "v8 9.1. then 12.0.1.", "9.1" },
    { "build 5 (12.0.1)", "12.0.1" },
    { "no version here\n", NULL },
    { "1234\n", NULL },
    { "", NULL },
    { "Chrome 99999999999999999999999.1\n", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *v = otasuke_probe_parse_version_output (cases[i].text, strlen (cases[i].text));

      g_assert_cmpstr (v, ==, cases[i].version);
    }

  /* Binary junk, with NULs. */
  {
    const char junk[] = "\xff\xfe\0\x01 1.\0002 \x80";
    g_autofree char *v = otasuke_probe_parse_version_output (junk, sizeof junk - 1);

    g_assert_null (v);
  }
}

static void
test_package_version (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "120.0.6099.224-1~deb12u1", "120.0.6099.224" },
    { "115.9.0esr-1~deb12u1", "115.9.0esr" },
    { "1:128.0.6613.84-1", "128.0.6613.84" },
    { "128.0.6613.84", "128.0.6613.84" },
    { "102.0+dfsg-1", "102.0" },
    { "1:1snap1-0ubuntu2", NULL },
    { "x:1.0-1", NULL },
    { "garbage", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *v = otasuke_probe_package_version (cases[i].in);

      g_assert_cmpstr (v, ==, cases[i].out);
    }
  g_assert_null (otasuke_probe_package_version (NULL));
}

static void
test_os_support (void)
{
  g_autoptr(GPtrArray) feed = g_ptr_array_new ();
  g_autoptr(GPtrArray) bundled = otasuke_probe_bundled_os_checks ();
  OtasukeFeedCheck override = { 0 };
  g_autofree char *date = NULL;

  g_assert_cmpuint (bundled->len, >=, 7);

  g_assert_cmpint (otasuke_probe_os_supported ("debian", "12", NULL, NOW, &date), ==, OTASUKE_PROBE_YES);
  g_assert_cmpstr (date, ==, "2028-06-30");
  g_clear_pointer (&date, g_free);
  g_assert_cmpint (otasuke_probe_os_supported ("debian", "10", NULL, NOW, &date), ==, OTASUKE_PROBE_NO);
  g_assert_cmpstr (date, ==, "2024-06-30");
  g_clear_pointer (&date, g_free);
  g_assert_cmpint (otasuke_probe_os_supported ("ubuntu", "20.04", NULL, NOW, NULL), ==, OTASUKE_PROBE_YES);
  g_assert_cmpint (otasuke_probe_os_supported ("ubuntu", "20.04", NULL, NOW + 365 * DAY, NULL), ==, OTASUKE_PROBE_NO);
  g_assert_cmpint (otasuke_probe_os_supported ("windows", "10", NULL, NOW, NULL), ==, OTASUKE_PROBE_YES);
  g_assert_cmpint (otasuke_probe_os_supported ("Windows", "10", NULL, NOW + 365 * DAY, NULL), ==, OTASUKE_PROBE_NO);
  g_assert_cmpint (otasuke_probe_os_supported ("ubuntu", "22.10", NULL, NOW, &date), ==, OTASUKE_PROBE_UNKNOWN);
  g_assert_null (date);
  g_assert_cmpint (otasuke_probe_os_supported ("debian", NULL, NULL, NOW, NULL), ==, OTASUKE_PROBE_UNKNOWN);
  g_assert_cmpint (otasuke_probe_os_supported (NULL, "12", NULL, NOW, NULL), ==, OTASUKE_PROBE_UNKNOWN);
  g_assert_cmpint (otasuke_probe_os_supported ("haiku", "1", NULL, NOW, NULL), ==, OTASUKE_PROBE_UNKNOWN);

  /* The feed comes first; a check with a bad date is passed over. */
  override.type = OTASUKE_CHECK_OS_END_OF_SUPPORT;
  override.os = (char *) "debian";
  override.version = (char *) "12";
  override.date = (char *) "2025-01-01";
  g_ptr_array_add (feed, &override);
  g_assert_cmpint (otasuke_probe_os_supported ("debian", "12", feed, NOW, &date), ==, OTASUKE_PROBE_NO);
  g_assert_cmpstr (date, ==, "2025-01-01");
  g_clear_pointer (&date, g_free);
  override.date = (char *) "2025-13-01";
  g_assert_cmpint (otasuke_probe_os_supported ("debian", "12", feed, NOW, &date), ==, OTASUKE_PROBE_YES);
  g_assert_cmpstr (date, ==, "2028-06-30");
  g_clear_pointer (&date, g_free);
  /* The feed also teaches versions the bundled table does not know. */
  override.version = (char *) "22.10";
  override.os = (char *) "ubuntu";
  override.date = (char *) "2023-07-20";
  g_assert_cmpint (otasuke_probe_os_supported ("ubuntu", "22.10", feed, NOW, NULL), ==, OTASUKE_PROBE_NO);
}

/* Fake systems */

static const char dpkg_status[] =
  "Package: chromium\n"
  "Status: install ok installed\n"
  "Architecture: amd64\n"
  "Version: 120.0.6099.224-1~deb12u1\n"
  "Description: web browser\n"
  " A long description.\n"
  "\n"
  "Package: firefox-esr\n"
  "Status: install ok installed\n"
  "Version: 115.9.0esr-1~deb12u1\n"
  "\n"
  "Package: google-chrome-stable\n"
  "Status: install ok installed\n"
  "Version: 128.0.6613.84-1\n"
  "\n"
  "Package: microsoft-edge-stable\n"
  "Status: deinstall ok config-files\n"
  "Version: 127.0.2651.74-1\n"
  "\n"
  "Package: libc6\n"
  "Status: install ok installed\n"
  "Version: 2.36-9+deb12u4\n";

static void
test_deb (void)
{
  g_autofree char *root = make_root ();
  g_autofree char *chromium = NULL;
  g_autoptr(OtasukeProbeReport) report = NULL;
  OtasukeProbeBrowser *b;

  g_free (write_file (root, "var/lib/dpkg/status", dpkg_status, 0644));
  /* The binary's own answer beats the package database. */
  chromium = write_script (root, "usr/bin/chromium",
                           "echo 'Chromium 120.0.6099.234 built on Debian 12.4, running on Debian 12.5'");
  g_free (write_file (root, "usr/lib/firefox-esr/application.ini",
                      "[App]\nVendor=Mozilla\nName=Firefox\nVersion=115.10.0esr\nBuildID=20240101\n", 0644));

  report = probe_root (root, 2000);
  g_assert_cmpuint (report->browsers->len, ==, 3);

  b = find_browser (report, "chromium", OTASUKE_PROBE_SOURCE_DEB, NULL);
  g_assert_nonnull (b);
  g_assert_cmpstr (b->version, ==, "120.0.6099.234");
  g_assert_cmpstr (b->name, ==, "Chromium");
  g_assert_cmpstr (b->path, ==, chromium);

  b = find_browser (report, "firefox", OTASUKE_PROBE_SOURCE_DEB, NULL);
  g_assert_nonnull (b);
  g_assert_cmpstr (b->version, ==, "115.10.0esr");
  g_assert_cmpstr (b->channel, ==, "esr");
  g_assert_cmpstr (b->name, ==, "Firefox ESR");
  g_assert_true (g_str_has_suffix (b->path, "usr/lib/firefox-esr/application.ini"));

  /* Package only: its version without epoch and revision. */
  b = find_browser (report, "chrome", OTASUKE_PROBE_SOURCE_DEB, NULL);
  g_assert_nonnull (b);
  g_assert_cmpstr (b->version, ==, "128.0.6613.84");
  g_assert_cmpstr (b->channel, ==, "stable");
  g_assert_cmpstr (b->name, ==, "Google Chrome");
  g_assert_null (b->path);

  /* Removed but not purged is not installed. */
  g_assert_null (find_browser (report, "edge", OTASUKE_PROBE_SOURCE_DEB, NULL));

  /* application.ini without the "esr" that the package (and `firefox --version`) show. */
  g_free (write_file (root, "usr/lib/firefox-esr/application.ini", "[App]\nVersion=115.9.0\n", 0644));
  g_clear_pointer (&report, otasuke_probe_report_free);
  report = probe_root (root, 2000);
  b = find_browser (report, "firefox", OTASUKE_PROBE_SOURCE_DEB, NULL);
  g_assert_cmpstr (b->version, ==, "115.9.0esr");
  g_assert_cmpstr (b->channel, ==, "esr");
}

static void
test_binary_only (void)
{
  g_autofree char *root = make_root ();
  g_autoptr(OtasukeProbeReport) report = NULL;
  OtasukeProbeBrowser *b;

  /* No package database at all: found by the program, source "other". */
  g_free (write_script (root, "opt/google/chrome/google-chrome", "echo 'Google Chrome 128.0.6613.84 '"));
  g_free (write_script (root, "usr/bin/microsoft-edge-stable", "echo 'Microsoft Edge 128.0.2739.42'"));
  g_free (write_script (root, "usr/bin/brave-browser", "echo 'Brave Browser 128.1.69.153'"));
  g_free (write_script (root, "usr/bin/vivaldi-stable", "echo 'Vivaldi 6.9.3447.37 stable'"));
  /* A failing program says nothing, even if it prints a number. */
  g_free (write_script (root, "usr/bin/google-chrome-beta", "echo 'Google Chrome 129.0.1'\nexit 1"));
  /* Not executable: not a program. */
  g_free (write_file (root, "usr/bin/chromium", "#!/bin/sh\necho 'Chromium 1.2.3'\n", 0644));

  report = probe_root (root, 2000);
  g_assert_cmpuint (report->browsers->len, ==, 5);
  g_assert_cmpstr (find_browser (report, "chrome", OTASUKE_PROBE_SOURCE_OTHER, "stable")->version, ==, "128.0.6613.84");
  g_assert_null (find_browser (report, "chrome", OTASUKE_PROBE_SOURCE_OTHER, "beta")->version);
  g_assert_cmpstr (find_browser (report, "edge", OTASUKE_PROBE_SOURCE_OTHER, NULL)->version, ==, "128.0.2739.42");
  g_assert_cmpstr (find_browser (report, "brave", OTASUKE_PROBE_SOURCE_OTHER, NULL)->version, ==, "128.1.69.153");
  b = find_browser (report, "vivaldi", OTASUKE_PROBE_SOURCE_OTHER, NULL);
  g_assert_cmpstr (b->version, ==, "6.9.3447.37");
  g_assert_cmpstr (b->name, ==, "Vivaldi");
  g_assert_null (find_browser (report, "chromium", OTASUKE_PROBE_SOURCE_OTHER, NULL));
}

static void
test_rpm (void)
{
  g_autofree char *root = make_root ();
  g_autofree char *rpm = NULL;
  g_autoptr(OtasukeProbeReport) report = NULL;
  OtasukeProbeOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  OtasukeProbeBrowser *b;

  /* Answers like `rpm -q --qf '%{NAME}\t%{VERSION}\n' …`, checking it was asked that way. */
  rpm = write_script (root, "fake-rpm",
                      "[ \"$1\" = -q ] && [ \"$2\" = --qf ] || exit 2\n"
                      "printf 'google-chrome-stable\\t128.0.6613.119\\n'\n"
                      "printf 'package firefox is not installed\\n'\n"
                      "printf 'firefox\\tnot-a-version\\n'\n"
                      "exit 1");
  options.root = root;
  options.rpm_program = rpm;
  options.now = NOW;
  report = otasuke_probe_run (&options, NULL, &error);
  g_assert_no_error (error);

  b = find_browser (report, "chrome", OTASUKE_PROBE_SOURCE_RPM, NULL);
  g_assert_nonnull (b);
  g_assert_cmpstr (b->version, ==, "128.0.6613.119");
  /* Installed according to rpm, but with a version we cannot read. */
  b = find_browser (report, "firefox", OTASUKE_PROBE_SOURCE_RPM, NULL);
  g_assert_nonnull (b);
  g_assert_null (b->version);
  g_assert_cmpuint (report->browsers->len, ==, 2);
}

static void
test_flatpak (void)
{
  g_autofree char *root = make_root ();
  g_autofree char *user_data = g_build_filename (root, "home-data", NULL);
  g_autoptr(OtasukeProbeReport) report = NULL;
  OtasukeProbeOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  OtasukeProbeBrowser *b;

  /* System install, laid out as flatpak does, with its symlinks. */
  g_free (write_file (root, "var/lib/flatpak/app/org.mozilla.firefox/x86_64/stable/0123abcd/files/lib/firefox/application.ini",
                      "[App]\nVersion=128.0.3\n", 0644));
  make_link (root, "var/lib/flatpak/app/org.mozilla.firefox/x86_64/stable/active", "0123abcd");
  make_link (root, "var/lib/flatpak/app/org.mozilla.firefox/current", "x86_64/stable");
  g_free (write_file (root, "var/lib/flatpak/app/com.google.Chrome/current/active/files/share/metainfo/com.google.Chrome.metainfo.xml",
                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<component type=\"desktop-application\"><id>com.google.Chrome</id>\n"
                      "<releases><release version=\"127.0.6533.119\" date=\"2024-08-13\"/>\n"
                      "<release version=\"128.0.6613.84\" date=\"2024-08-26\"/>\n"
                      "<release version=\"junk\"/></releases></component>\n", 0644));

  /* User install on the beta branch. */
  g_free (write_file (user_data, "flatpak/app/com.google.Chrome/x86_64/beta/feed/files/share/metainfo/com.google.Chrome.metainfo.xml",
                      "<component><releases><release version=\"129.0.6668.12\"/></releases></component>", 0644));
  make_link (user_data, "flatpak/app/com.google.Chrome/x86_64/beta/active", "feed");
  make_link (user_data, "flatpak/app/com.google.Chrome/current", "x86_64/beta");
  /* A Chromium without readable metadata is still an installed Chromium. */
  g_free (write_file (user_data, "flatpak/app/org.chromium.Chromium/current/active/files/share/metainfo/org.chromium.Chromium.metainfo.xml",
                      "<component><releases><release version=", 0644));

  options.root = root;
  options.user_data_dir = user_data;
  options.now = NOW;
  report = otasuke_probe_run (&options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->browsers->len, ==, 4);

  b = find_browser (report, "firefox", OTASUKE_PROBE_SOURCE_FLATPAK, NULL);
  g_assert_cmpstr (b->version, ==, "128.0.3");
  g_assert_cmpstr (b->channel, ==, "stable");
  g_assert_true (g_str_has_suffix (b->path, "org.mozilla.firefox/current/active"));

  b = find_browser (report, "chrome", OTASUKE_PROBE_SOURCE_FLATPAK, "stable");
  g_assert_cmpstr (b->version, ==, "128.0.6613.84");
  b = find_browser (report, "chrome", OTASUKE_PROBE_SOURCE_FLATPAK, "beta");
  g_assert_cmpstr (b->version, ==, "129.0.6668.12");
  g_assert_true (g_str_has_prefix (b->path, user_data));

  b = find_browser (report, "chromium", OTASUKE_PROBE_SOURCE_FLATPAK, NULL);
  g_assert_null (b->version);

  /* Without the user folder, only the system install is seen. */
  g_clear_pointer (&report, otasuke_probe_report_free);
  report = probe_root (root, 1000);
  g_assert_cmpuint (report->browsers->len, ==, 2);
}

static void
test_snap (void)
{
  g_autofree char *root = make_root ();
  g_autoptr(OtasukeProbeReport) report = NULL;
  OtasukeProbeBrowser *b;

  g_free (write_file (root, "snap/firefox/4793/usr/lib/firefox/application.ini",
                      "[App]\nVersion=129.0.2\n", 0644));
  g_free (write_file (root, "snap/firefox/4793/meta/snap.yaml", "name: firefox\nversion: 1.0\n", 0644));
  make_link (root, "snap/firefox/current", "4793");
  g_free (write_file (root, "snap/chromium/2923/meta/snap.yaml",
                      "name: chromium\nversion: '128.0.6613.119'\nsummary: x\n", 0644));
  make_link (root, "snap/chromium/current", "2923");
  /* Ubuntu's transitional package points at the snap: reported once, as the snap. */
  g_free (write_file (root, "var/lib/dpkg/status",
                      "Package: chromium-browser\nStatus: install ok installed\nVersion: 2:1snap1-0ubuntu2\n", 0644));
  g_free (write_script (root, "usr/bin/chromium-browser", "echo 'Chromium 1.2.3'"));

  report = probe_root (root, 2000);
  g_assert_cmpuint (report->browsers->len, ==, 2);
  b = find_browser (report, "firefox", OTASUKE_PROBE_SOURCE_SNAP, NULL);
  g_assert_cmpstr (b->version, ==, "129.0.2");
  g_assert_null (b->channel);
  b = find_browser (report, "chromium", OTASUKE_PROBE_SOURCE_SNAP, NULL);
  g_assert_cmpstr (b->version, ==, "128.0.6613.119");
  g_assert_true (g_str_has_suffix (b->path, "snap/chromium/current"));
}

static void
test_garbage_ini (void)
{
  static const char * const garbage[] = {
    "\x7f" "ELF\x02\x01\x01\xff\xfe garbage",
    "[App]\nVersion=\xff\xfe\n",
    "[App]\nVersion=128.0.3; rm -rf /\n",
    "[App\nVersion=128.0.3\n",
    "[Other]\nVersion=128.0.3\n",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autofree char *root = make_root ();
      g_autoptr(OtasukeProbeReport) report = NULL;
      OtasukeProbeBrowser *b;

      g_free (write_file (root, "usr/lib/firefox/application.ini", garbage[i], 0644));
      report = probe_root (root, 1000);
      b = find_browser (report, "firefox", OTASUKE_PROBE_SOURCE_OTHER, NULL);
      g_assert_nonnull (b);
      g_assert_null (b->version);
    }

  /* A FIFO in its place must not block the probe. */
  {
    g_autofree char *root = make_root ();
    g_autofree char *path = g_build_filename (root, "usr/lib/firefox-esr/application.ini", NULL);
    g_autofree char *dir = g_path_get_dirname (path);
    g_autoptr(OtasukeProbeReport) report = NULL;

    g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
    g_assert_cmpint (mkfifo (path, 0600), ==, 0);
    report = probe_root (root, 1000);
    g_assert_cmpuint (report->browsers->len, ==, 0);
  }
}

static void
test_hang (void)
{
  g_autofree char *root = make_root ();
  g_autoptr(OtasukeProbeReport) report = NULL;
  gint64 start = g_get_monotonic_time ();
  OtasukeProbeBrowser *b;

  g_free (write_script (root, "usr/bin/chromium", "sleep 60"));
  report = probe_root (root, 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);

  b = find_browser (report, "chromium", OTASUKE_PROBE_SOURCE_OTHER, NULL);
  g_assert_nonnull (b);
  g_assert_null (b->version);
}

static void
test_flood (void)
{
  g_autofree char *root = make_root ();
  g_autoptr(OtasukeProbeReport) report = NULL;
  gint64 start = g_get_monotonic_time ();
  OtasukeProbeBrowser *b;

  /* 10 MB that starts like a good answer. */
  g_free (write_script (root, "usr/bin/chromium",
                        "echo 'Chromium 120.0.6099.224'\nhead -c 10485760 /dev/zero"));
  report = probe_root (root, 5000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);

  b = find_browser (report, "chromium", OTASUKE_PROBE_SOURCE_OTHER, NULL);
  g_assert_nonnull (b);
  g_assert_null (b->version);
}

static void
test_security_firewall (void)
{
  g_autofree char *root = make_root ();
  g_autofree char *daily = NULL;
  g_autofree char *main_cvd = NULL;
  g_autoptr(OtasukeProbeReport) report = NULL;
  g_autofree char *freshclam = NULL;
  g_autofree char *names = NULL;
  const OtasukeProbeSecurityProduct *clamav;
  struct utimbuf times;

  g_free (write_script (root, "usr/bin/clamscan", "exit 0"));
  freshclam = write_script (root, "usr/bin/freshclam", "exit 0");
  make_link (root, "etc/systemd/system/multi-user.target.wants/clamav-freshclam.service",
             "/lib/systemd/system/clamav-freshclam.service");
  daily = write_file (root, "var/lib/clamav/daily.cld", "signatures", 0644);
  times.actime = times.modtime = NOW - 3 * DAY - 100;
  g_assert_cmpint (utime (daily, &times), ==, 0);
  main_cvd = write_file (root, "var/lib/clamav/daily.cvd", "older", 0644);
  times.actime = times.modtime = NOW - 30 * DAY;
  g_assert_cmpint (utime (main_cvd, &times), ==, 0);

  g_free (write_file (root, "etc/ufw/ufw.conf", "# comment\nENABLED=no\nENABLED=yes\nLOGLEVEL=low\n", 0644));
  g_free (write_file (root, "etc/firewalld/firewalld.conf", "DefaultZone=public\n", 0644));
  make_link (root, "etc/systemd/system/multi-user.target.wants/firewalld.service",
             "/usr/lib/systemd/system/firewalld.service");

  report = probe_root (root, 1000);
  g_assert_cmpuint (report->security_products->len, ==, 1);
  clamav = g_ptr_array_index (report->security_products, 0);
  g_assert_cmpstr (clamav->name, ==, "ClamAV");
  g_assert_true (g_str_has_suffix (clamav->path, "usr/bin/clamscan"));
  g_assert_cmpint (clamav->enabled, ==, OTASUKE_PROBE_YES);
  g_assert_cmpint (clamav->up_to_date, ==, OTASUKE_PROBE_YES);
  g_assert_cmpint (clamav->auto_update, ==, OTASUKE_PROBE_YES);
  g_assert_cmpint (clamav->signatures_time, ==, NOW - 3 * DAY - 100);
  g_assert_cmpint (clamav->signatures_age_days, ==, 3);
  names = otasuke_probe_report_security_names (report);
  g_assert_cmpstr (names, ==, "ClamAV");

  /* Both on: ufw is named. */
  g_assert_true (report->firewall.installed);
  g_assert_cmpint (report->firewall.enabled, ==, OTASUKE_PROBE_YES);
  g_assert_cmpstr (report->firewall.name, ==, "ufw");

  /* Old definitions and no updater; ufw off, firewalld still on. */
  times.actime = times.modtime = NOW - 9 * DAY;
  g_assert_cmpint (utime (daily, &times), ==, 0);
  g_assert_cmpint (g_unlink (main_cvd), ==, 0);
  g_assert_cmpint (g_unlink (freshclam), ==, 0);
  g_free (write_file (root, "etc/ufw/ufw.conf", "ENABLED=no\n", 0644));
  g_clear_pointer (&report, otasuke_probe_report_free);
  report = probe_root (root, 1000);
  clamav = g_ptr_array_index (report->security_products, 0);
  g_assert_cmpint (clamav->up_to_date, ==, OTASUKE_PROBE_NO);
  g_assert_cmpint (clamav->auto_update, ==, OTASUKE_PROBE_NO);
  g_assert_cmpint (clamav->signatures_age_days, ==, 9);
  g_assert_cmpint (report->firewall.enabled, ==, OTASUKE_PROBE_YES);
  g_assert_cmpstr (report->firewall.name, ==, "firewalld");
}

static void
test_not_detected (void)
{
  g_autofree char *root = make_root ();
  g_autoptr(OtasukeProbeReport) report = NULL;

  g_free (write_file (root, "etc/ufw/ufw.conf", "ENABLED=no\n", 0644));
  g_free (write_file (root, "etc/os-release", "ID=debian\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"10\"\n", 0644));

  report = probe_root (root, 1000);
  g_assert_cmpuint (report->browsers->len, ==, 0);
  g_assert_cmpuint (report->security_products->len, ==, 0);
  g_assert_null (otasuke_probe_report_best_security_product (report));
  g_assert_null (otasuke_probe_report_security_names (report));
  g_assert_true (report->firewall.installed);
  g_assert_cmpint (report->firewall.enabled, ==, OTASUKE_PROBE_NO);
  g_assert_cmpstr (report->firewall.name, ==, "ufw");
  g_assert_false (report->automatic_updates.detected);
  g_assert_cmpint (report->automatic_updates.enabled, ==, OTASUKE_PROBE_UNKNOWN);
  g_assert_cmpint (report->disk_encryption.system_encrypted, ==, OTASUKE_PROBE_NO);
  g_assert_null (report->disk_encryption.method);
  g_assert_false (report->office_macros.detected);
  g_assert_cmpint (report->office_macros.policy, ==, OTASUKE_MACRO_POLICY_UNKNOWN);
  g_assert_false (report->screen_lock.detected);
  g_assert_false (report->backup.detected);

  g_assert_cmpstr (report->os.id, ==, "debian");
  g_assert_cmpint (report->os.supported, ==, OTASUKE_PROBE_NO);
  g_assert_cmpstr (report->os.end_of_support, ==, "2024-06-30");
}

static OtasukeProbeReport *
probe_office (const char *root,
              const char *xcu)
{
  g_autofree char *config = g_build_filename (root, "home-config", NULL);
  OtasukeProbeOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  OtasukeProbeReport *report;

  if (xcu != NULL)
    g_free (write_file (config, "libreoffice/4/user/registrymodifications.xcu", xcu, 0644));
  options.root = root;
  options.user_config_dir = config;
  options.now = NOW;
  report = otasuke_probe_run (&options, NULL, &error);
  g_assert_no_error (error);
  return report;
}

#define XCU_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\" " \
  "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n" \
  "<item oor:path=\"/org.openoffice.Office.Common/Misc\"><prop oor:name=\"FirstRun\" oor:op=\"fuse\"><value>false</value></prop></item>\n"

static void
test_office_macros (void)
{
  g_autofree char *json = NULL;
  OtasukeProbeReport *report;

  /* Level 0: Low, macros run without asking. */
  {
    g_autofree char *root = make_root ();

    g_free (write_script (root, "usr/lib/libreoffice/program/soffice", "exit 0"));
    report = probe_office (root, XCU_HEAD
      "<item oor:path=\"/org.openoffice.Office.Common/Security/Scripting\"><prop oor:name=\"MacroSecurityLevel\" oor:op=\"fuse\"><value>0</value></prop></item>\n"
      "</oor:items>\n");
    g_assert_true (report->office_macros.detected);
    g_assert_cmpstr (report->office_macros.product, ==, "LibreOffice");
    g_assert_nonnull (report->office_macros.profile);
    g_assert_cmpint (report->office_macros.policy, ==, OTASUKE_MACRO_POLICY_RUN_ALL);
    g_assert_true (report->office_macros.from_settings);
    g_assert_cmpstr (otasuke_probe_macro_policy_to_string (OTASUKE_MACRO_POLICY_RUN_ALL), ==, "Low");
    json = otasuke_probe_report_to_json (report);
    g_assert_nonnull (strstr (json, "\"policy\" : \"run_all\""));
    g_assert_nonnull (strstr (json, "\"safe\" : false"));
    otasuke_probe_report_free (report);
  }

  /* Not in the profile: LibreOffice's default, High. */
  {
    g_autofree char *root = make_root ();

    report = probe_office (root, XCU_HEAD "</oor:items>\n");
    g_assert_true (report->office_macros.detected);
    g_assert_cmpint (report->office_macros.policy, ==, OTASUKE_MACRO_POLICY_SIGNED);
    g_assert_false (report->office_macros.from_settings);
    otasuke_probe_report_free (report);
  }

  /* Macros switched off altogether, and a level out of range ignored. */
  {
    g_autofree char *root = make_root ();

    report = probe_office (root, XCU_HEAD
      "<item oor:path=\"/org.openoffice.Office.Common/Security/Scripting\"><prop oor:name=\"MacroSecurityLevel\" oor:op=\"fuse\"><value>7</value></prop></item>\n"
      "<item oor:path=\"/org.openoffice.Office.Common/Security/Scripting\"><prop oor:name=\"DisableMacrosExecution\" oor:op=\"fuse\"><value>true</value></prop></item>\n"
      "</oor:items>\n");
    g_assert_cmpint (report->office_macros.policy, ==, OTASUKE_MACRO_POLICY_DISABLED);
    g_assert_true (report->office_macros.from_settings);
    otasuke_probe_report_free (report);
  }

  /* A broken profile: unknown, not a guess. */
  {
    g_autofree char *root = make_root ();

    report = probe_office (root, XCU_HEAD "<item oor:path=\"/x\"><prop");
    g_assert_cmpint (report->office_macros.policy, ==, OTASUKE_MACRO_POLICY_UNKNOWN);
    g_assert_null (otasuke_probe_macro_policy_to_string (OTASUKE_MACRO_POLICY_UNKNOWN));
    otasuke_probe_report_free (report);
  }

  /* Installed, never started: the default. */
  {
    g_autofree char *root = make_root ();

    g_free (write_script (root, "usr/lib/libreoffice/program/soffice", "exit 0"));
    report = probe_office (root, NULL);
    g_assert_true (report->office_macros.detected);
    g_assert_null (report->office_macros.profile);
    g_assert_cmpint (report->office_macros.policy, ==, OTASUKE_MACRO_POLICY_SIGNED);
    otasuke_probe_report_free (report);
  }
}

static void
test_screen_lock (void)
{
  g_autofree char *root = make_root ();
  g_autoptr(OtasukeProbeReport) report = NULL;
  g_autoptr(OtasukeProbeReport) host = NULL;
  OtasukeProbeOptions options = { 0 };
  g_autoptr(GError) error = NULL;

  options.root = root;
  options.now = NOW;
  options.inject_screen_lock = TRUE;
  options.injected_lock_enabled = FALSE;
  options.injected_idle_delay = 900;
  report = otasuke_probe_run (&options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (report->screen_lock.detected);
  g_assert_false (report->screen_lock.lock_enabled);
  g_assert_cmpuint (report->screen_lock.idle_delay_seconds, ==, 900);

  /* This machine: whatever it has, read without complaint. */
  options.root = "/";
  options.inject_screen_lock = FALSE;
  options.program_timeout_ms = 1000;
  host = otasuke_probe_run (&options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (host->os.name);
}

static json_t *
get_object (json_t     *object,
            const char *member)
{
  json_t *node = otasuke_json_get_object (object, member);

  g_assert_nonnull (node);
  return node;
}

static const char *
get_string (json_t     *object,
            const char *member)
{
  json_t *node = json_object_get (object, member);

  g_assert_true (json_is_string (node));
  return json_string_value (node);
}

static gboolean
get_boolean (json_t     *object,
             const char *member)
{
  json_t *node = json_object_get (object, member);

  g_assert_true (json_is_boolean (node));
  return json_is_true (node);
}

/* True only for true: false, null or absent are not (as json-glib read them). */
static gboolean
is_true (json_t     *object,
         const char *member)
{
  return json_is_true (json_object_get (object, member));
}

static gboolean
is_null (json_t     *object,
         const char *member)
{
  return json_is_null (json_object_get (object, member));
}

static void
test_json (void)
{
  g_autofree char *root = make_root ();
  g_autoptr(OtasukeProbeReport) report = NULL;
  g_autoptr(json_t) top = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  json_t *os, *browser, *obj;
  json_t *browsers;

  g_free (write_file (root, "var/lib/dpkg/status", dpkg_status, 0644));
  g_free (write_file (root, "etc/os-release",
                      "ID=debian\nNAME=\"Debian GNU/Linux\"\nVERSION=\"12 (bookworm)\"\nVERSION_ID=\"12\"\n", 0644));
  g_free (write_file (root, "usr/lib/firefox/application.ini", "[App]\nVersion=\"quoted\"\n", 0644));

  report = probe_root (root, 1000);
  json = otasuke_probe_report_to_json (report);
  top = otasuke_json_load_strict (json, strlen (json), 8, &error);
  g_assert_no_error (error);

  g_assert_true (json_is_object (top));
  g_assert_cmpuint (json_object_size (top), ==, 9);
  browsers = otasuke_json_get_array (top, "browsers");
  g_assert_cmpuint (json_array_size (browsers), ==, 4);
  /* Sorted by id: chrome, chromium, firefox (deb ESR), firefox (other). */
  browser = json_array_get (browsers, 0);
  g_assert_cmpstr (get_string (browser, "id"), ==, "chrome");
  g_assert_cmpstr (get_string (browser, "name"), ==, "Google Chrome");
  g_assert_cmpstr (get_string (browser, "version"), ==, "128.0.6613.84");
  g_assert_cmpstr (get_string (browser, "channel"), ==, "stable");
  g_assert_cmpstr (get_string (browser, "source"), ==, "deb");
  g_assert_true (is_null (browser, "path"));
  browser = json_array_get (browsers, 3);
  g_assert_cmpstr (get_string (browser, "source"), ==, "other");
  g_assert_true (is_null (browser, "version"));

  os = get_object (top, "os");
  g_assert_cmpstr (get_string (os, "name"), ==, "Debian GNU/Linux");
  g_assert_cmpstr (get_string (os, "version"), ==, "12 (bookworm)");
  g_assert_cmpstr (get_string (os, "id"), ==, "debian");
  g_assert_cmpstr (get_string (os, "version_id"), ==, "12");
  g_assert_true (is_null (os, "architecture"));
  g_assert_true (is_null (os, "kernel"));
  g_assert_true (get_boolean (os, "supported"));
  g_assert_cmpstr (get_string (os, "end_of_support"), ==, "2028-06-30");

  /* The same fields on every platform. */
  g_assert_cmpuint (json_array_size (json_object_get (top, "security_products")), ==, 0);
  obj = get_object (top, "firewall");
  g_assert_false (is_true (obj, "installed"));
  g_assert_true (is_null (obj, "name"));
  g_assert_true (is_null (obj, "enabled"));
  obj = get_object (top, "automatic_updates");
  g_assert_false (is_true (obj, "detected"));
  g_assert_true (is_null (obj, "enabled"));
  obj = get_object (top, "disk_encryption");
  g_assert_false (is_true (obj, "system_encrypted"));
  g_assert_true (is_null (obj, "method"));
  obj = get_object (top, "office_macros");
  g_assert_false (is_true (obj, "detected"));
  g_assert_true (is_null (obj, "policy"));
  g_assert_true (is_null (obj, "safe"));
  obj = get_object (top, "backup");
  g_assert_false (is_true (obj, "detected"));
  g_assert_true (is_null (obj, "last_backup"));
  obj = get_object (top, "screen_lock");
  g_assert_false (get_boolean (obj, "detected"));
  g_assert_true (is_null (obj, "lock_enabled"));
  g_assert_true (is_null (obj, "idle_delay_seconds"));

  /* The layout `otasuke --probe` has always printed (json-glib's pretty form). */
  g_assert_true (g_str_has_prefix (json, "{\n  \"browsers\" : [\n    {\n      \"id\" : \"chrome\",\n"));
  g_assert_nonnull (strstr (json, "\n  \"os\" : {\n    \"name\" : \"Debian GNU/Linux\",\n"));
  g_assert_true (g_str_has_suffix (json, "\n    \"last_backup\" : null\n  }\n}"));
}

/* unattended-upgrades, dnf-automatic, LUKS and Timeshift, as the general fields. */
static void
test_updates_encryption_backup (void)
{
  g_autofree char *root = make_root ();
  g_autofree char *other = make_root ();
  g_autoptr(OtasukeProbeReport) report = NULL;
  g_autoptr(json_t) top = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  json_t *obj;
  json_t *products;

  g_free (write_script (root, "usr/bin/unattended-upgrade", "exit 0"));
  g_free (write_file (root, "etc/apt/apt.conf.d/20auto-upgrades",
                      "APT::Periodic::Update-Package-Lists \"1\";\nAPT::Periodic::Unattended-Upgrade \"1\";\n", 0644));
  g_free (write_file (root, "etc/crypttab",
                      "# <target name> <source device> <key file> <options>\n"
                      "sda3_crypt UUID=0b5a1e7c-4d0e-4c2e-9b1f-2f1d9a8e7c11 none luks,discard\n", 0644));
  g_free (write_file (root, "etc/timeshift/timeshift.json", "{\"backup_device_uuid\": \"x\"}", 0644));
  g_free (write_script (root, "usr/bin/clamscan", "exit 0"));

  report = probe_root (root, 1000);
  g_assert_true (report->automatic_updates.detected);
  g_assert_cmpstr (report->automatic_updates.mechanism, ==, "unattended-upgrades");
  g_assert_cmpint (report->automatic_updates.enabled, ==, OTASUKE_PROBE_YES);
  g_assert_cmpint (report->disk_encryption.system_encrypted, ==, OTASUKE_PROBE_YES);
  g_assert_cmpstr (report->disk_encryption.method, ==, "LUKS");
  g_assert_true (report->backup.detected);
  g_assert_cmpstr (report->backup.tool, ==, "Timeshift");

  json = otasuke_probe_report_to_json (report);
  top = otasuke_json_load_strict (json, strlen (json), 8, &error);
  g_assert_no_error (error);
  products = json_object_get (top, "security_products");
  g_assert_cmpuint (json_array_size (products), ==, 1);
  obj = json_array_get (products, 0);
  g_assert_cmpstr (get_string (obj, "name"), ==, "ClamAV");
  g_assert_true (is_true (obj, "enabled"));
  /* Never updated: not current. */
  g_assert_false (is_true (obj, "up_to_date"));
  g_assert_false (is_true (obj, "auto_update"));
  g_assert_true (is_null (obj, "signatures_age_days"));
  obj = get_object (top, "automatic_updates");
  g_assert_cmpstr (get_string (obj, "mechanism"), ==, "unattended-upgrades");
  g_assert_true (is_true (obj, "enabled"));
  obj = get_object (top, "disk_encryption");
  g_assert_true (is_true (obj, "system_encrypted"));
  g_assert_cmpstr (get_string (obj, "method"), ==, "LUKS");
  g_assert_cmpstr (get_string (get_object (top, "backup"), "tool"), ==, "Timeshift");

  /* Switched off later in the files, as apt reads them; a crypttab of comments only. */
  g_free (write_file (root, "etc/apt/apt.conf.d/99local", "// off\nAPT::Periodic::Unattended-Upgrade \"0\";\n", 0644));
  g_free (write_file (root, "etc/crypttab", "# nothing\n\n", 0644));
  g_clear_pointer (&report, otasuke_probe_report_free);
  report = probe_root (root, 1000);
  g_assert_cmpint (report->automatic_updates.enabled, ==, OTASUKE_PROBE_NO);
  g_assert_cmpint (report->disk_encryption.system_encrypted, ==, OTASUKE_PROBE_NO);

  /* Fedora: dnf-automatic with its timer on; an open LUKS device. */
  g_free (write_script (other, "usr/bin/dnf-automatic", "exit 0"));
  make_link (other, "etc/systemd/system/timers.target.wants/dnf-automatic-install.timer",
             "/usr/lib/systemd/system/dnf-automatic-install.timer");
  g_free (write_file (other, "sys/block/dm-0/dm/uuid", "CRYPT-LUKS2-0b5a1e7c4d0e4c2e9b1f2f1d9a8e7c11-luks\n", 0644));
  g_clear_pointer (&report, otasuke_probe_report_free);
  report = probe_root (other, 1000);
  g_assert_cmpstr (report->automatic_updates.mechanism, ==, "dnf-automatic");
  g_assert_cmpint (report->automatic_updates.enabled, ==, OTASUKE_PROBE_YES);
  g_assert_cmpint (report->disk_encryption.system_encrypted, ==, OTASUKE_PROBE_YES);
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  OtasukeProbeReport **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = otasuke_probe_run_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autofree char *root = make_root ();
  g_autofree char *config = g_build_filename (root, "config", NULL);
  g_autoptr(OtasukeProbeReport) report = NULL;
  OtasukeProbeOptions options = { 0 };
  GPtrArray *checks = g_ptr_array_new ();
  OtasukeFeedCheck check = { 0 };

  g_free (write_file (root, "var/lib/dpkg/status", dpkg_status, 0644));
  g_free (write_script (root, "usr/bin/chromium", "sleep 0.2\necho 'Chromium 121.0.1'"));
  g_free (write_file (root, "etc/os-release", "ID=debian\nVERSION_ID=12\n", 0644));

  check.type = OTASUKE_CHECK_OS_END_OF_SUPPORT;
  check.os = (char *) "debian";
  check.version = (char *) "12";
  check.date = (char *) "2025-01-01";
  g_ptr_array_add (checks, &check);

  options.root = root;
  options.user_config_dir = config;
  options.now = NOW;
  options.os_checks = checks;
  otasuke_probe_run_async (&options, NULL, async_done, &report);

  /* The worker has its own copy: the caller's data may go away at once. */
  g_ptr_array_unref (checks);
  g_clear_pointer (&config, g_free);

  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (find_browser (report, "chromium", OTASUKE_PROBE_SOURCE_DEB, NULL)->version, ==, "121.0.1");
  g_assert_cmpint (report->os.supported, ==, OTASUKE_PROBE_NO);
  g_assert_cmpstr (report->os.end_of_support, ==, "2025-01-01");
}

static void
cancel_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeProbeReport) report = otasuke_probe_run_finish (result, &error);

  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done = TRUE;
}

static void
test_async_cancel (void)
{
  g_autofree char *root = make_root ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  OtasukeProbeOptions options = { 0 };
  gboolean done = FALSE;
  gint64 start = g_get_monotonic_time ();
  g_autofree char *started = NULL;
  GThread *thread = cancel_when_started (root, cancellable, &started);
  g_autofree char *body = g_strconcat (started, "\nsleep 60", NULL);

  g_free (write_script (root, "usr/bin/chromium", body));
  options.root = root;
  options.program_timeout_ms = 10000;
  otasuke_probe_run_async (&options, cancellable, cancel_done, &done);

  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/program/output", test_subprocess_output);
  g_test_add_func ("/program/timeout", test_subprocess_timeout);
  g_test_add_func ("/program/bounded", test_subprocess_bounded);
  g_test_add_func ("/program/lingering", test_subprocess_lingering);
  g_test_add_func ("/program/missing", test_subprocess_missing);
  g_test_add_func ("/program/cancel", test_subprocess_cancel);
  g_test_add_func ("/probe/parse-version-output", test_parse_version_output);
  g_test_add_func ("/probe/package-version", test_package_version);
  g_test_add_func ("/probe/os-support", test_os_support);
  g_test_add_func ("/probe/deb", test_deb);
  g_test_add_func ("/probe/binary-only", test_binary_only);
  g_test_add_func ("/probe/rpm", test_rpm);
  g_test_add_func ("/probe/flatpak", test_flatpak);
  g_test_add_func ("/probe/snap", test_snap);
  g_test_add_func ("/probe/garbage-ini", test_garbage_ini);
  g_test_add_func ("/probe/hang", test_hang);
  g_test_add_func ("/probe/flood", test_flood);
  g_test_add_func ("/probe/security-firewall", test_security_firewall);
  g_test_add_func ("/probe/not-detected", test_not_detected);
  g_test_add_func ("/probe/office-macros", test_office_macros);
  g_test_add_func ("/probe/screen-lock", test_screen_lock);
  g_test_add_func ("/probe/json", test_json);
  g_test_add_func ("/probe/updates-encryption-backup", test_updates_encryption_backup);
  g_test_add_func ("/probe/async", test_async);
  g_test_add_func ("/probe/async-cancel", test_async_cancel);

  return g_test_run ();
}

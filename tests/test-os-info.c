/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-os-info"

#include "config.h"

#include <glib/gstdio.h>

#include "otasuke-os-info.h"

static char *
make_root (const char *relpath,
           const char *contents,
           gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("otasuke-os-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;

  g_assert_no_error (error);
  if (relpath != NULL)
    {
      path = g_build_filename (root, relpath, NULL);
      dir = g_path_get_dirname (path);
      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_file_set_contents (path, contents, len, &error);
      g_assert_no_error (error);
    }
  return g_steal_pointer (&root);
}

static void
test_debian (void)
{
  g_autofree char *root = make_root ("etc/os-release",
    "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
    "NAME=\"Debian GNU/Linux\"\n"
    "VERSION_ID=\"12\"\n"
    "VERSION=\"12 (bookworm)\"\n"
    "# a comment\n"
    "ID=debian\n", -1);
  g_autoptr(OtasukeOsInfo) info = otasuke_os_info_read (root);

  g_assert_cmpstr (info->name, ==, "Debian GNU/Linux");
  g_assert_cmpstr (info->version, ==, "12 (bookworm)");
  g_assert_cmpstr (info->version_id, ==, "12");
  g_assert_cmpstr (info->pretty_name, ==, "Debian GNU/Linux 12 (bookworm)");
  g_assert_cmpstr (info->id, ==, "debian");
  /* A fake root says nothing about the running kernel. */
  g_assert_null (info->kernel);
}

static void
test_usr_lib_fallback (void)
{
  g_autofree char *root = make_root ("usr/lib/os-release",
    "NAME='Ubuntu'\nVERSION_ID='24.04'\n", -1);
  g_autoptr(OtasukeOsInfo) info = otasuke_os_info_read (root);

  g_assert_cmpstr (info->name, ==, "Ubuntu");
  g_assert_cmpstr (info->version_id, ==, "24.04");
  g_assert_cmpstr (info->pretty_name, ==, "Ubuntu");
}

static void
test_missing_and_garbage (void)
{
  g_autofree char *empty_root = make_root (NULL, NULL, 0);
  g_autoptr(OtasukeOsInfo) none = otasuke_os_info_read (empty_root);
  static const char garbage[] = "NAME=\"unterminated\nVERSION=\xff\xfe\nID\n=\nPRETTY_NAME=a\x01" "b\n";
  g_autofree char *bad_root = make_root ("etc/os-release", garbage, sizeof garbage - 1);
  g_autoptr(OtasukeOsInfo) bad = otasuke_os_info_read (bad_root);
  static const char with_nul[] = "NAME=Evil\0NAME=More\n";
  g_autofree char *nul_root = make_root ("etc/os-release", with_nul, sizeof with_nul - 1);
  g_autoptr(OtasukeOsInfo) nul = otasuke_os_info_read (nul_root);

  g_assert_cmpstr (none->name, ==, "Linux");
  g_assert_cmpstr (none->pretty_name, ==, "Linux");
  /* Unterminated quotes and invalid UTF-8 are dropped, control characters blanked. */
  g_assert_cmpstr (bad->name, ==, "Linux");
  g_assert_null (bad->version);
  g_assert_cmpstr (bad->pretty_name, ==, "a b");
  /* A file with NUL bytes is not an os-release file at all. */
  g_assert_cmpstr (nul->name, ==, "Linux");
}

static void
test_this_machine (void)
{
  g_autoptr(OtasukeOsInfo) info = otasuke_os_info_read ("/");

  g_assert_nonnull (info->name);
  g_assert_nonnull (info->pretty_name);
  g_assert_nonnull (info->architecture);
  g_assert_nonnull (info->kernel);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/os-info/debian", test_debian);
  g_test_add_func ("/os-info/usr-lib-fallback", test_usr_lib_fallback);
  g_test_add_func ("/os-info/missing-and-garbage", test_missing_and_garbage);
  g_test_add_func ("/os-info/this-machine", test_this_machine);

  return g_test_run ();
}

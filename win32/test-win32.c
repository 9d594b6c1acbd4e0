/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for win32/, run under Wine by build-and-test.sh (or on Windows).
 * Registry tests write only below HKCU\Software\OtasukeTest and remove it. */

#include "otasuke-win32-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <wtypes.h>

#define TEST_KEY L"Software\\OtasukeTest"
#define TEST_ROOT "Software\\OtasukeTest"
#define REAL_RUN_KEY L"Software\\Microsoft\\Windows\\CurrentVersion\\Run"

static int n_passed, n_failed;

static void
check (int         ok,
       const char *what,
       int         line)
{
  if (ok)
    n_passed++;
  else
    {
      n_failed++;
      printf ("FAIL line %d: %s\n", line, what);
    }
}

static int
str_eq (const char *a,
        const char *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return strcmp (a, b) == 0;
}

#define CHECK(cond) check (!!(cond), #cond, __LINE__)
#define CHECK_STR(a, b) check (str_eq ((a), (b)), #a " == " #b, __LINE__)

static const OtasukeWin32Options test_options = { TEST_ROOT, 0 };
static wchar_t test_dir[MAX_PATH];

/* ------------------------------------------------------------ registry setup */

static void
set_raw (const wchar_t *hive,
         const wchar_t *subkey,
         const wchar_t *name,
         DWORD          type,
         const void    *data,
         DWORD          size)
{
  wchar_t path[512];
  HKEY key;

  swprintf (path, 512, L"%ls\\%ls\\%ls", TEST_KEY, hive, subkey);
  if (RegCreateKeyExW (HKEY_CURRENT_USER, path, 0, NULL, 0, KEY_SET_VALUE, NULL, &key, NULL) != ERROR_SUCCESS)
    {
      printf ("cannot create %ls\n", path);
      n_failed++;
      return;
    }
  if (RegSetValueExW (key, name, 0, type, data, size) != ERROR_SUCCESS)
    n_failed++;
  RegCloseKey (key);
}

static void
set_sz (const wchar_t *hive,
        const wchar_t *subkey,
        const wchar_t *name,
        const wchar_t *value)
{
  set_raw (hive, subkey, name, REG_SZ, value, (DWORD) ((wcslen (value) + 1) * sizeof (wchar_t)));
}

static void
set_dword (const wchar_t *hive,
           const wchar_t *subkey,
           const wchar_t *name,
           DWORD          value)
{
  set_raw (hive, subkey, name, REG_DWORD, &value, sizeof value);
}

static void
remove_test_tree (void)
{
  RegDeleteTreeW (HKEY_CURRENT_USER, TEST_KEY);
  RegDeleteKeyW (HKEY_CURRENT_USER, TEST_KEY);
}

static int
test_tree_exists (void)
{
  HKEY key;

  if (RegOpenKeyExW (HKEY_CURRENT_USER, TEST_KEY, 0, KEY_READ, &key) != ERROR_SUCCESS)
    return 0;
  RegCloseKey (key);
  return 1;
}

static void
app_path (const wchar_t *hive,
          const wchar_t *exe,
          DWORD          type,
          const wchar_t *value)
{
  wchar_t subkey[256];

  swprintf (subkey, 256, L"SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\%ls", exe);
  set_raw (hive, subkey, NULL, type, value, (DWORD) ((wcslen (value) + 1) * sizeof (wchar_t)));
}

/* --------------------------------------------------------------------- tests */

static void
test_parse_version (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "128.0 (x64 ja)", "128.0" },
    { "128.0.6613.85", "128.0.6613.85" },
    { "115.9.0esr (x64 ja)", "115.9.0esr" },
    { "129.0b5", "129.0b5" },
    { "  130.0a1", "130.0a1" },
    { "abc", NULL },
    { "", NULL },
    { "128", NULL },
    { "1.2.3.4.5", NULL },
    { "128.0x", NULL },
    { "128.0.6613.85; calc.exe", NULL },
    { "1234567890.1", NULL },
    { "128..0", NULL },
    { "128.0.", NULL },
    { "129.0b", NULL },
  };

  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      char *v = otasuke_win32_parse_version (cases[i].in);

      if (!str_eq (v, cases[i].out))
        printf ("  parse_version (\"%s\") = %s\n", cases[i].in, v != NULL ? v : "NULL");
      CHECK_STR (v, cases[i].out);
      free (v);
    }
  CHECK (otasuke_win32_parse_version (NULL) == NULL);
}

static void
write_fake_browsers (void)
{
  static const wchar_t terminatorless[] = { '1', '2', '7', '.', '0', '.', '1', '.', '2' };
  static const wchar_t embedded_nul[] = L"1.2.3\0garbage";
  const wchar_t *edge_beta = L"129.0.2792.12";
  wchar_t *huge = malloc (10241 * sizeof (wchar_t));
  wchar_t path[MAX_PATH + 64];
  DWORD dword = 5;

  /* Chrome in both hives with one version: one entry. */
  set_sz (L"HKCU", L"Software\\Google\\Chrome\\BLBeacon", L"version", L"128.0.6613.85");
  set_sz (L"HKLM", L"Software\\Google\\Chrome\\BLBeacon", L"version", L"128.0.6613.85");
  /* Hostile values. */
  set_raw (L"HKCU", L"Software\\Microsoft\\Edge\\BLBeacon", L"version", REG_DWORD, &dword, sizeof dword);
  set_raw (L"HKCU", L"Software\\Chromium\\BLBeacon", L"version", REG_SZ, terminatorless, sizeof terminatorless);
  set_raw (L"HKCU", L"Software\\Microsoft\\Edge Beta\\BLBeacon", L"version", REG_SZ, edge_beta,
           (DWORD) (wcslen (edge_beta) * sizeof (wchar_t) + 1));
  set_raw (L"HKCU", L"Software\\BraveSoftware\\Brave-Browser-Beta\\BLBeacon", L"version", REG_SZ,
           embedded_nul, sizeof embedded_nul);
  set_raw (L"HKCU", L"Software\\BraveSoftware\\Brave-Browser-Nightly\\BLBeacon", L"version",
           REG_EXPAND_SZ, L"1.2.3.4", 8 * sizeof (wchar_t));
  if (huge != NULL)
    {
      wcscpy (huge, L"128.0.6613.85");
      for (size_t i = wcslen (huge); i < 10240; i++)
        huge[i] = L' ';
      huge[10240] = L'\0';
      set_sz (L"HKCU", L"Software\\BraveSoftware\\Brave-Browser\\BLBeacon", L"version", huge);
      free (huge);
    }
  set_sz (L"HKLM", L"Software\\Vivaldi\\BLBeacon", L"version", L"abc");
  set_sz (L"HKCU", L"Software\\Google\\Chrome Beta\\BLBeacon", L"version", L"");
  set_sz (L"HKCU", L"Software\\Google\\Chrome Dev\\BLBeacon", L"version", L"128.0.6613.85; calc.exe");

  /* Mozilla. */
  set_sz (L"HKLM", L"SOFTWARE\\Mozilla\\Mozilla Firefox", L"CurrentVersion", L"128.0 (x64 ja)");
  set_sz (L"HKLM", L"SOFTWARE\\Mozilla\\Mozilla Firefox\\128.0 (x64 ja)\\Main", L"PathToExe",
          L"C:\\Program Files\\Mozilla Firefox\\firefox.exe");
  set_sz (L"HKLM", L"SOFTWARE\\Mozilla\\Mozilla Firefox ESR", L"CurrentVersion", L"115.9.0esr (x64 ja)");
  set_sz (L"HKCU", L"SOFTWARE\\Mozilla\\Mozilla Firefox", L"CurrentVersion", L"129.0b5 (x64 ja)");

  /* App Paths to the fake executables. */
  swprintf (path, MAX_PATH + 64, L"\"%ls\\test-version-chrome.exe\"", test_dir);
  app_path (L"HKLM", L"chrome.exe", REG_SZ, path);
  swprintf (path, MAX_PATH + 64, L"%ls\\test-version-chromium.exe", test_dir);
  app_path (L"HKCU", L"chrome.exe", REG_SZ, path);
  SetEnvironmentVariableW (L"OTASUKE_TEST_DIR", test_dir);
  app_path (L"HKLM", L"msedge.exe", REG_EXPAND_SZ, L"%OTASUKE_TEST_DIR%\\test-version-fixed.exe");
  app_path (L"HKLM", L"firefox.exe", REG_SZ, L"\\\\server\\share\\firefox.exe");
  app_path (L"HKLM", L"brave.exe", REG_SZ, L"C:\\nowhere\\brave.exe");
  swprintf (path, MAX_PATH + 64, L"%ls\\test-win32.exe", test_dir);
  app_path (L"HKLM", L"vivaldi.exe", REG_SZ, path);
}

static const OtasukeWin32Browser *
find (const OtasukeWin32Browser *list,
      size_t                     n,
      const char                *id,
      const char                *channel,
      const char                *source)
{
  for (size_t i = 0; i < n; i++)
    if (str_eq (list[i].id, id) && str_eq (list[i].channel, channel) && str_eq (list[i].source, source))
      return &list[i];
  return NULL;
}

#define CHECK_BROWSER(id_, channel_, source_, version_)                       \
  do {                                                                          \
    const OtasukeWin32Browser *b_ = find (list, n, id_, channel_, source_);     \
    CHECK (b_ != NULL);                                                         \
    if (b_ != NULL)                                                             \
      CHECK_STR (b_->version, version_);                                        \
  } while (0)

static void
test_browsers (void)
{
  OtasukeWin32Options no_files = { TEST_ROOT, 1 };
  OtasukeWin32Options bad = { "\\Software", 0 };
  OtasukeWin32Browser *list = NULL;
  const OtasukeWin32Browser *b;
  size_t n = 0;

  write_fake_browsers ();
  CHECK (otasuke_win32_find_browsers (&test_options, &list, &n) == OTASUKE_WIN32_OK);
  for (size_t i = 0; i < n; i++)
    printf ("  browser %-8s %-7s %-8s %-14s %s\n", list[i].id,
            list[i].channel != NULL ? list[i].channel : "-", list[i].source,
            list[i].version, list[i].path != NULL ? list[i].path : "-");
  CHECK (n == 10);
  CHECK_BROWSER ("chrome", "stable", "registry", "128.0.6613.85");
  CHECK_BROWSER ("chrome", NULL, "file", "128.0.6613.85");
  CHECK_BROWSER ("chromium", "stable", "registry", "127.0.1.2");
  CHECK_BROWSER ("chromium", NULL, "file", "130.0.6723.58");
  CHECK_BROWSER ("edge", "beta", "registry", "129.0.2792.12");
  CHECK_BROWSER ("edge", NULL, "file", "131.0.2.0");
  CHECK_BROWSER ("brave", "beta", "registry", "1.2.3");
  CHECK_BROWSER ("firefox", "stable", "registry", "128.0");
  CHECK_BROWSER ("firefox", "beta", "registry", "129.0b5");
  CHECK_BROWSER ("firefox", "esr", "registry", "115.9.0esr");
  CHECK (find (list, n, "edge", "stable", "registry") == NULL);     /* REG_DWORD */
  CHECK (find (list, n, "brave", "stable", "registry") == NULL);    /* 10 KB */
  CHECK (find (list, n, "brave", "nightly", "registry") == NULL);   /* REG_EXPAND_SZ */
  CHECK (find (list, n, "vivaldi", NULL, "registry") == NULL);      /* "abc" */
  CHECK (find (list, n, "vivaldi", NULL, "file") == NULL);          /* no version resource */
  CHECK (find (list, n, "chrome", "beta", "registry") == NULL);     /* empty */
  CHECK (find (list, n, "chrome", "dev", "registry") == NULL);      /* trailing junk */
  CHECK (find (list, n, "firefox", NULL, "file") == NULL);          /* UNC path */
  CHECK (find (list, n, "brave", NULL, "file") == NULL);            /* missing file */

  b = find (list, n, "firefox", "stable", "registry");
  CHECK (b != NULL && str_eq (b->path, "C:\\Program Files\\Mozilla Firefox\\firefox.exe"));
  b = find (list, n, "firefox", "esr", "registry");
  CHECK (b != NULL && str_eq (b->name, "Firefox ESR"));
  b = find (list, n, "chromium", NULL, "file");
  CHECK (b != NULL && str_eq (b->name, "Chromium") && b->path != NULL &&
         strstr (b->path, "test-version-chromium.exe") != NULL);
  b = find (list, n, "chrome", "stable", "registry");
  CHECK (b != NULL && b->path != NULL && strstr (b->path, "OtasukeTest") != NULL);
  for (size_t i = 1; i < n; i++)
    CHECK (strcmp (list[i - 1].id, list[i].id) <= 0);
  otasuke_win32_browsers_free (list, n);

  CHECK (otasuke_win32_find_browsers (&no_files, &list, &n) == OTASUKE_WIN32_OK);
  CHECK (n == 7);
  otasuke_win32_browsers_free (list, n);

  CHECK (otasuke_win32_find_browsers (&bad, &list, &n) == OTASUKE_WIN32_ERROR_INVALID_ARGUMENT);
  CHECK (list == NULL && n == 0);
  CHECK (otasuke_win32_find_browsers (&test_options, NULL, &n) == OTASUKE_WIN32_ERROR_INVALID_ARGUMENT);
}

static void
test_file_version (void)
{
  char path[MAX_PATH + 64], dir[MAX_PATH * 3];
  char *version = NULL, *product = NULL;

  WideCharToMultiByte (CP_UTF8, 0, test_dir, -1, dir, sizeof dir, NULL, NULL);
  snprintf (path, sizeof path, "%s\\test-version-chrome.exe", dir);
  CHECK (otasuke_win32_file_version (path, &version, &product) == OTASUKE_WIN32_OK);
  CHECK_STR (version, "128.0.6613.85");
  CHECK_STR (product, "Google Chrome");
  free (version);
  free (product);

  snprintf (path, sizeof path, "%s\\test-version-fixed.exe", dir);
  CHECK (otasuke_win32_file_version (path, &version, NULL) == OTASUKE_WIN32_OK);
  CHECK_STR (version, "131.0.2.0");
  free (version);

  snprintf (path, sizeof path, "%s\\test-win32.exe", dir);
  CHECK (otasuke_win32_file_version (path, &version, &product) == OTASUKE_WIN32_ERROR_NOT_FOUND);
  CHECK (version == NULL && product == NULL);
  CHECK (otasuke_win32_file_version ("C:\\nowhere\\x.exe", &version, NULL) == OTASUKE_WIN32_ERROR_NOT_FOUND);
  CHECK (otasuke_win32_file_version (dir, &version, NULL) == OTASUKE_WIN32_ERROR_NOT_FOUND);
  CHECK (otasuke_win32_file_version ("C:\\\xff.exe", &version, NULL) == OTASUKE_WIN32_ERROR_INVALID_ARGUMENT);
}

static void
test_os (void)
{
  static const struct { const char *in; unsigned long build; const char *out; } names[] = {
    { "Windows 10 Pro", 22631, "Windows 11 Pro" },
    { "Windows 10 Pro", 19045, "Windows 10 Pro" },
    { "Windows 10", 22000, "Windows 11" },
    { "Microsoft Windows 10", 26100, "Microsoft Windows 11" },
    { "Windows 100", 22000, "Windows 100" },
    { "Windows Server 2022 Standard", 20348, "Windows Server 2022 Standard" },
    { NULL, 19045, "Windows" },
  };
  const wchar_t *nt = L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";
  OtasukeWin32Os os;

  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    {
      char *name = otasuke_win32_os_fix_name (names[i].in, names[i].build);

      CHECK_STR (name, names[i].out);
      free (name);
    }

  set_sz (L"HKLM", nt, L"ProductName", L"Windows 10 Pro");
  set_sz (L"HKLM", nt, L"DisplayVersion", L"23H2");
  set_sz (L"HKLM", nt, L"CurrentBuildNumber", L"22631");
  set_sz (L"HKLM", nt, L"EditionID", L"Professional");
  set_dword (L"HKLM", nt, L"UBR", 3880);
  set_dword (L"HKLM", nt, L"CurrentMajorVersionNumber", 10);
  set_dword (L"HKLM", nt, L"CurrentMinorVersionNumber", 0);
  CHECK (otasuke_win32_get_os (&test_options, &os) == OTASUKE_WIN32_OK);
  CHECK_STR (os.name, "Windows 11 Pro");
  CHECK_STR (os.version_id, "11");
  CHECK_STR (os.display_version, "23H2");
  CHECK_STR (os.build, "22631.3880");
  CHECK_STR (os.edition, "Professional");
  CHECK (os.major == 10 && os.minor == 0 && os.build_number == 22631);
  otasuke_win32_os_clear (&os);

  /* A build number that is not one is not believed; a DWORD UBR only. */
  set_sz (L"HKLM", nt, L"CurrentBuildNumber", L"22631abc");
  set_sz (L"HKLM", nt, L"UBR", L"3880");
  CHECK (otasuke_win32_get_os (&test_options, &os) == OTASUKE_WIN32_OK);
  CHECK_STR (os.name, "Windows 10 Pro");
  CHECK_STR (os.version_id, "10");
  CHECK (os.build == NULL && os.build_number == 0);
  otasuke_win32_os_clear (&os);

  CHECK (otasuke_win32_get_os (NULL, &os) == OTASUKE_WIN32_OK);
  printf ("  os: %s | version %s | display %s | build %s | %lu.%lu | %s\n", os.name,
          os.version_id ? os.version_id : "-", os.display_version ? os.display_version : "-",
          os.build ? os.build : "-", os.major, os.minor, os.architecture ? os.architecture : "-");
  CHECK (os.name != NULL && strstr (os.name, "Windows") != NULL);
  CHECK (os.major >= 6 && os.build_number > 0);
  CHECK (os.version_id != NULL && os.build != NULL);
  if (str_eq (os.version_id, "10") || str_eq (os.version_id, "11"))
    CHECK (strstr (os.name, os.version_id) != NULL);
  CHECK_STR (os.architecture, "x86_64");
  otasuke_win32_os_clear (&os);
  CHECK (otasuke_win32_get_os (NULL, NULL) == OTASUKE_WIN32_ERROR_INVALID_ARGUMENT);
}

static void
test_antivirus (void)
{
  OtasukeWin32Antivirus *products = NULL;
  OtasukeWin32Status status;
  int enabled = -1, current = -1;
  size_t n = 0;

  otasuke_win32_decode_product_state (397568, &enabled, &current);   /* Defender, on */
  CHECK (enabled == 1 && current == 1);
  otasuke_win32_decode_product_state (393472, &enabled, &current);   /* off */
  CHECK (enabled == 0 && current == 1);
  otasuke_win32_decode_product_state (397584, &enabled, &current);   /* on, out of date */
  CHECK (enabled == 1 && current == 0);
  otasuke_win32_decode_product_state (262144, &enabled, &current);   /* off, up to date */
  CHECK (enabled == 0 && current == 1);

  status = otasuke_win32_find_antivirus (&products, &n);
  printf ("  security center: %s, %u product(s)\n", otasuke_win32_status_to_string (status), (unsigned) n);
  CHECK (status == OTASUKE_WIN32_OK || status == OTASUKE_WIN32_ERROR_UNAVAILABLE);
  CHECK ((n == 0) == (products == NULL));
  for (size_t i = 0; i < n; i++)
    {
      printf ("  antivirus: %s state 0x%06lx\n", products[i].name, products[i].product_state);
      CHECK (products[i].name != NULL);
    }
  otasuke_win32_antivirus_free (products, n);
  CHECK (otasuke_win32_find_antivirus (NULL, &n) == OTASUKE_WIN32_ERROR_INVALID_ARGUMENT);
}


/* Security Center's productState as recorded from real machines (0xTTSSDD). */
static void
test_product_state_recorded (void)
{
  static const struct { const char *who; unsigned long state; int enabled, current; } cases[] = {
    { "Microsoft Defender Antivirus, on", 0x061100, 1, 1 },      /* 397568 */
    { "Microsoft Defender Antivirus, passive beside another", 0x060100, 0, 1 },
    { "ウイルスバスター クラウド, on", 0x041000, 1, 1 },         /* 266240 */
    { "ESET Security, on", 0x041000, 1, 1 },
    { "ESET Security, definitions old", 0x041010, 1, 0 },
    { "Norton 360, on", 0x061000, 1, 1 },
    { "Norton 360, off", 0x060000, 0, 1 },
    { "expired trial, off and old", 0x040010, 0, 0 },            /* 262160 */
  };

  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      int enabled = -1, current = -1;

      otasuke_win32_decode_product_state (cases[i].state, &enabled, &current);
      if (enabled != cases[i].enabled || current != cases[i].current)
        printf ("  productState %s 0x%06lx: enabled %d current %d\n", cases[i].who,
                cases[i].state, enabled, current);
      CHECK (enabled == cases[i].enabled && current == cases[i].current);
    }
}

static void
test_settings_pure (void)
{
  int p[3], lock = -1;
  unsigned long idle = 99;

  /* Firewall: policy wins, a missing value is unknown, never off. */
  CHECK (otasuke_win32_firewall_profile_on (1, 0, 1, 1) == OTASUKE_WIN32_NO);
  CHECK (otasuke_win32_firewall_profile_on (0, 0, 1, 1) == OTASUKE_WIN32_YES);
  CHECK (otasuke_win32_firewall_profile_on (0, 0, 0, 0) == OTASUKE_WIN32_UNKNOWN);
  CHECK (otasuke_win32_firewall_profile_on (1, 7, 0, 0) == OTASUKE_WIN32_UNKNOWN);
  p[0] = 1; p[1] = 1; p[2] = 1;
  CHECK (otasuke_win32_firewall_all_on (p, 3) == OTASUKE_WIN32_YES);
  p[2] = 0;
  CHECK (otasuke_win32_firewall_all_on (p, 3) == OTASUKE_WIN32_NO);
  p[2] = -1;
  CHECK (otasuke_win32_firewall_all_on (p, 3) == OTASUKE_WIN32_UNKNOWN);
  CHECK (otasuke_win32_firewall_all_on (p, 0) == OTASUKE_WIN32_UNKNOWN);

  /* Windows Update. */
  CHECK (otasuke_win32_auto_updates (0, 0, 0, 0, 0, 0) == OTASUKE_WIN32_UNKNOWN);
  CHECK (otasuke_win32_auto_updates (1, 3, 0, 0, 0, 0) == OTASUKE_WIN32_YES);
  CHECK (otasuke_win32_auto_updates (1, 4, 0, 0, 0, 0) == OTASUKE_WIN32_NO);
  CHECK (otasuke_win32_auto_updates (1, 3, 1, 1, 0, 0) == OTASUKE_WIN32_NO);
  CHECK (otasuke_win32_auto_updates (1, 3, 1, 0, 1, 4) == OTASUKE_WIN32_YES);
  CHECK (otasuke_win32_auto_updates (1, 3, 0, 0, 1, 2) == OTASUKE_WIN32_NO);
  CHECK (otasuke_win32_auto_updates (1, 3, 0, 0, 1, 3) == OTASUKE_WIN32_NO);
  CHECK (otasuke_win32_auto_updates (1, 3, 0, 0, 1, 5) == OTASUKE_WIN32_UNKNOWN);

  /* Defender. */
  CHECK (otasuke_win32_defender_enabled (0, 0, 0, 0, 0) == OTASUKE_WIN32_UNKNOWN);
  CHECK (otasuke_win32_defender_enabled (1, 0, 0, 0, 0) == OTASUKE_WIN32_YES);
  CHECK (otasuke_win32_defender_enabled (1, 1, 1, 0, 0) == OTASUKE_WIN32_NO);
  CHECK (otasuke_win32_defender_enabled (1, 0, 0, 1, 1) == OTASUKE_WIN32_NO);
  CHECK (otasuke_win32_defender_enabled (1, 0, 0, 1, 0) == OTASUKE_WIN32_YES);

  /* Screen lock. */
  CHECK (otasuke_win32_screen_lock (NULL, NULL, NULL, &lock, &idle) == 0);
  CHECK (lock == 0 && idle == 0);
  CHECK (otasuke_win32_screen_lock ("1", "1", "600", &lock, &idle) == 1);
  CHECK (lock == 1 && idle == 600);
  CHECK (otasuke_win32_screen_lock ("1", "0", "900", &lock, &idle) == 1);
  CHECK (lock == 0 && idle == 900);
  CHECK (otasuke_win32_screen_lock ("0", "1", "600", &lock, &idle) == 1);
  CHECK (lock == 0 && idle == 0);
  CHECK (otasuke_win32_screen_lock ("1", "1", "60x", &lock, &idle) == 1);
  CHECK (lock == 1 && idle == 0);
  CHECK (otasuke_win32_screen_lock ("1", "1", "99999999", &lock, &idle) == 1);
  CHECK (idle == 0);

  /* VBAWarnings. */
  CHECK (otasuke_win32_vba_level (1, 4, 1, 1) == 4);
  CHECK (otasuke_win32_vba_level (0, 0, 1, 1) == 1);
  CHECK (otasuke_win32_vba_level (1, 9, 1, 3) == 3);
  CHECK (otasuke_win32_vba_level (0, 0, 0, 0) == 0);
  CHECK (otasuke_win32_vba_level (0, 0, 1, 0) == 0);

  /* BitLocker's shell values. */
  CHECK (otasuke_win32_bitlocker_on (1) == OTASUKE_WIN32_YES);
  CHECK (otasuke_win32_bitlocker_on (6) == OTASUKE_WIN32_YES);
  CHECK (otasuke_win32_bitlocker_on (2) == OTASUKE_WIN32_NO);
  CHECK (otasuke_win32_bitlocker_on (5) == OTASUKE_WIN32_NO);
  CHECK (otasuke_win32_bitlocker_on (77) == OTASUKE_WIN32_UNKNOWN);
  /* As the shell hands them over: VT_I4 on an encrypted Windows 11 drive (1),
   * on a drive without BitLocker (2) and during encryption (3); VT_EMPTY
   * where the shell knows nothing (Wine, a volume without the property). */
  CHECK (otasuke_win32_bitlocker_from_variant (VT_I4, 1) == OTASUKE_WIN32_YES);
  CHECK (otasuke_win32_bitlocker_from_variant (VT_I4, 2) == OTASUKE_WIN32_NO);
  CHECK (otasuke_win32_bitlocker_from_variant (VT_I4, 3) == OTASUKE_WIN32_YES);
  CHECK (otasuke_win32_bitlocker_from_variant (VT_UI4, 5) == OTASUKE_WIN32_NO);
  CHECK (otasuke_win32_bitlocker_from_variant (VT_I4, 8) == OTASUKE_WIN32_NO);
  CHECK (otasuke_win32_bitlocker_from_variant (VT_I4, -1) == OTASUKE_WIN32_UNKNOWN);
  CHECK (otasuke_win32_bitlocker_from_variant (VT_EMPTY, 0) == OTASUKE_WIN32_UNKNOWN);
  CHECK (otasuke_win32_bitlocker_from_variant (VT_LPWSTR, 1) == OTASUKE_WIN32_UNKNOWN);

  /* Folders. */
  CHECK (otasuke_win32_path_inside ("C:\\Users\\a\\OneDrive\\Documents", "C:\\Users\\a\\OneDrive"));
  CHECK (otasuke_win32_path_inside ("c:\\users\\A\\onedrive - 会社\\デスクトップ", "C:\\Users\\a\\OneDrive - 会社\\"));
  CHECK (!otasuke_win32_path_inside ("C:\\Users\\a\\OneDriveX\\Documents", "C:\\Users\\a\\OneDrive"));
  CHECK (!otasuke_win32_path_inside ("C:\\Users\\a\\Documents", "C:\\Users\\a\\OneDrive"));
  CHECK (!otasuke_win32_path_inside (NULL, "C:\\x"));
  CHECK (!otasuke_win32_path_inside ("C:\\x", ""));
  CHECK (otasuke_win32_unix_from_filetime (116444736000000000ULL + 10000000ULL * 1700000000ULL) == 1700000000LL);
  CHECK (otasuke_win32_unix_from_filetime (5) == 0);
}

/* The live read of the system drive: under Wine the shell has no such
 * property, which must come out as unknown, never as "off". */
static void
test_bitlocker_live (void)
{
  int answer = 42;
  OtasukeWin32Status status = otasuke_win32_read_bitlocker (&answer);

  CHECK (status == OTASUKE_WIN32_OK || status == OTASUKE_WIN32_ERROR_NOT_FOUND ||
         status == OTASUKE_WIN32_ERROR_UNAVAILABLE);
  CHECK (status == OTASUKE_WIN32_OK ? answer != OTASUKE_WIN32_UNKNOWN : answer == OTASUKE_WIN32_UNKNOWN);
  printf ("# BitLocker of the system drive: %s (%s)\n",
          answer == OTASUKE_WIN32_YES ? "on" : answer == OTASUKE_WIN32_NO ? "off" : "unknown",
          otasuke_win32_status_to_string (status));
  CHECK (otasuke_win32_read_bitlocker (NULL) == OTASUKE_WIN32_ERROR_INVALID_ARGUMENT);
}

static void
test_settings_registry (void)
{
  OtasukeWin32Settings s;
  const wchar_t *fw = L"SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\";
  wchar_t path[256];
  ULONGLONG when = 116444736000000000ULL + 10000000ULL * 1733000000ULL;

  /* Nothing there: unknown everywhere, nothing "off". */
  remove_test_tree ();
  CHECK (otasuke_win32_get_settings (&test_options, &s) == OTASUKE_WIN32_OK);
  CHECK (s.firewall_enabled == OTASUKE_WIN32_UNKNOWN);
  CHECK (s.auto_updates == OTASUKE_WIN32_UNKNOWN);
  CHECK (s.defender_enabled == OTASUKE_WIN32_UNKNOWN);
  CHECK (!s.screen_lock_detected && !s.office_found && s.vba_level == 0);
  CHECK (s.bitlocker == OTASUKE_WIN32_UNKNOWN && !s.onedrive_backup && !s.file_history);

  swprintf (path, 256, L"%lsDomainProfile", fw);
  set_dword (L"HKLM", path, L"EnableFirewall", 1);
  swprintf (path, 256, L"%lsStandardProfile", fw);
  set_dword (L"HKLM", path, L"EnableFirewall", 1);
  swprintf (path, 256, L"%lsPublicProfile", fw);
  set_dword (L"HKLM", path, L"EnableFirewall", 1);
  set_dword (L"HKLM", L"SYSTEM\\CurrentControlSet\\Services\\wuauserv", L"Start", 3);
  set_dword (L"HKLM", L"SOFTWARE\\Microsoft\\Windows Defender\\Real-Time Protection", L"DisableRealtimeMonitoring", 0);
  set_sz (L"HKCU", L"Control Panel\\Desktop", L"ScreenSaveActive", L"1");
  set_sz (L"HKCU", L"Control Panel\\Desktop", L"ScreenSaverIsSecure", L"1");
  set_sz (L"HKCU", L"Control Panel\\Desktop", L"ScreenSaveTimeOut", L"600");
  set_dword (L"HKCU", L"Software\\Microsoft\\Office\\16.0\\Word\\Security", L"VBAWarnings", 3);
  set_dword (L"HKCU", L"Software\\Microsoft\\Office\\16.0\\Excel\\Security", L"VBAWarnings", 1);
  set_sz (L"HKCU", L"Software\\Microsoft\\OneDrive\\Accounts\\Business1", L"UserFolder", L"C:\\Users\\a\\OneDrive - Example");
  set_sz (L"HKCU", L"Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders", L"Personal",
          L"C:\\Users\\a\\OneDrive - Example\\Documents");
  set_raw (L"HKCU", L"Software\\Microsoft\\Windows\\CurrentVersion\\FileHistory", L"ProtectedUpToTime",
           REG_QWORD, &when, sizeof when);

  CHECK (otasuke_win32_get_settings (&test_options, &s) == OTASUKE_WIN32_OK);
  CHECK (s.firewall_enabled == OTASUKE_WIN32_YES);
  CHECK (s.auto_updates == OTASUKE_WIN32_YES);
  CHECK (s.defender_found && s.defender_enabled == OTASUKE_WIN32_YES);
  CHECK (s.screen_lock_detected && s.screen_lock_enabled && s.screen_lock_idle_seconds == 600);
  CHECK (s.office_found && s.vba_level == 1 && s.vba_app == 1);
  CHECK (s.onedrive_backup);
  CHECK (s.file_history && s.file_history_last == 1733000000LL);

  /* Group Policy turns things off over the local values. */
  set_dword (L"HKLM", L"SOFTWARE\\Policies\\Microsoft\\WindowsFirewall\\PublicProfile", L"EnableFirewall", 0);
  set_dword (L"HKLM", L"SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU", L"NoAutoUpdate", 1);
  set_dword (L"HKLM", L"SOFTWARE\\Policies\\Microsoft\\Windows Defender", L"DisableAntiSpyware", 1);
  set_sz (L"HKCU", L"Software\\Policies\\Microsoft\\Windows\\Control Panel\\Desktop", L"ScreenSaverIsSecure", L"0");
  set_dword (L"HKCU", L"Software\\Policies\\Microsoft\\Office\\16.0\\Excel\\Security", L"VBAWarnings", 4);
  CHECK (otasuke_win32_get_settings (&test_options, &s) == OTASUKE_WIN32_OK);
  CHECK (s.firewall_profiles[0] == 1 && s.firewall_profiles[2] == 0);
  CHECK (s.firewall_enabled == OTASUKE_WIN32_NO);
  CHECK (s.auto_updates == OTASUKE_WIN32_NO);
  CHECK (s.defender_enabled == OTASUKE_WIN32_NO);
  CHECK (s.screen_lock_detected && !s.screen_lock_enabled);
  CHECK (s.vba_level == 3 && s.vba_app == 0);
  remove_test_tree ();
  CHECK (otasuke_win32_get_settings (NULL, NULL) == OTASUKE_WIN32_ERROR_INVALID_ARGUMENT);
}

/* The real registry of the test's Wine prefix: build-and-test.sh plants
 * values there with `wine reg add` and sets OTASUKE_WIN32_PLANTED. */
static void
test_settings_planted (void)
{
  OtasukeWin32Settings s;

  CHECK (otasuke_win32_get_settings (NULL, &s) == OTASUKE_WIN32_OK);
  printf ("  real registry: firewall %d, updates %d, defender %d, lock %d/%lu s, office %d vba %d, onedrive %d\n",
          s.firewall_enabled, s.auto_updates, s.defender_enabled, s.screen_lock_enabled,
          s.screen_lock_idle_seconds, s.office_found, s.vba_level, s.onedrive_backup);
  if (_wgetenv (L"OTASUKE_WIN32_PLANTED") == NULL)
    return;
  CHECK (s.firewall_profiles[0] == OTASUKE_WIN32_YES && s.firewall_profiles[2] == OTASUKE_WIN32_NO);
  CHECK (s.firewall_enabled == OTASUKE_WIN32_NO);
  CHECK (s.screen_lock_detected && s.screen_lock_enabled && s.screen_lock_idle_seconds == 300);
  CHECK (s.office_found && s.vba_level == 2 && s.vba_app == 2);
}

static int
real_run_value_exists (void)
{
  HKEY key;
  LSTATUS status;

  if (RegOpenKeyExW (HKEY_CURRENT_USER, REAL_RUN_KEY, 0, KEY_QUERY_VALUE, &key) != ERROR_SUCCESS)
    return 0;
  status = RegQueryValueExW (key, L"Otasuke", NULL, NULL, NULL, NULL);
  RegCloseKey (key);
  return status == ERROR_SUCCESS;
}

static void
test_autostart (void)
{
  const char *exe = "C:\\Program Files\\Otasuke\\bin\\otasuke.exe";
  const wchar_t *approved = L"Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run";
  BYTE off[12] = { 3 }, on[12] = { 2 };
  int real_before = real_run_value_exists ();
  OtasukeWin32AutostartState state;
  char *command = NULL;

  CHECK (otasuke_win32_autostart_query (&test_options, exe, &state, &command) == OTASUKE_WIN32_OK);
  CHECK (state == OTASUKE_WIN32_AUTOSTART_ABSENT && command == NULL);
  CHECK (otasuke_win32_autostart_remove (&test_options) == OTASUKE_WIN32_OK);

  CHECK (otasuke_win32_autostart_set (&test_options, exe) == OTASUKE_WIN32_OK);
  CHECK (otasuke_win32_autostart_query (&test_options, exe, &state, &command) == OTASUKE_WIN32_OK);
  CHECK (state == OTASUKE_WIN32_AUTOSTART_ENABLED);
  CHECK_STR (command, "\"C:\\Program Files\\Otasuke\\bin\\otasuke.exe\" --background");
  free (command);
  CHECK (otasuke_win32_autostart_query (&test_options, "c:\\program files\\otasuke\\bin\\OTASUKE.EXE",
                                        &state, NULL) == OTASUKE_WIN32_OK);
  CHECK (state == OTASUKE_WIN32_AUTOSTART_ENABLED);
  CHECK (otasuke_win32_autostart_query (&test_options, "D:\\Otasuke\\otasuke.exe", &state, NULL) == OTASUKE_WIN32_OK);
  CHECK (state == OTASUKE_WIN32_AUTOSTART_OTHER);

  set_raw (L"HKCU", approved, L"Otasuke", REG_BINARY, off, sizeof off);
  CHECK (otasuke_win32_autostart_query (&test_options, exe, &state, NULL) == OTASUKE_WIN32_OK);
  CHECK (state == OTASUKE_WIN32_AUTOSTART_DISABLED);
  set_raw (L"HKCU", approved, L"Otasuke", REG_BINARY, on, sizeof on);
  CHECK (otasuke_win32_autostart_query (&test_options, exe, &state, NULL) == OTASUKE_WIN32_OK);
  CHECK (state == OTASUKE_WIN32_AUTOSTART_ENABLED);

  /* This program's own path. */
  CHECK (otasuke_win32_autostart_set (&test_options, NULL) == OTASUKE_WIN32_OK);
  CHECK (otasuke_win32_autostart_query (&test_options, NULL, &state, &command) == OTASUKE_WIN32_OK);
  CHECK (state == OTASUKE_WIN32_AUTOSTART_ENABLED);
  CHECK (command != NULL && strstr (command, "test-win32.exe\" --background") != NULL);
  free (command);

  CHECK (otasuke_win32_autostart_set (&test_options, "C:\\a\"b.exe") == OTASUKE_WIN32_ERROR_INVALID_ARGUMENT);
  CHECK (otasuke_win32_autostart_set (&test_options, "") == OTASUKE_WIN32_ERROR_INVALID_ARGUMENT);
  CHECK (otasuke_win32_autostart_remove (&test_options) == OTASUKE_WIN32_OK);
  CHECK (otasuke_win32_autostart_query (&test_options, exe, &state, &command) == OTASUKE_WIN32_OK);
  CHECK (state == OTASUKE_WIN32_AUTOSTART_ABSENT && command == NULL);
  CHECK (otasuke_win32_autostart_remove (&test_options) == OTASUKE_WIN32_OK);
  CHECK (real_run_value_exists () == real_before);
}

static int events[4];

static void
on_tray_event (OtasukeWin32Tray      *tray,
               OtasukeWin32TrayEvent  event,
               int                    x,
               int                    y,
               void                  *user_data)
{
  (void) tray;
  (void) user_data;
  if ((int) event >= 0 && event < 4)
    events[event]++;
  if (event == OTASUKE_WIN32_TRAY_CONTEXT_MENU)
    CHECK (x == 12 && y == 34);
}

static void CALLBACK
close_menu (HWND hwnd, UINT message, UINT_PTR id, DWORD time)
{
  (void) message;
  (void) time;
  KillTimer (hwnd, id);
  EndMenu ();
}

static int
running_under_wine (void)
{
  HMODULE ntdll = GetModuleHandleW (L"ntdll.dll");

  return ntdll != NULL && GetProcAddress (ntdll, "wine_get_version") != NULL;
}

static void
test_tray_kind (OtasukeWin32TrayWindow kind)
{
  static const char * const labels[] = { "_Open Otasuke", "Check _Advisories Now", "R&D __x", "_Quit" };
  char long_tip[300 * 3 + 1];
  OtasukeWin32Tray *tray = NULL;
  OtasukeWin32Status status, shown;
  HWND hwnd;
  int chosen = 5;

  memset (events, 0, sizeof events);
  status = otasuke_win32_tray_new (kind, "Otasuke", NULL, on_tray_event, NULL, &tray);
  /* Wine without X cannot create top-level windows at all: a clean failure. */
  if (status == OTASUKE_WIN32_ERROR_FAILED && kind == OTASUKE_WIN32_TRAY_WINDOW_HIDDEN &&
      GetEnvironmentVariableW (L"DISPLAY", NULL, 0) == 0 && running_under_wine ())
    {
      printf ("  tray (hidden window): no display under Wine, not created\n");
      CHECK (tray == NULL);
      return;
    }
  CHECK (status == OTASUKE_WIN32_OK);
  if (tray == NULL)
    return;
  hwnd = otasuke_win32_tray_get_window (tray);
  CHECK (hwnd != NULL && !IsWindowVisible (hwnd));
  CHECK ((GetAncestor (hwnd, GA_PARENT) == GetDesktopWindow ()) == (kind == OTASUKE_WIN32_TRAY_WINDOW_HIDDEN));

  shown = otasuke_win32_tray_show (tray);
  printf ("  tray (%s window): show -> %s\n", kind == OTASUKE_WIN32_TRAY_WINDOW_HIDDEN ? "hidden" : "message-only",
          otasuke_win32_status_to_string (shown));
  CHECK (shown == OTASUKE_WIN32_OK || shown == OTASUKE_WIN32_ERROR_UNAVAILABLE);
  CHECK (otasuke_win32_tray_is_shown (tray) == (shown == OTASUKE_WIN32_OK));

  /* A long Japanese tooltip is cut, bad UTF-8 refused. */
  long_tip[0] = '\0';
  for (int i = 0; i < 300; i++)
    strcat (long_tip, "\xe3\x81\x82");
  CHECK (otasuke_win32_tray_set_tooltip (tray, long_tip) == OTASUKE_WIN32_OK);
  CHECK (otasuke_win32_tray_set_tooltip (tray, "\xff\xfe") == OTASUKE_WIN32_ERROR_INVALID_ARGUMENT);
  CHECK (otasuke_win32_tray_set_tooltip (tray, "セキュリティお助けナビ") == OTASUKE_WIN32_OK);
  CHECK (otasuke_win32_tray_set_icons (tray, LoadIconW (NULL, (LPCWSTR) IDI_APPLICATION),
                                       LoadIconW (NULL, (LPCWSTR) IDI_WARNING)) == OTASUKE_WIN32_OK);
  CHECK (otasuke_win32_tray_set_attention (tray, 1) == OTASUKE_WIN32_OK);
  CHECK (otasuke_win32_tray_balloon (tray, "注意", "新しい注意情報があります", 1) ==
         (shown == OTASUKE_WIN32_OK ? OTASUKE_WIN32_OK : OTASUKE_WIN32_ERROR_UNAVAILABLE));
  CHECK (otasuke_win32_tray_balloon (tray, "x", "", 0) == OTASUKE_WIN32_ERROR_INVALID_ARGUMENT);
  CHECK (otasuke_win32_tray_set_attention (tray, 0) == OTASUKE_WIN32_OK);

  /* What the shell would send. */
  SendMessageW (hwnd, OTASUKE_WIN32_TRAY_MESSAGE, MAKEWPARAM (1, 2), MAKELPARAM (NIN_SELECT, OTASUKE_WIN32_TRAY_ICON_ID));
  SendMessageW (hwnd, OTASUKE_WIN32_TRAY_MESSAGE, MAKEWPARAM (12, 34), MAKELPARAM (WM_CONTEXTMENU, OTASUKE_WIN32_TRAY_ICON_ID));
  SendMessageW (hwnd, OTASUKE_WIN32_TRAY_MESSAGE, 0, MAKELPARAM (NIN_BALLOONUSERCLICK, OTASUKE_WIN32_TRAY_ICON_ID));
  SendMessageW (hwnd, OTASUKE_WIN32_TRAY_MESSAGE, 0, MAKELPARAM (NIN_SELECT, 7));  /* not our icon */
  SendMessageW (hwnd, RegisterWindowMessageW (L"TaskbarCreated"), 0, 0);
  CHECK (events[OTASUKE_WIN32_TRAY_ACTIVATE] == 1);
  CHECK (events[OTASUKE_WIN32_TRAY_CONTEXT_MENU] == 1);
  CHECK (events[OTASUKE_WIN32_TRAY_BALLOON_CLICKED] == 1);
  CHECK (events[OTASUKE_WIN32_TRAY_RECREATED] ==
         (kind == OTASUKE_WIN32_TRAY_WINDOW_HIDDEN && shown == OTASUKE_WIN32_OK ? 1 : 0));

  /* The menu is closed by a timer: nothing chosen. */
  if (kind == OTASUKE_WIN32_TRAY_WINDOW_HIDDEN)
    {
      SetTimer (hwnd, 1, 300, close_menu);
      CHECK (otasuke_win32_tray_popup_menu (tray, labels, 4, &chosen) == OTASUKE_WIN32_OK);
      CHECK (chosen == -1);
      KillTimer (hwnd, 1);
    }
  CHECK (otasuke_win32_tray_popup_menu (tray, labels, 0, &chosen) == OTASUKE_WIN32_ERROR_INVALID_ARGUMENT);

  CHECK (otasuke_win32_tray_hide (tray) == OTASUKE_WIN32_OK);
  CHECK (!otasuke_win32_tray_is_shown (tray));
  CHECK (otasuke_win32_tray_hide (tray) == OTASUKE_WIN32_OK);
  otasuke_win32_tray_free (tray);
  CHECK (!IsWindow (hwnd));
}

static void
test_tray (void)
{
  OtasukeWin32Tray *tray = NULL;

  test_tray_kind (OTASUKE_WIN32_TRAY_WINDOW_MESSAGE_ONLY);
  test_tray_kind (OTASUKE_WIN32_TRAY_WINDOW_HIDDEN);
  CHECK (otasuke_win32_tray_new (7, NULL, NULL, NULL, NULL, &tray) == OTASUKE_WIN32_ERROR_INVALID_ARGUMENT);
  CHECK (tray == NULL);
  CHECK (otasuke_win32_tray_show (NULL) == OTASUKE_WIN32_ERROR_INVALID_ARGUMENT);
  CHECK (otasuke_win32_tray_is_shown (NULL) == 0);
  otasuke_win32_tray_free (NULL);
}

int wmain (int argc, wchar_t **argv);

int
wmain (int       argc,
       wchar_t **argv)
{
  wchar_t *slash;

  (void) argc;
  (void) argv;
  setvbuf (stdout, NULL, _IONBF, 0);
  if (GetModuleFileNameW (NULL, test_dir, MAX_PATH) == 0 || (slash = wcsrchr (test_dir, L'\\')) == NULL)
    {
      printf ("cannot find the test's folder\n0 passed, 1 failed\n");
      return 1;
    }
  *slash = L'\0';

  remove_test_tree ();
  test_parse_version ();
  test_browsers ();
  test_file_version ();
  test_os ();
  test_antivirus ();
  test_product_state_recorded ();
  test_settings_pure ();
  test_settings_registry ();
  test_bitlocker_live ();
  test_settings_planted ();
  test_autostart ();
  test_tray ();
  remove_test_tree ();
  CHECK (!test_tree_exists ());

  printf ("%d passed, %d failed\n", n_passed, n_failed);
  return n_failed == 0 ? 0 : 1;
}

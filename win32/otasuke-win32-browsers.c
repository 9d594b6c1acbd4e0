/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Browser versions from BLBeacon keys, Mozilla's keys and the version
 * resources of the executables App Paths points at. Nothing is run. */

#include "otasuke-win32-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Version resources are a few KB; a larger block is not a browser's. */
#define MAX_VERSION_INFO (4 * 1024 * 1024)

typedef struct {
  const char    *id;
  const char    *name;
  const char    *channel;
  const wchar_t *key;
} Beacon;

static const Beacon beacons[] = {
  { "chrome", "Google Chrome", "stable", L"Software\\Google\\Chrome\\BLBeacon" },
  { "chrome", "Google Chrome Beta", "beta", L"Software\\Google\\Chrome Beta\\BLBeacon" },
  { "chrome", "Google Chrome Dev", "dev", L"Software\\Google\\Chrome Dev\\BLBeacon" },
  { "chrome", "Google Chrome Canary", "canary", L"Software\\Google\\Chrome SxS\\BLBeacon" },
  { "edge", "Microsoft Edge", "stable", L"Software\\Microsoft\\Edge\\BLBeacon" },
  { "edge", "Microsoft Edge Beta", "beta", L"Software\\Microsoft\\Edge Beta\\BLBeacon" },
  { "edge", "Microsoft Edge Dev", "dev", L"Software\\Microsoft\\Edge Dev\\BLBeacon" },
  { "edge", "Microsoft Edge Canary", "canary", L"Software\\Microsoft\\Edge SxS\\BLBeacon" },
  { "chromium", "Chromium", "stable", L"Software\\Chromium\\BLBeacon" },
  { "brave", "Brave", "stable", L"Software\\BraveSoftware\\Brave-Browser\\BLBeacon" },
  { "brave", "Brave Beta", "beta", L"Software\\BraveSoftware\\Brave-Browser-Beta\\BLBeacon" },
  { "brave", "Brave Nightly", "nightly", L"Software\\BraveSoftware\\Brave-Browser-Nightly\\BLBeacon" },
  /* Vivaldi's snapshots may share the key: the channel is not known. */
  { "vivaldi", "Vivaldi", NULL, L"Software\\Vivaldi\\BLBeacon" },
};

static const Beacon mozilla_keys[] = {
  { "firefox", "Firefox", "stable", L"SOFTWARE\\Mozilla\\Mozilla Firefox" },
  { "firefox", "Firefox ESR", "esr", L"SOFTWARE\\Mozilla\\Mozilla Firefox ESR" },
};

/* App Paths entries; key is the executable's name. */
static const Beacon app_paths[] = {
  { "chrome", "Google Chrome", NULL, L"chrome.exe" },
  { "edge", "Microsoft Edge", NULL, L"msedge.exe" },
  { "firefox", "Firefox", NULL, L"firefox.exe" },
  { "brave", "Brave", NULL, L"brave.exe" },
  { "vivaldi", "Vivaldi", NULL, L"vivaldi.exe" },
};

#define APP_PATHS_KEY L"SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\"

typedef struct {
  OtasukeWin32Browser *items;
  size_t n, size;
  BOOL oom;
} List;

static void
browser_clear (OtasukeWin32Browser *b)
{
  free (b->id);
  free (b->name);
  free (b->version);
  free (b->channel);
  free (b->path);
  memset (b, 0, sizeof *b);
}

void
otasuke_win32_browsers_free (OtasukeWin32Browser *browsers,
                             size_t               n)
{
  if (browsers == NULL)
    return;
  for (size_t i = 0; i < n; i++)
    browser_clear (&browsers[i]);
  free (browsers);
}

/* Takes @version and @path. */
static void
list_add (List        *list,
          const Beacon *what,
          const char  *id,
          const char  *name,
          const char  *channel,
          const char  *source,
          char        *version,
          char        *path)
{
  OtasukeWin32Browser *b;

  if (list->n == list->size)
    {
      size_t size = list->size != 0 ? list->size * 2 : 8;
      OtasukeWin32Browser *items = realloc (list->items, size * sizeof *items);

      if (items == NULL)
        {
          list->oom = TRUE;
          free (version);
          free (path);
          return;
        }
      list->items = items;
      list->size = size;
    }

  b = &list->items[list->n];
  memset (b, 0, sizeof *b);
  b->id = otasuke_win32_strdup (id != NULL ? id : what->id);
  b->name = otasuke_win32_strdup (name != NULL ? name : what->name);
  b->channel = otasuke_win32_strdup (channel);
  b->source = source;
  b->version = version;
  b->path = path;
  if (b->id == NULL || b->name == NULL || (channel != NULL && b->channel == NULL))
    {
      list->oom = TRUE;
      browser_clear (b);
      return;
    }
  list->n++;
}

static int
strcmp_null (const char *a,
             const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return strcmp (a, b);
}

static int
compare_browsers (const void *pa,
                  const void *pb)
{
  const OtasukeWin32Browser *a = pa, *b = pb;
  int c;

  if ((c = strcmp (a->id, b->id)) != 0)
    return c;
  if ((c = strcmp_null (a->channel, b->channel)) != 0)
    return c;
  if ((c = strcmp (a->source, b->source)) != 0)
    return c;
  if ((c = strcmp_null (a->version, b->version)) != 0)
    return c;
  return strcmp_null (a->path, b->path);
}

/* Sorts, then drops entries repeating the one before in all but the path. */
static void
list_sort_merge (List *list)
{
  size_t kept = 0;

  if (list->n == 0)
    return;
  qsort (list->items, list->n, sizeof *list->items, compare_browsers);
  for (size_t i = 1; i < list->n; i++)
    {
      OtasukeWin32Browser *prev = &list->items[kept], *b = &list->items[i];

      if (strcmp (prev->id, b->id) == 0 && strcmp_null (prev->channel, b->channel) == 0 &&
          strcmp (prev->source, b->source) == 0 && strcmp_null (prev->version, b->version) == 0)
        browser_clear (b);
      else
        list->items[++kept] = *b;
    }
  list->n = kept + 1;
}

/* A version string value of @subkey, validated; NULL when absent or bad. */
static char *
read_version_value (HKEY           key,
                    const wchar_t *name,
                    wchar_t       *raw_out)
{
  wchar_t raw[OTASUKE_WIN32_MAX_VALUE + 1];
  char *utf8, *version;

  if (!otasuke_win32_read_string (key, name, FALSE, raw, OTASUKE_WIN32_MAX_VALUE))
    return NULL;
  if (raw_out != NULL)
    wcscpy (raw_out, raw);
  utf8 = otasuke_win32_utf8_from_wide (raw);
  version = otasuke_win32_parse_version (utf8);
  free (utf8);
  return version;
}

static void
probe_beacons (const OtasukeWin32Options *options,
               List                      *list)
{
  REGSAM views[2];
  size_t n_views = otasuke_win32_hklm_views (options, views);

  for (size_t i = 0; i < sizeof beacons / sizeof beacons[0]; i++)
    for (size_t h = 0; h < 1 + n_views; h++)
      {
        Hive hive = h == 0 ? HIVE_HKCU : HIVE_HKLM;
        HKEY key;
        char *version;

        if (otasuke_win32_open_key (options, hive, beacons[i].key, KEY_QUERY_VALUE,
                                    h == 0 ? 0 : views[h - 1], &key) != ERROR_SUCCESS)
          continue;
        version = read_version_value (key, L"version", NULL);
        RegCloseKey (key);
        if (version != NULL)
          list_add (list, &beacons[i], NULL, NULL, beacons[i].channel, "registry", version,
                    otasuke_win32_key_name (options, hive, beacons[i].key));
      }
}

/* <key>\<CurrentVersion>\Main PathToExe, as Firefox's installer writes it. */
static char *
mozilla_path_to_exe (const OtasukeWin32Options *options,
                     Hive                       hive,
                     REGSAM                     view,
                     const wchar_t             *key_path,
                     const wchar_t             *current)
{
  wchar_t subkey[OTASUKE_WIN32_MAX_VALUE * 2 + 16];
  wchar_t path[OTASUKE_WIN32_MAX_PATH + 1];
  HKEY key;
  BOOL ok;

  if (wcschr (current, L'\\') != NULL)
    return NULL;
  swprintf (subkey, sizeof subkey / sizeof subkey[0], L"%ls\\%ls\\Main", key_path, current);
  if (otasuke_win32_open_key (options, hive, subkey, KEY_QUERY_VALUE, view, &key) != ERROR_SUCCESS)
    return NULL;
  ok = otasuke_win32_read_string (key, L"PathToExe", FALSE, path, OTASUKE_WIN32_MAX_PATH);
  RegCloseKey (key);
  return ok ? otasuke_win32_utf8_from_wide (path) : NULL;
}

static const char *
firefox_channel (const Beacon  *what,
                 const char    *version,
                 const wchar_t *raw)
{
  size_t len = strlen (version);

  if (strcmp (what->channel, "esr") == 0 || (len > 3 && strcmp (version + len - 3, "esr") == 0) ||
      wcsstr (raw, L" ESR") != NULL)
    return "esr";
  if (strchr (version, 'b') != NULL)
    return "beta";
  if (strchr (version, 'a') != NULL)
    return "nightly";
  return "stable";
}

static void
probe_mozilla (const OtasukeWin32Options *options,
               List                      *list)
{
  REGSAM views[2];
  size_t n_views = otasuke_win32_hklm_views (options, views);

  for (size_t i = 0; i < sizeof mozilla_keys / sizeof mozilla_keys[0]; i++)
    for (size_t h = 0; h < 1 + n_views; h++)
      {
        const Beacon *what = &mozilla_keys[i];
        Hive hive = h == 0 ? HIVE_HKCU : HIVE_HKLM;
        REGSAM view = h == 0 ? 0 : views[h - 1];
        wchar_t raw[OTASUKE_WIN32_MAX_VALUE + 1];
        const char *channel;
        char *version, *path;
        HKEY key;

        if (otasuke_win32_open_key (options, hive, what->key, KEY_QUERY_VALUE, view, &key) != ERROR_SUCCESS)
          continue;
        version = read_version_value (key, L"CurrentVersion", raw);
        RegCloseKey (key);
        if (version == NULL)
          continue;

        channel = firefox_channel (what, version, raw);
        path = mozilla_path_to_exe (options, hive, view, what->key, raw);
        if (path == NULL)
          path = otasuke_win32_key_name (options, hive, what->key);
        list_add (list, what, NULL, strcmp (channel, "esr") == 0 ? "Firefox ESR" : NULL,
                  channel, "registry", version, path);
      }
}

static char *
query_string_info (void          *data,
                   WORD           lang,
                   WORD           codepage,
                   const wchar_t *field)
{
  wchar_t query[64];
  wchar_t *value = NULL;
  UINT len = 0;
  wchar_t copy[OTASUKE_WIN32_MAX_VALUE + 1];

  swprintf (query, sizeof query / sizeof query[0], L"\\StringFileInfo\\%04x%04x\\%ls",
            lang, codepage, field);
  if (!VerQueryValueW (data, query, (void **) &value, &len) || value == NULL || len == 0)
    return NULL;
  /* len counts characters, maybe with the NUL; trust neither. */
  len = (UINT) wcsnlen (value, len < OTASUKE_WIN32_MAX_VALUE ? len : OTASUKE_WIN32_MAX_VALUE);
  if (len == 0)
    return NULL;
  memcpy (copy, value, len * sizeof (wchar_t));
  copy[len] = L'\0';
  return otasuke_win32_utf8_from_wide (copy);
}

/* The first translation listed, then the usual US English ones. */
static char *
query_string (void          *data,
              const wchar_t *field)
{
  static const WORD fallbacks[][2] = { { 0x0409, 0x04b0 }, { 0x0409, 0x04e4 }, { 0x0000, 0x04b0 } };
  WORD (*translations)[2] = NULL;
  UINT len = 0;
  char *value = NULL;

  if (VerQueryValueW (data, L"\\VarFileInfo\\Translation", (void **) &translations, &len) &&
      translations != NULL && len >= sizeof translations[0])
    value = query_string_info (data, translations[0][0], translations[0][1], field);
  for (size_t i = 0; value == NULL && i < sizeof fallbacks / sizeof fallbacks[0]; i++)
    value = query_string_info (data, fallbacks[i][0], fallbacks[i][1], field);
  return value;
}

static OtasukeWin32Status
file_version_wide (const wchar_t *path,
                   char         **version,
                   char         **product_name)
{
  VS_FIXEDFILEINFO *fixed = NULL;
  UINT fixed_len = 0;
  DWORD handle = 0, size, attributes;
  char *text, buf[64];
  void *data;

  attributes = GetFileAttributesW (path);
  if (attributes == INVALID_FILE_ATTRIBUTES || (attributes & FILE_ATTRIBUTE_DIRECTORY))
    return OTASUKE_WIN32_ERROR_NOT_FOUND;
  size = GetFileVersionInfoSizeW (path, &handle);
  if (size == 0 || size > MAX_VERSION_INFO)
    return OTASUKE_WIN32_ERROR_NOT_FOUND;
  data = malloc (size);
  if (data == NULL)
    return OTASUKE_WIN32_ERROR_NO_MEMORY;
  if (!GetFileVersionInfoW (path, 0, size, data))
    {
      free (data);
      return OTASUKE_WIN32_ERROR_FAILED;
    }

  text = query_string (data, L"ProductVersion");
  *version = otasuke_win32_parse_version (text);
  free (text);
  if (*version == NULL && VerQueryValueW (data, L"\\", (void **) &fixed, &fixed_len) &&
      fixed != NULL && fixed_len >= sizeof *fixed && fixed->dwSignature == VS_FFI_SIGNATURE)
    {
      snprintf (buf, sizeof buf, "%lu.%lu.%lu.%lu",
                (unsigned long) HIWORD (fixed->dwProductVersionMS),
                (unsigned long) LOWORD (fixed->dwProductVersionMS),
                (unsigned long) HIWORD (fixed->dwProductVersionLS),
                (unsigned long) LOWORD (fixed->dwProductVersionLS));
      *version = otasuke_win32_strdup (buf);
    }
  if (product_name != NULL)
    *product_name = query_string (data, L"ProductName");
  free (data);
  return *version != NULL ? OTASUKE_WIN32_OK : OTASUKE_WIN32_ERROR_NOT_FOUND;
}

OtasukeWin32Status
otasuke_win32_file_version (const char  *path,
                            char       **version,
                            char       **product_name)
{
  wchar_t *wide;
  OtasukeWin32Status status;

  if (version == NULL)
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  *version = NULL;
  if (product_name != NULL)
    *product_name = NULL;
  wide = otasuke_win32_wide_from_utf8 (path);
  if (wide == NULL)
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  status = file_version_wide (wide, version, product_name);
  free (wide);
  return status;
}

/* The default value of an App Paths key: a local absolute path, quotes removed. */
static BOOL
read_app_path (HKEY     key,
               wchar_t *path)
{
  size_t len;

  if (!otasuke_win32_read_string (key, NULL, TRUE, path, OTASUKE_WIN32_MAX_PATH))
    return FALSE;
  len = wcslen (path);
  if (len >= 2 && path[0] == L'"' && path[len - 1] == L'"')
    {
      memmove (path, path + 1, (len - 2) * sizeof (wchar_t));
      path[len - 2] = L'\0';
    }
  /* "C:\…" only: a UNC path would make us touch the network. */
  return ((path[0] >= L'A' && path[0] <= L'Z') || (path[0] >= L'a' && path[0] <= L'z')) &&
         path[1] == L':' && path[2] == L'\\';
}

static void
probe_app_paths (const OtasukeWin32Options *options,
                 List                      *list)
{
  REGSAM views[2];
  size_t n_views = otasuke_win32_hklm_views (options, views);

  for (size_t i = 0; i < sizeof app_paths / sizeof app_paths[0]; i++)
    for (size_t h = 0; h < 1 + n_views; h++)
      {
        const Beacon *what = &app_paths[i];
        wchar_t subkey[128];
        wchar_t path[OTASUKE_WIN32_MAX_PATH + 1];
        char *version = NULL, *product = NULL;
        const char *id = NULL, *name = NULL;
        HKEY key;
        BOOL ok;

        swprintf (subkey, sizeof subkey / sizeof subkey[0], L"%ls%ls", APP_PATHS_KEY, what->key);
        if (otasuke_win32_open_key (options, h == 0 ? HIVE_HKCU : HIVE_HKLM, subkey, KEY_QUERY_VALUE,
                                    h == 0 ? 0 : views[h - 1], &key) != ERROR_SUCCESS)
          continue;
        ok = read_app_path (key, path);
        RegCloseKey (key);
        if (!ok || file_version_wide (path, &version, &product) != OTASUKE_WIN32_OK)
          continue;

        /* Chromium's executable is chrome.exe too. */
        if (strcmp (what->id, "chrome") == 0 && product != NULL && strcmp (product, "Chromium") == 0)
          {
            id = "chromium";
            name = "Chromium";
          }
        free (product);
        list_add (list, what, id, name, NULL, "file", version, otasuke_win32_utf8_from_wide (path));
      }
}

OtasukeWin32Status
otasuke_win32_find_browsers (const OtasukeWin32Options *options,
                             OtasukeWin32Browser      **out,
                             size_t                    *n)
{
  List list = { NULL, 0, 0, FALSE };

  if (out == NULL || n == NULL)
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  *out = NULL;
  *n = 0;
  if (!otasuke_win32_options_valid (options))
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;

  probe_beacons (options, &list);
  probe_mozilla (options, &list);
  if (options == NULL || !options->skip_files)
    probe_app_paths (options, &list);

  if (list.oom)
    {
      otasuke_win32_browsers_free (list.items, list.n);
      return OTASUKE_WIN32_ERROR_NO_MEMORY;
    }
  list_sort_merge (&list);
  if (list.n == 0)
    {
      free (list.items);
      return OTASUKE_WIN32_OK;
    }
  *out = list.items;
  *n = list.n;
  return OTASUKE_WIN32_OK;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Strings, registry access through the test-root mapping, version shapes. */

#include "otasuke-win32-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define MAX_ROOT_CHARS 200
#define MAX_PART_DIGITS 9
#define MAX_PARTS 4

const char *
otasuke_win32_status_to_string (OtasukeWin32Status status)
{
  switch (status)
    {
    case OTASUKE_WIN32_OK: return "ok";
    case OTASUKE_WIN32_ERROR_INVALID_ARGUMENT: return "invalid argument";
    case OTASUKE_WIN32_ERROR_NOT_FOUND: return "not found";
    case OTASUKE_WIN32_ERROR_NO_MEMORY: return "out of memory";
    case OTASUKE_WIN32_ERROR_UNAVAILABLE: return "unavailable";
    case OTASUKE_WIN32_ERROR_FAILED: return "failed";
    default: return "unknown status";
    }
}

void
otasuke_win32_free (void *p)
{
  free (p);
}

char *
otasuke_win32_strdup (const char *s)
{
  size_t len;
  char *copy;

  if (s == NULL)
    return NULL;
  len = strlen (s);
  copy = malloc (len + 1);
  if (copy != NULL)
    memcpy (copy, s, len + 1);
  return copy;
}

char *
otasuke_win32_utf8_from_wide (const wchar_t *wide)
{
  int size;
  char *utf8;

  if (wide == NULL)
    return NULL;
  size = WideCharToMultiByte (CP_UTF8, WC_ERR_INVALID_CHARS, wide, -1, NULL, 0, NULL, NULL);
  if (size <= 0)
    return NULL;
  utf8 = malloc ((size_t) size);
  if (utf8 == NULL)
    return NULL;
  if (WideCharToMultiByte (CP_UTF8, WC_ERR_INVALID_CHARS, wide, -1, utf8, size, NULL, NULL) != size)
    {
      free (utf8);
      return NULL;
    }
  return utf8;
}

wchar_t *
otasuke_win32_wide_from_utf8 (const char *utf8)
{
  int size;
  wchar_t *wide;

  if (utf8 == NULL)
    return NULL;
  size = MultiByteToWideChar (CP_UTF8, MB_ERR_INVALID_CHARS, utf8, -1, NULL, 0);
  if (size <= 0)
    return NULL;
  wide = malloc ((size_t) size * sizeof (wchar_t));
  if (wide == NULL)
    return NULL;
  if (MultiByteToWideChar (CP_UTF8, MB_ERR_INVALID_CHARS, utf8, -1, wide, size) != size)
    {
      free (wide);
      return NULL;
    }
  return wide;
}

/* The full subkey below the real hive: "<root>\HKCU\<subkey>" for a test root. */
static wchar_t *
mapped_subkey (const OtasukeWin32Options *options,
               Hive                       hive,
               const wchar_t             *subkey)
{
  wchar_t *root, *full;
  size_t len, size;

  if (options == NULL || options->registry_root == NULL)
    return _wcsdup (subkey);

  root = otasuke_win32_wide_from_utf8 (options->registry_root);
  if (root == NULL)
    return NULL;
  len = wcslen (root);
  if (len == 0 || len > MAX_ROOT_CHARS || root[0] == L'\\')
    {
      free (root);
      return NULL;
    }
  size = len + wcslen (subkey) + 8;
  full = malloc (size * sizeof (wchar_t));
  if (full != NULL)
    swprintf (full, size, L"%ls\\%ls\\%ls", root, hive == HIVE_HKLM ? L"HKLM" : L"HKCU", subkey);
  free (root);
  return full;
}

BOOL
otasuke_win32_options_valid (const OtasukeWin32Options *options)
{
  wchar_t *path;

  if (options == NULL || options->registry_root == NULL)
    return TRUE;
  path = mapped_subkey (options, HIVE_HKCU, L"");
  free (path);
  return path != NULL;
}

LSTATUS
otasuke_win32_open_key (const OtasukeWin32Options *options,
                        Hive                       hive,
                        const wchar_t             *subkey,
                        REGSAM                     access,
                        REGSAM                     view,
                        HKEY                      *out)
{
  wchar_t *path = mapped_subkey (options, hive, subkey);
  HKEY base = HKEY_CURRENT_USER;
  LSTATUS status;

  *out = NULL;
  if (path == NULL)
    return ERROR_INVALID_PARAMETER;
  if (options != NULL && options->registry_root != NULL)
    view = 0;
  else if (hive == HIVE_HKLM)
    base = HKEY_LOCAL_MACHINE;
  else
    view = 0;

  status = RegOpenKeyExW (base, path, 0, access | view, out);
  free (path);
  return status;
}

LSTATUS
otasuke_win32_create_key (const OtasukeWin32Options *options,
                          const wchar_t             *subkey,
                          HKEY                      *out)
{
  wchar_t *path = mapped_subkey (options, HIVE_HKCU, subkey);
  LSTATUS status;

  *out = NULL;
  if (path == NULL)
    return ERROR_INVALID_PARAMETER;
  status = RegCreateKeyExW (HKEY_CURRENT_USER, path, 0, NULL, REG_OPTION_NON_VOLATILE,
                            KEY_QUERY_VALUE | KEY_SET_VALUE, NULL, out, NULL);
  free (path);
  return status;
}

size_t
otasuke_win32_hklm_views (const OtasukeWin32Options *options,
                          REGSAM                     views[2])
{
  if (options != NULL && options->registry_root != NULL)
    {
      views[0] = 0;
      return 1;
    }
  views[0] = KEY_WOW64_64KEY;
  views[1] = KEY_WOW64_32KEY;
  return 2;
}

char *
otasuke_win32_key_name (const OtasukeWin32Options *options,
                        Hive                       hive,
                        const wchar_t             *subkey)
{
  wchar_t *path = mapped_subkey (options, hive, subkey);
  const wchar_t *base;
  wchar_t *full;
  size_t size;
  char *utf8;

  if (path == NULL)
    return NULL;
  base = (options != NULL && options->registry_root != NULL) || hive == HIVE_HKCU
    ? L"HKCU" : L"HKLM";
  size = wcslen (path) + 8;
  full = malloc (size * sizeof (wchar_t));
  if (full == NULL)
    {
      free (path);
      return NULL;
    }
  swprintf (full, size, L"%ls\\%ls", base, path);
  utf8 = otasuke_win32_utf8_from_wide (full);
  free (full);
  free (path);
  return utf8;
}

BOOL
otasuke_win32_read_string (HKEY           key,
                           const wchar_t *name,
                           BOOL           allow_expand,
                           wchar_t       *buf,
                           size_t         max_chars)
{
  DWORD type = REG_NONE;
  DWORD cb = (DWORD) (max_chars * sizeof (wchar_t));
  size_t n;

  buf[0] = L'\0';
  /* ERROR_MORE_DATA (too long) fails here like any other error. */
  if (RegQueryValueExW (key, name, NULL, &type, (BYTE *) buf, &cb) != ERROR_SUCCESS)
    return FALSE;
  if (type != REG_SZ && !(allow_expand && type == REG_EXPAND_SZ))
    return FALSE;

  /* The stored data need not end in NUL, nor have an even length. */
  n = cb / sizeof (wchar_t);
  if (n > max_chars)
    return FALSE;
  buf[n] = L'\0';
  n = wcsnlen (buf, n);
  if (n == 0)
    return FALSE;

  if (type == REG_EXPAND_SZ)
    {
      wchar_t *expanded = malloc ((max_chars + 1) * sizeof (wchar_t));
      DWORD needed;

      if (expanded == NULL)
        return FALSE;
      needed = ExpandEnvironmentStringsW (buf, expanded, (DWORD) (max_chars + 1));
      if (needed == 0 || needed > max_chars + 1)
        {
          free (expanded);
          return FALSE;
        }
      wcscpy (buf, expanded);
      free (expanded);
    }
  return TRUE;
}

static int
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* Counts a run of 1 to MAX_PART_DIGITS digits at @p; 0 when there is none or too many. */
static size_t
digits (const char *p)
{
  size_t n = 0;

  while (is_digit (p[n]))
    n++;
  return n <= MAX_PART_DIGITS ? n : 0;
}

char *
otasuke_win32_parse_version (const char *text)
{
  const char *p, *start;
  size_t parts = 0, n, len;
  char *out;

  if (text == NULL)
    return NULL;
  for (p = text; *p == ' ' || *p == '\t'; p++)
    ;
  start = p;

  for (;;)
    {
      n = digits (p);
      if (n == 0)
        return NULL;
      p += n;
      if (++parts > MAX_PARTS)
        return NULL;
      if (*p != '.')
        break;
      p++;
    }
  if (parts < 2)
    return NULL;

  /* Firefox: "115.9.0esr", "129.0b5", "130.0a1"; Chromium never has one. */
  if (strncmp (p, "esr", 3) == 0)
    p += 3;
  else if (*p == 'a' || *p == 'b' || (p[0] == 'r' && p[1] == 'c'))
    {
      p += *p == 'r' ? 2 : 1;
      n = digits (p);
      if (n == 0)
        return NULL;
      p += n;
    }

  /* The version is a whole word: "128.0 (x64 ja)" yes, "128.0x" no. */
  if (*p != '\0' && *p != ' ' && *p != '\t' && *p != '(')
    return NULL;

  len = (size_t) (p - start);
  if (len > OTASUKE_WIN32_MAX_VALUE)
    return NULL;
  out = malloc (len + 1);
  if (out == NULL)
    return NULL;
  memcpy (out, start, len);
  out[len] = '\0';
  return out;
}

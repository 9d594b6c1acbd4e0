/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Windows 10 is the oldest system supported. */
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0A00
#endif
#ifndef WINVER
#define WINVER 0x0A00
#endif
#ifndef NTDDI_VERSION
#define NTDDI_VERSION 0x0A000000
#endif
#ifndef UNICODE
#define UNICODE
#endif

#include <windows.h>

#include "otasuke-win32.h"

/* Longest registry string read for a version or a name, in UTF-16 units. */
#define OTASUKE_WIN32_MAX_VALUE 256
/* Longest path read from the registry. */
#define OTASUKE_WIN32_MAX_PATH 1024

/* The tray icon's callback message and id (tests send them too). */
#define OTASUKE_WIN32_TRAY_MESSAGE (WM_APP + 0x4f)
#define OTASUKE_WIN32_TRAY_ICON_ID 1

typedef enum {
  HIVE_HKCU,
  HIVE_HKLM,
} Hive;

/* UTF-16 → UTF-8 (NULL in, NULL out); NULL also on failure. */
char    *otasuke_win32_utf8_from_wide (const wchar_t *wide);
/* UTF-8 → UTF-16; NULL for NULL or invalid UTF-8. */
wchar_t *otasuke_win32_wide_from_utf8 (const char *utf8);
char    *otasuke_win32_strdup         (const char *s);

/* FALSE for a registry_root that is empty, absolute, too long or bad UTF-8. */
BOOL     otasuke_win32_options_valid  (const OtasukeWin32Options *options);

/* Opens @subkey of @hive through @options' mapping. @view is 0,
 * KEY_WOW64_64KEY or KEY_WOW64_32KEY; ignored for HKCU and for test roots. */
LSTATUS  otasuke_win32_open_key       (const OtasukeWin32Options *options,
                                       Hive                       hive,
                                       const wchar_t             *subkey,
                                       REGSAM                     access,
                                       REGSAM                     view,
                                       HKEY                      *out);
/* Like open_key but creates the key (HKCU only). */
LSTATUS  otasuke_win32_create_key     (const OtasukeWin32Options *options,
                                       const wchar_t             *subkey,
                                       HKEY                      *out);
/* The HKLM views to try: {64, 32} for the real registry, {0} for a test root. */
size_t   otasuke_win32_hklm_views     (const OtasukeWin32Options *options,
                                       REGSAM                     views[2]);
/* "HKLM\SOFTWARE\…" as read (with the test root spelled out), UTF-8. */
char    *otasuke_win32_key_name       (const OtasukeWin32Options *options,
                                       Hive                       hive,
                                       const wchar_t             *subkey);

/* Reads a string value of at most @max_chars UTF-16 units into @buf (which
 * holds max_chars + 1). Only REG_SZ (and REG_EXPAND_SZ when @allow_expand,
 * expanded) is accepted; a missing terminator is supplied, anything after an
 * embedded NUL ignored. Returns FALSE for missing, wrong type, too long or empty. */
BOOL     otasuke_win32_read_string    (HKEY           key,
                                       const wchar_t *name,
                                       BOOL           allow_expand,
                                       wchar_t       *buf,
                                       size_t         max_chars);

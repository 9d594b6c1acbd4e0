/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-paths"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <wchar.h>

#include <windows.h>
#include <aclapi.h>
#include <sddl.h>

#include <glib.h>

#include "otasuke-paths.h"

/* The Windows twin of app/otasuke-paths-unix.c. Data lives in
 * %LOCALAPPDATA%\otasuke\ (GLib's user data folder on Windows, unless
 * XDG_DATA_HOME says otherwise), kept private with a protected access list
 * that lets in only the user and SYSTEM: the file modes 0700/0600 mean
 * nothing to NTFS. */

char *
otasuke_paths_get_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "otasuke", NULL);
}

char *
otasuke_paths_get_locale_dir (void)
{
  /* otasuke.exe is in <folder>\bin (or <folder> itself): GLib knows which. */
  g_autofree char *top = g_win32_get_package_installation_directory_of_module (NULL);

  return g_build_filename (top, "share", "locale", NULL);
}

int
otasuke_paths_create_flags (void)
{
  return O_BINARY | O_NOINHERIT;
}

int
otasuke_paths_read_flags (void)
{
  return O_BINARY | O_NOINHERIT;
}

/* The running user's SID as a string ("S-1-5-21-…"), LocalFree'd by the caller. */
static wchar_t *
user_sid_string (PSID *sid_copy)
{
  HANDLE token = NULL;
  union {
    TOKEN_USER user;
    BYTE       bytes[SECURITY_MAX_SID_SIZE + sizeof (TOKEN_USER)];
  } buffer;
  DWORD len = 0;
  wchar_t *text = NULL;

  if (!OpenProcessToken (GetCurrentProcess (), TOKEN_QUERY, &token))
    return NULL;
  if (GetTokenInformation (token, TokenUser, &buffer, sizeof buffer, &len) &&
      ConvertSidToStringSidW (buffer.user.User.Sid, &text))
    {
      if (sid_copy != NULL)
        {
          DWORD sid_len = GetLengthSid (buffer.user.User.Sid);

          *sid_copy = g_malloc (sid_len);
          if (!CopySid (sid_len, *sid_copy, buffer.user.User.Sid))
            g_clear_pointer (sid_copy, g_free);
        }
    }
  CloseHandle (token);
  return text;
}

static gboolean
owned_by (const wchar_t *path,
          PSID           sid)
{
  PSID owner = NULL;
  PSECURITY_DESCRIPTOR sd = NULL;
  gboolean same;

  if (GetNamedSecurityInfoW (path, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION,
                             &owner, NULL, NULL, NULL, &sd) != ERROR_SUCCESS)
    return FALSE;
  same = owner != NULL && EqualSid (owner, sid);
  LocalFree (sd);
  return same;
}

void
otasuke_paths_restrict (const char *path,
                        gboolean    is_folder,
                        gboolean    own_only)
{
  g_autofree wchar_t *wpath = g_utf8_to_utf16 (path, -1, NULL, NULL, NULL);
  g_autofree wchar_t *sddl = NULL;
  g_autofree void *sid = NULL;
  wchar_t *sid_text = NULL;
  PSECURITY_DESCRIPTOR sd = NULL;
  PACL dacl = NULL;
  BOOL present = FALSE, defaulted = FALSE;
  DWORD rc;

  if (wpath == NULL || GetFileAttributesW (wpath) == INVALID_FILE_ATTRIBUTES)
    return;
  sid_text = user_sid_string ((PSID *) &sid);
  if (sid_text == NULL || sid == NULL)
    {
      g_debug ("Could not restrict %s: the user's SID is unknown", path);
      goto out;
    }
  if (own_only && !owned_by (wpath, sid))
    goto out;

  /* Full access for the user and SYSTEM, nothing inherited from above;
   * a folder passes the same on to what is created in it. */
  sddl = g_new0 (wchar_t, 128 + wcslen (sid_text) * 2);
  swprintf (sddl, 128 + wcslen (sid_text) * 2,
            is_folder ? L"D:P(A;OICI;FA;;;%ls)(A;OICI;FA;;;SY)" : L"D:P(A;;FA;;;%ls)(A;;FA;;;SY)",
            sid_text);
  if (!ConvertStringSecurityDescriptorToSecurityDescriptorW (sddl, SDDL_REVISION_1, &sd, NULL) ||
      !GetSecurityDescriptorDacl (sd, &present, &dacl, &defaulted) || !present)
    {
      g_debug ("Could not restrict %s: error %lu", path, GetLastError ());
      goto out;
    }
  rc = SetNamedSecurityInfoW (wpath, SE_FILE_OBJECT,
                              DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                              NULL, NULL, dacl, NULL);
  if (rc != ERROR_SUCCESS)
    g_debug ("Could not restrict %s: error %lu", path, (unsigned long) rc);

out:
  if (sd != NULL)
    LocalFree (sd);
  if (sid_text != NULL)
    LocalFree (sid_text);
}



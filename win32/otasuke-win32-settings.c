/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Windows security settings read from the registry: firewall profiles,
 * Windows Update policy, Defender, screen lock, Office macro policy,
 * BitLocker's shell state and backup evidence. Each interpretation is a pure
 * function (tested on recorded values in test-win32.c); a missing key gives
 * OTASUKE_WIN32_UNKNOWN, never "off".
 *
 * Sources (recorded here as the rules ask):
 * - Firewall: HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\
 *   FirewallPolicy\{DomainProfile,StandardProfile,PublicProfile} EnableFirewall
 *   (DWORD 1/0), overridden by Group Policy under HKLM\SOFTWARE\Policies\
 *   Microsoft\WindowsFirewall\{DomainProfile,PrivateProfile,PublicProfile}
 *   (Microsoft Learn, "Configure Windows Firewall with Group Policy" / the
 *   Firewall CSP registry mapping).
 * - Windows Update: HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU
 *   NoAutoUpdate (1 = off) and AUOptions (2 notify download, 3 download and
 *   notify install, 4 download and schedule install, 5 local admin chooses,
 *   7 notify install and restart) (Microsoft Learn, "Configure Automatic
 *   Updates by using Group Policy or registry settings"); the wuauserv
 *   service's Start = 4 means disabled.
 * - Defender: HKLM\SOFTWARE\Microsoft\Windows Defender\Real-Time Protection
 *   DisableRealtimeMonitoring, Group Policy HKLM\SOFTWARE\Policies\Microsoft\
 *   Windows Defender DisableAntiSpyware and ...\Real-Time Protection
 *   DisableRealtimeMonitoring.
 * - Screen lock: HKCU\Control Panel\Desktop ScreenSaveActive,
 *   ScreenSaverIsSecure (REG_SZ "0"/"1"), ScreenSaveTimeOut (REG_SZ seconds),
 *   Group Policy twins under HKCU\Software\Policies\Microsoft\Windows\
 *   Control Panel\Desktop win.
 * - Office macros: <...>\Office\<16.0|15.0>\<Word|Excel|PowerPoint>\Security
 *   VBAWarnings 1 enable all, 2 disable with notification (the default),
 *   3 disable except digitally signed, 4 disable without notification;
 *   the policy key HKCU\Software\Policies\Microsoft\Office\... wins over the
 *   user's HKCU\Software\Microsoft\Office\... (Microsoft Learn, "Plan
 *   security settings for VBA macros in Office").
 * - BitLocker: the shell property System.Volume.BitLockerProtection of C:\
 *   (readable without administrator rights): 1 on, 2 off, 3 encrypting,
 *   4 decrypting, 5 suspended, 6 on and locked, 8 waiting for activation
 *   (values as observed and widely documented; not an official enumeration).
 * - Backup: OneDrive known-folder backup shows as the Desktop or Documents
 *   folder (HKCU\...\Explorer\User Shell Folders) inside OneDrive's folder
 *   (HKCU\Software\Microsoft\OneDrive\Accounts\<account> UserFolder); File
 *   History as HKCU\Software\Microsoft\Windows\CurrentVersion\FileHistory
 *   with a ProtectedUpToTime (FILETIME) value. */

#include "otasuke-win32-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <wtypes.h>

#define FIREWALL_LOCAL L"SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\"
#define FIREWALL_POLICY L"SOFTWARE\\Policies\\Microsoft\\WindowsFirewall\\"
#define WU_POLICY L"SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU"
#define WU_SERVICE L"SYSTEM\\CurrentControlSet\\Services\\wuauserv"
#define DEFENDER L"SOFTWARE\\Microsoft\\Windows Defender"
#define DEFENDER_RTP L"SOFTWARE\\Microsoft\\Windows Defender\\Real-Time Protection"
#define DEFENDER_POLICY L"SOFTWARE\\Policies\\Microsoft\\Windows Defender"
#define DEFENDER_POLICY_RTP L"SOFTWARE\\Policies\\Microsoft\\Windows Defender\\Real-Time Protection"
#define DESKTOP L"Control Panel\\Desktop"
#define DESKTOP_POLICY L"Software\\Policies\\Microsoft\\Windows\\Control Panel\\Desktop"
#define SHELL_FOLDERS L"Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders"
#define ONEDRIVE_ACCOUNTS L"Software\\Microsoft\\OneDrive\\Accounts"
#define FILE_HISTORY L"Software\\Microsoft\\Windows\\CurrentVersion\\FileHistory"

/* ------------------------------------------------------- pure interpretations */

int
otasuke_win32_firewall_profile_on (int           have_policy,
                                   unsigned long policy,
                                   int           have_local,
                                   unsigned long local)
{
  if (have_policy && (policy == 0 || policy == 1))
    return (int) policy;
  if (have_local && (local == 0 || local == 1))
    return (int) local;
  return OTASUKE_WIN32_UNKNOWN;
}

int
otasuke_win32_firewall_all_on (const int *profiles,
                               size_t     n)
{
  int unknown = 0;

  for (size_t i = 0; i < n; i++)
    {
      if (profiles[i] == OTASUKE_WIN32_NO)
        return OTASUKE_WIN32_NO;
      if (profiles[i] != OTASUKE_WIN32_YES)
        unknown = 1;
    }
  return n == 0 || unknown ? OTASUKE_WIN32_UNKNOWN : OTASUKE_WIN32_YES;
}

int
otasuke_win32_auto_updates (int           service_known,
                            unsigned long service_start,
                            int           have_no_auto,
                            unsigned long no_auto,
                            int           have_options,
                            unsigned long au_options)
{
  /* Without the service key nothing is known (Wine, a broken install). */
  if (!service_known)
    return OTASUKE_WIN32_UNKNOWN;
  if (service_start == 4)
    return OTASUKE_WIN32_NO;
  if (have_no_auto && no_auto == 1)
    return OTASUKE_WIN32_NO;
  if (have_options)
    switch (au_options)
      {
      case 2: case 3: case 7: return OTASUKE_WIN32_NO;   /* someone must click */
      case 4: return OTASUKE_WIN32_YES;
      default: return OTASUKE_WIN32_UNKNOWN;            /* 5: the user chooses */
      }
  /* No policy: Windows 10 and 11 install updates by themselves. */
  return OTASUKE_WIN32_YES;
}

int
otasuke_win32_defender_enabled (int           defender_known,
                                int           have_policy_off,
                                unsigned long policy_off,
                                int           have_rtp_off,
                                unsigned long rtp_off)
{
  if (!defender_known)
    return OTASUKE_WIN32_UNKNOWN;
  if (have_policy_off && policy_off == 1)
    return OTASUKE_WIN32_NO;
  if (have_rtp_off)
    return rtp_off == 1 ? OTASUKE_WIN32_NO : rtp_off == 0 ? OTASUKE_WIN32_YES : OTASUKE_WIN32_UNKNOWN;
  return OTASUKE_WIN32_YES;   /* real-time protection is on unless switched off */
}

static int
flag_text (const char *text)
{
  if (text == NULL)
    return OTASUKE_WIN32_UNKNOWN;
  if (strcmp (text, "1") == 0)
    return OTASUKE_WIN32_YES;
  if (strcmp (text, "0") == 0)
    return OTASUKE_WIN32_NO;
  return OTASUKE_WIN32_UNKNOWN;
}

int
otasuke_win32_screen_lock (const char    *active,
                           const char    *secure,
                           const char    *timeout,
                           int           *lock_enabled,
                           unsigned long *idle_seconds)
{
  unsigned long seconds = 0;
  int on = flag_text (active), locks = flag_text (secure);
  char *end = NULL;

  *lock_enabled = 0;
  *idle_seconds = 0;
  if (active == NULL && secure == NULL && timeout == NULL)
    return 0;
  if (timeout != NULL && timeout[0] >= '0' && timeout[0] <= '9' && strlen (timeout) <= 7)
    {
      seconds = strtoul (timeout, &end, 10);
      if (end == NULL || *end != '\0')
        seconds = 0;
    }
  *lock_enabled = on == OTASUKE_WIN32_YES && locks == OTASUKE_WIN32_YES;
  *idle_seconds = on == OTASUKE_WIN32_YES ? seconds : 0;
  return 1;
}

int
otasuke_win32_vba_level (int           have_policy,
                         unsigned long policy,
                         int           have_user,
                         unsigned long user)
{
  if (have_policy && policy >= 1 && policy <= 4)
    return (int) policy;
  if (have_user && user >= 1 && user <= 4)
    return (int) user;
  return 0;
}

int
otasuke_win32_bitlocker_on (unsigned long protection)
{
  switch (protection)
    {
    case 1: case 3: case 6: return OTASUKE_WIN32_YES;   /* on, encrypting, on and locked */
    case 0: case 2: case 4: case 5: case 8: return OTASUKE_WIN32_NO;
    default: return OTASUKE_WIN32_UNKNOWN;
    }
}

int
otasuke_win32_bitlocker_from_variant (unsigned short vt,
                                      long long      value)
{
  /* The shell hands the property over as a 4-byte integer (VT_I4 as read on
   * Windows 10 and 11; VT_UI4 accepted too); a volume it cannot say anything
   * about gives VT_EMPTY. */
  switch (vt)
    {
    case VT_I4: case VT_UI4: case VT_INT: case VT_UINT: case VT_I2: case VT_UI2:
      return value < 0 ? OTASUKE_WIN32_UNKNOWN : otasuke_win32_bitlocker_on ((unsigned long) value);
    default:
      return OTASUKE_WIN32_UNKNOWN;
    }
}

int
otasuke_win32_path_inside (const char *path,
                           const char *folder)
{
  size_t n;

  if (path == NULL || folder == NULL || folder[0] == '\0')
    return 0;
  n = strlen (folder);
  while (n > 0 && (folder[n - 1] == '\\' || folder[n - 1] == '/'))
    n--;
  if (n == 0 || strlen (path) < n || _strnicmp (path, folder, n) != 0)
    return 0;
  return path[n] == '\0' || path[n] == '\\' || path[n] == '/';
}

/* ---------------------------------------------------------- registry reading */

static BOOL
dword_of (const OtasukeWin32Options *options,
          Hive                       hive,
          const wchar_t             *subkey,
          const wchar_t             *name,
          unsigned long             *out)
{
  DWORD type = REG_NONE, value = 0, cb = sizeof value;
  LSTATUS result;
  HKEY key;

  if (otasuke_win32_open_key (options, hive, subkey, KEY_QUERY_VALUE, KEY_WOW64_64KEY,
                              &key) != ERROR_SUCCESS)
    return FALSE;
  result = RegQueryValueExW (key, name, NULL, &type, (BYTE *) &value, &cb);
  RegCloseKey (key);
  if (result != ERROR_SUCCESS || type != REG_DWORD || cb != sizeof value)
    return FALSE;
  *out = value;
  return TRUE;
}

static BOOL
key_exists (const OtasukeWin32Options *options,
            Hive                       hive,
            const wchar_t             *subkey)
{
  HKEY key;

  if (otasuke_win32_open_key (options, hive, subkey, KEY_QUERY_VALUE, KEY_WOW64_64KEY,
                              &key) != ERROR_SUCCESS)
    return FALSE;
  RegCloseKey (key);
  return TRUE;
}

static char *
string_of (const OtasukeWin32Options *options,
           Hive                       hive,
           const wchar_t             *subkey,
           const wchar_t             *name,
           BOOL                       expand)
{
  wchar_t buf[OTASUKE_WIN32_MAX_PATH + 1];
  HKEY key;
  BOOL ok;

  if (otasuke_win32_open_key (options, hive, subkey, KEY_QUERY_VALUE, KEY_WOW64_64KEY,
                              &key) != ERROR_SUCCESS)
    return NULL;
  ok = otasuke_win32_read_string (key, name, expand, buf, OTASUKE_WIN32_MAX_PATH);
  RegCloseKey (key);
  return ok ? otasuke_win32_utf8_from_wide (buf) : NULL;
}

static void
read_firewall (const OtasukeWin32Options *options,
               OtasukeWin32Settings      *s)
{
  static const wchar_t * const local[] = { L"DomainProfile", L"StandardProfile", L"PublicProfile" };
  static const wchar_t * const policy[] = { L"DomainProfile", L"PrivateProfile", L"PublicProfile" };

  for (size_t i = 0; i < 3; i++)
    {
      wchar_t path[256];
      unsigned long pv = 0, lv = 0;
      BOOL hp, hl;

      swprintf (path, 256, L"%ls%ls", FIREWALL_POLICY, policy[i]);
      hp = dword_of (options, HIVE_HKLM, path, L"EnableFirewall", &pv);
      swprintf (path, 256, L"%ls%ls", FIREWALL_LOCAL, local[i]);
      hl = dword_of (options, HIVE_HKLM, path, L"EnableFirewall", &lv);
      s->firewall_profiles[i] = otasuke_win32_firewall_profile_on (hp, pv, hl, lv);
    }
  s->firewall_enabled = otasuke_win32_firewall_all_on (s->firewall_profiles, 3);
}

static void
read_updates (const OtasukeWin32Options *options,
              OtasukeWin32Settings      *s)
{
  unsigned long start = 0, no_auto = 0, au = 0;
  BOOL service = key_exists (options, HIVE_HKLM, WU_SERVICE);
  BOOL have_start = service && dword_of (options, HIVE_HKLM, WU_SERVICE, L"Start", &start);
  BOOL have_no_auto = dword_of (options, HIVE_HKLM, WU_POLICY, L"NoAutoUpdate", &no_auto);
  BOOL have_au = dword_of (options, HIVE_HKLM, WU_POLICY, L"AUOptions", &au);

  s->update_service_found = service;
  s->auto_updates = otasuke_win32_auto_updates (service, have_start ? start : 0,
                                                have_no_auto, no_auto, have_au, au);
}

static void
read_defender (const OtasukeWin32Options *options,
               OtasukeWin32Settings      *s)
{
  unsigned long policy_off = 0, rtp_off = 0;
  BOOL known = key_exists (options, HIVE_HKLM, DEFENDER);
  BOOL have_policy = dword_of (options, HIVE_HKLM, DEFENDER_POLICY, L"DisableAntiSpyware", &policy_off);
  BOOL have_rtp = dword_of (options, HIVE_HKLM, DEFENDER_POLICY_RTP, L"DisableRealtimeMonitoring", &rtp_off);

  if (!have_rtp)
    have_rtp = dword_of (options, HIVE_HKLM, DEFENDER_RTP, L"DisableRealtimeMonitoring", &rtp_off);
  s->defender_found = known;
  s->defender_enabled = otasuke_win32_defender_enabled (known, have_policy, policy_off,
                                                        have_rtp, rtp_off);
}

static void
read_screen_lock (const OtasukeWin32Options *options,
                  OtasukeWin32Settings      *s)
{
  static const wchar_t * const names[] = { L"ScreenSaveActive", L"ScreenSaverIsSecure", L"ScreenSaveTimeOut" };
  char *v[3];

  for (size_t i = 0; i < 3; i++)
    {
      v[i] = string_of (options, HIVE_HKCU, DESKTOP_POLICY, names[i], FALSE);
      if (v[i] == NULL)
        v[i] = string_of (options, HIVE_HKCU, DESKTOP, names[i], FALSE);
    }
  s->screen_lock_detected = otasuke_win32_screen_lock (v[0], v[1], v[2], &s->screen_lock_enabled,
                                                       &s->screen_lock_idle_seconds);
  for (size_t i = 0; i < 3; i++)
    free (v[i]);
}

static void
read_office (const OtasukeWin32Options *options,
             OtasukeWin32Settings      *s)
{
  static const wchar_t * const versions[] = { L"16.0", L"15.0" };
  static const wchar_t * const apps[] = { L"Word", L"Excel", L"PowerPoint" };

  s->office_found = key_exists (options, HIVE_HKLM, L"SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration") ||
                    key_exists (options, HIVE_HKLM, L"SOFTWARE\\Microsoft\\Office\\16.0\\Common\\InstallRoot") ||
                    key_exists (options, HIVE_HKLM, L"SOFTWARE\\Microsoft\\Office\\15.0\\Common\\InstallRoot");
  s->vba_level = 0;
  for (size_t v = 0; v < 2; v++)
    for (size_t a = 0; a < 3; a++)
      {
        wchar_t path[256];
        unsigned long pv = 0, uv = 0;
        BOOL hp, hu;
        int level;

        swprintf (path, 256, L"Software\\Policies\\Microsoft\\Office\\%ls\\%ls\\Security", versions[v], apps[a]);
        hp = dword_of (options, HIVE_HKCU, path, L"VBAWarnings", &pv);
        swprintf (path, 256, L"Software\\Microsoft\\Office\\%ls\\%ls\\Security", versions[v], apps[a]);
        hu = dword_of (options, HIVE_HKCU, path, L"VBAWarnings", &uv);
        level = otasuke_win32_vba_level (hp, pv, hu, uv);
        /* The weakest application decides. */
        if (level != 0 && (s->vba_level == 0 || level < s->vba_level))
          {
            s->vba_level = level;
            s->vba_app = (int) a;
          }
      }
  if (s->vba_level != 0)
    s->office_found = 1;
}

static void
read_backup (const OtasukeWin32Options *options,
             OtasukeWin32Settings      *s)
{
  static const wchar_t * const accounts[] = { L"Personal", L"Business1", L"Business2" };
  static const wchar_t * const folders[] = { L"Desktop", L"Personal" };
  HKEY key;

  for (size_t i = 0; i < 3 && !s->onedrive_backup; i++)
    {
      wchar_t path[256];
      char *root;

      swprintf (path, 256, L"%ls\\%ls", ONEDRIVE_ACCOUNTS, accounts[i]);
      root = string_of (options, HIVE_HKCU, path, L"UserFolder", FALSE);
      for (size_t f = 0; root != NULL && f < 2 && !s->onedrive_backup; f++)
        {
          char *folder = string_of (options, HIVE_HKCU, SHELL_FOLDERS, folders[f], TRUE);

          s->onedrive_backup = otasuke_win32_path_inside (folder, root);
          free (folder);
        }
      free (root);
    }
  if (otasuke_win32_open_key (options, HIVE_HKCU, FILE_HISTORY, KEY_QUERY_VALUE, 0, &key) == ERROR_SUCCESS)
    {
      ULONGLONG filetime = 0;
      DWORD type = REG_NONE, cb = sizeof filetime;

      if (RegQueryValueExW (key, L"ProtectedUpToTime", NULL, &type, (BYTE *) &filetime, &cb) == ERROR_SUCCESS &&
          (type == REG_QWORD || type == REG_BINARY) && cb == sizeof filetime && filetime != 0)
        {
          s->file_history = 1;
          s->file_history_last = otasuke_win32_unix_from_filetime (filetime);
        }
      RegCloseKey (key);
    }
}

long long
otasuke_win32_unix_from_filetime (unsigned long long filetime)
{
  /* 100 ns units since 1601-01-01; 11644473600 s to 1970-01-01. */
  if (filetime < 116444736000000000ULL)
    return 0;
  return (long long) ((filetime - 116444736000000000ULL) / 10000000ULL);
}

OtasukeWin32Status
otasuke_win32_get_settings (const OtasukeWin32Options *options,
                            OtasukeWin32Settings      *settings)
{
  if (settings == NULL)
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  memset (settings, 0, sizeof *settings);
  settings->bitlocker = OTASUKE_WIN32_UNKNOWN;
  if (!otasuke_win32_options_valid (options))
    return OTASUKE_WIN32_ERROR_INVALID_ARGUMENT;
  read_firewall (options, settings);
  read_updates (options, settings);
  read_defender (options, settings);
  read_screen_lock (options, settings);
  read_office (options, settings);
  read_backup (options, settings);
  return OTASUKE_WIN32_OK;
}

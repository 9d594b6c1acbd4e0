/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-probe"

#include "config.h"

#include <string.h>

#include "otasuke-probe-private.h"
#include "otasuke-win32.h"

/* The Windows twin of app/otasuke-probe-system-linux.c. The reading and its
 * interpretation are in the plain Win32 library (otasuke-win32-system.c for
 * Security Center, otasuke-win32-settings.c for the registry, with the keys
 * and sources listed there); this file only maps them onto the report.
 * What cannot be read is UNKNOWN / not detected, never "off". The settings
 * are read once per probe run: each function below reads them again, which
 * is a handful of registry look-ups. */

static OtasukeProbeAnswer
answer (int value)
{
  return value == OTASUKE_WIN32_YES ? OTASUKE_PROBE_YES
       : value == OTASUKE_WIN32_NO ? OTASUKE_PROBE_NO : OTASUKE_PROBE_UNKNOWN;
}

static gboolean
read_settings (OtasukeWin32Settings *settings)
{
  OtasukeWin32Status status = otasuke_win32_get_settings (NULL, settings);

  if (status != OTASUKE_WIN32_OK)
    g_message ("Could not read the Windows settings: %s", otasuke_win32_status_to_string (status));
  return status == OTASUKE_WIN32_OK;
}

static gboolean
is_defender (const char *name)
{
  return name != NULL && (strstr (name, "Defender") != NULL || strstr (name, "Windows Security") != NULL);
}

void
otasuke_probe_security (const OtasukeProbeContext *ctx,
                        GPtrArray                 *products)
{
  OtasukeWin32Antivirus *av = NULL;
  OtasukeWin32Settings settings;
  size_t n = 0;
  gboolean defender_listed = FALSE;
  OtasukeWin32Status status = otasuke_win32_find_antivirus (&av, &n);

  /* Every product Security Center knows: ウイルスバスター, ESET, Norton … */
  for (size_t i = 0; status == OTASUKE_WIN32_OK && i < n; i++)
    {
      OtasukeProbeSecurityProduct *p = otasuke_probe_security_product_new (av[i].name);

      p->path = g_strdup (av[i].path);
      p->enabled = av[i].enabled ? OTASUKE_PROBE_YES : OTASUKE_PROBE_NO;
      p->up_to_date = av[i].up_to_date ? OTASUKE_PROBE_YES : OTASUKE_PROBE_NO;
      defender_listed = defender_listed || is_defender (av[i].name);
      g_ptr_array_add (products, p);
    }
  otasuke_win32_antivirus_free (av, n);

  /* Without Security Center (Windows Server, Wine) Defender's own keys
   * still tell whether its real-time protection is on. */
  if (!defender_listed && n == 0 && read_settings (&settings) && settings.defender_found)
    {
      OtasukeProbeSecurityProduct *p = otasuke_probe_security_product_new ("Microsoft Defender Antivirus");

      p->enabled = answer (settings.defender_enabled);
      g_ptr_array_add (products, p);
    }
}

void
otasuke_probe_firewall (const OtasukeProbeContext *ctx,
                        OtasukeProbeFirewall      *firewall)
{
  OtasukeWin32Settings settings;

  if (!read_settings (&settings))
    return;
  for (guint i = 0; i < 3; i++)
    if (settings.firewall_profiles[i] != OTASUKE_WIN32_UNKNOWN)
      firewall->installed = TRUE;
  if (!firewall->installed)
    return;
  firewall->name = g_strdup ("Windows Defender Firewall");
  firewall->enabled = answer (settings.firewall_enabled);
}

void
otasuke_probe_automatic_updates (const OtasukeProbeContext *ctx,
                                 OtasukeProbeAutoUpdates   *updates)
{
  OtasukeWin32Settings settings;

  if (!read_settings (&settings) || !settings.update_service_found)
    return;
  updates->detected = TRUE;
  updates->mechanism = g_strdup ("Windows Update");
  updates->enabled = answer (settings.auto_updates);
}

void
otasuke_probe_disk_encryption (const OtasukeProbeContext  *ctx,
                               OtasukeProbeDiskEncryption *encryption)
{
  int bitlocker = OTASUKE_WIN32_UNKNOWN;
  OtasukeWin32Status status;

  /* The shell's System.Volume.BitLockerProtection of the system drive (WMI's
   * MicrosoftVolumeEncryption would need administrator rights). Where the
   * shell cannot tell (Wine, an edition without the property), unknown.
   * The probes run on a worker thread, so the shell may take its time. */
  status = otasuke_win32_read_bitlocker (&bitlocker);
  if (status != OTASUKE_WIN32_OK)
    g_debug ("BitLocker state not readable: %s", otasuke_win32_status_to_string (status));
  encryption->system_encrypted = answer (bitlocker);
  if (encryption->system_encrypted == OTASUKE_PROBE_YES)
    encryption->method = g_strdup ("BitLocker");
}

void
otasuke_probe_office_macros (const OtasukeProbeContext *ctx,
                             OtasukeProbeOfficeMacros  *macros)
{
  static const char * const apps[] = { "Word", "Excel", "PowerPoint" };
  OtasukeWin32Settings settings;

  if (!read_settings (&settings) || !settings.office_found)
    return;
  macros->detected = TRUE;
  macros->product = g_strdup ("Microsoft Office");
  macros->from_settings = settings.vba_level != 0;
  switch (settings.vba_level)
    {
    case 1: macros->policy = OTASUKE_MACRO_POLICY_RUN_ALL; break;
    case 3: macros->policy = OTASUKE_MACRO_POLICY_SIGNED; break;
    case 4: macros->policy = OTASUKE_MACRO_POLICY_DISABLED; break;
    case 2:
    default:
      /* 2, and Office's default without a value: disabled with notification. */
      macros->policy = OTASUKE_MACRO_POLICY_ASK;
      break;
    }
  if (macros->from_settings && settings.vba_app >= 0 && settings.vba_app < (int) G_N_ELEMENTS (apps))
    macros->profile = g_strdup_printf ("VBAWarnings (%s)", apps[settings.vba_app]);
}

void
otasuke_probe_screen_lock (const OtasukeProbeContext *ctx,
                           OtasukeProbeScreenLock    *lock)
{
  OtasukeWin32Settings settings;

  if (ctx->inject_screen_lock)
    {
      lock->detected = TRUE;
      lock->lock_enabled = ctx->injected_lock_enabled;
      lock->idle_delay_seconds = ctx->injected_idle_delay;
      return;
    }
  if (!read_settings (&settings) || !settings.screen_lock_detected)
    return;
  lock->detected = TRUE;
  lock->lock_enabled = settings.screen_lock_enabled;
  lock->idle_delay_seconds = (guint) MIN (settings.screen_lock_idle_seconds, G_MAXUINT);
}

void
otasuke_probe_backup (const OtasukeProbeContext *ctx,
                      OtasukeProbeBackup        *backup)
{
  OtasukeWin32Settings settings;

  if (!read_settings (&settings))
    return;
  if (settings.file_history)
    {
      backup->detected = TRUE;
      backup->tool = g_strdup ("File History");
      backup->last_backup = settings.file_history_last;
    }
  else if (settings.onedrive_backup)
    {
      backup->detected = TRUE;
      backup->tool = g_strdup ("OneDrive folder backup");
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-probe"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "otasuke-feed.h"
#include "otasuke-os-info.h"
#include "otasuke-probe-private.h"
#include "otasuke-subprocess.h"
#include "otasuke-version.h"

/* The Linux side of the probes (twin: win32/otasuke-probe-system-win32.c):
 * security software, firewall, automatic updates, disk encryption, office
 * macro security, screen lock and backups, as far as Linux lets us tell.
 * What is not found is reported as not found, never guessed. The OS and its
 * support are platform-neutral, in otasuke-probe-os.c. */

#define XCU_MAX (16 * 1024 * 1024)
#define SECONDS_PER_DAY (24 * 60 * 60)

static char *
first_existing (const char        *root,
                const char * const *relative)
{
  for (guint i = 0; relative[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (root, relative[i], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}

static gboolean
unit_enabled (const char *root,
              const char *unit)
{
  g_autofree char *link = g_build_filename (root, "etc", "systemd", "system",
                                            "multi-user.target.wants", unit, NULL);

  /* The link points at the host's unit file: its presence is the answer. */
  return otasuke_probe_path_exists (link);
}

void
otasuke_probe_security (const OtasukeProbeContext *ctx,
                        GPtrArray                 *products)
{
  static const char * const scanners[] = { "usr/bin/clamscan", "usr/bin/clamdscan", NULL };
  static const char * const updaters[] = { "usr/bin/freshclam", NULL };
  static const char * const signatures[] = { "daily.cld", "daily.cvd" };
  g_autofree char *scanner = first_existing (ctx->root, scanners);
  g_autofree char *updater = NULL;
  OtasukeProbeSecurityProduct *clamav;

  if (scanner == NULL)
    return;

  clamav = otasuke_probe_security_product_new ("ClamAV");
  clamav->path = g_steal_pointer (&scanner);
  /* No real-time scanning by default: the scanner being there is all "on" can mean. */
  clamav->enabled = OTASUKE_PROBE_YES;
  updater = first_existing (ctx->root, updaters);
  clamav->auto_update = updater != NULL && unit_enabled (ctx->root, "clamav-freshclam.service")
                        ? OTASUKE_PROBE_YES : OTASUKE_PROBE_NO;

  for (guint i = 0; i < G_N_ELEMENTS (signatures); i++)
    {
      g_autofree char *path = g_build_filename (ctx->root, "var", "lib", "clamav", signatures[i], NULL);
      GStatBuf st;

      if (g_stat (path, &st) == 0 && st.st_mtime > clamav->signatures_time)
        clamav->signatures_time = st.st_mtime;
    }

  if (clamav->signatures_time > 0)
    clamav->signatures_age_days =
      (int) (MAX (0, ctx->now - clamav->signatures_time) / SECONDS_PER_DAY);
  /* No definitions at all is as out of date as can be. */
  clamav->up_to_date = clamav->signatures_age_days >= 0 &&
                       clamav->signatures_age_days <= OTASUKE_PROBE_MAX_SIGNATURE_AGE_DAYS
                       ? OTASUKE_PROBE_YES : OTASUKE_PROBE_NO;
  g_ptr_array_add (products, clamav);
}

static gboolean
ufw_conf_enabled (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean enabled = FALSE;
  gsize len = 0;

  if (!otasuke_probe_read_file (path, OTASUKE_PROBE_SMALL_FILE_MAX, &contents, &len) ||
      memchr (contents, '\0', len) != NULL)
    return FALSE;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (!g_str_has_prefix (line, "ENABLED="))
        continue;
      line += strlen ("ENABLED=");
      /* The last assignment wins, as when the shell reads it. */
      enabled = g_ascii_strcasecmp (line, "yes") == 0 ||
                g_ascii_strcasecmp (line, "\"yes\"") == 0 ||
                g_ascii_strcasecmp (line, "'yes'") == 0;
    }
  return enabled;
}

void
otasuke_probe_firewall (const OtasukeProbeContext *ctx,
                        OtasukeProbeFirewall      *fw)
{
  static const char * const ufw[] = { "usr/sbin/ufw", "etc/ufw/ufw.conf", NULL };
  static const char * const firewalld[] = { "usr/sbin/firewalld", "etc/firewalld/firewalld.conf", NULL };
  g_autofree char *ufw_found = first_existing (ctx->root, ufw);
  g_autofree char *firewalld_found = first_existing (ctx->root, firewalld);
  g_autofree char *ufw_conf = g_build_filename (ctx->root, "etc", "ufw", "ufw.conf", NULL);
  gboolean ufw_on = ufw_found != NULL && ufw_conf_enabled (ufw_conf);
  gboolean firewalld_on = firewalld_found != NULL && unit_enabled (ctx->root, "firewalld.service");

  fw->installed = ufw_found != NULL || firewalld_found != NULL;
  fw->enabled = !fw->installed ? OTASUKE_PROBE_UNKNOWN
                : ufw_on || firewalld_on ? OTASUKE_PROBE_YES : OTASUKE_PROBE_NO;
  /* The one switched on, else the one there. */
  if (ufw_on || (ufw_found != NULL && !firewalld_on))
    fw->name = g_strdup ("ufw");
  else if (firewalld_found != NULL)
    fw->name = g_strdup ("firewalld");
}

/* apt.conf: `APT::Periodic::Unattended-Upgrade "1";`, the last file (in
 * name order) and the last line winning, as apt reads them. */
static void
apt_periodic_value (const char *path,
                    const char *key,
                    int        *value)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len = 0;

  if (!otasuke_probe_read_file (path, OTASUKE_PROBE_SMALL_FILE_MAX, &contents, &len) ||
      memchr (contents, '\0', len) != NULL)
    return;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);
      const char *quote;
      const char *end;
      g_autofree char *number = NULL;
      guint64 n;

      if (g_str_has_prefix (line, "//") || g_str_has_prefix (line, "#") ||
          g_ascii_strncasecmp (line, key, strlen (key)) != 0)
        continue;
      line += strlen (key);
      if (*line != ' ' && *line != '\t' && *line != '"')
        continue;
      if ((quote = strchr (line, '"')) == NULL || (end = strchr (quote + 1, '"')) == NULL)
        continue;
      number = g_strndup (quote + 1, end - quote - 1);
      if (g_ascii_string_to_unsigned (number, 10, 0, G_MAXINT, &n, NULL))
        *value = (int) n;
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

void
otasuke_probe_automatic_updates (const OtasukeProbeContext *ctx,
                                 OtasukeProbeAutoUpdates   *updates)
{
  static const char * const unattended[] = { "usr/bin/unattended-upgrade", "usr/bin/unattended-upgrades", NULL };
  static const char * const dnf[] = { "usr/bin/dnf-automatic", NULL };
  g_autofree char *unattended_found = first_existing (ctx->root, unattended);
  g_autofree char *dnf_found = first_existing (ctx->root, dnf);

  updates->enabled = OTASUKE_PROBE_UNKNOWN;

  if (unattended_found != NULL)
    {
      g_autofree char *dir = g_build_filename (ctx->root, "etc", "apt", "apt.conf.d", NULL);
      g_autofree char *main_conf = g_build_filename (ctx->root, "etc", "apt", "apt.conf", NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;
      int value = 0;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL && names->len < 256)
        g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

          apt_periodic_value (path, "APT::Periodic::Unattended-Upgrade", &value);
        }
      apt_periodic_value (main_conf, "APT::Periodic::Unattended-Upgrade", &value);

      updates->detected = TRUE;
      updates->mechanism = g_strdup ("unattended-upgrades");
      updates->enabled = value > 0 ? OTASUKE_PROBE_YES : OTASUKE_PROBE_NO;
    }
  else if (dnf_found != NULL)
    {
      g_autofree char *install = g_build_filename (ctx->root, "etc", "systemd", "system", "timers.target.wants",
                                                   "dnf-automatic-install.timer", NULL);
      g_autofree char *plain = g_build_filename (ctx->root, "etc", "systemd", "system", "timers.target.wants",
                                                 "dnf-automatic.timer", NULL);

      updates->detected = TRUE;
      updates->mechanism = g_strdup ("dnf-automatic");
      updates->enabled = otasuke_probe_path_exists (install) || otasuke_probe_path_exists (plain)
                         ? OTASUKE_PROBE_YES : OTASUKE_PROBE_NO;
    }
}

static gboolean
crypttab_has_entries (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len = 0;

  if (!otasuke_probe_read_file (path, OTASUKE_PROBE_SMALL_FILE_MAX, &contents, &len) ||
      memchr (contents, '\0', len) != NULL)
    return FALSE;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);

      if (*line != '\0' && *line != '#')
        return TRUE;
    }
  return FALSE;
}

/* An open LUKS volume is a device-mapper device whose uuid starts with CRYPT-. */
static gboolean
dm_crypt_active (const char *root)
{
  g_autofree char *block = g_build_filename (root, "sys", "block", NULL);
  g_autoptr(GDir) dir = g_dir_open (block, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *uuid = NULL;

      if (!g_str_has_prefix (name, "dm-"))
        continue;
      path = g_build_filename (block, name, "dm", "uuid", NULL);
      /* sysfs files have no size: read a little. */
      if (g_file_get_contents (path, &uuid, NULL, NULL) && g_str_has_prefix (uuid, "CRYPT-"))
        return TRUE;
    }
  return FALSE;
}

void
otasuke_probe_disk_encryption (const OtasukeProbeContext  *ctx,
                               OtasukeProbeDiskEncryption *encryption)
{
  g_autofree char *crypttab = g_build_filename (ctx->root, "etc", "crypttab", NULL);

  if (crypttab_has_entries (crypttab) || dm_crypt_active (ctx->root))
    {
      encryption->system_encrypted = OTASUKE_PROBE_YES;
      encryption->method = g_strdup ("LUKS");
    }
  else
    /* Without a crypttab entry or an open crypt device nothing here is LUKS-encrypted. */
    encryption->system_encrypted = OTASUKE_PROBE_NO;
}

void
otasuke_probe_backup (const OtasukeProbeContext *ctx,
                      OtasukeProbeBackup        *backup)
{
  static const char * const timeshift[] = { "etc/timeshift/timeshift.json", "etc/timeshift.json", NULL };
  g_autofree char *found = first_existing (ctx->root, timeshift);

  if (found != NULL)
    {
      backup->detected = TRUE;
      backup->tool = g_strdup ("Timeshift");
    }
}

/* LibreOffice's registrymodifications.xcu: flat <item oor:path="…"><prop oor:name="…"><value>. */
typedef struct {
  gboolean in_scripting;
  char *prop;
  gboolean in_value;
  GString *text;
  int level;               /* -1: not set */
  gboolean disabled;
} XcuState;

#define SCRIPTING_PATH "/org.openoffice.Office.Common/Security/Scripting"

static const char *
find_attribute (const char **names,
                const char **values,
                const char  *wanted)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], wanted))
      return values[i];
  return NULL;
}

static void
xcu_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  XcuState *state = user_data;

  if (g_str_equal (element, "item"))
    state->in_scripting = g_strcmp0 (find_attribute (names, values, "oor:path"), SCRIPTING_PATH) == 0;
  else if (g_str_equal (element, "prop") && state->in_scripting)
    {
      g_free (state->prop);
      state->prop = g_strdup (find_attribute (names, values, "oor:name"));
    }
  else if (g_str_equal (element, "value") && state->prop != NULL)
    {
      state->in_value = TRUE;
      g_string_truncate (state->text, 0);
    }
}

static void
xcu_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 len,
          gpointer              user_data,
          GError              **error)
{
  XcuState *state = user_data;

  if (state->in_value && state->text->len + len <= 64)
    g_string_append_len (state->text, text, len);
}

static void
xcu_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              user_data,
         GError              **error)
{
  XcuState *state = user_data;

  if (g_str_equal (element, "item"))
    state->in_scripting = FALSE;
  else if (g_str_equal (element, "prop"))
    g_clear_pointer (&state->prop, g_free);
  else if (g_str_equal (element, "value") && state->in_value)
    {
      const char *value = g_strstrip (state->text->str);
      guint64 level = 0;

      state->in_value = FALSE;
      if (g_strcmp0 (state->prop, "MacroSecurityLevel") == 0 &&
          g_ascii_string_to_unsigned (value, 10, 0, 3, &level, NULL))
        state->level = (int) level;
      else if (g_strcmp0 (state->prop, "DisableMacrosExecution") == 0)
        state->disabled = g_str_equal (value, "true");
    }
}

static gboolean
read_xcu (const char               *path,
          OtasukeProbeOfficeMacros *macros)
{
  static const GMarkupParser parser = { xcu_start, xcu_end, xcu_text, NULL, NULL };
  g_autofree char *contents = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  XcuState state = { 0 };
  gboolean ok;
  gsize len = 0;

  if (!otasuke_probe_read_file (path, XCU_MAX, &contents, &len))
    return FALSE;

  state.level = -1;
  state.text = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, 0, &state, NULL);
  ok = g_markup_parse_context_parse (context, contents, len, NULL) &&
       g_markup_parse_context_end_parse (context, NULL);
  g_string_free (state.text, TRUE);
  g_free (state.prop);

  if (!ok)
    return FALSE;

  macros->from_settings = state.level >= 0 || state.disabled;
  /* LibreOffice's levels in order are the policies'; absent from the
   * profile, its default: High. */
  if (state.disabled)
    macros->policy = OTASUKE_MACRO_POLICY_DISABLED;
  else if (state.level >= 0)
    macros->policy = (OtasukeMacroPolicy) state.level;
  else
    macros->policy = OTASUKE_MACRO_POLICY_SIGNED;
  return TRUE;
}

void
otasuke_probe_office_macros (const OtasukeProbeContext *ctx,
                             OtasukeProbeOfficeMacros  *macros)
{
  static const char * const programs[] = {
    "usr/lib/libreoffice/program/soffice",
    "usr/lib64/libreoffice/program/soffice",
    "var/lib/flatpak/app/org.libreoffice.LibreOffice/current/active/files/libreoffice/program/soffice",
    "snap/libreoffice/current/lib/libreoffice/program/soffice",
    NULL
  };
  g_autofree char *program = first_existing (ctx->root, programs);
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_free);

  macros->detected = program != NULL;
  macros->policy = macros->detected ? OTASUKE_MACRO_POLICY_SIGNED : OTASUKE_MACRO_POLICY_UNKNOWN;

  if (ctx->user_config_dir != NULL)
    g_ptr_array_add (profiles, g_build_filename (ctx->user_config_dir, "libreoffice", "4", "user",
                                                 "registrymodifications.xcu", NULL));
  if (ctx->home_dir != NULL)
    g_ptr_array_add (profiles, g_build_filename (ctx->home_dir, ".var", "app",
                                                 "org.libreoffice.LibreOffice", "config",
                                                 "libreoffice", "4", "user",
                                                 "registrymodifications.xcu", NULL));

  for (guint i = 0; i < profiles->len; i++)
    {
      const char *path = g_ptr_array_index (profiles, i);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;

      /* A profile means LibreOffice ran here, wherever it was installed from. */
      macros->detected = TRUE;
      macros->profile = g_strdup (path);
      if (!read_xcu (path, macros))
        macros->policy = OTASUKE_MACRO_POLICY_UNKNOWN;
      break;
    }

  if (macros->detected)
    macros->product = g_strdup ("LibreOffice");
}

static gboolean
lookup_key (GSettingsSchemaSource  *source,
            const char             *schema_id,
            const char             *key,
            const char             *type,
            GSettings             **settings)
{
  g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (source, schema_id, TRUE);
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;

  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return FALSE;
  schema_key = g_settings_schema_get_key (schema, key);
  if (!g_variant_type_equal (g_settings_schema_key_get_value_type (schema_key), G_VARIANT_TYPE (type)))
    return FALSE;

  *settings = g_settings_new_full (schema, NULL, NULL);
  return TRUE;
}

void
otasuke_probe_screen_lock (const OtasukeProbeContext *ctx,
                           OtasukeProbeScreenLock    *lock)
{
  GSettingsSchemaSource *source;
  g_autoptr(GSettings) screensaver = NULL;
  g_autoptr(GSettings) session = NULL;

  if (ctx->inject_screen_lock)
    {
      lock->detected = TRUE;
      lock->lock_enabled = ctx->injected_lock_enabled;
      lock->idle_delay_seconds = ctx->injected_idle_delay;
      return;
    }

  /* The settings are this user's, on this machine: nothing to say about a fake root. */
  if (!ctx->root_is_host)
    return;

  source = g_settings_schema_source_get_default ();
  if (source == NULL ||
      !lookup_key (source, "org.gnome.desktop.screensaver", "lock-enabled", "b", &screensaver) ||
      !lookup_key (source, "org.gnome.desktop.session", "idle-delay", "u", &session))
    return;

  lock->detected = TRUE;
  lock->lock_enabled = g_settings_get_boolean (screensaver, "lock-enabled");
  lock->idle_delay_seconds = g_settings_get_uint (session, "idle-delay");
}

/* The helpers of the Linux probes (otasuke-probe-private.h). */
gboolean
otasuke_probe_read_file (const char  *path,
                         gsize        max,
                         char       **contents,
                         gsize       *len)
{
  g_autofree char *buf = NULL;
  struct stat st;
  gsize total = 0;
  int fd;

  /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    return FALSE;

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size < 0 || (guint64) st.st_size > max)
    {
      close (fd);
      return FALSE;
    }

  /* The file may grow while we read: never take more than @max. */
  buf = g_malloc ((gsize) st.st_size + 2);
  while (total < (gsize) st.st_size + 1)
    {
      gssize n = read (fd, buf + total, (gsize) st.st_size + 1 - total);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          close (fd);
          return FALSE;
        }
      if (n == 0)
        break;
      total += n;
    }
  close (fd);

  if (total > max)
    return FALSE;

  buf[total] = '\0';
  *contents = g_steal_pointer (&buf);
  if (len != NULL)
    *len = total;
  return TRUE;
}

gboolean
otasuke_probe_path_exists (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0;
}

char *
otasuke_probe_program_version (const OtasukeProbeContext *ctx,
                               const char                *path,
                               GCancellable              *cancellable)
{
  const char * const argv[] = { path, "--version", NULL };
  g_autoptr(OtasukeSubprocessResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = otasuke_subprocess_run (argv, ctx->timeout_ms, OTASUKE_PROBE_MAX_OUTPUT,
                                   cancellable, &error);
  if (result == NULL)
    {
      g_debug ("%s --version: %s", path, error->message);
      return NULL;
    }
  /* Something that prints more than a version line is not answering the question. */
  if (result->truncated || !result->exited || result->exit_status != 0)
    {
      g_debug ("%s --version: no usable answer", path);
      return NULL;
    }

  return otasuke_probe_parse_version_output (result->output, result->output_len);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-probe"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "otasuke-feed.h"
#include "otasuke-json.h"
#include "otasuke-paths.h"
#include "otasuke-probe-private.h"
#include "otasuke-version.h"

/* Only so much of a program's output is searched for its version. */
#define VERSION_SEARCH_MAX 4096

static OtasukeProbeContext *
context_new (const OtasukeProbeOptions *options)
{
  OtasukeProbeContext *ctx = g_new0 (OtasukeProbeContext, 1);
  const char *root = options != NULL && options->root != NULL ? options->root : "/";

  ctx->root = g_strdup (root);
  ctx->root_is_host = g_strcmp0 (root, "/") == 0;
  ctx->os_checks = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_feed_check_free);
  ctx->timeout_ms = OTASUKE_PROBE_DEFAULT_TIMEOUT_MS;

  if (options != NULL)
    {
      ctx->home_dir = g_strdup (options->home_dir);
      ctx->user_config_dir = g_strdup (options->user_config_dir);
      ctx->user_data_dir = g_strdup (options->user_data_dir);
      if (options->program_timeout_ms > 0)
        ctx->timeout_ms = options->program_timeout_ms;
      ctx->rpm_program = g_strdup (options->rpm_program);
      ctx->now = options->now;
      ctx->inject_screen_lock = options->inject_screen_lock;
      ctx->injected_lock_enabled = options->injected_lock_enabled;
      ctx->injected_idle_delay = options->injected_idle_delay;

      for (guint i = 0; options->os_checks != NULL && i < options->os_checks->len; i++)
        {
          const OtasukeFeedCheck *check = g_ptr_array_index (options->os_checks, i);

          if (check == NULL || check->type != OTASUKE_CHECK_OS_END_OF_SUPPORT)
            continue;
          g_ptr_array_add (ctx->os_checks, otasuke_feed_check_copy (check));
        }
    }

  if (ctx->root_is_host)
    {
      if (ctx->home_dir == NULL)
        ctx->home_dir = g_strdup (g_get_home_dir ());
      if (ctx->user_config_dir == NULL)
        ctx->user_config_dir = g_strdup (g_get_user_config_dir ());
      if (ctx->user_data_dir == NULL)
        ctx->user_data_dir = g_strdup (g_get_user_data_dir ());
      if (ctx->rpm_program == NULL)
        ctx->rpm_program = g_find_program_in_path ("rpm");
    }

  if (ctx->now <= 0)
    ctx->now = g_get_real_time () / G_USEC_PER_SEC;

  return ctx;
}

static void
context_free (OtasukeProbeContext *ctx)
{
  g_free (ctx->root);
  g_free (ctx->home_dir);
  g_free (ctx->user_config_dir);
  g_free (ctx->user_data_dir);
  g_free (ctx->rpm_program);
  g_ptr_array_unref (ctx->os_checks);
  g_free (ctx);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeProbeContext, context_free)

static int
compare_browsers (gconstpointer a,
                  gconstpointer b)
{
  const OtasukeProbeBrowser *ba = *(OtasukeProbeBrowser * const *) a;
  const OtasukeProbeBrowser *bb = *(OtasukeProbeBrowser * const *) b;
  int c = strcmp (ba->id, bb->id);

  if (c != 0)
    return c;
  if (ba->source != bb->source)
    return ba->source < bb->source ? -1 : 1;
  return g_strcmp0 (ba->channel, bb->channel);
}

static OtasukeProbeReport *
run_with_context (const OtasukeProbeContext  *ctx,
                  GCancellable               *cancellable,
                  GError                    **error)
{
  g_autoptr(OtasukeProbeReport) report = otasuke_probe_report_new ();

  otasuke_probe_browsers (ctx, report->browsers, cancellable);
  g_ptr_array_sort (report->browsers, compare_browsers);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  otasuke_probe_os (ctx, &report->os);
  otasuke_probe_security (ctx, report->security_products);
  otasuke_probe_firewall (ctx, &report->firewall);
  otasuke_probe_automatic_updates (ctx, &report->automatic_updates);
  otasuke_probe_disk_encryption (ctx, &report->disk_encryption);
  otasuke_probe_screen_lock (ctx, &report->screen_lock);
  otasuke_probe_office_macros (ctx, &report->office_macros);
  otasuke_probe_backup (ctx, &report->backup);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&report);
}

OtasukeProbeReport *
otasuke_probe_run (const OtasukeProbeOptions  *options,
                   GCancellable               *cancellable,
                   GError                    **error)
{
  g_autoptr(OtasukeProbeContext) ctx = NULL;

  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ctx = context_new (options);
  return run_with_context (ctx, cancellable, error);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  const OtasukeProbeContext *ctx = task_data;
  GError *error = NULL;
  OtasukeProbeReport *report = run_with_context (ctx, cancellable, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) otasuke_probe_report_free);
}

void
otasuke_probe_run_async (const OtasukeProbeOptions *options,
                         GCancellable              *cancellable,
                         GAsyncReadyCallback        callback,
                         gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, otasuke_probe_run_async);
  g_task_set_task_data (task, context_new (options), (GDestroyNotify) context_free);
  g_task_run_in_thread (task, run_thread);
}

OtasukeProbeReport *
otasuke_probe_run_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == otasuke_probe_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
otasuke_probe_browser_free (OtasukeProbeBrowser *browser)
{
  if (browser == NULL)
    return;
  g_free (browser->id);
  g_free (browser->name);
  g_free (browser->version);
  g_free (browser->channel);
  g_free (browser->path);
  g_free (browser);
}

OtasukeProbeReport *
otasuke_probe_report_new (void)
{
  OtasukeProbeReport *report = g_new0 (OtasukeProbeReport, 1);

  report->browsers = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_probe_browser_free);
  report->security_products = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_probe_security_product_free);
  report->os.supported = OTASUKE_PROBE_UNKNOWN;
  report->firewall.enabled = OTASUKE_PROBE_UNKNOWN;
  report->automatic_updates.enabled = OTASUKE_PROBE_UNKNOWN;
  report->disk_encryption.system_encrypted = OTASUKE_PROBE_UNKNOWN;
  report->office_macros.policy = OTASUKE_MACRO_POLICY_UNKNOWN;
  return report;
}

OtasukeProbeSecurityProduct *
otasuke_probe_security_product_new (const char *name)
{
  OtasukeProbeSecurityProduct *product = g_new0 (OtasukeProbeSecurityProduct, 1);

  product->name = g_strdup (name);
  product->enabled = OTASUKE_PROBE_UNKNOWN;
  product->up_to_date = OTASUKE_PROBE_UNKNOWN;
  product->auto_update = OTASUKE_PROBE_UNKNOWN;
  product->signatures_age_days = -1;
  return product;
}

void
otasuke_probe_security_product_free (OtasukeProbeSecurityProduct *product)
{
  if (product == NULL)
    return;
  g_free (product->name);
  g_free (product->path);
  g_free (product);
}

const OtasukeProbeSecurityProduct *
otasuke_probe_report_best_security_product (const OtasukeProbeReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  if (report->security_products == NULL || report->security_products->len == 0)
    return NULL;
  for (guint i = 0; i < report->security_products->len; i++)
    {
      const OtasukeProbeSecurityProduct *p = g_ptr_array_index (report->security_products, i);

      if (p->enabled == OTASUKE_PROBE_YES && p->up_to_date == OTASUKE_PROBE_YES)
        return p;
    }
  return g_ptr_array_index (report->security_products, 0);
}

char *
otasuke_probe_report_security_names (const OtasukeProbeReport *report)
{
  g_autoptr(GString) names = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  for (guint i = 0; report->security_products != NULL && i < report->security_products->len; i++)
    {
      const OtasukeProbeSecurityProduct *p = g_ptr_array_index (report->security_products, i);

      if (p->name == NULL || *p->name == '\0')
        continue;
      if (names->len > 0)
        /* Translators: between the names of security products, "ClamAV, ESET" */
        g_string_append (names, _(", "));
      g_string_append (names, p->name);
    }
  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

void
otasuke_probe_report_free (OtasukeProbeReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->browsers, g_ptr_array_unref);
  g_free (report->os.name);
  g_free (report->os.version);
  g_free (report->os.id);
  g_free (report->os.version_id);
  g_free (report->os.architecture);
  g_free (report->os.kernel);
  g_free (report->os.end_of_support);
  g_clear_pointer (&report->security_products, g_ptr_array_unref);
  g_free (report->firewall.name);
  g_free (report->automatic_updates.mechanism);
  g_free (report->disk_encryption.method);
  g_free (report->office_macros.product);
  g_free (report->office_macros.profile);
  g_free (report->backup.tool);
  g_free (report);
}

const char *
otasuke_probe_source_to_string (OtasukeProbeSource source)
{
  switch (source)
    {
    case OTASUKE_PROBE_SOURCE_DEB:
      return "deb";
    case OTASUKE_PROBE_SOURCE_RPM:
      return "rpm";
    case OTASUKE_PROBE_SOURCE_FLATPAK:
      return "flatpak";
    case OTASUKE_PROBE_SOURCE_SNAP:
      return "snap";
    case OTASUKE_PROBE_SOURCE_OTHER:
      return "other";
    default:
      g_return_val_if_reached ("other");
    }
}

const char *
otasuke_probe_macro_policy_to_string (OtasukeMacroPolicy policy)
{
  switch (policy)
    {
    case OTASUKE_MACRO_POLICY_RUN_ALL:
      /* Translators: LibreOffice's macro security level */
      return C_("macro security", "Low");
    case OTASUKE_MACRO_POLICY_ASK:
      /* Translators: LibreOffice's macro security level */
      return C_("macro security", "Medium");
    case OTASUKE_MACRO_POLICY_SIGNED:
      /* Translators: LibreOffice's macro security level */
      return C_("macro security", "High");
    case OTASUKE_MACRO_POLICY_TRUSTED_ONLY:
      /* Translators: LibreOffice's macro security level */
      return C_("macro security", "Very high");
    case OTASUKE_MACRO_POLICY_DISABLED:
    case OTASUKE_MACRO_POLICY_UNKNOWN:
    default:
      return NULL;
    }
}

const char *
otasuke_probe_macro_policy_to_id (OtasukeMacroPolicy policy)
{
  switch (policy)
    {
    case OTASUKE_MACRO_POLICY_RUN_ALL:
      return "run_all";
    case OTASUKE_MACRO_POLICY_ASK:
      return "ask";
    case OTASUKE_MACRO_POLICY_SIGNED:
      return "signed";
    case OTASUKE_MACRO_POLICY_TRUSTED_ONLY:
      return "trusted_only";
    case OTASUKE_MACRO_POLICY_DISABLED:
      return "disabled";
    case OTASUKE_MACRO_POLICY_UNKNOWN:
    default:
      return NULL;
    }
}

/* Helpers */

char *
otasuke_probe_parse_version_output (const char *text,
                                    gsize       len)
{
  if (text == NULL)
    return NULL;
  len = MIN (len, VERSION_SEARCH_MAX);

  for (gsize i = 0; i < len; i++)
    {
      gsize end, trimmed, suffix_end;
      g_autofree char *numeric = NULL;

      if (!g_ascii_isdigit (text[i]) ||
          (i > 0 && (g_ascii_isalnum (text[i - 1]) || text[i - 1] == '.')))
        continue;

      for (end = i; end < len && (g_ascii_isdigit (text[end]) || text[end] == '.'); end++)
        ;
      for (trimmed = end; trimmed > i && text[trimmed - 1] == '.'; trimmed--)
        ;

      if (memchr (text + i, '.', trimmed - i) != NULL)
        {
          /* "115.9.0esr", "125.0b3": a suffix right after the numbers. */
          for (suffix_end = end; trimmed == end && suffix_end < len && g_ascii_isalnum (text[suffix_end]); suffix_end++)
            ;
          if (suffix_end > end)
            {
              g_autofree char *full = g_strndup (text + i, suffix_end - i);

              if (otasuke_version_is_valid (full))
                return g_steal_pointer (&full);
            }

          numeric = g_strndup (text + i, trimmed - i);
          if (otasuke_version_is_valid (numeric))
            return g_steal_pointer (&numeric);
        }

      i = end;
    }

  return NULL;
}

char *
otasuke_probe_package_version (const char *package_version)
{
  g_autofree char *copy = NULL;
  const char *start;
  const char *colon;
  char *p;

  if (package_version == NULL || strlen (package_version) > 128)
    return NULL;

  start = package_version;
  colon = strchr (start, ':');
  if (colon != NULL)
    {
      for (const char *q = start; q < colon; q++)
        if (!g_ascii_isdigit (*q))
          return NULL;
      start = colon + 1;
    }

  copy = g_strdup (start);
  if ((p = strrchr (copy, '-')) != NULL)
    *p = '\0';
  if ((p = strpbrk (copy, "~+")) != NULL)
    *p = '\0';

  return otasuke_version_is_valid (copy) ? g_steal_pointer (&copy) : NULL;
}

/* JSON */

static void
add_answer (json_t             *object,
            const char         *name,
            OtasukeProbeAnswer  value)
{
  if (value == OTASUKE_PROBE_UNKNOWN)
    otasuke_json_set_null (object, name);
  else
    otasuke_json_set_bool (object, name, value == OTASUKE_PROBE_YES);
}

static void
add_int_or_null (json_t     *object,
                 const char *name,
                 gint64      value,
                 gboolean    known)
{
  if (known)
    otasuke_json_set_int (object, name, value);
  else
    otasuke_json_set_null (object, name);
}

static void
add_time (json_t     *object,
          const char *name,
          gint64      unix_time)
{
  g_autofree char *date = NULL;

  if (unix_time > 0)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

      if (dt != NULL)
        date = g_date_time_format_iso8601 (dt);
    }
  otasuke_json_set_string (object, name, date);
}

static void
add_browsers (json_t    *object,
              GPtrArray *browsers)
{
  json_t *array = otasuke_json_set (object, "browsers", json_array ());

  for (guint i = 0; browsers != NULL && i < browsers->len; i++)
    {
      const OtasukeProbeBrowser *b = g_ptr_array_index (browsers, i);
      json_t *entry = json_object ();

      json_array_append_new (array, entry);
      otasuke_json_set_string (entry, "id", b->id);
      otasuke_json_set_string (entry, "name", b->name);
      otasuke_json_set_string (entry, "version", b->version);
      otasuke_json_set_string (entry, "channel", b->channel);
      otasuke_json_set_string (entry, "source", otasuke_probe_source_to_string (b->source));
      otasuke_json_set_string (entry, "path", b->path);
    }
}

static void
add_os (json_t               *object,
        const OtasukeProbeOs *os)
{
  json_t *entry = otasuke_json_set (object, "os", json_object ());

  otasuke_json_set_string (entry, "name", os->name);
  otasuke_json_set_string (entry, "version", os->version);
  otasuke_json_set_string (entry, "id", os->id);
  otasuke_json_set_string (entry, "version_id", os->version_id);
  otasuke_json_set_string (entry, "architecture", os->architecture);
  otasuke_json_set_string (entry, "kernel", os->kernel);
  add_answer (entry, "supported", os->supported);
  otasuke_json_set_string (entry, "end_of_support", os->end_of_support);
}

static void
add_security (json_t    *object,
              GPtrArray *products)
{
  json_t *array = otasuke_json_set (object, "security_products", json_array ());

  for (guint i = 0; products != NULL && i < products->len; i++)
    {
      const OtasukeProbeSecurityProduct *p = g_ptr_array_index (products, i);
      json_t *entry = json_object ();

      json_array_append_new (array, entry);
      otasuke_json_set_string (entry, "name", p->name);
      otasuke_json_set_string (entry, "path", p->path);
      add_answer (entry, "enabled", p->enabled);
      add_answer (entry, "up_to_date", p->up_to_date);
      add_answer (entry, "auto_update", p->auto_update);
      add_time (entry, "signatures_updated", p->signatures_time);
      add_int_or_null (entry, "signatures_age_days", p->signatures_age_days, p->signatures_age_days >= 0);
    }
}

static void
add_firewall (json_t                     *object,
              const OtasukeProbeFirewall *fw)
{
  json_t *entry = otasuke_json_set (object, "firewall", json_object ());

  otasuke_json_set_bool (entry, "installed", fw->installed);
  otasuke_json_set_string (entry, "name", fw->name);
  add_answer (entry, "enabled", fw->enabled);
}

static void
add_automatic_updates (json_t                        *object,
                       const OtasukeProbeAutoUpdates *updates)
{
  json_t *entry = otasuke_json_set (object, "automatic_updates", json_object ());

  otasuke_json_set_bool (entry, "detected", updates->detected);
  otasuke_json_set_string (entry, "mechanism", updates->mechanism);
  add_answer (entry, "enabled", updates->enabled);
}

static void
add_disk_encryption (json_t                           *object,
                     const OtasukeProbeDiskEncryption *encryption)
{
  json_t *entry = otasuke_json_set (object, "disk_encryption", json_object ());

  add_answer (entry, "system_encrypted", encryption->system_encrypted);
  otasuke_json_set_string (entry, "method", encryption->method);
}

static void
add_office_macros (json_t                         *object,
                   const OtasukeProbeOfficeMacros *macros)
{
  json_t *entry = otasuke_json_set (object, "office_macros", json_object ());

  otasuke_json_set_bool (entry, "detected", macros->detected);
  otasuke_json_set_string (entry, "product", macros->product);
  otasuke_json_set_string (entry, "profile", macros->profile);
  otasuke_json_set_string (entry, "policy", otasuke_probe_macro_policy_to_id (macros->policy));
  otasuke_json_set_bool (entry, "from_settings", macros->from_settings);
  /* Signed-only and stricter: a document from a stranger cannot run code. */
  add_answer (entry, "safe",
              macros->policy == OTASUKE_MACRO_POLICY_UNKNOWN ? OTASUKE_PROBE_UNKNOWN
              : macros->policy >= OTASUKE_MACRO_POLICY_SIGNED ? OTASUKE_PROBE_YES : OTASUKE_PROBE_NO);
}

static void
add_screen_lock (json_t                       *object,
                 const OtasukeProbeScreenLock *lock)
{
  json_t *entry = otasuke_json_set (object, "screen_lock", json_object ());

  otasuke_json_set_bool (entry, "detected", lock->detected);
  add_answer (entry, "lock_enabled",
              !lock->detected ? OTASUKE_PROBE_UNKNOWN
              : lock->lock_enabled ? OTASUKE_PROBE_YES : OTASUKE_PROBE_NO);
  add_int_or_null (entry, "idle_delay_seconds", lock->idle_delay_seconds, lock->detected);
}

static void
add_backup (json_t                   *object,
            const OtasukeProbeBackup *backup)
{
  json_t *entry = otasuke_json_set (object, "backup", json_object ());

  otasuke_json_set_bool (entry, "detected", backup->detected);
  otasuke_json_set_string (entry, "tool", backup->tool);
  add_time (entry, "last_backup", backup->last_backup);
}

char *
otasuke_probe_report_to_json (const OtasukeProbeReport *report)
{
  g_autoptr(json_t) root = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  root = json_object ();
  add_browsers (root, report->browsers);
  add_os (root, &report->os);
  add_security (root, report->security_products);
  add_firewall (root, &report->firewall);
  add_automatic_updates (root, &report->automatic_updates);
  add_disk_encryption (root, &report->disk_encryption);
  add_screen_lock (root, &report->screen_lock);
  add_office_macros (root, &report->office_macros);
  add_backup (root, &report->backup);

  return otasuke_json_to_string (root, TRUE);
}

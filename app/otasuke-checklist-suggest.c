/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-checklist"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "otasuke-checklist.h"
#include "otasuke-os-info.h"
#include "otasuke-version.h"

/* Suggested answers from what the probes, the feed and the router lookup
 * found. Each says why in plain words; where nothing was found it says so
 * and suggests nothing, rather than guessing. */

/* Virus definitions older than this are not "current". */
#define MAX_SIGNATURE_AGE_DAYS OTASUKE_PROBE_MAX_SIGNATURE_AGE_DAYS
/* A screen that waits longer than this before locking only partly protects. */
#define MAX_LOCK_DELAY_SECONDS (15 * 60)

void
otasuke_suggestion_free (OtasukeSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;

  g_free (suggestion->reason);
  g_free (suggestion->advisory_id);
  g_free (suggestion);
}

static void
add_reason (GString    *reasons,
            const char *sentence)
{
  if (reasons->len > 0)
    g_string_append_c (reasons, ' ');
  g_string_append (reasons, sentence);
}

/* "30 June 2028" in the user's language, from YYYY-MM-DD; NULL if unreadable. */
static char *
format_date (const char *iso_date)
{
  g_autoptr(GDateTime) date = NULL;
  guint64 y, m, d;
  g_auto(GStrv) parts = NULL;

  if (iso_date == NULL)
    return NULL;
  parts = g_strsplit (iso_date, "-", 4);
  if (g_strv_length (parts) != 3 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1970, 9999, &y, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &m, NULL) ||
      !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &d, NULL))
    return NULL;

  date = g_date_time_new_utc ((int) y, (int) m, (int) d, 0, 0, 0);
  if (date == NULL)
    return NULL;

  /* Translators: a date, strftime format; use your language's usual order */
  return g_date_time_format (date, C_("date", "%-d %B %Y"));
}

/* Browsers */

typedef struct {
  const char            *min;
  const OtasukeFeedItem *item;  /* NULL for a bare check */
} Minimum;

static void
consider_minimum (Minimum                *best,
                  const OtasukeFeedCheck *check,
                  const OtasukeFeedItem  *item,
                  const char             *product,
                  gboolean                esr)
{
  int cmp = -1;

  if (check->type != OTASUKE_CHECK_BROWSER_MIN_VERSION ||
      g_strcmp0 (check->product, product) != 0 || check->min == NULL)
    return;
  /* An ESR release is measured against the ESR line only. */
  if (otasuke_version_is_esr (check->min) != esr)
    return;

  if (best->min == NULL ||
      (otasuke_version_compare (check->min, best->min, &cmp, NULL) && cmp > 0) ||
      (cmp == 0 && item != NULL && best->item != NULL && item->severity > best->item->severity))
    {
      best->min = check->min;
      best->item = item;
    }
}

/* The highest minimum version the feed asks of @product. */
static Minimum
find_minimum (const OtasukeEvidence *evidence,
              const char            *product,
              gboolean               esr)
{
  Minimum best = { NULL, NULL };

  for (guint i = 0; evidence->feed_items != NULL && i < evidence->feed_items->len; i++)
    {
      const OtasukeFeedItem *item = g_ptr_array_index (evidence->feed_items, i);

      for (guint j = 0; item->checks != NULL && j < item->checks->len; j++)
        consider_minimum (&best, g_ptr_array_index (item->checks, j), item, product, esr);
    }
  for (guint i = 0; evidence->feed_checks != NULL && i < evidence->feed_checks->len; i++)
    consider_minimum (&best, g_ptr_array_index (evidence->feed_checks, i), NULL, product, esr);

  return best;
}

static void
suggest_browsers (OtasukeSuggestion     *s,
                  const OtasukeEvidence *evidence,
                  GString               *reasons)
{
  const OtasukeProbeReport *probe = evidence->probe;
  guint n_current = 0;
  guint n_old = 0;

  if (probe->browsers == NULL || probe->browsers->len == 0)
    {
      add_reason (reasons, _("No web browser was found on this computer."));
      return;
    }

  s->detected = TRUE;
  for (guint i = 0; i < probe->browsers->len; i++)
    {
      const OtasukeProbeBrowser *b = g_ptr_array_index (probe->browsers, i);
      g_autofree char *sentence = NULL;
      Minimum min;
      int cmp;

      if (b->version == NULL)
        {
          /* Translators: %s is a browser name such as "Google Chrome" */
          sentence = g_strdup_printf (_("%s is installed, but its version could not be read."), b->name);
          add_reason (reasons, sentence);
          continue;
        }

      min = find_minimum (evidence, b->id, otasuke_version_is_esr (b->version));
      if (min.min == NULL || !otasuke_version_compare (b->version, min.min, &cmp, NULL))
        {
          /* Translators: "Firefox 128.0 is installed; no advisory gives a safe minimum version for it." */
          sentence = g_strdup_printf (_("%s %s is installed; no advisory gives a safe minimum version for it."),
                                      b->name, b->version);
          add_reason (reasons, sentence);
          continue;
        }

      if (cmp < 0)
        {
          n_old++;
          /* Translators: "Google Chrome 127.0.6533.72 is older than 128.0.6613.85, the safe minimum." */
          sentence = g_strdup_printf (_("%s %s is older than %s, the safe minimum."),
                                      b->name, b->version, min.min);
          if (min.item != NULL && s->advisory_id == NULL)
            s->advisory_id = g_strdup (min.item->id);
          if (min.item != NULL && min.item->severity == OTASUKE_SEVERITY_CRITICAL)
            {
              s->critical = TRUE;
              g_free (s->advisory_id);
              s->advisory_id = g_strdup (min.item->id);
            }
        }
      else
        {
          n_current++;
          /* Translators: "Google Chrome 128.0.6613.120 is up to date (128.0.6613.85 or later)." */
          sentence = g_strdup_printf (_("%s %s is up to date (%s or later)."), b->name, b->version, min.min);
        }
      add_reason (reasons, sentence);
    }

  /* One outdated browser is an open door, whatever the others are. */
  if (n_old > 0)
    s->answer = OTASUKE_ANSWER_NOT_DONE;
  else if (n_current > 0)
    s->answer = OTASUKE_ANSWER_DONE;
}

/* The operating system */

/* Whether @word appears in @text as a word of its own ("10" in "Windows 10 Pro"). */
static gboolean
has_word (const char *text,
          const char *word)
{
  gsize len = strlen (word);

  for (const char *p = strstr (text, word); p != NULL; p = strstr (p + 1, word))
    if ((p == text || p[-1] == ' ') && (p[len] == '\0' || p[len] == ' '))
      return TRUE;
  return FALSE;
}

static char *
os_display_name (const OtasukeProbeOs *os)
{
  const char *name = os->name != NULL ? os->name : os->id;
  const char *version = os->version_id != NULL ? os->version_id : os->version;

  if (name == NULL)
    return g_strdup (_("This computer’s system"));
  /* Windows names carry their version: "Windows 11 Pro", not "Windows 11 Pro 11". */
  if (version == NULL || has_word (name, version))
    return g_strdup (name);
  return g_strdup_printf ("%s %s", name, version);
}

/* A critical feed item declaring the end of support of this system. */
static const OtasukeFeedItem *
find_os_advisory (const OtasukeEvidence *evidence,
                  const OtasukeProbeOs  *os)
{
  for (guint i = 0; evidence->feed_items != NULL && i < evidence->feed_items->len; i++)
    {
      const OtasukeFeedItem *item = g_ptr_array_index (evidence->feed_items, i);

      for (guint j = 0; item->checks != NULL && j < item->checks->len; j++)
        {
          const OtasukeFeedCheck *check = g_ptr_array_index (item->checks, j);

          if (check->type == OTASUKE_CHECK_OS_END_OF_SUPPORT &&
              g_strcmp0 (check->os, os->id) == 0 &&
              g_strcmp0 (check->version, os->version_id) == 0)
            return item;
        }
    }
  return NULL;
}

static void
suggest_os (OtasukeSuggestion     *s,
            const OtasukeEvidence *evidence,
            GString               *reasons)
{
  const OtasukeProbeOs *os = &evidence->probe->os;
  g_autofree char *name = os_display_name (os);
  g_autofree char *date = format_date (os->end_of_support);
  g_autofree char *sentence = NULL;
  const OtasukeFeedItem *advisory;

  s->detected = os->name != NULL || os->id != NULL;
  switch (os->supported)
    {
    case OTASUKE_PROBE_YES:
      s->answer = OTASUKE_ANSWER_DONE;
      if (date != NULL)
        /* Translators: "Debian GNU/Linux 12 gets security updates until 30 June 2028." */
        sentence = g_strdup_printf (_("%s gets security updates until %s."), name, date);
      else
        sentence = g_strdup_printf (_("%s still gets security updates."), name);
      add_reason (reasons, sentence);
      if (evidence->probe->automatic_updates.detected &&
          evidence->probe->automatic_updates.enabled == OTASUKE_PROBE_NO)
        {
          g_autofree char *off = NULL;

          /* Supported, but the fixes wait for someone to install them. */
          s->answer = OTASUKE_ANSWER_PARTLY;
          /* Translators: %s is how updates install by themselves: "unattended-upgrades", "Windows Update" */
          off = g_strdup_printf (_("Security updates are not installed automatically: %s is switched off."),
                                 evidence->probe->automatic_updates.mechanism);
          add_reason (reasons, off);
        }
      else if (evidence->probe->automatic_updates.enabled == OTASUKE_PROBE_YES)
        add_reason (reasons, _("Security updates are installed automatically on this computer. Check your other computers and phones too."));
      else
        add_reason (reasons, _("Check that updates are installed automatically on every computer and phone."));
      break;

    case OTASUKE_PROBE_NO:
      s->answer = OTASUKE_ANSWER_NOT_DONE;
      if (date != NULL)
        /* Translators: "Windows 10 stopped getting security updates on 14 October 2025." */
        sentence = g_strdup_printf (_("%s stopped getting security updates on %s."), name, date);
      else
        sentence = g_strdup_printf (_("%s no longer gets security updates."), name);
      add_reason (reasons, sentence);
      if (otasuke_os_info_support_note (os->id, os->version_id) != NULL)
        add_reason (reasons, otasuke_os_info_support_note (os->id, os->version_id));
      advisory = find_os_advisory (evidence, os);
      if (advisory != NULL)
        {
          s->advisory_id = g_strdup (advisory->id);
          s->critical = advisory->severity == OTASUKE_SEVERITY_CRITICAL;
        }
      break;

    case OTASUKE_PROBE_UNKNOWN:
    default:
      sentence = g_strdup_printf (_("Otasuke does not know until when %s gets security updates."), name);
      add_reason (reasons, sentence);
      break;
    }
}

/* Security software, firewall, macros, screen lock */

static void
suggest_antivirus (OtasukeSuggestion     *s,
                   const OtasukeEvidence *evidence,
                   GString               *reasons)
{
  const OtasukeProbeSecurityProduct *product = otasuke_probe_report_best_security_product (evidence->probe);
  g_autofree char *sentence = NULL;
  int age;

  if (product == NULL)
    {
      add_reason (reasons, _("No security software was detected. Otasuke does not know every product, so answer this yourself."));
      return;
    }

  s->detected = TRUE;
  age = product->signatures_age_days;
  if (product->enabled == OTASUKE_PROBE_NO)
    {
      s->answer = OTASUKE_ANSWER_NOT_DONE;
      /* Translators: %s is a security product, "ClamAV", "ESET Security" */
      sentence = g_strdup_printf (_("%s is installed but switched off."), product->name);
    }
  else if (product->up_to_date == OTASUKE_PROBE_NO && product->signatures_time == 0 && age < 0)
    {
      s->answer = OTASUKE_ANSWER_NOT_DONE;
      sentence = g_strdup_printf (_("%s is installed, but it has no virus definitions."), product->name);
    }
  else if (product->up_to_date == OTASUKE_PROBE_NO && age > MAX_SIGNATURE_AGE_DAYS)
    {
      s->answer = OTASUKE_ANSWER_NOT_DONE;
      sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s is installed, but its virus definitions are %d day old.",
                                               "%s is installed, but its virus definitions are %d days old.",
                                               (gulong) age), product->name, age);
    }
  else if (product->up_to_date == OTASUKE_PROBE_NO)
    {
      s->answer = OTASUKE_ANSWER_NOT_DONE;
      sentence = g_strdup_printf (_("%s is installed, but its virus definitions are out of date."), product->name);
    }
  else if (product->up_to_date == OTASUKE_PROBE_YES)
    {
      s->answer = OTASUKE_ANSWER_DONE;
      sentence = g_strdup_printf (_("%s is installed and its virus definitions are current."), product->name);
    }
  else
    sentence = g_strdup_printf (_("%s is installed; Otasuke cannot tell whether its virus definitions are current."),
                                product->name);
  add_reason (reasons, sentence);

  if (product->auto_update == OTASUKE_PROBE_NO)
    add_reason (reasons, _("Its definitions are not updated automatically."));
}

static void
suggest_firewall (OtasukeSuggestion     *s,
                  const OtasukeEvidence *evidence,
                  GString               *reasons)
{
  const OtasukeProbeFirewall *fw = &evidence->probe->firewall;

  if (fw->enabled == OTASUKE_PROBE_YES)
    {
      s->detected = TRUE;
      s->answer = OTASUKE_ANSWER_DONE;
      add_reason (reasons, _("The firewall is switched on."));
    }
  else if (fw->installed && fw->enabled == OTASUKE_PROBE_NO)
    {
      s->detected = TRUE;
      s->answer = OTASUKE_ANSWER_NOT_DONE;
      add_reason (reasons, _("A firewall is installed but switched off."));
    }
  else
    add_reason (reasons, _("No firewall was detected."));
}

static void
suggest_macros (OtasukeSuggestion     *s,
                const OtasukeEvidence *evidence,
                GString               *reasons)
{
  const OtasukeProbeOfficeMacros *macros = &evidence->probe->office_macros;
  const char *level = otasuke_probe_macro_policy_to_string (macros->policy);
  const char *product = macros->product != NULL ? macros->product : _("Your office software");
  g_autofree char *sentence = NULL;

  if (!macros->detected)
    {
      add_reason (reasons, _("No office software was found. Check the macro setting of your office software yourself."));
      return;
    }

  s->detected = TRUE;
  if (macros->policy == OTASUKE_MACRO_POLICY_DISABLED)
    {
      s->answer = OTASUKE_ANSWER_DONE;
      /* Translators: %s is an office suite, "LibreOffice", "Microsoft Office" */
      sentence = g_strdup_printf (_("Macros are switched off in %s."), product);
      add_reason (reasons, sentence);
      return;
    }
  if (level == NULL)
    {
      /* Translators: %s is an office suite, "LibreOffice", "Microsoft Office" */
      sentence = g_strdup_printf (_("%s’s macro setting could not be read."), product);
      add_reason (reasons, sentence);
      return;
    }

  /* Translators: the first %s is an office suite, the second a macro security level: Low, Medium, High, Very high */
  sentence = g_strdup_printf (_("%s’s macro security is set to %s."), product, level);
  add_reason (reasons, sentence);
  switch (macros->policy)
    {
    case OTASUKE_MACRO_POLICY_RUN_ALL:
      s->answer = OTASUKE_ANSWER_NOT_DONE;
      add_reason (reasons, _("Documents can run macros without asking. Set it to High."));
      break;
    case OTASUKE_MACRO_POLICY_ASK:
      s->answer = OTASUKE_ANSWER_PARTLY;
      add_reason (reasons, _("It asks before running macros, which is exactly what fake mail tries to get you to accept. Set it to High."));
      break;
    case OTASUKE_MACRO_POLICY_SIGNED:
    case OTASUKE_MACRO_POLICY_TRUSTED_ONLY:
    case OTASUKE_MACRO_POLICY_DISABLED:
    case OTASUKE_MACRO_POLICY_UNKNOWN:
    default:
      s->answer = OTASUKE_ANSWER_DONE;
      break;
    }
}

static void
suggest_screen_lock (OtasukeSuggestion     *s,
                     const OtasukeEvidence *evidence,
                     GString               *reasons)
{
  const OtasukeProbeScreenLock *lock = &evidence->probe->screen_lock;
  guint minutes = (lock->idle_delay_seconds + 59) / 60;
  g_autofree char *sentence = NULL;

  if (!lock->detected)
    {
      add_reason (reasons, _("The screen lock setting could not be read on this desktop."));
      return;
    }

  s->detected = TRUE;
  if (!lock->lock_enabled)
    {
      s->answer = OTASUKE_ANSWER_NOT_DONE;
      add_reason (reasons, _("The screen does not lock by itself."));
    }
  else if (lock->idle_delay_seconds == 0)
    {
      s->answer = OTASUKE_ANSWER_NOT_DONE;
      add_reason (reasons, _("The screen never turns off, so it never locks by itself."));
    }
  else if (lock->idle_delay_seconds > MAX_LOCK_DELAY_SECONDS)
    {
      s->answer = OTASUKE_ANSWER_PARTLY;
      sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The screen locks only after %u minute without use; 5 to 10 minutes is safer.",
                                               "The screen locks only after %u minutes without use; 5 to 10 minutes is safer.",
                                               minutes), minutes);
      add_reason (reasons, sentence);
    }
  else
    {
      s->answer = OTASUKE_ANSWER_DONE;
      sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The screen locks after %u minute without use.",
                                               "The screen locks after %u minutes without use.",
                                               minutes), minutes);
      add_reason (reasons, sentence);
    }
}

/* Backups */

#define MAX_BACKUP_AGE_DAYS 7

static void
suggest_backup (OtasukeSuggestion     *s,
                const OtasukeEvidence *evidence,
                GString               *reasons)
{
  const OtasukeProbeBackup *backup = &evidence->probe->backup;
  g_autofree char *sentence = NULL;
  gint64 age_days;

  if (!backup->detected)
    {
      add_reason (reasons, _("No backup tool was found on this computer. Otasuke cannot see external disks or online services, so answer this yourself."));
      return;
    }

  s->detected = TRUE;
  if (backup->last_backup <= 0)
    {
      /* Translators: %s is a backup tool: "Timeshift", "File History" */
      sentence = g_strdup_printf (_("%s is set up on this computer. Check that it copies your business data at least once a week."),
                                  backup->tool);
      add_reason (reasons, sentence);
      return;
    }

  age_days = MAX (0, g_get_real_time () / G_USEC_PER_SEC - backup->last_backup) / (24 * 60 * 60);
  s->answer = age_days <= MAX_BACKUP_AGE_DAYS ? OTASUKE_ANSWER_DONE : OTASUKE_ANSWER_NOT_DONE;
  sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s last made a backup %d day ago.",
                                           "%s last made a backup %d days ago.",
                                           (gulong) age_days), backup->tool, (int) age_days);
  add_reason (reasons, sentence);
}

/* The router */

static void
suggest_router (OtasukeSuggestion     *s,
                const OtasukeEvidence *evidence,
                GString               *reasons)
{
  const OtasukeRouterResult *router = evidence->router;
  const char *model = router->canonical != NULL ? router->canonical
                      : router->model != NULL ? router->model : _("Your router");
  g_autofree char *sentence = NULL;

  if (otasuke_router_result_is_ambiguous (router))
    {
      /* Translators: %s is a router model as typed, which several makers have */
      sentence = g_strdup_printf (_("More than one maker has a router called %s. Choose the maker in the check to find out whether it is affected."),
                                  model);
      add_reason (reasons, sentence);
      return;
    }

  s->detected = TRUE;
  switch (router->status)
    {
    case OTASUKE_ROUTER_STATUS_END_OF_LIFE:
      s->answer = OTASUKE_ANSWER_NOT_DONE;
      s->critical = TRUE;
      /* Translators: %s is a router model */
      sentence = g_strdup_printf (_("%s will not be fixed by its maker. Replace it."), model);
      add_reason (reasons, sentence);
      break;

    case OTASUKE_ROUTER_STATUS_AFFECTED:
      s->answer = OTASUKE_ANSWER_NOT_DONE;
      s->critical = TRUE;
      for (guint i = 0; router->advisories != NULL && i < router->advisories->len; i++)
        {
          const OtasukeRouterAdvisory *adv = g_ptr_array_index (router->advisories, i);

          if (!adv->affected)
            continue;
          s->advisory_id = g_strdup (adv->feed_item_id != NULL ? adv->feed_item_id : adv->id);
          /* Translators: "WSR-1166DHP3 with firmware 1.16 is affected by JVNVU#92862829." */
          sentence = g_strdup_printf (_("%s with firmware %s is affected by %s."),
                                      model, router->firmware, adv->id);
          break;
        }
      if (sentence == NULL)
        sentence = g_strdup_printf (_("%s with firmware %s is affected by a known advisory."),
                                    model, router->firmware);
      add_reason (reasons, sentence);
      break;

    case OTASUKE_ROUTER_STATUS_NOT_AFFECTED:
      if (router->end_of_support)
        {
          s->answer = OTASUKE_ANSWER_NOT_DONE;
          /* Translators: %s is a router model */
          sentence = g_strdup_printf (_("The maker no longer updates %s. Plan to replace it."), model);
        }
      else
        {
          s->answer = OTASUKE_ANSWER_DONE;
          sentence = g_strdup_printf (_("No known advisory affects %s with firmware %s."),
                                      model, router->firmware);
        }
      add_reason (reasons, sentence);
      break;

    case OTASUKE_ROUTER_STATUS_FIRMWARE_NEEDED:
      sentence = g_strdup_printf (_("Advisories list %s. Enter its firmware version to know whether it is affected."),
                                  model);
      add_reason (reasons, sentence);
      break;

    case OTASUKE_ROUTER_STATUS_UNKNOWN_MODEL:
    default:
      sentence = g_strdup_printf (_("No advisory Otasuke knows lists %s. Keep its firmware up to date all the same."),
                                  model);
      add_reason (reasons, sentence);
      break;
    }

  /* The lookup's own advice, most urgent first, when it says more. */
  if (s->answer == OTASUKE_ANSWER_NOT_DONE && router->advice != NULL && router->advice->len > 0)
    add_reason (reasons, g_ptr_array_index (router->advice, 0));
}

/* The website's findings (not mail-*), worst first as the report has them:
 * high means not done, medium partly. */
static void
suggest_site (OtasukeSuggestion     *s,
              const OtasukeEvidence *evidence,
              GString               *reasons,
              gboolean               mail)
{
  const OtasukeSiteReport *site = evidence->site;
  gboolean checked = mail ? site != NULL && site->mail_domain != NULL
                          : site != NULL && site->port != 0;
  OtasukeSiteSeverity worst = OTASUKE_SITE_SEVERITY_INFO;
  guint n_reasons = 0;

  if (evidence->site_none_entered || (site != NULL && !checked))
    {
      s->answer = OTASUKE_ANSWER_NOT_APPLICABLE;
      add_reason (reasons, mail ? _("No mail domain has been entered. If your mail addresses end in "
                                    "a domain of your own, enter it above.")
                                : _("No website address has been entered. If your business has a "
                                    "website, enter its address above."));
      return;
    }
  if (site == NULL)
    {
      add_reason (reasons, _("The website and mail domain have not been checked yet."));
      return;
    }

  s->detected = TRUE;
  for (guint i = 0; i < site->findings->len; i++)
    {
      const OtasukeSiteFinding *finding = g_ptr_array_index (site->findings, i);

      if (g_str_has_prefix (finding->id, "mail-") != mail ||
          finding->severity == OTASUKE_SITE_SEVERITY_INFO)
        continue;
      worst = MIN (worst, finding->severity);
      if (finding->severity <= OTASUKE_SITE_SEVERITY_MEDIUM && n_reasons++ < 3)
        add_reason (reasons, finding->text);
    }

  if (worst == OTASUKE_SITE_SEVERITY_HIGH)
    s->answer = OTASUKE_ANSWER_NOT_DONE;
  else if (worst == OTASUKE_SITE_SEVERITY_MEDIUM)
    s->answer = OTASUKE_ANSWER_PARTLY;
  else if (mail && site->mx == NULL)
    add_reason (reasons, _("The mail settings could not be looked up just now."));
  else
    {
      s->answer = OTASUKE_ANSWER_DONE;
      if (mail)
        {
          g_autofree char *sentence =
            g_strdup_printf (_("%s has SPF and DMARC records."), site->mail_domain);

          add_reason (reasons, sentence);
        }
      else
        {
          g_autofree char *sentence =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s opens securely; its certificate is valid for %d more day.",
                                          "%s opens securely; its certificate is valid for %d more days.",
                                          (gulong) MAX (site->cert_days_left, 0)),
                             site->host, (int) site->cert_days_left);

          add_reason (reasons, sentence);
        }
    }
}

/**
 * otasuke_checklist_suggest:
 *
 * Returns: (transfer full): the suggestion for @item; never %NULL
 */
OtasukeSuggestion *
otasuke_checklist_suggest (const OtasukeChecklistItem *item,
                           const OtasukeEvidence      *evidence)
{
  g_autoptr(OtasukeSuggestion) s = NULL;
  g_autoptr(GString) reasons = NULL;
  OtasukeEvidence none = { 0 };

  g_return_val_if_fail (item != NULL, NULL);

  if (evidence == NULL)
    evidence = &none;

  s = g_new0 (OtasukeSuggestion, 1);
  s->answer = OTASUKE_ANSWER_NONE;
  if (item->evidence == OTASUKE_EVIDENCE_NONE)
    return g_steal_pointer (&s);

  reasons = g_string_new (NULL);
  if (item->evidence == OTASUKE_EVIDENCE_ROUTER)
    {
      if (evidence->router == NULL)
        add_reason (reasons, _("No router model has been entered yet."));
      else
        suggest_router (s, evidence, reasons);
    }
  else if (item->evidence == OTASUKE_EVIDENCE_WEBSITE || item->evidence == OTASUKE_EVIDENCE_MAIL_DOMAIN)
    suggest_site (s, evidence, reasons, item->evidence == OTASUKE_EVIDENCE_MAIL_DOMAIN);
  else if (evidence->probe == NULL)
    add_reason (reasons, _("Otasuke has not looked at this computer yet."));
  else
    {
      switch (item->evidence)
        {
        case OTASUKE_EVIDENCE_BROWSERS:
          suggest_browsers (s, evidence, reasons);
          break;
        case OTASUKE_EVIDENCE_OS_SUPPORT:
          suggest_os (s, evidence, reasons);
          break;
        case OTASUKE_EVIDENCE_ANTIVIRUS:
          suggest_antivirus (s, evidence, reasons);
          break;
        case OTASUKE_EVIDENCE_FIREWALL:
          suggest_firewall (s, evidence, reasons);
          break;
        case OTASUKE_EVIDENCE_OFFICE_MACROS:
          suggest_macros (s, evidence, reasons);
          break;
        case OTASUKE_EVIDENCE_SCREEN_LOCK:
          suggest_screen_lock (s, evidence, reasons);
          break;
        case OTASUKE_EVIDENCE_BACKUP:
          suggest_backup (s, evidence, reasons);
          break;
        case OTASUKE_EVIDENCE_ROUTER:
        case OTASUKE_EVIDENCE_WEBSITE:
        case OTASUKE_EVIDENCE_MAIL_DOMAIN:
        case OTASUKE_EVIDENCE_NONE:
        default:
          g_assert_not_reached ();
        }
    }

  s->reason = g_string_free (g_steal_pointer (&reasons), FALSE);
  return g_steal_pointer (&s);
}

/**
 * otasuke_checklist_suggest_all:
 *
 * Returns: (transfer full) (element-type utf8 OtasukeSuggestion): item id →
 *   suggestion, for every item with an evidence kind
 */
GHashTable *
otasuke_checklist_suggest_all (OtasukeChecklist      *self,
                               const OtasukeEvidence *evidence)
{
  GHashTable *suggestions;

  g_return_val_if_fail (self != NULL, NULL);

  suggestions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) otasuke_suggestion_free);
  for (guint i = 0; i < otasuke_checklist_get_n_items (self); i++)
    {
      const OtasukeChecklistItem *item = otasuke_checklist_get_item (self, i);

      if (item->evidence != OTASUKE_EVIDENCE_NONE)
        g_hash_table_insert (suggestions, g_strdup (item->id), otasuke_checklist_suggest (item, evidence));
    }
  return suggestions;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-sheet"

#include "config.h"

#include <glib/gi18n.h>


#include "otasuke-advisory.h"
#include "otasuke-checklist.h"
#include "otasuke-router-table.h"
#include "otasuke-json.h"
#include "otasuke-site-monitor.h"
#include "otasuke-sheet-render.h"
#include "otasuke-store-action.h"
#include "otasuke-store-advisories.h"
#include "otasuke-store-runs.h"

/* What the sheet says about the latest check, built in one place for every
 * way the sheet leaves the program (print, PDF, text, mail, command line). */

#define MAX_FINDINGS 5
#define MAX_BROWSERS 20

/* "WSR-1166DHP3, firmware 1.16: This router is affected by a known problem (JVNVU#92862829)" */
static char *
describe_router (const char                *model,
                 const char                *firmware,
                 const OtasukeRouterResult *result)
{
  g_autofree char *name = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);

  if (firmware != NULL && *firmware != '\0')
    /* Translators: the router as the user typed it: model, then firmware version */
    name = g_strdup_printf (_("%s, firmware %s"), model, firmware);
  else
    name = g_strdup (model);

  if (result == NULL)
    return g_steal_pointer (&name);

  for (guint i = 0; result->advisories != NULL && i < result->advisories->len; i++)
    {
      const OtasukeRouterAdvisory *advisory = g_ptr_array_index (result->advisories, i);

      if (!advisory->affected || advisory->id == NULL)
        continue;
      if (ids->len > 0)
        g_string_append (ids, ", ");
      g_string_append (ids, advisory->id);
    }

  if (ids->len > 0)
    /* Translators: the router on the sheet: "model, firmware 1.16", the verdict, the advisories */
    return g_strdup_printf (C_("sheet router", "%s: %s (%s)"), name, otasuke_router_status_get_title (result->status), ids->str);
  /* Translators: the router on the sheet: "model, firmware 1.16", then the verdict */
  return g_strdup_printf (C_("sheet router", "%s: %s"), name, otasuke_router_status_get_title (result->status));
}

/* The browsers the probes found during the check, as "Name version". */
static void
add_browsers (OtasukeSheetCheckSummary *summary,
              const char               *probe_json)
{
  g_autoptr(json_t) root = NULL;
  g_autoptr(GError) error = NULL;
  json_t *browsers;

  if (probe_json == NULL)
    return;
  root = otasuke_json_load (probe_json, -1, &error);
  if (root == NULL)
    {
      g_message ("The probe report of the latest check is not readable: %s", error->message);
      return;
    }

  browsers = otasuke_json_get_array (root, "browsers");
  for (gsize i = 0; browsers != NULL && i < json_array_size (browsers) && summary->browsers->len < MAX_BROWSERS; i++)
    {
      json_t *browser = json_array_get (browsers, i);
      const char *name = otasuke_json_get_string (browser, "name");
      const char *version = otasuke_json_get_string (browser, "version");

      if (name == NULL || *name == '\0')
        continue;
      g_ptr_array_add (summary->browsers, version != NULL && *version != '\0'
                                          ? g_strdup_printf ("%s %s", name, version)
                                          : g_strdup (name));
    }
}

/* The advisories now shown, as feed items (borrowed from @advisories). */
static GPtrArray *
feed_items (GPtrArray *advisories)
{
  GPtrArray *items = g_ptr_array_new ();

  for (guint i = 0; advisories != NULL && i < advisories->len; i++)
    g_ptr_array_add (items, (gpointer) otasuke_advisory_get_item (g_ptr_array_index (advisories, i)));
  return items;
}

/* What to fix first, as the results screen lists it: the question and the answer. */
static void
add_findings (OtasukeSheetCheckSummary  *summary,
              OtasukeStore              *store,
              OtasukeCheckRun           *run,
              OtasukeChecklist          *checklist,
              GPtrArray                 *items,
              const OtasukeRouterResult *router)
{
  g_autofree char *website = NULL;
  g_autofree char *mail = NULL;
  g_autoptr(OtasukeSiteReport) site = NULL;
  OtasukeEvidence evidence = { .feed_items = items, .router = router };

  /* The last website and mail-domain check, as the Check page had it. */
  if (otasuke_site_domains_load (store, &website, &mail, NULL))
    {
      evidence.site_none_entered = website == NULL && mail == NULL;
      if (!evidence.site_none_entered)
        site = otasuke_site_report_load (store, NULL, NULL);
      evidence.site = site;
    }
  g_autoptr(GHashTable) suggestions = otasuke_checklist_suggest_all (checklist, &evidence);
  g_autoptr(GPtrArray) fixes = otasuke_check_run_fix_first (run, checklist, suggestions, MAX_FINDINGS);

  for (guint i = 0; i < fixes->len; i++)
    {
      const OtasukeFixItem *fix = g_ptr_array_index (fixes, i);
      const char *answer = fix->answer != OTASUKE_ANSWER_NONE ? otasuke_answer_get_label (fix->answer) : NULL;

      if (answer != NULL)
        /* Translators: a finding on the sheet: the question, then the answer given */
        g_ptr_array_add (summary->findings, g_strdup_printf (C_("sheet finding", "%s (%s)"), fix->item->question, answer));
      else
        g_ptr_array_add (summary->findings, g_strdup (fix->item->question));

      /* The website's and mail domain's own findings say what to ask for. */
      if (site != NULL && (fix->item->evidence == OTASUKE_EVIDENCE_WEBSITE ||
                           fix->item->evidence == OTASUKE_EVIDENCE_MAIL_DOMAIN))
        {
          gboolean mail_item = fix->item->evidence == OTASUKE_EVIDENCE_MAIL_DOMAIN;
          guint n = 0;

          for (guint j = 0; j < site->findings->len && n < 2; j++)
            {
              const OtasukeSiteFinding *finding = g_ptr_array_index (site->findings, j);

              if (g_str_has_prefix (finding->id, "mail-") != mail_item ||
                  finding->severity > OTASUKE_SITE_SEVERITY_MEDIUM)
                continue;
              g_ptr_array_add (summary->findings, g_strdup (finding->text));
              n++;
            }
        }
    }
}

OtasukeSheetCheckSummary *
otasuke_sheet_check_summary_load (OtasukeStore        *store,
                                  OtasukeChecklist    *checklist,
                                  OtasukeRouterTable  *router_table,
                                  GError             **error)
{
  g_autoptr(OtasukeSheetCheckSummary) summary = NULL;
  g_autoptr(OtasukeCheckRun) run = NULL;
  g_autoptr(OtasukeChecklist) own_checklist = NULL;
  g_autoptr(OtasukeRouterTable) own_table = NULL;
  g_autoptr(OtasukeRouterResult) router = NULL;
  g_autoptr(OtasukeDeclaration) declaration = NULL;
  g_autoptr(GPtrArray) advisories = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *model;

  g_return_val_if_fail (OTASUKE_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Id 0: the latest finished run. */
  run = otasuke_store_load_previous_check_run (store, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  declaration = otasuke_store_load_latest_declaration (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  summary = otasuke_sheet_check_summary_new ();
  if (declaration != NULL)
    {
      summary->declared_level = declaration->level;
      summary->declared_on = g_strdup (declaration->declared_on);
      summary->declaration_number = g_strdup (declaration->number);
    }
  if (run == NULL || !otasuke_check_run_is_finished (run))
    {
      if (declaration == NULL)
        return NULL;
      summary->no_check = TRUE;
      return g_steal_pointer (&summary);
    }

  summary->score = otasuke_check_run_get_score (run);
  summary->band = g_strdup (otasuke_score_band_get_title (otasuke_check_run_get_band (run)));
  summary->checked_at = otasuke_check_run_get_finished_at (run);
  add_browsers (summary, otasuke_check_run_get_probe_json (run));

  /* The advisories make the router table and the findings current. */
  advisories = otasuke_store_list_advisories (store, &local_error);
  if (advisories == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  items = feed_items (advisories);

  model = otasuke_check_run_get_router_model (run);
  if (model != NULL && *model != '\0')
    {
      if (router_table == NULL)
        {
          own_table = otasuke_router_table_new_from_resource (&local_error);
          if (own_table == NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          otasuke_router_table_merge_feed_items (own_table, items);
          router_table = own_table;
        }
      router = otasuke_router_table_lookup (router_table, model, otasuke_check_run_get_router_firmware (run));
      /* The table's spelling when one model matched; no advisory ids while it is unclear which. */
      summary->router = describe_router (router->canonical != NULL ? router->canonical : model,
                                         otasuke_check_run_get_router_firmware (run),
                                         otasuke_router_result_is_ambiguous (router) ? NULL : router);
    }

  if (checklist == NULL)
    {
      own_checklist = otasuke_checklist_new_from_resource (&local_error);
      if (own_checklist == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      checklist = own_checklist;
    }
  add_findings (summary, store, run, checklist, items, router);

  return g_steal_pointer (&summary);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-check-page"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-advisory-match.h"
#include "otasuke-check-page-private.h"

/* Suggestions from what the probes and the router lookup found. */

OtasukeCheckItem *
otasuke_check_page_find_item_widget (OtasukeCheckPage *self,
                                     const char       *id)
{
  for (guint i = 0; i < self->item_widgets->len; i++)
    {
      OtasukeCheckItem *widget = g_ptr_array_index (self->item_widgets, i);

      if (g_strcmp0 (otasuke_check_item_get_item (widget)->id, id) == 0)
        return widget;
    }
  return NULL;
}

void
otasuke_check_page_update_answered_label (OtasukeCheckPage *self)
{
  guint total = otasuke_checklist_get_n_items (self->checklist);
  guint answered = 0;
  g_autofree char *text = NULL;

  /* Only what the user chose counts: a suggestion Otasuke filled in is not
   * an answer yet, so a new check starts at zero. */
  for (guint i = 0; i < total; i++)
    {
      gboolean from_suggestion = FALSE;

      if (otasuke_check_run_get_answer (self->run, otasuke_checklist_get_item (self->checklist, i)->id,
                                        &from_suggestion) != OTASUKE_ANSWER_NONE &&
          !from_suggestion)
        answered++;
    }

  /* Translators: progress through the check, "12 of 32 answered" */
  text = g_strdup_printf (_("%u of %u answered"), answered, total);
  gtk_label_set_text (self->answered_label, text);
  gtk_widget_set_visible (self->accept_button, otasuke_check_page_count_open_suggestions (self) > 0);
}

/* Accepting suggestions */

void
otasuke_accept_undo_free (OtasukeAcceptUndo *undo)
{
  g_free (undo->item_id);
  g_free (undo);
}

/* The suggestion for @item that the user has not taken or overruled yet, or NULL. */
static const OtasukeSuggestion *
open_suggestion (OtasukeCheckPage           *self,
                 const OtasukeChecklistItem *item)
{
  const OtasukeSuggestion *suggestion;
  gboolean from_suggestion = FALSE;
  OtasukeAnswer answer;

  if (self->suggestions == NULL || self->run == NULL)
    return NULL;
  suggestion = g_hash_table_lookup (self->suggestions, item->id);
  if (suggestion == NULL || suggestion->answer == OTASUKE_ANSWER_NONE)
    return NULL;
  answer = otasuke_check_run_get_answer (self->run, item->id, &from_suggestion);
  return answer == OTASUKE_ANSWER_NONE || from_suggestion ? suggestion : NULL;
}

guint
otasuke_check_page_count_open_suggestions (OtasukeCheckPage *self)
{
  guint n = 0;

  for (guint i = 0; self->checklist != NULL && i < otasuke_checklist_get_n_items (self->checklist); i++)
    if (open_suggestion (self, otasuke_checklist_get_item (self->checklist, i)) != NULL)
      n++;
  return n;
}

/* After answers changed in a way the user did not click item by item. */
static void
answers_changed (OtasukeCheckPage *self)
{
  for (guint i = 0; i < self->item_widgets->len; i++)
    {
      OtasukeCheckItem *widget = g_ptr_array_index (self->item_widgets, i);
      gboolean from_suggestion = FALSE;
      OtasukeAnswer answer = otasuke_check_run_get_answer (self->run, otasuke_check_item_get_item (widget)->id,
                                                           &from_suggestion);

      otasuke_check_item_set_answer (widget, answer);
      otasuke_check_item_set_suggested (widget, from_suggestion);
    }
  /* A finished run is scored again, and the results show it. */
  if (otasuke_check_run_is_finished (self->run))
    {
      otasuke_check_run_keep_findings (self->run, self->checklist, self->suggestions);
      otasuke_check_run_finish (self->run, self->checklist, otasuke_check_page_now_seconds ());
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "results") == 0)
        otasuke_check_results_show (self->results, self->run, self->checklist, self->suggestions);
    }
  otasuke_check_page_update_answered_label (self);
  otasuke_check_page_actions_update (self);
  otasuke_check_page_schedule_save (self);
}

void
otasuke_check_page_accept_suggestions (OtasukeCheckPage *self)
{
  g_autoptr(GPtrArray) undo = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_accept_undo_free);
  g_autofree char *title = NULL;
  AdwToast *toast;

  for (guint i = 0; self->checklist != NULL && i < otasuke_checklist_get_n_items (self->checklist); i++)
    {
      const OtasukeChecklistItem *item = otasuke_checklist_get_item (self->checklist, i);
      const OtasukeSuggestion *suggestion = open_suggestion (self, item);
      OtasukeAcceptUndo *entry;

      if (suggestion == NULL)
        continue;
      entry = g_new0 (OtasukeAcceptUndo, 1);
      entry->item_id = g_strdup (item->id);
      entry->answer = otasuke_check_run_get_answer (self->run, item->id, &entry->from_suggestion);
      g_ptr_array_add (undo, entry);
      otasuke_check_run_set_answer (self->run, item->id, suggestion->answer, FALSE);
    }
  if (undo->len == 0)
    return;

  g_clear_pointer (&self->accept_undo, g_ptr_array_unref);
  self->accept_undo = g_ptr_array_ref (undo);
  answers_changed (self);

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u suggested answer accepted",
                                        "%u suggested answers accepted", undo->len),
                           undo->len);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "check.undo-accept");
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
otasuke_check_page_undo_accept (OtasukeCheckPage *self)
{
  g_autoptr(GPtrArray) undo = g_steal_pointer (&self->accept_undo);

  if (undo == NULL || self->run == NULL)
    return;
  for (guint i = 0; i < undo->len; i++)
    {
      const OtasukeAcceptUndo *entry = g_ptr_array_index (undo, i);

      otasuke_check_run_set_answer (self->run, entry->item_id, entry->answer, entry->from_suggestion);
    }
  answers_changed (self);
}

void
otasuke_check_page_update_entered (OtasukeCheckPage *self)
{
  OtasukeSiteMonitor *monitor = otasuke_site_lookup_get_monitor (self->site_lookup);
  const char *model = self->run != NULL ? otasuke_check_run_get_router_model (self->run) : NULL;
  OtasukeEntered entered = OTASUKE_ENTERED_NONE;

  if (model != NULL && *model != '\0')
    entered |= OTASUKE_ENTERED_ROUTER_MODEL;
  if (monitor != NULL && otasuke_site_monitor_get_website (monitor) != NULL)
    entered |= OTASUKE_ENTERED_WEBSITE;
  if (monitor != NULL && otasuke_site_monitor_get_mail_domain (monitor) != NULL)
    entered |= OTASUKE_ENTERED_MAIL_DOMAIN;
  for (guint i = 0; i < self->item_widgets->len; i++)
    otasuke_check_item_set_entered (g_ptr_array_index (self->item_widgets, i), entered);
}

/* An unanswered item shown on screen takes Otasuke's suggestion, marked as
 * one; so does an item whose answer was a suggestion that has changed since. */
void
otasuke_check_page_apply_suggestions (OtasukeCheckPage *self)
{
  gboolean changed = FALSE;

  otasuke_check_page_update_entered (self);

  for (guint i = 0; i < self->item_widgets->len; i++)
    {
      OtasukeCheckItem *widget = g_ptr_array_index (self->item_widgets, i);
      const OtasukeChecklistItem *item = otasuke_check_item_get_item (widget);
      const OtasukeSuggestion *suggestion = NULL;
      OtasukeAnswer answer;
      gboolean from_suggestion = FALSE;

      if (self->suggestions != NULL)
        suggestion = g_hash_table_lookup (self->suggestions, item->id);
      otasuke_check_item_set_suggestion (widget, suggestion);
      if (suggestion == NULL || suggestion->answer == OTASUKE_ANSWER_NONE || self->run == NULL)
        continue;

      answer = otasuke_check_run_get_answer (self->run, item->id, &from_suggestion);
      if (answer == OTASUKE_ANSWER_NONE || (from_suggestion && answer != suggestion->answer))
        {
          otasuke_check_run_set_answer (self->run, item->id, suggestion->answer, TRUE);
          otasuke_check_item_set_answer (widget, suggestion->answer);
          otasuke_check_item_set_suggested (widget, TRUE);
          changed = TRUE;
        }
    }

  if (changed)
    otasuke_check_page_schedule_save (self);
  if (self->run != NULL)
    otasuke_check_page_update_answered_label (self);
}

void
otasuke_check_page_update_suggestions (OtasukeCheckPage *self)
{
  g_autoptr(GPtrArray) items = NULL;
  OtasukeEvidence evidence = { 0 };

  g_clear_pointer (&self->suggestions, g_hash_table_unref);
  if (self->checklist == NULL)
    return;

  items = otasuke_check_page_feed_items (self);
  evidence.probe = otasuke_check_page_probe_report (self);
  evidence.feed_items = items;
  evidence.router = otasuke_router_lookup_get_result (self->router_lookup);
  {
    OtasukeSiteMonitor *monitor = otasuke_site_lookup_get_monitor (self->site_lookup);

    if (monitor != NULL && otasuke_site_monitor_get_loaded (monitor))
      {
        evidence.site = otasuke_site_monitor_get_report (monitor);
        evidence.site_none_entered = otasuke_site_monitor_get_website (monitor) == NULL &&
                                     otasuke_site_monitor_get_mail_domain (monitor) == NULL;
      }
  }
  self->suggestions = otasuke_checklist_suggest_all (self->checklist, &evidence);
  otasuke_check_page_apply_suggestions (self);
}

const OtasukeProbeReport *
otasuke_check_page_probe_report (OtasukeCheckPage *self)
{
  return self->probe_service != NULL ? otasuke_probe_service_get_report (self->probe_service) : NULL;
}

const char *
otasuke_check_page_probe_json (OtasukeCheckPage *self)
{
  return self->probe_service != NULL ? otasuke_probe_service_get_report_json (self->probe_service) : NULL;
}

/* A run not finished yet keeps what the probes found last. */
void
otasuke_check_page_on_probe_report_changed (OtasukeCheckPage *self)
{
  if (self->run != NULL && !otasuke_check_run_is_finished (self->run))
    {
      otasuke_check_run_set_probe_json (self->run, otasuke_check_page_probe_json (self));
      otasuke_check_page_schedule_save (self);
    }
  otasuke_check_page_update_suggestions (self);
}

/* The bundled router table plus the feed's router checks. */
void
otasuke_check_page_rebuild_router_table (OtasukeCheckPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_clear_pointer (&self->router_table, otasuke_router_table_unref);
  self->router_table = otasuke_router_table_new_from_resource (&error);
  if (self->router_table == NULL)
    {
      g_warning ("The bundled router table cannot be read: %s", error->message);
      return;
    }

  items = otasuke_check_page_feed_items (self);
  otasuke_router_table_merge_feed_items (self->router_table, items);
  otasuke_router_lookup_set_table (self->router_lookup, self->router_table);
}

void
otasuke_check_page_on_advisories_changed (OtasukeCheckPage *self)
{
  otasuke_check_page_rebuild_router_table (self);
  otasuke_check_page_update_suggestions (self);
}

void
otasuke_check_page_update_password_words (OtasukeCheckPage *self)
{
  const OtasukeRouterResult *result = otasuke_router_lookup_get_result (self->router_lookup);
  const char *words[] = {
    "admin", "password", "root", "buffalo", "router",
    otasuke_router_lookup_get_model (self->router_lookup),
    result != NULL ? result->vendor : NULL,
    NULL,
  };

  otasuke_password_meter_set_user_words (self->password_meter, words);
}

void
otasuke_check_page_on_router_changed (OtasukeCheckPage *self)
{
  if (self->run != NULL)
    {
      /* The table's spelling when the model is known ("WG1200HS" for "ｗｇ１２００ｈｓ"). */
      otasuke_check_run_set_router (self->run,
                                    otasuke_router_lookup_get_saved_model (self->router_lookup),
                                    otasuke_router_lookup_get_firmware (self->router_lookup));
      otasuke_check_page_schedule_save (self);
    }
  otasuke_check_page_update_password_words (self);
  otasuke_check_page_update_suggestions (self);
}

/* The advisories learn the router as entered; what the probes found stays. */
void
otasuke_check_page_update_machine_facts (OtasukeCheckPage *self)
{
  const OtasukeRouterResult *result = otasuke_router_lookup_get_result (self->router_lookup);
  const char *model = otasuke_check_run_get_router_model (self->run);

  if (self->advisories == NULL || model == NULL)
    return;

  otasuke_advisories_set_router (self->advisories,
                                 result != NULL ? result->vendor : NULL,
                                 result != NULL && result->model != NULL ? result->model : model,
                                 otasuke_check_run_get_router_firmware (self->run));
}

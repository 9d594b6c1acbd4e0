/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-action-page"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-action-page-private.h"
#include "otasuke-policy-render.h"
#include "otasuke-document-output.h"

/* The basic policy draft: its editors, autosave, PDF and printing. */

#define AUTOSAVE_MS 700

static void schedule_save (OtasukeActionPage *self);

typedef struct {
  OtasukeActionPage *self;
  guint              generation; /* which draft was saved */
  char              *name;       /* for a PDF: the file's name */
} Job;

static Job *
job_new (OtasukeActionPage *self,
         const char        *name)
{
  Job *job = g_new0 (Job, 1);

  job->self = g_object_ref (self);
  job->generation = self->policy_generation;
  job->name = g_strdup (name);
  return job;
}

static void
job_free (Job *job)
{
  g_object_unref (job->self);
  g_free (job->name);
  g_free (job);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static void
policy_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  OtasukeActionPage *self = job->self;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  gint64 created_at = 0;

  self->policy_saving = FALSE;
  if (!otasuke_store_save_policy_finish (OTASUKE_STORE (object), result, &id, &created_at, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        otasuke_action_page_show_error (self, _("The Policy Draft Could Not Be Saved"), error->message);
      return;
    }
  /* The draft may have been replaced by a new one meanwhile. */
  if (self->policy != NULL && job->generation == self->policy_generation)
    {
      self->policy->id = id;
      self->policy->created_at = created_at;
    }
  if (self->policy_dirty)
    schedule_save (self);
  otasuke_action_page_reload (self);
}

static gboolean
autosave_cb (gpointer user_data)
{
  OtasukeActionPage *self = user_data;

  self->policy_save_id = 0;
  if (self->store == NULL || self->policy == NULL || !self->policy_dirty)
    return G_SOURCE_REMOVE;
  /* One save at a time, so a new draft gets one id; the next waits for it. */
  if (self->policy_saving)
    return G_SOURCE_REMOVE;
  self->policy_dirty = FALSE;
  self->policy_saving = TRUE;
  otasuke_store_save_policy_async (self->store, self->policy, otasuke_action_page_now (), self->cancellable,
                                   policy_saved_cb, job_new (self, NULL));
  return G_SOURCE_REMOVE;
}

static void
schedule_save (OtasukeActionPage *self)
{
  self->policy_dirty = TRUE;
  g_clear_handle_id (&self->policy_save_id, g_source_remove);
  self->policy_save_id = g_timeout_add (AUTOSAVE_MS, autosave_cb, self);
}

/* Before another draft is edited: what was typed in this one is saved in a
 * worker thread. FALSE while a save of it is still under way (the user is
 * told to try again): a second save of a draft not saved yet would store it twice. */
static gboolean
flush_async (OtasukeActionPage *self)
{
  if (self->policy_saving)
    {
      otasuke_action_page_show_toast (self, _("The draft is being saved; try again in a moment"));
      return FALSE;
    }
  g_clear_handle_id (&self->policy_save_id, g_source_remove);
  if (self->store != NULL && self->policy != NULL && self->policy_dirty)
    autosave_cb (self);
  return TRUE;
}

gboolean
otasuke_action_page_policy_save_pending (OtasukeActionPage  *self,
                                         GError            **error)
{
  if (self->store == NULL || self->policy == NULL || !self->policy_dirty)
    return TRUE;
  if (!otasuke_store_save_policy (self->store, self->policy, otasuke_action_page_now (), error))
    return FALSE;
  self->policy_dirty = FALSE;
  g_clear_handle_id (&self->policy_save_id, g_source_remove);
  return TRUE;
}

static void
entry_changed_cb (GtkEditable       *editable,
                  OtasukeActionPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (editable), "policy-field");
  char **field = NULL;

  if (self->syncing || self->policy == NULL || name == NULL)
    return;
  if (g_str_equal (name, "title"))
    field = &self->policy->title;
  else if (g_str_equal (name, "company"))
    field = &self->policy->company_name;
  else if (g_str_equal (name, "representative"))
    field = &self->policy->representative;
  else if (g_str_equal (name, "enacted"))
    field = &self->policy->enacted_on;
  else if (g_str_equal (name, "where"))
    field = &self->policy->published_where;
  g_assert (field != NULL);

  if (otasuke_policy_set_text (field, gtk_editable_get_text (editable)))
    schedule_save (self);
  if (g_str_equal (name, "enacted"))
    {
      /* A date the PDF cannot print is flagged where it is typed. */
      if (otasuke_policy_date_is_valid (self->policy->enacted_on))
        gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
      else
        gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
    }
}

static void
section_changed_cb (GtkTextBuffer     *buffer,
                    OtasukeActionPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (buffer), "section-index"));
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  char **slot;

  if (self->syncing || self->policy == NULL || index > self->policy->sections->len)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  /* Index 0 is the preamble, then the sections. */
  slot = index == 0 ? &self->policy->preamble
                    : &((OtasukePolicySection *) g_ptr_array_index (self->policy->sections, index - 1))->body;
  if (otasuke_policy_set_text (slot, text))
    schedule_save (self);
}

static void
published_cb (GtkSwitch         *toggle,
              GParamSpec        *pspec,
              OtasukeActionPage *self)
{
  gboolean published = gtk_switch_get_active (toggle);

  if (self->syncing || self->policy == NULL || published == (self->policy->published_at > 0))
    return;
  self->policy->published_at = published ? otasuke_action_page_now () : 0;
  schedule_save (self);
}

static GtkWidget *
text_editor_new (OtasukeActionPage *self,
                 const char        *heading,
                 const char        *text,
                 guint              index)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (heading);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 72);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_text_buffer_set_text (buffer, text, -1);
  g_object_set_data (G_OBJECT (buffer), "section-index", GUINT_TO_POINTER (index));
  g_signal_connect_object (buffer, "changed", G_CALLBACK (section_changed_cb), self, 0);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), frame);
  g_ptr_array_add (self->section_views, view);
  return box;
}

/* Fills every editor from self->policy. */
static void
show_policy (OtasukeActionPage *self)
{
  GtkWidget *child;

  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->policy_title_row), self->policy->title);
  gtk_editable_set_text (GTK_EDITABLE (self->policy_company_row), self->policy->company_name);
  gtk_editable_set_text (GTK_EDITABLE (self->policy_representative_row), self->policy->representative);
  gtk_editable_set_text (GTK_EDITABLE (self->enacted_row), self->policy->enacted_on);
  gtk_editable_set_text (GTK_EDITABLE (self->published_where_row), self->policy->published_where);
  gtk_switch_set_active (self->published_switch, self->policy->published_at > 0);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box))) != NULL)
    gtk_box_remove (self->sections_box, child);
  g_ptr_array_set_size (self->section_views, 0);
  gtk_box_append (self->sections_box, text_editor_new (self, _("Introduction"), self->policy->preamble, 0));
  for (guint i = 0; i < self->policy->sections->len; i++)
    {
      const OtasukePolicySection *section = g_ptr_array_index (self->policy->sections, i);
      g_autofree char *heading = g_strdup_printf (C_("policy heading", "%u. %s"), i + 1, section->heading);

      gtk_box_append (self->sections_box, text_editor_new (self, heading, section->body, i + 1));
    }
  self->syncing = FALSE;
}

/* A new draft from the template, filled from the profile. */
static gboolean
start_new_policy (OtasukeActionPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = otasuke_policy_today ();
  OtasukePolicy *policy = otasuke_policy_new_from_template (&error);

  if (policy == NULL)
    {
      otasuke_action_page_show_error (self, _("The Policy Template Could Not Be Read"), error->message);
      return FALSE;
    }
  otasuke_policy_fill (policy, self->profile, today);
  g_clear_pointer (&self->policy, otasuke_policy_free);
  self->policy = policy;
  self->policy_generation++;
  show_policy (self);
  return TRUE;
}

void
otasuke_action_page_policy_loaded (OtasukeActionPage   *self,
                                   const OtasukePolicy *policy)
{
  if (policy != NULL)
    {
      g_clear_pointer (&self->policy, otasuke_policy_free);
      self->policy = otasuke_policy_copy (policy);
      self->policy_generation++;
      /* The profile may have been filled in since the draft was made. */
      otasuke_policy_fill (self->policy, self->profile, NULL);
      show_policy (self);
    }
  else
    start_new_policy (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "action.new-policy", self->policy != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "action.save-policy-pdf", self->policy != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "action.print-policy", self->policy != NULL);
}

/* The drafts row: the draft being edited first when it is not saved yet,
 * then every saved draft, most recent first. */
void
otasuke_action_page_policy_list_drafts (OtasukeActionPage *self)
{
  GPtrArray *policies = self->state != NULL ? self->state->policies : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;
  guint selected = 0;
  guint offset = 0;

  if (self->policy != NULL && self->policy->id == 0)
    {
      g_strv_builder_add (builder, _("New draft (not saved yet)"));
      offset = 1;
    }
  for (guint i = 0; policies != NULL && i < policies->len; i++)
    {
      const OtasukePolicy *policy = g_ptr_array_index (policies, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (policy->updated_at);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
      g_autofree char *when = local != NULL ? g_date_time_format (local, C_("sheet date and time", "%Y-%m-%d %H:%M"))
                                            : g_strdup ("?");
      g_autofree char *item = NULL;

      if (policy->published_at > 0)
        /* Translators: a saved policy draft: its title, when it was last changed */
        item = g_strdup_printf (_("%s, %s (published)"), policy->title, when);
      else
        item = g_strdup_printf (_("%s, %s"), policy->title, when);
      g_strv_builder_add (builder, item);
      if (self->policy != NULL && policy->id == self->policy->id)
        selected = i + offset;
    }
  items = g_strv_builder_end (builder);

  self->syncing = TRUE;
  gtk_string_list_splice (self->drafts_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->drafts_model)),
                          (const char * const *) items);
  adw_combo_row_set_selected (self->drafts_row, selected);
  self->syncing = FALSE;
}

static void
draft_selected_cb (AdwComboRow       *row,
                   GParamSpec        *pspec,
                   OtasukeActionPage *self)
{
  guint selected = adw_combo_row_get_selected (row);
  guint offset = self->policy != NULL && self->policy->id == 0 ? 1 : 0;
  const OtasukePolicy *chosen;

  if (self->syncing || self->state == NULL || self->state->policies == NULL ||
      selected < offset || selected - offset >= self->state->policies->len)
    return;
  chosen = g_ptr_array_index (self->state->policies, selected - offset);
  if (self->policy != NULL && chosen->id == self->policy->id)
    return;

  /* What was typed in the draft left is kept. */
  if (!flush_async (self))
    {
      otasuke_action_page_policy_list_drafts (self);
      return;
    }
  g_clear_pointer (&self->policy, otasuke_policy_free);
  self->policy = otasuke_policy_copy (chosen);
  self->policy_generation++;
  show_policy (self);
  /* The list again: a new draft that was not saved is no longer there. */
  otasuke_action_page_reload (self);
}

static void
new_policy_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  OtasukeActionPage *self = OTASUKE_ACTION_PAGE (widget);

  /* What was typed in the draft so far is kept as it is. */
  if (!flush_async (self))
    return;
  if (start_new_policy (self))
    {
      schedule_save (self);
      otasuke_action_page_policy_list_drafts (self);
      otasuke_action_page_show_toast (self, _("A new draft was started; the previous one is kept"));
    }
}

/* Save as PDF */

static void
pdf_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!otasuke_policy_write_pdf_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        otasuke_action_page_show_error (job->self, _("The Policy Could Not Be Saved"), error->message);
      return;
    }
  message = g_strdup_printf (_("Saved as “%s”"), job->name);
  otasuke_action_page_show_toast (job->self, message);
}

static void
pdf_chosen (GtkWidget  *widget,
            const char *path)
{
  OtasukeActionPage *self = OTASUKE_ACTION_PAGE (widget);
  g_autofree char *name = g_path_get_basename (path);

  if (self->policy == NULL)
    return;
  otasuke_policy_write_pdf_async (self->policy, path, self->cancellable, pdf_written_cb, job_new (self, name));
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OtasukeActionPage *self = OTASUKE_ACTION_PAGE (widget);
  g_autofree char *name = NULL;

  if (self->policy == NULL)
    return;
  /* Translators: the suggested file name; %s is the policy's title */
  name = g_strdup_printf ("%s.pdf", self->policy->title[0] != '\0' ? self->policy->title
                                                                    : _("Basic Information Security Policy"));
  otasuke_document_output_choose_pdf (widget, _("Save the Policy as PDF"), name,
                                      _("The Policy Could Not Be Saved"), pdf_chosen);
}

/* Printing: the shared path of every document (ui/otasuke-document-output.c). */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OtasukeActionPage *self = OTASUKE_ACTION_PAGE (widget);
  g_autoptr(OtasukeDocument) document = NULL;

  if (self->policy == NULL)
    return;
  document = otasuke_policy_render_document (self->policy, NULL);
  otasuke_document_output_print (widget, document, _("The Policy Could Not Be Printed"),
                                 "action.save-policy-pdf", self->cancellable);
}

void
otasuke_action_page_policy_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "action.new-policy", NULL, new_policy_action);
  gtk_widget_class_install_action (widget_class, "action.save-policy-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "action.print-policy", NULL, print_action);
}

void
otasuke_action_page_policy_init (OtasukeActionPage *self)
{
  struct {
    AdwEntryRow *row;
    const char *name;
  } entries[] = {
    { self->policy_title_row, "title" },
    { self->policy_company_row, "company" },
    { self->policy_representative_row, "representative" },
    { self->enacted_row, "enacted" },
    { self->published_where_row, "where" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_object_set_data (G_OBJECT (entries[i].row), "policy-field", (gpointer) entries[i].name);
      g_signal_connect_object (entries[i].row, "changed", G_CALLBACK (entry_changed_cb), self, 0);
    }
  g_signal_connect_object (self->published_switch, "notify::active", G_CALLBACK (published_cb), self, 0);
  g_signal_connect_object (self->drafts_row, "notify::selected", G_CALLBACK (draft_selected_cb), self, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "action.new-policy", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "action.save-policy-pdf", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "action.print-policy", FALSE);
}

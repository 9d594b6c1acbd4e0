/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-site-lookup"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-site-lookup.h"

struct _OtasukeSiteLookup
{
  GtkWidget           parent_instance;

  AdwEntryRow        *website_row;
  AdwEntryRow        *mail_row;
  GtkButton          *check_button;
  GtkLabel           *status_label;
  GtkBox             *findings_box;

  OtasukeSiteMonitor *monitor;
  char               *error;
  gboolean            filled;
};

G_DEFINE_FINAL_TYPE (OtasukeSiteLookup, otasuke_site_lookup, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
severity_label (OtasukeSiteSeverity severity)
{
  switch (severity)
    {
    case OTASUKE_SITE_SEVERITY_HIGH:   return C_("site finding", "Fix now");
    case OTASUKE_SITE_SEVERITY_MEDIUM: return C_("site finding", "Fix soon");
    case OTASUKE_SITE_SEVERITY_LOW:    return C_("site finding", "Worth doing");
    case OTASUKE_SITE_SEVERITY_INFO:
    default:                           return C_("site finding", "Note");
    }
}

static void
update (OtasukeSiteLookup *self)
{
  OtasukeSiteReport *report = self->monitor != NULL ? otasuke_site_monitor_get_report (self->monitor) : NULL;
  gboolean busy = self->monitor != NULL && otasuke_site_monitor_get_busy (self->monitor);
  gboolean loaded = self->monitor != NULL && otasuke_site_monitor_get_loaded (self->monitor);
  g_autofree char *status = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_box))) != NULL)
    gtk_box_remove (self->findings_box, child);

  gtk_widget_set_sensitive (GTK_WIDGET (self->check_button), loaded && !busy &&
                            (otasuke_site_monitor_get_website (self->monitor) != NULL ||
                             otasuke_site_monitor_get_mail_domain (self->monitor) != NULL));

  if (self->error != NULL)
    status = g_strdup (self->error);
  else if (busy)
    status = g_strdup (_("Checking…"));
  else if (!loaded)
    status = g_strdup ("");
  else if (otasuke_site_monitor_get_website (self->monitor) == NULL &&
           otasuke_site_monitor_get_mail_domain (self->monitor) == NULL)
    status = g_strdup (_("Nothing entered: this section does not apply to your business."));
  else if (report == NULL)
    status = g_strdup (_("Not checked yet."));
  else if (report->port != 0 && report->has_certificate)
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s: %d points of 100. The certificate is valid until %s (%d day left).",
                                           "%s: %d points of 100. The certificate is valid until %s (%d days left).",
                                           (gulong) ABS (report->cert_days_left)),
                              report->host, report->score,
                              report->cert_not_after != NULL ? report->cert_not_after : "?",
                              (int) report->cert_days_left);
  else
    status = g_strdup_printf (_("%s: %d points of 100."), report->host, report->score);
  gtk_label_set_text (self->status_label, status);

  for (guint i = 0; report != NULL && !busy && i < report->findings->len; i++)
    {
      const OtasukeSiteFinding *finding = g_ptr_array_index (report->findings, i);
      /* Translators: a finding of the website check: "Fix now: The certificate …" */
      g_autofree char *text = g_strdup_printf (C_("site finding", "%s: %s"),
                                               severity_label (finding->severity), finding->text);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      /* Copied with the mouse; Tab does not stop on (and select) it: not
       * focusable, and can-focus off too, or GTK 4.8 keeps Tab on it. */
      gtk_widget_set_focusable (label, FALSE);
      gtk_widget_set_can_focus (label, FALSE);
      gtk_box_append (self->findings_box, label);
    }
}

static void
on_report_changed (OtasukeSiteLookup *self)
{
  if (!self->filled && otasuke_site_monitor_get_loaded (self->monitor))
    {
      const char *website = otasuke_site_monitor_get_website (self->monitor);
      const char *mail = otasuke_site_monitor_get_mail_domain (self->monitor);

      self->filled = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->website_row), website != NULL ? website : "");
      gtk_editable_set_text (GTK_EDITABLE (self->mail_row), mail != NULL ? mail : "");
    }
  update (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_domains_error (OtasukeSiteLookup *self,
                  const char        *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  update (self);
}

static void
on_apply (OtasukeSiteLookup *self)
{
  if (self->monitor == NULL)
    return;

  g_clear_pointer (&self->error, g_free);
  /* What was typed stays in the rows whatever happens. */
  otasuke_site_monitor_set_domains (self->monitor,
                                    gtk_editable_get_text (GTK_EDITABLE (self->website_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->mail_row)));
  update (self);
}

static void
on_check_clicked (OtasukeSiteLookup *self)
{
  if (self->monitor == NULL)
    return;

  g_clear_pointer (&self->error, g_free);
  otasuke_site_monitor_refresh (self->monitor, TRUE);
  update (self);
}

void
otasuke_site_lookup_set_monitor (OtasukeSiteLookup  *self,
                                 OtasukeSiteMonitor *monitor)
{
  g_return_if_fail (OTASUKE_IS_SITE_LOOKUP (self));

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_set_object (&self->monitor, monitor);
  if (monitor == NULL)
    return;

  g_signal_connect_object (monitor, "report-changed", G_CALLBACK (on_report_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (monitor, "domains-error", G_CALLBACK (on_domains_error), self,
                           G_CONNECT_SWAPPED);
  if (otasuke_site_monitor_get_loaded (monitor))
    on_report_changed (self);
  else
    update (self);
}

OtasukeSiteMonitor *
otasuke_site_lookup_get_monitor (OtasukeSiteLookup *self)
{
  g_return_val_if_fail (OTASUKE_IS_SITE_LOOKUP (self), NULL);
  return self->monitor;
}

static void
otasuke_site_lookup_dispose (GObject *object)
{
  OtasukeSiteLookup *self = OTASUKE_SITE_LOOKUP (object);
  GtkWidget *child;

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  gtk_widget_dispose_template (GTK_WIDGET (self), OTASUKE_TYPE_SITE_LOOKUP);
  /* The template's root has no name to be cleared by. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (otasuke_site_lookup_parent_class)->dispose (object);
}

static void
otasuke_site_lookup_finalize (GObject *object)
{
  g_free (OTASUKE_SITE_LOOKUP (object)->error);
  G_OBJECT_CLASS (otasuke_site_lookup_parent_class)->finalize (object);
}

static void
otasuke_site_lookup_class_init (OtasukeSiteLookupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = otasuke_site_lookup_dispose;
  object_class->finalize = otasuke_site_lookup_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/jp/or/sakura_cci/Otasuke/otasuke-site-lookup.ui");
  gtk_widget_class_bind_template_child (widget_class, OtasukeSiteLookup, website_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSiteLookup, mail_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSiteLookup, check_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSiteLookup, status_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeSiteLookup, findings_box);
  gtk_widget_class_bind_template_callback (widget_class, on_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_check_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
otasuke_site_lookup_init (OtasukeSiteLookup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

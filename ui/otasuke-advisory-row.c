/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-advisory-row"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-advisory-row.h"

struct _OtasukeAdvisoryRow
{
  GtkWidget        parent_instance;

  OtasukeAdvisory *advisory;

  /* Template widgets */
  GtkWidget       *affects_box;
  GtkWidget       *content_box;
  GtkLabel        *date_label;
  GtkLabel        *severity_label;
  GtkLabel        *title_label;
  GtkWidget       *unread_dot;
};

G_DEFINE_FINAL_TYPE (OtasukeAdvisoryRow, otasuke_advisory_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ADVISORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const severity_classes[] = {
  [OTASUKE_SEVERITY_INFO] = "info",
  [OTASUKE_SEVERITY_LOW] = "low",
  [OTASUKE_SEVERITY_MEDIUM] = "medium",
  [OTASUKE_SEVERITY_HIGH] = "high",
  [OTASUKE_SEVERITY_CRITICAL] = "critical",
};

const char *
otasuke_advisory_row_severity_label (OtasukeSeverity severity)
{
  switch (severity)
    {
    case OTASUKE_SEVERITY_CRITICAL:
      return C_("severity", "Critical");
    case OTASUKE_SEVERITY_HIGH:
      return C_("severity", "High");
    case OTASUKE_SEVERITY_MEDIUM:
      return C_("severity", "Medium");
    case OTASUKE_SEVERITY_LOW:
      return C_("severity", "Low");
    case OTASUKE_SEVERITY_INFO:
    default:
      return C_("severity", "Info");
    }
}

const char *
otasuke_advisory_row_severity_css_class (OtasukeSeverity severity)
{
  if ((guint) severity >= G_N_ELEMENTS (severity_classes))
    return severity_classes[OTASUKE_SEVERITY_INFO];
  return severity_classes[severity];
}

const char *
otasuke_advisory_row_category_label (OtasukeCategory category)
{
  switch (category)
    {
    case OTASUKE_CATEGORY_BROWSER:
      return C_("category", "Browsers");
    case OTASUKE_CATEGORY_ROUTER:
      return C_("category", "Routers");
    case OTASUKE_CATEGORY_OS:
      return C_("category", "Operating systems");
    case OTASUKE_CATEGORY_MALWARE:
      return C_("category", "Malware");
    case OTASUKE_CATEGORY_INCIDENT:
      return C_("category", "Incidents");
    case OTASUKE_CATEGORY_DOMAIN:
      return C_("category", "Domains");
    case OTASUKE_CATEGORY_GENERAL:
    default:
      return C_("category", "General");
    }
}

char *
otasuke_advisory_row_format_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) date = NULL;

  if (unix_seconds <= 0)
    return NULL;

  date = g_date_time_new_from_unix_local (unix_seconds);
  if (date == NULL)
    return NULL;

  /* Translators: a date without the time, strftime format; use your language's usual order */
  return g_date_time_format (date, C_("date", "%-d %B %Y"));
}

static void
update_read (OtasukeAdvisoryRow *self)
{
  gboolean unread = self->advisory != NULL && !otasuke_advisory_get_read (self->advisory);

  /* Hidden by opacity, so titles stay aligned whether read or not. */
  gtk_widget_set_opacity (self->unread_dot, unread ? 1.0 : 0.0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, unread ? _("Unread") : "",
                                  -1);
  if (unread)
    gtk_widget_add_css_class (GTK_WIDGET (self), "unread");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "unread");
}

static void
update_affects (OtasukeAdvisoryRow *self)
{
  gtk_widget_set_visible (self->affects_box,
                          self->advisory != NULL &&
                          otasuke_advisory_get_affects (self->advisory) == OTASUKE_AFFECTS_YES);
}

static void
update_severity (OtasukeAdvisoryRow *self)
{
  OtasukeSeverity severity = self->advisory != NULL ? otasuke_advisory_get_severity (self->advisory)
                                                    : OTASUKE_SEVERITY_INFO;

  for (guint i = 0; i < G_N_ELEMENTS (severity_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->severity_label), severity_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->severity_label),
                            otasuke_advisory_row_severity_css_class (severity));
  gtk_label_set_text (self->severity_label, otasuke_advisory_row_severity_label (severity));
}

void
otasuke_advisory_row_set_advisory (OtasukeAdvisoryRow *self,
                                   OtasukeAdvisory    *advisory)
{
  g_autofree char *date = NULL;

  g_return_if_fail (OTASUKE_IS_ADVISORY_ROW (self));
  g_return_if_fail (advisory == NULL || OTASUKE_IS_ADVISORY (advisory));

  if (self->advisory == advisory)
    return;

  if (self->advisory != NULL)
    g_signal_handlers_disconnect_by_data (self->advisory, self);
  g_set_object (&self->advisory, advisory);

  if (advisory != NULL)
    {
      g_signal_connect_object (advisory, "notify::read",
                               G_CALLBACK (update_read), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (advisory, "notify::affects",
                               G_CALLBACK (update_affects), self, G_CONNECT_SWAPPED);
      date = otasuke_advisory_row_format_date (otasuke_advisory_get_date (advisory));
    }

  gtk_label_set_text (self->title_label, advisory != NULL ? otasuke_advisory_get_title (advisory) : "");
  gtk_label_set_text (self->date_label, date != NULL ? date : "");
  update_severity (self);
  update_read (self);
  update_affects (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADVISORY]);
}

OtasukeAdvisory *
otasuke_advisory_row_get_advisory (OtasukeAdvisoryRow *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORY_ROW (self), NULL);

  return self->advisory;
}

static void
otasuke_advisory_row_dispose (GObject *object)
{
  OtasukeAdvisoryRow *self = OTASUKE_ADVISORY_ROW (object);

  if (self->advisory != NULL)
    g_signal_handlers_disconnect_by_data (self->advisory, self);
  g_clear_object (&self->advisory);
  gtk_widget_dispose_template (GTK_WIDGET (object), OTASUKE_TYPE_ADVISORY_ROW);

  G_OBJECT_CLASS (otasuke_advisory_row_parent_class)->dispose (object);
}

static void
otasuke_advisory_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  OtasukeAdvisoryRow *self = OTASUKE_ADVISORY_ROW (object);

  switch (prop_id)
    {
    case PROP_ADVISORY:
      g_value_set_object (value, self->advisory);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
otasuke_advisory_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  OtasukeAdvisoryRow *self = OTASUKE_ADVISORY_ROW (object);

  switch (prop_id)
    {
    case PROP_ADVISORY:
      otasuke_advisory_row_set_advisory (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
otasuke_advisory_row_class_init (OtasukeAdvisoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = otasuke_advisory_row_dispose;
  object_class->get_property = otasuke_advisory_row_get_property;
  object_class->set_property = otasuke_advisory_row_set_property;

  properties[PROP_ADVISORY] =
    g_param_spec_object ("advisory", NULL, NULL, OTASUKE_TYPE_ADVISORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/otasuke-advisory-row.ui");
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoryRow, affects_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoryRow, content_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoryRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoryRow, severity_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoryRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoryRow, unread_dot);
}

static void
otasuke_advisory_row_init (OtasukeAdvisoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_severity (self);
  update_read (self);
}

GtkWidget *
otasuke_advisory_row_new (void)
{
  return g_object_new (OTASUKE_TYPE_ADVISORY_ROW, NULL);
}

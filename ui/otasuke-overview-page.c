/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-overview-page.h"
#include "otasuke-time.h"

struct _OtasukeOverviewPage
{
  GtkWidget     parent_instance;

  /* Template widgets */
  GtkImage     *app_icon;
  AdwActionRow *last_check_row;
  AdwActionRow *last_feed_row;
  AdwActionRow *os_row;
  GtkWidget    *problem_box;
  GtkImage     *problem_icon;
  GtkLabel     *problem_label;
  GtkWidget    *scroller;
  AdwActionRow *store_row;
  AdwActionRow *version_row;
};

G_DEFINE_FINAL_TYPE (OtasukeOverviewPage, otasuke_overview_page, GTK_TYPE_WIDGET)

static void
otasuke_overview_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), OTASUKE_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (otasuke_overview_page_parent_class)->dispose (object);
}

static void
otasuke_overview_page_class_init (OtasukeOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = otasuke_overview_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/otasuke-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, app_icon);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, last_check_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, last_feed_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, os_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, problem_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, problem_icon);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, store_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukeOverviewPage, version_row);
}

static void
otasuke_overview_page_init (OtasukeOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_image_set_from_icon_name (self->app_icon, APPLICATION_ID);
}

void
otasuke_overview_page_set_os_info (OtasukeOverviewPage *self,
                                   const OtasukeOsInfo *info)
{
  g_autofree char *version = NULL;

  g_return_if_fail (OTASUKE_IS_OVERVIEW_PAGE (self));

  if (info == NULL)
    {
      adw_action_row_set_subtitle (self->os_row, _("Unknown"));
      adw_action_row_set_subtitle (self->version_row, _("Unknown"));
      return;
    }

  adw_action_row_set_subtitle (self->os_row, info->name);

  if (info->version != NULL || info->version_id != NULL)
    {
      const char *v = info->version != NULL ? info->version : info->version_id;

      if (info->architecture != NULL)
        /* Translators: operating system version and processor architecture, "12 (bookworm), x86_64" */
        version = g_strdup_printf (_("%s, %s"), v, info->architecture);
      else
        version = g_strdup (v);
    }
  else
    version = g_strdup (_("Unknown"));

  adw_action_row_set_subtitle (self->version_row, version);
}

void
otasuke_overview_page_set_summary (OtasukeOverviewPage       *self,
                                   const OtasukeStoreSummary *summary)
{
  g_autofree char *last_check = NULL;
  g_autofree char *last_feed = NULL;

  g_return_if_fail (OTASUKE_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (summary != NULL);

  last_check = otasuke_time_format (summary->last_check_at, NULL);
  if (summary->last_check_at > 0 && summary->last_check_score >= 0)
    {
      g_autofree char *with_score =
        /* Translators: when the last check happened, and its score out of 100 */
        g_strdup_printf (_("%s — score %d of 100"), last_check, summary->last_check_score);

      g_free (last_check);
      last_check = g_steal_pointer (&with_score);
    }
  last_feed = otasuke_time_format (summary->last_feed_success_at, NULL);

  adw_action_row_set_subtitle (self->last_check_row, last_check);
  adw_action_row_set_subtitle (self->last_feed_row, last_feed);
}

void
otasuke_overview_page_set_store_path (OtasukeOverviewPage *self,
                                      const char          *path)
{
  g_return_if_fail (OTASUKE_IS_OVERVIEW_PAGE (self));

  if (path != NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      adw_action_row_set_subtitle (self->store_row, display);
    }
  else
    {
      adw_action_row_set_subtitle (self->store_row, _("Not available"));
      adw_action_row_set_subtitle (self->last_check_row, _("Unknown"));
      adw_action_row_set_subtitle (self->last_feed_row, _("Unknown"));
    }
}

void
otasuke_overview_page_set_problem (OtasukeOverviewPage *self,
                                   const char          *message,
                                   gboolean             is_error)
{
  g_return_if_fail (OTASUKE_IS_OVERVIEW_PAGE (self));

  gtk_widget_set_visible (self->problem_box, message != NULL);
  gtk_label_set_text (self->problem_label, message != NULL ? message : "");
  gtk_image_set_from_icon_name (self->problem_icon,
                                is_error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  if (is_error)
    {
      gtk_widget_add_css_class (self->problem_box, "error");
      gtk_widget_remove_css_class (self->problem_box, "warning");
    }
  else
    {
      gtk_widget_add_css_class (self->problem_box, "warning");
      gtk_widget_remove_css_class (self->problem_box, "error");
    }
}

const char *
otasuke_overview_page_get_problem (OtasukeOverviewPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_OVERVIEW_PAGE (self), NULL);

  if (!gtk_widget_get_visible (self->problem_box))
    return NULL;

  return gtk_label_get_text (self->problem_label);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-window"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-action-page.h"
#include "otasuke-advisories-page.h"
#include "otasuke-bench.h"
#include "otasuke-check-page.h"
#include "otasuke-history-page.h"
#include "otasuke-overview-page.h"
#include "otasuke-sheet-page.h"
#include "otasuke-window.h"

struct _OtasukeWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;

  /* Built the first time they are shown; NULL until then. */
  OtasukeActionPage    *action_page;
  OtasukeAdvisoriesPage *advisories_page;
  OtasukeCheckPage     *check_page;
  OtasukeHistoryPage   *history_page;
  OtasukeSheetPage     *sheet_page;

  gboolean              close_anyway;  /* the user chose to close without saving */

  /* Template widgets */
  AdwBin               *action_bin;
  AdwBin               *advisories_bin;
  AdwBin               *check_bin;
  AdwHeaderBar         *header_bar;
  AdwBin               *history_bin;
  OtasukeOverviewPage  *overview_page;
  GtkMenuButton        *primary_menu_button;
  AdwBin               *sheet_bin;
  AdwViewStack         *stack;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewSwitcherTitle *switcher_title;
};

G_DEFINE_FINAL_TYPE (OtasukeWindow, otasuke_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_VISIBLE_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
summary_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(OtasukeWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  OtasukeStoreSummary summary;

  if (!otasuke_store_get_summary_finish (OTASUKE_STORE (object), result, &summary, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        otasuke_overview_page_set_problem (self->overview_page, error->message, TRUE);
      return;
    }

  otasuke_overview_page_set_summary (self->overview_page, &summary);
}

static gboolean
unread_to_needs_attention (GBinding     *binding,
                           const GValue *from_value,
                           GValue       *to_value,
                           gpointer      user_data)
{
  g_value_set_boolean (to_value, g_value_get_uint (from_value) > 0);
  return TRUE;
}

/* The page switcher shows how many advisories are unread. */
static void
attach_advisories (OtasukeWindow     *self,
                   OtasukeAdvisories *advisories)
{
  AdwViewStackPage *page = adw_view_stack_get_page (self->stack, GTK_WIDGET (self->advisories_bin));

  if (advisories == NULL)
    return;

  g_object_bind_property (advisories, "n-unread", page, "badge-number", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (advisories, "n-unread", page, "needs-attention", G_BINDING_SYNC_CREATE,
                               unread_to_needs_attention, NULL, NULL, NULL);
}

/* Hands the application's data to the lazily built pages that exist. */
static void
connect_pages (OtasukeWindow *self)
{
  OtasukeApplication *app = OTASUKE_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (app == NULL || !otasuke_application_get_ready (app))
    return;

  if (self->advisories_page != NULL)
    otasuke_advisories_page_set_advisories (self->advisories_page, otasuke_application_get_advisories (app));
  if (self->check_page != NULL)
    otasuke_check_page_set_application (self->check_page, app);
  if (self->sheet_page != NULL)
    otasuke_sheet_page_set_sources (self->sheet_page, otasuke_application_get_store (app),
                                    otasuke_application_get_advisories (app),
                                    otasuke_application_get_os_info (app),
                                    otasuke_application_get_probe_service (app));
  if (self->history_page != NULL)
    otasuke_history_page_set_store (self->history_page, otasuke_application_get_store (app));
  if (self->action_page != NULL)
    otasuke_action_page_set_store (self->action_page, otasuke_application_get_store (app));
}

static void
ensure_page (OtasukeWindow *self,
             const char    *name)
{
  AdwBin *bin = NULL;
  GtkWidget *page = NULL;

  if (g_strcmp0 (name, "advisories") == 0 && self->advisories_page == NULL)
    {
      self->advisories_page = g_object_new (OTASUKE_TYPE_ADVISORIES_PAGE, NULL);
      page = GTK_WIDGET (self->advisories_page);
      bin = self->advisories_bin;
    }
  else if (g_strcmp0 (name, "check") == 0 && self->check_page == NULL)
    {
      self->check_page = g_object_new (OTASUKE_TYPE_CHECK_PAGE, NULL);
      page = GTK_WIDGET (self->check_page);
      bin = self->check_bin;
    }
  else if (g_strcmp0 (name, "history") == 0 && self->history_page == NULL)
    {
      self->history_page = g_object_new (OTASUKE_TYPE_HISTORY_PAGE, NULL);
      page = GTK_WIDGET (self->history_page);
      bin = self->history_bin;
    }
  else if (g_strcmp0 (name, "action") == 0 && self->action_page == NULL)
    {
      self->action_page = g_object_new (OTASUKE_TYPE_ACTION_PAGE, NULL);
      page = GTK_WIDGET (self->action_page);
      bin = self->action_bin;
    }
  else if (g_strcmp0 (name, "sheet") == 0 && self->sheet_page == NULL)
    {
      self->sheet_page = g_object_new (OTASUKE_TYPE_SHEET_PAGE, NULL);
      page = GTK_WIDGET (self->sheet_page);
      bin = self->sheet_bin;
    }

  if (page == NULL)
    return;

  adw_bin_set_child (bin, page);
  connect_pages (self);
}

static void
update_from_application (OtasukeWindow *self)
{
  OtasukeApplication *app = OTASUKE_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  OtasukeStore *store;
  const GError *store_error;

  if (app == NULL || !otasuke_application_get_ready (app))
    return;

  otasuke_overview_page_set_os_info (self->overview_page, otasuke_application_get_os_info (app));
  otasuke_overview_page_set_probe_service (self->overview_page, otasuke_application_get_probe_service (app));
  attach_advisories (self, otasuke_application_get_advisories (app));
  connect_pages (self);
  otasuke_overview_page_set_sources (self->overview_page, otasuke_application_get_store (app),
                                     otasuke_application_get_advisories (app));

  store = otasuke_application_get_store (app);
  store_error = otasuke_application_get_store_error (app);

  if (store == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("Your check history cannot be saved on this computer. %s"),
                         store_error != NULL ? store_error->message : "");

      otasuke_overview_page_set_problem (self->overview_page, message, TRUE);
      otasuke_overview_page_set_store_path (self->overview_page, NULL);
      return;
    }

  otasuke_overview_page_set_store_path (self->overview_page, otasuke_store_get_path (store));
  /* A history that can only be read is said on Home: nothing will be saved. */
  if (otasuke_store_get_read_only_reason (store) != NULL)
    otasuke_overview_page_set_problem (self->overview_page,
                                       otasuke_store_get_read_only_reason (store), TRUE);
  else if (otasuke_store_get_recovery_reason (store) != NULL)
    otasuke_overview_page_set_problem (self->overview_page,
                                       otasuke_store_get_recovery_reason (store), FALSE);

  otasuke_store_get_summary_async (store, self->cancellable, summary_cb, g_object_ref (self));
}

/* What the pages have not saved yet is saved before the window goes. */
static gboolean
save_pending (OtasukeWindow  *self,
              GError        **error)
{
  if (self->check_page != NULL && !otasuke_check_page_save_pending (self->check_page, error))
    return FALSE;
  if (self->action_page != NULL && !otasuke_action_page_save_pending (self->action_page, error))
    return FALSE;
  if (self->sheet_page != NULL && !otasuke_sheet_page_save_pending (self->sheet_page, error))
    return FALSE;
  return TRUE;
}

static void
not_saved_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       OtasukeWindow    *self)
{
  if (!g_str_equal (response, "close"))
    return;
  self->close_anyway = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
otasuke_window_close_request (GtkWindow *window)
{
  OtasukeWindow *self = OTASUKE_WINDOW (window);
  g_autoptr(GError) error = NULL;
  int width, height;

  /* A failed save is said, and the window stays until the user decides. */
  if (!self->close_anyway && !save_pending (self, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (window, _("Your Changes Could Not Be Saved"), NULL);

      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("%s\n\nIf you close the window now, they are lost."), error->message);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "keep", _("_Keep the Window Open"),
                                        "close", _("_Close Anyway"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
      g_signal_connect_object (dialog, "response", G_CALLBACK (not_saved_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  if (self->settings == NULL)
    return GTK_WINDOW_CLASS (otasuke_window_parent_class)->close_request (window);

  gtk_window_get_default_size (window, &width, &height);
  g_debug ("Saving window size %d×%d", width, height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  return GTK_WINDOW_CLASS (otasuke_window_parent_class)->close_request (window);
}

/* The shortcuts window is built the first time it is asked for, not with
 * every window as GtkApplication does with gtk/help-overlay.ui: the first
 * frame stays cheap. Once set, GtkApplicationWindow's own
 * win.show-help-overlay shows it with the accelerators filled in. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);

  if (gtk_application_window_get_help_overlay (window) == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource (RESOURCE_PREFIX "/otasuke-shortcuts-window.ui");

      gtk_application_window_set_help_overlay (window,
                                               GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
    }

  gtk_widget_activate_action (widget, "win.show-help-overlay", NULL);
}

/* GtkWindow:application is not a construct property, so this runs after g_object_new(). */
static void
otasuke_window_attach (OtasukeWindow      *self,
                       OtasukeApplication *app)
{
  self->settings = g_object_ref (otasuke_application_get_settings (app));
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (app, "notify::ready",
                           G_CALLBACK (update_from_application), self, G_CONNECT_SWAPPED);
  update_from_application (self);

  otasuke_bench_watch_first_frame (GTK_WINDOW (self));
}

static void
otasuke_window_dispose (GObject *object)
{
  OtasukeWindow *self = OTASUKE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), OTASUKE_TYPE_WINDOW);
  /* The pages went with their bins. */
  self->advisories_page = NULL;
  self->check_page = NULL;
  self->history_page = NULL;
  self->sheet_page = NULL;

  G_OBJECT_CLASS (otasuke_window_parent_class)->dispose (object);
}

static void
otasuke_window_finalize (GObject *object)
{
  OtasukeWindow *self = OTASUKE_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (otasuke_window_parent_class)->finalize (object);
}

static void
otasuke_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OtasukeWindow *self = OTASUKE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VISIBLE_PAGE:
      /* Buttons in the template that target win.page ask for it while the template is built. */
      g_value_set_string (value, self->stack != NULL ? otasuke_window_get_visible_page (self) : "overview");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
otasuke_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  OtasukeWindow *self = OTASUKE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VISIBLE_PAGE:
      otasuke_window_set_visible_page (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
otasuke_window_class_init (OtasukeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = otasuke_window_dispose;
  object_class->finalize = otasuke_window_finalize;
  object_class->get_property = otasuke_window_get_property;
  object_class->set_property = otasuke_window_set_property;

  window_class->close_request = otasuke_window_close_request;

  /* The page on show: "overview", "check", "advisories", "history" or "sheet". */
  properties[PROP_VISIBLE_PAGE] =
    g_param_spec_string ("visible-page", NULL, NULL, "overview",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (OTASUKE_TYPE_OVERVIEW_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/otasuke-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OtasukeWindow, action_bin);
  gtk_widget_class_bind_template_child (widget_class, OtasukeWindow, advisories_bin);
  gtk_widget_class_bind_template_child (widget_class, OtasukeWindow, check_bin);
  gtk_widget_class_bind_template_child (widget_class, OtasukeWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, OtasukeWindow, history_bin);
  gtk_widget_class_bind_template_child (widget_class, OtasukeWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, OtasukeWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeWindow, sheet_bin);
  gtk_widget_class_bind_template_child (widget_class, OtasukeWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, OtasukeWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, OtasukeWindow, switcher_title);

  /* win.page::NAME — a stateful action, so menus and shortcuts show the current page. */
  gtk_widget_class_install_property_action (widget_class, "win.page", "visible-page");
  gtk_widget_class_install_action (widget_class, "window.show-shortcuts", NULL, show_shortcuts_action);
}

static void
on_stack_visible_child_changed (OtasukeWindow *self)
{
  OtasukeApplication *app = OTASUKE_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  ensure_page (self, otasuke_window_get_visible_page (self));

  /* A check finished on the Check page shows on the Overview when it comes
   * back: the page reloads its score when mapped, the window the summary rows. */
  if (app != NULL && otasuke_application_get_store (app) != NULL &&
      g_strcmp0 (otasuke_window_get_visible_page (self), "overview") == 0)
    otasuke_store_get_summary_async (otasuke_application_get_store (app), self->cancellable,
                                     summary_cb, g_object_ref (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_PAGE]);
}

static void
otasuke_window_init (OtasukeWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (on_stack_visible_child_changed), self, G_CONNECT_SWAPPED);
}

OtasukeWindow *
otasuke_window_new (OtasukeApplication *application)
{
  g_return_val_if_fail (OTASUKE_IS_APPLICATION (application), NULL);

  OtasukeWindow *self = g_object_new (OTASUKE_TYPE_WINDOW, "application", application, NULL);

  otasuke_window_attach (self, application);

  return self;
}

const char *
otasuke_window_get_visible_page (OtasukeWindow *self)
{
  g_return_val_if_fail (OTASUKE_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

void
otasuke_window_set_visible_page (OtasukeWindow *self,
                                 const char    *page)
{
  g_return_if_fail (OTASUKE_IS_WINDOW (self));

  if (page == NULL || adw_view_stack_get_child_by_name (self->stack, page) == NULL)
    {
      g_warning ("No page called “%s”", page ? page : "(null)");
      return;
    }

  adw_view_stack_set_visible_child_name (self->stack, page);
}

gboolean
otasuke_window_show_advisory (OtasukeWindow *self,
                              const char    *id)
{
  g_return_val_if_fail (OTASUKE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  adw_view_stack_set_visible_child_name (self->stack, "advisories");
  ensure_page (self, "advisories");
  return otasuke_advisories_page_show_advisory (self->advisories_page, id);
}

/* The page called @name ("overview", "check", "advisories", "history",
 * "sheet"), built now if it has not been shown yet. */
GtkWidget *
otasuke_window_get_page (OtasukeWindow *self,
                         const char    *name)
{
  g_return_val_if_fail (OTASUKE_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  ensure_page (self, name);
  if (g_str_equal (name, "overview"))
    return GTK_WIDGET (self->overview_page);
  if (g_str_equal (name, "advisories"))
    return GTK_WIDGET (self->advisories_page);
  if (g_str_equal (name, "check"))
    return GTK_WIDGET (self->check_page);
  if (g_str_equal (name, "history"))
    return GTK_WIDGET (self->history_page);
  if (g_str_equal (name, "sheet"))
    return GTK_WIDGET (self->sheet_page);
  if (g_str_equal (name, "action"))
    return GTK_WIDGET (self->action_page);
  return NULL;
}

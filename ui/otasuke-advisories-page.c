/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-advisories-page"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-advisories-page.h"
#include "otasuke-advisory-row.h"
#include "otasuke-launch.h"
#include "otasuke-text.h"
#include "otasuke-time.h"
#include "otasuke-url.h"

struct _OtasukeAdvisoriesPage
{
  GtkWidget           parent_instance;

  OtasukeAdvisories  *advisories;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSingleSelection *selection;
  OtasukeAdvisory    *shown;     /* in the detail pane, or NULL */
  gboolean            attached;  /* set_advisories() has been called */

  /* Template widgets */
  GtkWidget          *affects_box;
  GtkLabel           *affects_heading;
  GtkImage           *affects_icon;
  GtkLabel           *affects_label;
  GtkWidget          *back_button;
  GtkWidget          *banner_box;
  GtkWidget          *bundled_box;
  GtkWidget          *no_key_box;
  GtkDropDown        *category_dropdown;
  GtkWidget          *check_button;
  GtkStack           *check_icon_stack;
  GtkLabel           *check_label;
  GtkSpinner         *check_spinner;
  GtkLabel           *content_label;
  GtkLabel           *detail_category_label;
  GtkLabel           *detail_date_label;
  GtkWidget          *detail_scroller;
  GtkLabel           *detail_severity_label;
  GtkStack           *detail_stack;
  GtkLabel           *detail_title_label;
  GtkWidget          *error_box;
  GtkLabel           *error_label;
  GtkLabel           *error_time_label;
  AdwLeaflet         *leaflet;
  GtkWidget          *link_button;
  AdwButtonContent   *link_content;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkStack           *main_stack;
  GtkWidget          *mark_all_read_button;
  GtkWidget          *stale_box;
};

G_DEFINE_FINAL_TYPE (OtasukeAdvisoriesPage, otasuke_advisories_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ADVISORIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const affects_classes[] = { "yes", "no", "unknown" };

static void
otasuke_advisories_page_actions_update (OtasukeAdvisoriesPage *self)
{
  gboolean busy = self->advisories != NULL && otasuke_advisories_get_busy (self->advisories);
  g_autoptr(GUri) link = NULL;

  if (self->shown != NULL)
    link = otasuke_url_parse_link (otasuke_advisory_get_url (self->shown), NULL, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "advisories.mark-all-read",
                                 self->advisories != NULL &&
                                 otasuke_advisories_get_n_unread (self->advisories) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "advisories.open-link", link != NULL);

  /* The button runs app.fetch-feed; one check at a time is enough, and
   * without a trusted key there is nothing it could accept. */
  gtk_widget_set_sensitive (self->check_button, self->advisories != NULL && !busy &&
                                                otasuke_advisories_get_can_update (self->advisories));
  gtk_stack_set_visible_child_name (self->check_icon_stack, busy ? "busy" : "icon");
  gtk_spinner_set_spinning (self->check_spinner, busy);
  gtk_label_set_text (self->check_label, busy ? _("Checking…") : _("Check Now"));
}

static void
update_banners (OtasukeAdvisoriesPage *self)
{
  OtasukeAdvisories *advisories = self->advisories;
  const char *error = advisories != NULL ? otasuke_advisories_get_last_error (advisories) : NULL;
  gboolean loaded = advisories != NULL && otasuke_advisories_get_loaded (advisories);
  gboolean show_error = loaded && error != NULL && error[0] != '\0';
  gboolean show_stale = loaded && otasuke_advisories_get_stale (advisories);
  gboolean show_no_key = loaded && !otasuke_advisories_get_can_update (advisories);
  gboolean show_bundled = loaded && !show_no_key && otasuke_advisories_get_bundled (advisories);

  if (show_error)
    {
      g_autofree char *when = otasuke_time_format (otasuke_advisories_get_last_error_at (advisories), NULL);
      /* Translators: when the failed attempt to get advisories happened, "Today at 09:30" */
      g_autofree char *attempt = g_strdup_printf (_("Last attempt: %s"), when);

      gtk_label_set_text (self->error_label, error);
      gtk_label_set_text (self->error_time_label, attempt);
    }

  gtk_widget_set_visible (self->error_box, show_error);
  gtk_widget_set_visible (self->stale_box, show_stale);
  gtk_widget_set_visible (self->bundled_box, show_bundled);
  gtk_widget_set_visible (self->no_key_box, show_no_key);
  gtk_widget_set_visible (self->banner_box, show_error || show_stale || show_bundled || show_no_key);
}

static void
update_list_state (OtasukeAdvisoriesPage *self)
{
  const char *name = "list";

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    {
      if (self->advisories == NULL ||
          g_list_model_get_n_items (otasuke_advisories_get_model (self->advisories)) == 0)
        name = "empty";
      else
        name = "empty-category";
    }

  gtk_stack_set_visible_child_name (self->list_stack, name);
}

static void
update_state (OtasukeAdvisoriesPage *self)
{
  const char *name;

  if (self->advisories == NULL)
    name = self->attached ? "unavailable" : "loading";
  else if (!otasuke_advisories_get_loaded (self->advisories))
    name = "loading";
  else
    name = "advisories";

  gtk_stack_set_visible_child_name (self->main_stack, name);
  update_banners (self);
  update_list_state (self);
  otasuke_advisories_page_actions_update (self);
}

static void
update_affects (OtasukeAdvisoriesPage *self)
{
  const OtasukeFeedItem *item;
  OtasukeAffects affects;
  const char *reason;
  const char *css_class;
  const char *icon;

  if (self->shown == NULL)
    return;

  item = otasuke_advisory_get_item (self->shown);
  affects = otasuke_advisory_get_affects (self->shown);
  reason = otasuke_advisory_get_affects_reason (self->shown);

  /* Advisories without machine-readable checks say nothing about this computer. */
  if (item->checks == NULL || item->checks->len == 0 ||
      (affects != OTASUKE_AFFECTS_YES && (reason == NULL || reason[0] == '\0')))
    {
      gtk_widget_set_visible (self->affects_box, FALSE);
      return;
    }

  switch (affects)
    {
    case OTASUKE_AFFECTS_YES:
      css_class = "yes";
      icon = "dialog-warning-symbolic";
      break;
    case OTASUKE_AFFECTS_NO:
      css_class = "no";
      icon = "emblem-ok-symbolic";
      break;
    case OTASUKE_AFFECTS_UNKNOWN:
    default:
      css_class = "unknown";
      icon = "dialog-question-symbolic";
      break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (affects_classes); i++)
    gtk_widget_remove_css_class (self->affects_box, affects_classes[i]);
  gtk_widget_add_css_class (self->affects_box, css_class);
  gtk_image_set_from_icon_name (self->affects_icon, icon);
  gtk_widget_set_visible (GTK_WIDGET (self->affects_heading), affects == OTASUKE_AFFECTS_YES);
  gtk_label_set_text (self->affects_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->affects_label), reason != NULL && reason[0] != '\0');
  gtk_widget_set_visible (self->affects_box, TRUE);
}

static char *
format_dates (OtasukeAdvisory *advisory)
{
  const OtasukeFeedItem *item = otasuke_advisory_get_item (advisory);
  g_autofree char *published = otasuke_advisory_row_format_date (item->date_published);
  g_autofree char *modified = otasuke_advisory_row_format_date (item->date_modified);
  g_autofree char *seen = NULL;

  if (published != NULL && modified != NULL && g_strcmp0 (published, modified) != 0)
    /* Translators: dates an advisory was published and last changed */
    return g_strdup_printf (_("Published %s, updated %s"), published, modified);
  if (published != NULL)
    /* Translators: the date an advisory was published */
    return g_strdup_printf (_("Published %s"), published);
  if (modified != NULL)
    /* Translators: the date an advisory was last changed */
    return g_strdup_printf (_("Updated %s"), modified);

  seen = otasuke_advisory_row_format_date (otasuke_advisory_get_first_seen (advisory));
  if (seen != NULL)
    /* Translators: the date Otasuke first received an advisory without a date of its own */
    return g_strdup_printf (_("Received %s"), seen);
  return NULL;
}

static void
show_detail (OtasukeAdvisoriesPage *self,
             OtasukeAdvisory       *advisory)
{
  g_autofree char *dates = NULL;
  g_autofree char *host = NULL;
  g_autoptr(GUri) link = NULL;
  GtkAdjustment *vadjustment;
  OtasukeSeverity severity;
  const char *content;

  if (self->shown != advisory)
    {
      if (self->shown != NULL)
        g_signal_handlers_disconnect_by_data (self->shown, self);
      g_set_object (&self->shown, advisory);
      if (advisory != NULL)
        g_signal_connect_object (advisory, "notify::affects",
                                 G_CALLBACK (update_affects), self, G_CONNECT_SWAPPED);

      vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->detail_scroller));
      gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));
    }

  if (advisory == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      otasuke_advisories_page_actions_update (self);
      return;
    }

  severity = otasuke_advisory_get_severity (advisory);
  for (guint i = OTASUKE_SEVERITY_INFO; i <= OTASUKE_SEVERITY_CRITICAL; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->detail_severity_label),
                                 otasuke_advisory_row_severity_css_class (i));
  gtk_widget_add_css_class (GTK_WIDGET (self->detail_severity_label),
                            otasuke_advisory_row_severity_css_class (severity));
  gtk_label_set_text (self->detail_severity_label, otasuke_advisory_row_severity_label (severity));
  gtk_label_set_text (self->detail_category_label,
                      otasuke_advisory_row_category_label (otasuke_advisory_get_category (advisory)));
  gtk_label_set_text (self->detail_title_label, otasuke_advisory_get_title (advisory));

  dates = format_dates (advisory);
  gtk_label_set_text (self->detail_date_label, dates != NULL ? dates : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_date_label), dates != NULL);

  update_affects (self);

  /* Outside data: always plain text, whatever it looks like. */
  content = otasuke_advisory_get_content (advisory);
  if (content == NULL || content[0] == '\0')
    content = otasuke_advisory_get_item (advisory)->summary;
  gtk_label_set_use_markup (self->content_label, FALSE);
  gtk_label_set_text (self->content_label, content != NULL ? content : "");

  link = otasuke_url_parse_link (otasuke_advisory_get_url (advisory), &host, NULL);
  if (link != NULL)
    {
      /* Translators: a button that opens a web page; %s is the site's real host name, "www.buffalo.jp" */
      g_autofree char *label = g_strdup_printf (_("Open %s"), host);

      adw_button_content_set_label (self->link_content, label);
    }
  gtk_widget_set_visible (self->link_button, link != NULL);

  gtk_stack_set_visible_child_name (self->detail_stack, "advisory");
  otasuke_advisories_page_actions_update (self);
}

static guint
find_position (OtasukeAdvisoriesPage *self,
               OtasukeAdvisory       *advisory)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(OtasukeAdvisory) item = g_list_model_get_item (model, i);

      if (item == advisory)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Keeps the list's selection on the advisory in the detail pane, when the
 * list shows it. */
static void
select_shown (OtasukeAdvisoriesPage *self)
{
  guint position;

  if (self->shown == NULL)
    return;

  position = find_position (self, self->shown);
  if (position != GTK_INVALID_LIST_POSITION &&
      position != gtk_single_selection_get_selected (self->selection))
    gtk_single_selection_set_selected (self->selection, position);
}

static void
show_detail_pane (OtasukeAdvisoriesPage *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
on_selected_item_changed (OtasukeAdvisoriesPage *self)
{
  OtasukeAdvisory *advisory = gtk_single_selection_get_selected_item (self->selection);

  /* Nothing selected: the category changed or the list was reloaded; the
   * detail pane keeps what it shows. */
  if (advisory == NULL)
    return;

  show_detail (self, advisory);
  if (self->advisories != NULL)
    otasuke_advisories_set_read (self->advisories, advisory, TRUE);

  /* Side by side, the leaflet shows the detail when it folds; folded, arrow
   * keys move through the list without leaving it. */
  if (!adw_leaflet_get_folded (self->leaflet))
    show_detail_pane (self);
}

static void
on_list_activate (OtasukeAdvisoriesPage *self,
                  guint                  position)
{
  gtk_single_selection_set_selected (self->selection, position);
  show_detail_pane (self);
  if (adw_leaflet_get_folded (self->leaflet))
    gtk_widget_grab_focus (self->back_button);
}

static void
on_row_released (OtasukeAdvisoriesPage *self)
{
  show_detail_pane (self);
}

/* The list was reloaded from the store: the advisories are new objects. */
static void
on_advisories_items_changed (OtasukeAdvisoriesPage *self)
{
  OtasukeAdvisory *replacement = NULL;

  if (self->shown != NULL && self->advisories != NULL)
    replacement = otasuke_advisories_lookup (self->advisories, otasuke_advisory_get_id (self->shown));

  show_detail (self, replacement);
  select_shown (self);
  update_list_state (self);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  OtasukeAdvisoriesPage *self = user_data;
  guint selected;

  if (self->category_dropdown == NULL)  /* disposing */
    return TRUE;

  selected = gtk_drop_down_get_selected (self->category_dropdown);

  /* The drop-down lists "All", then the categories in OtasukeCategory order. */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return TRUE;

  return otasuke_advisory_get_category (item) == (OtasukeCategory) (selected - 1);
}

static void
on_category_changed (OtasukeAdvisoriesPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  select_shown (self);
  update_list_state (self);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           OtasukeAdvisoriesPage    *self)
{
  GtkWidget *row = otasuke_advisory_row_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  /* A click selects (GtkListView does that); folded, it also opens the detail. */
  g_signal_connect_object (click, "released", G_CALLBACK (on_row_released), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          OtasukeAdvisoriesPage    *self)
{
  otasuke_advisory_row_set_advisory (OTASUKE_ADVISORY_ROW (gtk_list_item_get_child (list_item)),
                                     gtk_list_item_get_item (list_item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            OtasukeAdvisoriesPage    *self)
{
  otasuke_advisory_row_set_advisory (OTASUKE_ADVISORY_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
mark_all_read_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  OtasukeAdvisoriesPage *self = OTASUKE_ADVISORIES_PAGE (widget);

  if (self->advisories != NULL)
    otasuke_advisories_mark_all_read (self->advisories);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OtasukeAdvisoriesPage *self = OTASUKE_ADVISORIES_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
link_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  const char *uri = g_object_get_data (G_OBJECT (dialog), "otasuke-uri");
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_strcmp0 (response, "open") != 0 || uri == NULL)
    return;

  /* The one link policy (app/otasuke-url.c), once more right before the
   * browser gets it. */
  otasuke_launch_uri (parent, uri);
}

static void
open_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  OtasukeAdvisoriesPage *self = OTASUKE_ADVISORIES_PAGE (widget);
  g_autofree char *host = NULL;
  g_autofree char *uri_string = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GUri) uri = NULL;
  GtkRoot *root;
  GtkWidget *dialog;

  if (self->shown == NULL)
    return;

  /* Checked again now: only http and https, and only with a host people can read. */
  uri = otasuke_url_parse_link (otasuke_advisory_get_url (self->shown), &host, NULL);
  if (uri == NULL)
    return;
  uri_string = g_uri_to_string (uri);

  /* Translators: the title of a question before a web page opens; %s is the site's host name */
  heading = g_strdup_printf (_("Open %s?"), host);
  /* Translators: %s is the full web address */
  body = g_strdup_printf (_("Your web browser will open this address:\n%s"), uri_string);

  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open in Browser"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "otasuke-uri", g_steal_pointer (&uri_string), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (link_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
otasuke_advisories_page_set_advisories (OtasukeAdvisoriesPage *self,
                                        OtasukeAdvisories     *advisories)
{
  g_return_if_fail (OTASUKE_IS_ADVISORIES_PAGE (self));
  g_return_if_fail (advisories == NULL || OTASUKE_IS_ADVISORIES (advisories));

  self->attached = TRUE;

  if (self->advisories != advisories)
    {
      if (self->advisories != NULL)
        {
          g_signal_handlers_disconnect_by_data (otasuke_advisories_get_model (self->advisories), self);
          g_signal_handlers_disconnect_by_data (self->advisories, self);
        }

      show_detail (self, NULL);
      g_set_object (&self->advisories, advisories);
      gtk_filter_list_model_set_model (self->filter_model,
                                       advisories != NULL ? otasuke_advisories_get_model (advisories) : NULL);

      if (advisories != NULL)
        {
          static const char * const watched[] = {
            "notify::n-unread", "notify::busy", "notify::loaded", "notify::bundled",
            "notify::stale", "notify::last-error", "notify::last-error-at", "notify::can-update",
          };

          for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
            g_signal_connect_object (advisories, watched[i], G_CALLBACK (update_state), self,
                                     G_CONNECT_SWAPPED);
          /* After the filter model has seen the change. */
          g_signal_connect_object (otasuke_advisories_get_model (advisories), "items-changed",
                                   G_CALLBACK (on_advisories_items_changed), self,
                                   G_CONNECT_SWAPPED | G_CONNECT_AFTER);
        }

      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADVISORIES]);
    }

  update_state (self);
}

OtasukeAdvisories *
otasuke_advisories_page_get_advisories (OtasukeAdvisoriesPage *self)
{
  g_return_val_if_fail (OTASUKE_IS_ADVISORIES_PAGE (self), NULL);

  return self->advisories;
}

gboolean
otasuke_advisories_page_show_advisory (OtasukeAdvisoriesPage *self,
                                       const char            *id)
{
  OtasukeAdvisory *advisory;
  guint position;

  g_return_val_if_fail (OTASUKE_IS_ADVISORIES_PAGE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (self->advisories == NULL)
    return FALSE;

  advisory = otasuke_advisories_lookup (self->advisories, id);
  if (advisory == NULL)
    return FALSE;

  position = find_position (self, advisory);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      /* Hidden by the category filter: show them all. */
      gtk_drop_down_set_selected (self->category_dropdown, 0);
      position = find_position (self, advisory);
    }
  g_assert (position != GTK_INVALID_LIST_POSITION);

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  show_detail_pane (self);

  return TRUE;
}

static void
otasuke_advisories_page_dispose (GObject *object)
{
  OtasukeAdvisoriesPage *self = OTASUKE_ADVISORIES_PAGE (object);

  if (self->advisories != NULL)
    {
      g_signal_handlers_disconnect_by_data (otasuke_advisories_get_model (self->advisories), self);
      g_signal_handlers_disconnect_by_data (self->advisories, self);
    }
  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_data (self->shown, self);

  gtk_widget_dispose_template (GTK_WIDGET (object), OTASUKE_TYPE_ADVISORIES_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->shown);
  g_clear_object (&self->advisories);

  G_OBJECT_CLASS (otasuke_advisories_page_parent_class)->dispose (object);
}

static void
otasuke_advisories_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  OtasukeAdvisoriesPage *self = OTASUKE_ADVISORIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_ADVISORIES:
      g_value_set_object (value, self->advisories);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
otasuke_advisories_page_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  OtasukeAdvisoriesPage *self = OTASUKE_ADVISORIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_ADVISORIES:
      otasuke_advisories_page_set_advisories (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
otasuke_advisories_page_class_init (OtasukeAdvisoriesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = otasuke_advisories_page_dispose;
  object_class->get_property = otasuke_advisories_page_get_property;
  object_class->set_property = otasuke_advisories_page_set_property;

  properties[PROP_ADVISORIES] =
    g_param_spec_object ("advisories", NULL, NULL, OTASUKE_TYPE_ADVISORIES,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (OTASUKE_TYPE_ADVISORY_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/otasuke-advisories-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, affects_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, affects_heading);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, affects_icon);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, affects_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, banner_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, bundled_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, no_key_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, check_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, check_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, check_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, check_spinner);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, content_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, detail_category_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, detail_date_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, detail_severity_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, detail_title_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, error_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, error_time_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, link_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, link_content);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, mark_all_read_button);
  gtk_widget_class_bind_template_child (widget_class, OtasukeAdvisoriesPage, stale_box);

  gtk_widget_class_install_action (widget_class, "advisories.mark-all-read", NULL, mark_all_read_action);
  gtk_widget_class_install_action (widget_class, "advisories.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "advisories.open-link", NULL, open_link_action);
}

static void
otasuke_advisories_page_init (OtasukeAdvisoriesPage *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selected_item_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (update_list_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "activate",
                           G_CALLBACK (on_list_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->category_dropdown, "notify::selected",
                           G_CALLBACK (on_category_changed), self, G_CONNECT_SWAPPED);

  update_state (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-welcome"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-autostart.h"
#include "otasuke-preferences-window.h"
#include "otasuke-welcome.h"

struct _OtasukeWelcome
{
  AdwWindow  parent_instance;

  GSettings *settings;
  GtkWindow *main_window;  /* weak */
  GtkSwitch *autostart_switch;
  GtkWidget *check_button;
  gboolean   syncing;
};

G_DEFINE_FINAL_TYPE (OtasukeWelcome, otasuke_welcome, ADW_TYPE_WINDOW)

/* As in Preferences (otasuke_preferences_set_autostart): the switch shows
 * whether the autostart entry is there, a change that fails is said and
 * undone, and the key follows what is true. */
static void
show_autostart_state (OtasukeWelcome *self)
{
  self->syncing = TRUE;
  gtk_switch_set_active (self->autostart_switch, otasuke_autostart_is_enabled (APPLICATION_ID));
  self->syncing = FALSE;
}

static void
on_autostart_toggled (OtasukeWelcome *self)
{
  if (self->syncing)
    return;
  otasuke_preferences_set_autostart (GTK_WINDOW (self), self->settings, gtk_switch_get_active (self->autostart_switch));
  show_autostart_state (self);
}

static void
on_check_clicked (OtasukeWelcome *self)
{
  if (self->main_window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->main_window), "win.page", "s", "check");
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_later_clicked (OtasukeWelcome *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static GtkWidget *
paragraph (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  return label;
}

static void
otasuke_welcome_dispose (GObject *object)
{
  OtasukeWelcome *self = OTASUKE_WELCOME (object);

  g_clear_weak_pointer (&self->main_window);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (otasuke_welcome_parent_class)->dispose (object);
}

static void
otasuke_welcome_class_init (OtasukeWelcomeClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = otasuke_welcome_dispose;
  /* Escape is the same as 「あとで」. */
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
otasuke_welcome_init (OtasukeWelcome *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *later;

  gtk_window_set_title (GTK_WINDOW (self), _("Welcome"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("Welcome"), NULL));
  gtk_box_append (GTK_BOX (toolbar), header);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), APPLICATION_ID);
  gtk_widget_add_css_class (status, "compact");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Welcome to Otasuke"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Otasuke helps a small business check its computers and network, step by step."));

  gtk_box_append (GTK_BOX (box),
                  paragraph (_("It asks IPA’s 25 questions for small businesses, looks at what it can on this "
                               "computer itself, tells you what to fix first, warns you of security advisories "
                               "that affect you and fills in a sheet to take to a consultation desk.")));
  gtk_box_append (GTK_BOX (box),
                  paragraph (_("Nothing leaves this computer: your answers and findings stay here. The only "
                               "thing downloaded is the Chamber of Commerce’s list of security advisories.")));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Start at login"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Otasuke waits in the background and tells you about important advisories."));
  self->autostart_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->autostart_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->autostart_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->autostart_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  gtk_box_append (GTK_BOX (box), group);

  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  later = gtk_button_new_with_mnemonic (_("_Later"));
  gtk_widget_add_css_class (later, "pill");
  self->check_button = gtk_button_new_with_mnemonic (_("_Run the First Check"));
  gtk_widget_add_css_class (self->check_button, "pill");
  gtk_widget_add_css_class (self->check_button, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), later);
  gtk_box_append (GTK_BOX (buttons), self->check_button);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 480);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), status);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (toolbar), scroller);
  /* The two buttons stay in sight, however small the window. */
  gtk_widget_set_margin_top (buttons, 12);
  gtk_widget_set_margin_bottom (buttons, 18);
  gtk_box_append (GTK_BOX (toolbar), buttons);
  adw_window_set_content (ADW_WINDOW (self), toolbar);

  g_signal_connect_object (later, "clicked", G_CALLBACK (on_later_clicked), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->check_button, "clicked", G_CALLBACK (on_check_clicked), self, G_CONNECT_SWAPPED);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->check_button);
  gtk_window_set_focus (GTK_WINDOW (self), self->check_button);
}

OtasukeWelcome *
otasuke_welcome_new (GtkWindow *parent,
                     GSettings *settings)
{
  OtasukeWelcome *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (OTASUKE_TYPE_WELCOME, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  g_set_weak_pointer (&self->main_window, parent);
  /* Not one of the application's windows (those are main windows); it goes with its parent. */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  show_autostart_state (self);
  g_signal_connect_object (self->autostart_switch, "notify::active", G_CALLBACK (on_autostart_toggled), self,
                           G_CONNECT_SWAPPED);
  return self;
}

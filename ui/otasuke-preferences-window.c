/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-autostart.h"
#include "otasuke-preferences-window.h"
#include "otasuke-url.h"

struct _OtasukePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  gboolean              syncing_autostart;
  gboolean              number_refused;   /* a typed number was not kept */

  /* Template widgets */
  GtkSwitch            *autostart_switch;
  GtkAdjustment        *backup_adjustment;
  AdwActionRow         *backup_row;
  GtkSpinButton        *backup_spin;
  AdwEntryRow          *feed_url_row;
  AdwExpanderRow       *feed_details_row;
  GtkLabel             *feed_url_error;
  GtkAdjustment        *interval_adjustment;
  AdwActionRow         *interval_row;
  GtkSpinButton        *interval_spin;
  GtkWidget            *no_key_label;
  GtkLabel             *bad_key_label;
  GtkSwitch            *notifications_switch;
  AdwComboRow          *severity_row;
};

G_DEFINE_FINAL_TYPE (OtasukePreferencesWindow, otasuke_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_feed_url_error (OtasukePreferencesWindow *self,
                     const char               *message)
{
  gtk_label_set_text (self->feed_url_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->feed_url_error), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->feed_url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->feed_url_row), "error");
}

static void
on_feed_url_changed (OtasukePreferencesWindow *self)
{
  show_feed_url_error (self, NULL);
}

static void
on_feed_url_apply (OtasukePreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->feed_url_row))));

  if (!otasuke_url_check_feed (url, &error))
    {
      show_feed_url_error (self, error->message);
      return;
    }

  g_settings_set_string (self->settings, "feed-url", url);
  show_feed_url_error (self, NULL);
}

/* A number typed into a spin button: GTK would quietly put a number out of
 * range to the nearest end, or an empty box back to what it was. Instead
 * the last valid value stays, and a dialog says so. */
static int
on_spin_input (GtkSpinButton            *spin,
               double                   *new_value,
               OtasukePreferencesWindow *self)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  guint lower = (guint) gtk_adjustment_get_lower (adjustment);
  guint upper = (guint) gtk_adjustment_get_upper (adjustment);
  guint current = (guint) gtk_adjustment_get_value (adjustment);
  AdwPreferencesRow *row = ADW_PREFERENCES_ROW (spin == self->interval_spin ? self->interval_row : self->backup_row);
  guint64 number = 0;
  gboolean valid = text[0] != '\0';
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  for (const char *p = text; *p != '\0' && valid; p = g_utf8_next_char (p))
    {
      /* Full-width digits (２４) count as well. */
      int digit = g_unichar_digit_value (g_utf8_get_char (p));

      valid = digit >= 0 && number < 100000;
      number = number * 10 + (guint) MAX (digit, 0);
    }
  if (valid && number >= lower && number <= upper)
    {
      *new_value = (double) number;
      return TRUE;
    }

  *new_value = current;
  self->number_refused = TRUE;
  if (text[0] == '\0')
    /* Translators: the row's title, then the value kept */
    body = g_strdup_printf (_("“%s” was left empty, so it stays at %u."), adw_preferences_row_get_title (row), current);
  else
    /* Translators: what was typed, the lowest and highest value, the row's title, the value kept */
    body = g_strdup_printf (_("“%s” is not a whole number from %u to %u, so “%s” stays at %u."),
                            text, lower, upper, adw_preferences_row_get_title (row), current);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Number Was Not Changed"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Closing with an address typed but not applied: a valid one is kept (as if
 * applied), an invalid one keeps the window open with the reason; a number
 * out of range keeps the window open too, with the last valid value back
 * in its box and a dialog saying so. Nothing typed is thrown away without a
 * word. */
static gboolean
otasuke_preferences_window_close_request (GtkWindow *window)
{
  OtasukePreferencesWindow *self = OTASUKE_PREFERENCES_WINDOW (window);
  g_autofree char *saved = g_settings_get_string (self->settings, "feed-url");
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->feed_url_row))));

  /* A number still being typed is taken now, or refused with a word. */
  self->number_refused = FALSE;
  gtk_spin_button_update (self->interval_spin);
  gtk_spin_button_update (self->backup_spin);
  if (self->number_refused)
    return TRUE;

  if (g_strcmp0 (saved, typed) != 0)
    {
      on_feed_url_apply (self);
      if (gtk_widget_get_visible (GTK_WIDGET (self->feed_url_error)))
        {
          adw_expander_row_set_expanded (self->feed_details_row, TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (self->feed_url_row));
          return TRUE;
        }
    }
  return GTK_WINDOW_CLASS (otasuke_preferences_window_parent_class)->close_request (window);
}

/* Start at login: the switch shows whether the autostart entry is there
 * (otasuke_autostart_is_enabled() is the truth, not the settings key), and a
 * change that fails is said and undone. The key follows what is true. */
static void
show_autostart_state (OtasukePreferencesWindow *self)
{
  self->syncing_autostart = TRUE;
  gtk_switch_set_active (self->autostart_switch, otasuke_autostart_is_enabled (APPLICATION_ID));
  self->syncing_autostart = FALSE;
}

gboolean
otasuke_preferences_set_autostart (GtkWindow *parent,
                                   GSettings *settings,
                                   gboolean   wanted)
{
  g_autoptr(GError) error = NULL;
  gboolean enabled;

  if (!otasuke_autostart_set_enabled (wanted, APPLICATION_ID, &error))
    {
      /* A dialog, not a toast: a toast would cut the reason short. */
      GtkWidget *dialog = adw_message_dialog_new (parent,
                                                  wanted ? _("Otasuke Cannot Start at Login")
                                                         : _("Otasuke Still Starts at Login"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }

  enabled = otasuke_autostart_is_enabled (APPLICATION_ID);
  g_settings_set_boolean (settings, "start-at-login", enabled);
  return enabled;
}

static void
on_autostart_toggled (OtasukePreferencesWindow *self)
{
  if (self->syncing_autostart)
    return;
  otasuke_preferences_set_autostart (GTK_WINDOW (self), self->settings,
                                     gtk_switch_get_active (self->autostart_switch));
  show_autostart_state (self);
}

/* The severity choices in the order the row lists them. */
static const char * const severities[] = { "critical", "high", "medium", "low", "info" };

static gboolean
severity_to_position (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *severity = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (severities); i++)
    if (g_str_equal (severity, severities[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
position_to_severity (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (severities))
    return NULL;
  return g_variant_new_string (severities[position]);
}

static void
otasuke_preferences_window_constructed (GObject *object)
{
  OtasukePreferencesWindow *self = OTASUKE_PREFERENCES_WINDOW (object);
  g_autofree char *url = NULL;

  G_OBJECT_CLASS (otasuke_preferences_window_parent_class)->constructed (object);

  g_settings_bind (self->settings, "check-interval", self->interval_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notifications", self->notifications_switch, "active", G_SETTINGS_BIND_DEFAULT);
  show_autostart_state (self);
  g_signal_connect_object (self->autostart_switch, "notify::active", G_CALLBACK (on_autostart_toggled), self,
                           G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "backup-reminder-days", self->backup_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->interval_spin, "input", G_CALLBACK (on_spin_input), self, 0);
  g_signal_connect_object (self->backup_spin, "input", G_CALLBACK (on_spin_input), self, 0);
  g_settings_bind_with_mapping (self->settings, "notify-min-severity", self->severity_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, severity_to_position, position_to_severity, NULL, NULL);

  /* The feed address is applied explicitly, after validation, not on every key press. */
  url = g_settings_get_string (self->settings, "feed-url");
  gtk_editable_set_text (GTK_EDITABLE (self->feed_url_row), url);
  show_feed_url_error (self, NULL);
}

static void
otasuke_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), OTASUKE_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (otasuke_preferences_window_parent_class)->dispose (object);
}

static void
otasuke_preferences_window_finalize (GObject *object)
{
  OtasukePreferencesWindow *self = OTASUKE_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (otasuke_preferences_window_parent_class)->finalize (object);
}

static void
otasuke_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  OtasukePreferencesWindow *self = OTASUKE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
otasuke_preferences_window_class_init (OtasukePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = otasuke_preferences_window_constructed;
  object_class->dispose = otasuke_preferences_window_dispose;
  object_class->finalize = otasuke_preferences_window_finalize;
  object_class->set_property = otasuke_preferences_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = otasuke_preferences_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/otasuke-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OtasukePreferencesWindow, autostart_switch);
  gtk_widget_class_bind_template_child (widget_class, OtasukePreferencesWindow, backup_adjustment);
  gtk_widget_class_bind_template_child (widget_class, OtasukePreferencesWindow, backup_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukePreferencesWindow, backup_spin);
  gtk_widget_class_bind_template_child (widget_class, OtasukePreferencesWindow, feed_url_error);
  gtk_widget_class_bind_template_child (widget_class, OtasukePreferencesWindow, feed_url_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukePreferencesWindow, feed_details_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukePreferencesWindow, interval_adjustment);
  gtk_widget_class_bind_template_child (widget_class, OtasukePreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukePreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, OtasukePreferencesWindow, no_key_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukePreferencesWindow, bad_key_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukePreferencesWindow, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, OtasukePreferencesWindow, severity_row);
  gtk_widget_class_bind_template_callback (widget_class, on_feed_url_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_feed_url_changed);
}

static void
otasuke_preferences_window_init (OtasukePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

OtasukePreferencesWindow *
otasuke_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (OTASUKE_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}

/* Without a trusted key no network feed is fetched; say so where the feed is
 * set. @unreadable (or NULL) names keys in the settings that are not keys. */
void
otasuke_preferences_window_set_trust (OtasukePreferencesWindow *self,
                                      guint                     n_keys,
                                      const char               *unreadable)
{
  g_return_if_fail (OTASUKE_IS_PREFERENCES_WINDOW (self));

  gtk_widget_set_visible (self->no_key_label, n_keys == 0);
  if (unreadable != NULL)
    {
      /* Translators: keys in the trusted-keys setting that are not keys; the list follows */
      g_autofree char *text = g_strdup_printf (_("A key in the settings cannot be read and is not used:\n%s"),
                                               unreadable);

      gtk_label_set_text (self->bad_key_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->bad_key_label), unreadable != NULL);
}

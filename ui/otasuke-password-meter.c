/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-password-meter"

#include "config.h"

#include <glib/gi18n.h>
#include "otasuke-password-estimate.h"
#include "otasuke-password-meter.h"

/* Entropy in bits as zxcvbn counts it (log2 of the guesses needed). A router's
 * settings page is attacked online and by botnets with lists of common and
 * factory passwords: below 2^30 guesses that is a matter of time. */
#define FAIR_BITS   30.0
#define STRONG_BITS 50.0
#define MAX_WORDS   8

struct _OtasukePasswordMeter
{
  GtkWidget             parent_instance;

  char                **user_words;

  /* Template widgets */
  GtkLabel             *detail_label;
  AdwPreferencesGroup  *group;
  GtkLevelBar          *level_bar;
  GtkWidget            *verdict_box;
  AdwPasswordEntryRow  *password_row;
  GtkLabel             *verdict_label;
};

G_DEFINE_FINAL_TYPE (OtasukePasswordMeter, otasuke_password_meter, GTK_TYPE_WIDGET)

OtasukePasswordStrength
otasuke_password_strength_for_bits (double bits)
{
  if (bits < FAIR_BITS)
    return OTASUKE_PASSWORD_STRENGTH_WEAK;
  if (bits < STRONG_BITS)
    return OTASUKE_PASSWORD_STRENGTH_FAIR;
  return OTASUKE_PASSWORD_STRENGTH_STRONG;
}

static void
show_strength (OtasukePasswordMeter    *self,
               OtasukePasswordStrength  strength)
{
  static const char * const classes[] = { "error", "warning", "success" };
  const char *verdict = NULL;
  const char *detail = NULL;

  switch (strength)
    {
    case OTASUKE_PASSWORD_STRENGTH_WEAK:
      verdict = C_("password strength", "Weak");
      detail = _("This password would be guessed quickly. Use a longer one that is not a word, a name or a factory password, and that you use nowhere else.");
      break;

    case OTASUKE_PASSWORD_STRENGTH_FAIR:
      verdict = C_("password strength", "Fair");
      detail = _("Better, but it could still be guessed. A few more characters, or several unrelated words, make it much harder.");
      break;

    case OTASUKE_PASSWORD_STRENGTH_STRONG:
      verdict = C_("password strength", "Strong");
      detail = _("This password would be hard to guess. Keep it written down in a locked place and use it only for the router.");
      break;

    case OTASUKE_PASSWORD_STRENGTH_NONE:
    default:
      break;
    }

  gtk_level_bar_set_value (self->level_bar, strength);
  gtk_label_set_text (self->verdict_label, verdict != NULL ? verdict : "");
  gtk_label_set_text (self->detail_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_label), verdict != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), classes[i]);
  if (strength != OTASUKE_PASSWORD_STRENGTH_NONE)
    gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), classes[strength - 1]);
}

/* Measured in place: the text is not copied, kept or written anywhere. */
static void
on_password_changed (OtasukePasswordMeter *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *words[MAX_WORDS + 1] = { NULL };
  double bits;

  if (password == NULL || password[0] == '\0' || !otasuke_password_estimate_available ())
    {
      show_strength (self, OTASUKE_PASSWORD_STRENGTH_NONE);
      return;
    }

  for (guint i = 0; self->user_words != NULL && self->user_words[i] != NULL && i < MAX_WORDS; i++)
    words[i] = self->user_words[i];

  bits = otasuke_password_estimate_bits (password, words);
  show_strength (self, otasuke_password_strength_for_bits (bits));
}

static void
otasuke_password_meter_unmap (GtkWidget *widget)
{
  /* Leaving the page or the section forgets what was typed. */
  otasuke_password_meter_clear (OTASUKE_PASSWORD_METER (widget));

  GTK_WIDGET_CLASS (otasuke_password_meter_parent_class)->unmap (widget);
}

static void
otasuke_password_meter_dispose (GObject *object)
{
  OtasukePasswordMeter *self = OTASUKE_PASSWORD_METER (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), OTASUKE_TYPE_PASSWORD_METER);
  /* The template's root has no name to be cleared by. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (otasuke_password_meter_parent_class)->dispose (object);
}

static void
otasuke_password_meter_finalize (GObject *object)
{
  OtasukePasswordMeter *self = OTASUKE_PASSWORD_METER (object);

  g_strfreev (self->user_words);

  G_OBJECT_CLASS (otasuke_password_meter_parent_class)->finalize (object);
}

static void
otasuke_password_meter_class_init (OtasukePasswordMeterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = otasuke_password_meter_dispose;
  object_class->finalize = otasuke_password_meter_finalize;
  widget_class->unmap = otasuke_password_meter_unmap;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/otasuke-password-meter.ui");
  gtk_widget_class_bind_template_child (widget_class, OtasukePasswordMeter, detail_label);
  gtk_widget_class_bind_template_child (widget_class, OtasukePasswordMeter, group);
  gtk_widget_class_bind_template_child (widget_class, OtasukePasswordMeter, level_bar);
  gtk_widget_class_bind_template_child (widget_class, OtasukePasswordMeter, password_row);
  gtk_widget_class_bind_template_child (widget_class, OtasukePasswordMeter, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, OtasukePasswordMeter, verdict_label);
  gtk_widget_class_bind_template_callback (widget_class, on_password_changed);
}

static void
otasuke_password_meter_init (OtasukePasswordMeter *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_level_bar_add_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_LOW, OTASUKE_PASSWORD_STRENGTH_WEAK);
  gtk_level_bar_add_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_HIGH, OTASUKE_PASSWORD_STRENGTH_FAIR);
  gtk_level_bar_add_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_FULL, OTASUKE_PASSWORD_STRENGTH_STRONG);
  show_strength (self, OTASUKE_PASSWORD_STRENGTH_NONE);

  /* Without an estimator (the Windows build) no verdict rather than a guessed
   * one: nothing to type, only what makes a router's password strong. */
  if (!otasuke_password_estimate_available ())
    {
      adw_preferences_group_set_title (self->group, _("The Router’s Password"));
      adw_preferences_group_set_description (self->group,
        _("This version of Otasuke cannot measure how strong a password is. A strong router password is long (12 characters or more, or four unrelated words), is not a word, a name or the factory password printed on the router, and is used nowhere else."));
      gtk_widget_set_visible (GTK_WIDGET (self->password_row), FALSE);
      gtk_widget_set_visible (self->verdict_box, FALSE);
    }
}

GtkWidget *
otasuke_password_meter_new (void)
{
  return g_object_new (OTASUKE_TYPE_PASSWORD_METER, NULL);
}

void
otasuke_password_meter_set_user_words (OtasukePasswordMeter *self,
                                       const char * const   *words)
{
  g_return_if_fail (OTASUKE_IS_PASSWORD_METER (self));

  g_strfreev (self->user_words);
  self->user_words = g_strdupv ((char **) words);
  on_password_changed (self);
}

void
otasuke_password_meter_clear (OtasukePasswordMeter *self)
{
  g_return_if_fail (OTASUKE_IS_PASSWORD_METER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_strength (self, OTASUKE_PASSWORD_STRENGTH_NONE);
}

OtasukePasswordStrength
otasuke_password_meter_get_strength (OtasukePasswordMeter *self)
{
  g_return_val_if_fail (OTASUKE_IS_PASSWORD_METER (self), OTASUKE_PASSWORD_STRENGTH_NONE);

  return (OtasukePasswordStrength) gtk_level_bar_get_value (self->level_bar);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-tray"

#include "config.h"

#include <glib/gi18n.h>

#include "otasuke-tray.h"

struct _OtasukeTray
{
  GObject             parent_instance;

  char               *id;
  char               *title;
  char               *tooltip;
  OtasukeTrayBackend *backend;
  OtasukeTrayStatus   status;
  gboolean            attention;
  gboolean            is_available;
  guint               disabled;  /* one bit per menu item, by index */
};

G_DEFINE_FINAL_TYPE (OtasukeTray, otasuke_tray, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_IS_AVAILABLE,
  N_PROPS
};

enum {
  SIGNAL_ACTIVATE,
  SIGNAL_MENU_ITEM,
  SIGNAL_BALLOON_CLICKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const OtasukeTrayMenuItem menu[] = {
  { N_("_Open Otasuke"), "app.activate" },
  { N_("Check _Advisories Now"), "app.fetch-feed" },
  { N_("_Start a Check"), "win.page::check" },
  { N_("_Preferences"), "app.preferences" },
  { N_("_Quit"), "app.quit" },
};

static void
update_backend (OtasukeTray *self)
{
  if (self->backend != NULL && self->backend->update != NULL)
    self->backend->update (self->backend);
}

void
otasuke_tray_set_item_enabled (OtasukeTray *self,
                               const char  *action,
                               gboolean     enabled)
{
  guint disabled;

  g_return_if_fail (OTASUKE_IS_TRAY (self));
  g_return_if_fail (action != NULL);

  disabled = self->disabled;
  for (guint i = 0; i < G_N_ELEMENTS (menu); i++)
    if (g_str_equal (menu[i].action, action))
      disabled = enabled ? disabled & ~(1u << i) : disabled | (1u << i);
  if (disabled == self->disabled)
    return;
  self->disabled = disabled;
  update_backend (self);
}

gboolean
otasuke_tray_get_item_enabled (OtasukeTray *self,
                               guint        index)
{
  g_return_val_if_fail (OTASUKE_IS_TRAY (self), FALSE);
  g_return_val_if_fail (index < G_N_ELEMENTS (menu), FALSE);

  return (self->disabled & (1u << index)) == 0;
}

static void
otasuke_tray_dispose (GObject *object)
{
  OtasukeTray *self = OTASUKE_TRAY (object);
  OtasukeTrayBackend *backend = g_steal_pointer (&self->backend);

  if (backend != NULL)
    backend->free (backend);

  G_OBJECT_CLASS (otasuke_tray_parent_class)->dispose (object);
}

static void
otasuke_tray_finalize (GObject *object)
{
  OtasukeTray *self = OTASUKE_TRAY (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->tooltip);

  G_OBJECT_CLASS (otasuke_tray_parent_class)->finalize (object);
}

static void
otasuke_tray_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  OtasukeTray *self = OTASUKE_TRAY (object);

  switch (prop_id)
    {
    case PROP_IS_AVAILABLE:
      g_value_set_boolean (value, self->is_available);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
otasuke_tray_class_init (OtasukeTrayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = otasuke_tray_dispose;
  object_class->finalize = otasuke_tray_finalize;
  object_class->get_property = otasuke_tray_get_property;

  /* TRUE while a host (a panel) shows the icon. */
  properties[PROP_IS_AVAILABLE] =
    g_param_spec_boolean ("is-available", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_ACTIVATE] =
    g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_MENU_ITEM] =
    g_signal_new ("menu-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_BALLOON_CLICKED] =
    g_signal_new ("balloon-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
otasuke_tray_init (OtasukeTray *self)
{
  self->status = OTASUKE_TRAY_STATUS_ACTIVE;
}

OtasukeTray *
otasuke_tray_new (const char      *id,
                  const char      *title,
                  GDBusConnection *connection)
{
  OtasukeTray *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (connection == NULL || G_IS_DBUS_CONNECTION (connection), NULL);

  self = g_object_new (OTASUKE_TYPE_TRAY, NULL);
  self->id = g_strdup (id);
  self->title = g_strdup (title);
  self->tooltip = g_strdup (title);

  self->backend = otasuke_tray_platform_backend_new (self, connection);

  return self;
}

gboolean
otasuke_tray_get_is_available (OtasukeTray *self)
{
  g_return_val_if_fail (OTASUKE_IS_TRAY (self), FALSE);

  return self->is_available;
}

const char *
otasuke_tray_get_id (OtasukeTray *self)
{
  g_return_val_if_fail (OTASUKE_IS_TRAY (self), NULL);

  return self->id;
}

const char *
otasuke_tray_get_title (OtasukeTray *self)
{
  g_return_val_if_fail (OTASUKE_IS_TRAY (self), NULL);

  return self->title;
}

OtasukeTrayStatus
otasuke_tray_get_status (OtasukeTray *self)
{
  g_return_val_if_fail (OTASUKE_IS_TRAY (self), OTASUKE_TRAY_STATUS_ACTIVE);

  return self->status;
}

void
otasuke_tray_set_status (OtasukeTray       *self,
                         OtasukeTrayStatus  status)
{
  g_return_if_fail (OTASUKE_IS_TRAY (self));

  if (self->status == status)
    return;
  self->status = status;
  update_backend (self);
}

gboolean
otasuke_tray_get_attention (OtasukeTray *self)
{
  g_return_val_if_fail (OTASUKE_IS_TRAY (self), FALSE);

  return self->attention;
}

void
otasuke_tray_set_attention (OtasukeTray *self,
                            gboolean     attention)
{
  g_return_if_fail (OTASUKE_IS_TRAY (self));

  if (self->attention == !!attention)
    return;
  self->attention = !!attention;
  update_backend (self);
}

const char *
otasuke_tray_get_tooltip (OtasukeTray *self)
{
  g_return_val_if_fail (OTASUKE_IS_TRAY (self), NULL);

  return self->tooltip;
}

void
otasuke_tray_set_tooltip (OtasukeTray *self,
                          const char  *tooltip)
{
  g_return_if_fail (OTASUKE_IS_TRAY (self));

  if (g_strcmp0 (self->tooltip, tooltip) == 0)
    return;
  g_free (self->tooltip);
  self->tooltip = g_strdup (tooltip);
  update_backend (self);
}

gboolean
otasuke_tray_show_balloon (OtasukeTray *self,
                           const char  *title,
                           const char  *text,
                           gboolean     warning)
{
  g_return_val_if_fail (OTASUKE_IS_TRAY (self), FALSE);
  g_return_val_if_fail (title != NULL && text != NULL, FALSE);

  if (self->backend == NULL || self->backend->balloon == NULL || !self->is_available)
    return FALSE;
  return self->backend->balloon (self->backend, title, text, warning);
}

const OtasukeTrayMenuItem *
otasuke_tray_get_menu (guint *n_items)
{
  g_return_val_if_fail (n_items != NULL, NULL);

  *n_items = G_N_ELEMENTS (menu);
  return menu;
}

void
otasuke_tray_backend_set_available (OtasukeTray *self,
                                    gboolean     available)
{
  g_return_if_fail (OTASUKE_IS_TRAY (self));

  if (self->is_available == !!available)
    return;
  self->is_available = !!available;
  g_debug ("Tray %s", available ? "shown by a host" : "not shown: no host");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_AVAILABLE]);
}

void
otasuke_tray_backend_activate (OtasukeTray *self)
{
  g_return_if_fail (OTASUKE_IS_TRAY (self));

  g_signal_emit (self, signals[SIGNAL_ACTIVATE], 0);
}

void
otasuke_tray_backend_menu_item (OtasukeTray *self,
                                guint        index)
{
  g_return_if_fail (OTASUKE_IS_TRAY (self));
  g_return_if_fail (index < G_N_ELEMENTS (menu));

  g_signal_emit (self, signals[SIGNAL_MENU_ITEM], 0, menu[index].action);
}

void
otasuke_tray_backend_balloon_clicked (OtasukeTray *self)
{
  g_return_if_fail (OTASUKE_IS_TRAY (self));

  g_signal_emit (self, signals[SIGNAL_BALLOON_CLICKED], 0);
}

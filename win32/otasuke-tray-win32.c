/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-tray"

#include "config.h"

#include <windows.h>

#include <glib/gi18n.h>

#include "otasuke-tray.h"
#include "otasuke-win32.h"

/* The Windows tray backend, the twin of ui/otasuke-tray-sni.c:
 * Shell_NotifyIconW on a hidden window of its own (win32/otasuke-win32-tray.c),
 * whose messages GLib's main loop delivers. Left click activates, right
 * click pops up the menu of otasuke_tray_get_menu(), balloons carry the
 * notifications (win32/otasuke-notifier-win32.c). After Explorer restarts the
 * icon is added again. */

/* The icon in win32/otasuke.rc.in. */
#define OTASUKE_ICON_ID 1

typedef struct {
  OtasukeTrayBackend  parent;
  OtasukeTray        *tray;  /* owns us */
  OtasukeWin32Tray   *win32;
  HICON               icon;
} TrayWin32;

static HICON
load_icon (void)
{
  return LoadImageW (GetModuleHandleW (NULL), MAKEINTRESOURCEW (OTASUKE_ICON_ID), IMAGE_ICON,
                     GetSystemMetrics (SM_CXSMICON), GetSystemMetrics (SM_CYSMICON),
                     LR_DEFAULTCOLOR);
}

static void
show_menu (TrayWin32 *self)
{
  guint n_items = 0;
  const OtasukeTrayMenuItem *menu = otasuke_tray_get_menu (&n_items);
  g_autofree const char **labels = g_new0 (const char *, n_items + 1);
  int chosen = -1;
  OtasukeWin32Status status;

  for (guint i = 0; i < n_items; i++)
    labels[i] = _(menu[i].label);   /* "_" mnemonics become "&" in the popup */

  status = otasuke_win32_tray_popup_menu (self->win32, labels, n_items, &chosen);
  if (status != OTASUKE_WIN32_OK)
    g_message ("Could not show the tray menu: %s", otasuke_win32_status_to_string (status));
  else if (chosen >= 0 && (guint) chosen < n_items)
    otasuke_tray_backend_menu_item (self->tray, (guint) chosen);
}

static void
event_cb (OtasukeWin32Tray      *win32,
          OtasukeWin32TrayEvent  event,
          int                    x,
          int                    y,
          void                  *user_data)
{
  TrayWin32 *self = user_data;

  switch (event)
    {
    case OTASUKE_WIN32_TRAY_ACTIVATE:
      otasuke_tray_backend_activate (self->tray);
      break;

    case OTASUKE_WIN32_TRAY_CONTEXT_MENU:
      show_menu (self);
      break;

    case OTASUKE_WIN32_TRAY_BALLOON_CLICKED:
      otasuke_tray_backend_balloon_clicked (self->tray);
      break;

    case OTASUKE_WIN32_TRAY_RECREATED:
      otasuke_tray_backend_set_available (self->tray, otasuke_win32_tray_is_shown (win32));
      break;

    default:
      break;
    }
}

static void
tray_update (OtasukeTrayBackend *backend)
{
  TrayWin32 *self = (TrayWin32 *) backend;
  OtasukeWin32Status status;

  otasuke_win32_tray_set_tooltip (self->win32, otasuke_tray_get_tooltip (self->tray));
  otasuke_win32_tray_set_attention (self->win32, otasuke_tray_get_attention (self->tray));

  /* Passive: the icon may go; active: it comes back. */
  if (otasuke_tray_get_status (self->tray) == OTASUKE_TRAY_STATUS_PASSIVE)
    {
      otasuke_win32_tray_hide (self->win32);
      otasuke_tray_backend_set_available (self->tray, FALSE);
    }
  else if (!otasuke_win32_tray_is_shown (self->win32))
    {
      status = otasuke_win32_tray_show (self->win32);
      otasuke_tray_backend_set_available (self->tray, status == OTASUKE_WIN32_OK);
    }
}

static gboolean
tray_balloon (OtasukeTrayBackend *backend,
              const char         *title,
              const char         *text,
              gboolean            warning)
{
  TrayWin32 *self = (TrayWin32 *) backend;
  OtasukeWin32Status status = otasuke_win32_tray_balloon (self->win32, title, text, warning);

  if (status != OTASUKE_WIN32_OK)
    {
      g_message ("Could not show a balloon: %s", otasuke_win32_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static void
tray_free (OtasukeTrayBackend *backend)
{
  TrayWin32 *self = (TrayWin32 *) backend;

  otasuke_win32_tray_free (self->win32);
  if (self->icon != NULL)
    DestroyIcon (self->icon);
  g_free (self);
}

OtasukeTrayBackend *
otasuke_tray_platform_backend_new (OtasukeTray     *tray,
                                   GDBusConnection *connection)
{
  TrayWin32 *self = g_new0 (TrayWin32, 1);
  OtasukeWin32Status status;

  self->parent.update = tray_update;
  self->parent.free = tray_free;
  self->parent.balloon = tray_balloon;
  self->tray = tray;
  self->icon = load_icon ();

  /* The default hidden window: it hears "TaskbarCreated" and can own the menu. */
  status = otasuke_win32_tray_new (OTASUKE_WIN32_TRAY_WINDOW_HIDDEN, otasuke_tray_get_tooltip (tray),
                                   self->icon, event_cb, self, &self->win32);
  if (status != OTASUKE_WIN32_OK)
    {
      g_message ("No tray icon: %s", otasuke_win32_status_to_string (status));
      if (self->icon != NULL)
        DestroyIcon (self->icon);
      g_free (self);
      return NULL;
    }

  status = otasuke_win32_tray_show (self->win32);
  if (status != OTASUKE_WIN32_OK)
    g_message ("The tray icon is not shown: %s", otasuke_win32_status_to_string (status));
  otasuke_tray_backend_set_available (tray, status == OTASUKE_WIN32_OK);

  return &self->parent;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The icon in the panel's notification area, whatever the platform: a status,
 * a tooltip, an attention state and a fixed menu. "activate" is a click on
 * the icon; "menu-item" hands over the detailed action name of the menu item
 * chosen ("app.fetch-feed", "win.page::check", …). The item is shown only
 * where a host displays it: :is-available says whether one does now.
 * Where the tray itself shows messages (balloons on Windows),
 * otasuke_tray_show_balloon() shows one and "balloon-clicked" says it was
 * clicked. The backend is chosen at build time: the StatusNotifierItem on
 * Linux (otasuke-tray-sni.c), Shell_NotifyIcon on Windows
 * (win32/otasuke-tray-win32.c). */

#define OTASUKE_TYPE_TRAY (otasuke_tray_get_type ())
G_DECLARE_FINAL_TYPE (OtasukeTray, otasuke_tray, OTASUKE, TRAY, GObject)

typedef enum {
  OTASUKE_TRAY_STATUS_PASSIVE,  /* hosts may hide the icon */
  OTASUKE_TRAY_STATUS_ACTIVE,
} OtasukeTrayStatus;

typedef struct {
  const char *label;   /* translatable, with a mnemonic */
  const char *action;  /* a detailed action name */
} OtasukeTrayMenuItem;

/* @connection may be NULL: on Linux there is no tray then; the Windows
 * backend needs none. */
OtasukeTray       *otasuke_tray_new               (const char        *id,
                                                   const char        *title,
                                                   GDBusConnection   *connection);
gboolean           otasuke_tray_get_is_available  (OtasukeTray       *self);
const char        *otasuke_tray_get_id            (OtasukeTray       *self);
const char        *otasuke_tray_get_title         (OtasukeTray       *self);
OtasukeTrayStatus  otasuke_tray_get_status        (OtasukeTray       *self);
void               otasuke_tray_set_status        (OtasukeTray       *self,
                                                   OtasukeTrayStatus  status);
gboolean           otasuke_tray_get_attention     (OtasukeTray       *self);
void               otasuke_tray_set_attention     (OtasukeTray       *self,
                                                   gboolean           attention);
const char        *otasuke_tray_get_tooltip       (OtasukeTray       *self);
void               otasuke_tray_set_tooltip       (OtasukeTray       *self,
                                                   const char        *tooltip);
/* Greys out (or back in) the menu item for @action, e.g. "app.fetch-feed"
 * while its action is disabled; a greyed-out item cannot be chosen. */
void               otasuke_tray_set_item_enabled  (OtasukeTray       *self,
                                                   const char        *action,
                                                   gboolean           enabled);
gboolean           otasuke_tray_get_item_enabled  (OtasukeTray       *self,
                                                   guint              index);
/* The menu, in order; the labels still to be translated. */
const OtasukeTrayMenuItem *otasuke_tray_get_menu  (guint             *n_items);
/* A message from the icon (plain text, never markup). FALSE where the
 * backend has no messages of its own (Linux: notifications do that) or the
 * icon is not shown. Only the latest balloon is live: "balloon-clicked"
 * belongs to it. */
gboolean           otasuke_tray_show_balloon      (OtasukeTray       *self,
                                                   const char        *title,
                                                   const char        *text,
                                                   gboolean           warning);

/* For platform backends only. */
typedef struct _OtasukeTrayBackend OtasukeTrayBackend;
struct _OtasukeTrayBackend
{
  /* Status, attention, tooltip or which menu items are enabled changed. */
  void (*update) (OtasukeTrayBackend *backend);
  void (*free)   (OtasukeTrayBackend *backend);
  /* May be NULL: no balloons. */
  gboolean (*balloon) (OtasukeTrayBackend *backend,
                       const char         *title,
                       const char         *text,
                       gboolean            warning);
};

/* The platform's backend, or NULL when there can be no tray (Linux without
 * a bus): otasuke-tray-platform-unix.c or win32/otasuke-tray-win32.c. */
OtasukeTrayBackend *otasuke_tray_platform_backend_new  (OtasukeTray     *tray,
                                                        GDBusConnection *connection);

/* The StatusNotifierItem backend (otasuke-tray-sni.c); @tray owns it. */
OtasukeTrayBackend *otasuke_tray_sni_new               (OtasukeTray     *tray,
                                                        GDBusConnection *connection);
void                otasuke_tray_backend_set_available (OtasukeTray     *tray,
                                                        gboolean         available);
void                otasuke_tray_backend_activate      (OtasukeTray     *tray);
void                otasuke_tray_backend_menu_item     (OtasukeTray     *tray,
                                                        guint            index);
void                otasuke_tray_backend_balloon_clicked (OtasukeTray   *tray);

G_END_DECLS

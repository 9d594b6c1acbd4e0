/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "otasuke-application.h"
#include "otasuke-check-page.h"
#include "otasuke-overview-page.h"
#include "otasuke-store.h"
#include "otasuke-window.h"
#include "test-util.h"

G_BEGIN_DECLS

/* What the window test programs share: one private XDG tree per program,
 * the application started the real way, and pictures of what is on screen. */

/* Advisories of the bundled feed that several programs look for. */
#define CHROME_ID "sakura-2024-08-chrome-128"
#define CHROME_TITLE "Google Chrome に深刻な弱点：128.0.6613.85 以降に更新してください"
#define ROUTER_ID "sakura-2024-05-buffalo-botnet"

typedef struct {
  OtasukeApplication *app;
  OtasukeWindow      *window;
} Fixture;

typedef void (*FixtureFunc) (Fixture       *fixture,
                      gconstpointer  data);

/* Sets up the locale, GTK and a private XDG tree for the program @name,
 * whose application id becomes jp.or.sakura_cci.Otasuke.Test.@name.En or .Ja
 * after the language. */
void window_harness_init (int         *argc,
                   char      ***argv,
                   const char  *name);
/* g_test_run(), then removes the private tree. */
int  window_harness_run  (void);

gboolean is_japanese (void);

/* iterate_until (done, data): tests/test-util.h. */

/* Lets the frame clock run a few frames so layout and drawing have happened. */
void wait_for_frames (GtkWidget *widget);

void save_png (GtkWidget  *widget,
               const char *name);

/* GLib's per-test isolation also hides /usr/share (icons, MIME types) from
 * GTK, so this program gets one private XDG tree and each case starts from a
 * clean slate in it: no database, no autostart entry, default settings. */
void reset_user_state (void);

/* The probes look at a fake root (OTASUKE_PROBE_ROOT), a Debian 12 with
 * nothing installed after reset_user_state(); tests "install" things by
 * writing files into it, at @relative ("var/lib/dpkg/status"). */
void probe_root_write (const char *relative,
                       const char *contents);
void reset_probe_root (void);
/* Iterates until the application's probe service has finished @n_runs runs
 * and is idle; returns its report. */
const OtasukeProbeReport *wait_for_probe (OtasukeApplication *app,
                                          guint               n_runs);

/* The real start-up path: g_application_run(), D-Bus registration, activate;
 * @body runs once the window is up. */
void run_in_app (FixtureFunc body);

/* run_in_app() from a clean slate at 1024×700; @body is a FixtureFunc. */
void run_clean (gconstpointer body);

GtkWidget *find_by_type (GtkWidget *root,
                         GType      type);

OtasukeOverviewPage *find_overview (OtasukeWindow *window);

gboolean advisories_are_loaded (gpointer data);

gboolean has_label (GtkWidget  *root,
                    const char *text);

/* The first label under @root whose text holds @text, or NULL. */
GtkLabel *find_label_containing (GtkWidget  *root,
                                 const char *text);

/* Fails when two controls the user can see under @root answer to the same
 * Alt+letter; @view names the view in the message. */
void assert_unique_mnemonics (GtkWidget  *root,
                              const char *view);

/* Fails when a text the user can read under @root (labels, row and group
 * titles, window titles, tooltips) holds an English word; URLs and the
 * names in @allowed (NULL-terminated) are let through. */
void assert_no_english (GtkWidget          *root,
                        const char * const *allowed);

/* What a click does; gtk_widget_activate() would wait for the press animation. */
void click (GtkWidget *button);

/* Starts from a clean slate at the size the pictures are taken at, like run_clean(). */
void reset_with_size (int width,
                      int height);

/* A key press as GTK dispatches it, for tests that use the keyboard alone:
 * GTK 4 cannot make a GdkEvent, so the key goes through the event controllers
 * of the focus widget and its ancestors, capture phase from the window down,
 * then target, then bubble: GtkEventControllerKey::key-pressed, and the
 * shortcuts (class key bindings such as Tab, Space and Alt+Right, the
 * application's accelerators, mnemonics) whose key trigger matches. Input
 * methods (GtkText) are passed over: they need the real event. TRUE when
 * something took the key. */
gboolean send_key (GtkWindow       *window,
                   guint            keyval,
                   GdkModifierType  modifiers);

/* Tabs once round @window and counts the focus stops inside @inside: a
 * control the keyboard reaches in one press counts 1. */
guint count_focus_stops (GtkWindow *window,
                         GtkWidget *inside);

/* Fails when a label under @root takes the keyboard focus: a selectable
 * label does unless told not to, and Tab then selects it whole. */
void assert_no_focusable_text (GtkWidget  *root,
                               const char *view);

/* Opens @popover and fails when it is wider than its window or a label in it
 * is cut off (a long one that neither wraps nor ellipsizes). */
void assert_popover_fits (GtkPopover *popover);

OtasukeStore *open_test_store (void);

GtkWindow *find_message_dialog (void);

gboolean no_message_dialog (gpointer data);

/* The check page of @window, a template child of it or of its results
 * (failing when there is none), and whether it has loaded (for iterate_until). */
OtasukeCheckPage *find_check_page      (OtasukeWindow    *window);
gpointer          check_child          (OtasukeCheckPage *page,
                                        const char       *name);
gpointer          results_child        (OtasukeCheckPage *page,
                                        const char       *name);
gboolean          check_page_is_loaded (gpointer          data);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What can be found out about this computer without asking the user:
 * browsers and their versions, the operating system and its support, security
 * software, firewall, office macro security and screen lock. The interface is
 * platform neutral; its one implementation today is the Linux one in
 * app/otasuke-probe-*.c, built on every system. The Windows probes in win32/
 * (otasuke-win32.h) are not behind these functions yet (ARCHITECTURE.md,
 * "Platforms").
 *
 * Everything read is outside data: bounded, validated, and "unknown" when it
 * cannot be read, never a guess. */

typedef enum {
  OTASUKE_PROBE_UNKNOWN = -1,
  OTASUKE_PROBE_NO = 0,
  OTASUKE_PROBE_YES = 1,
} OtasukeProbeAnswer;

typedef enum {
  OTASUKE_PROBE_SOURCE_DEB,
  OTASUKE_PROBE_SOURCE_RPM,
  OTASUKE_PROBE_SOURCE_FLATPAK,
  OTASUKE_PROBE_SOURCE_SNAP,
  OTASUKE_PROBE_SOURCE_OTHER,
} OtasukeProbeSource;

typedef struct {
  const char *root;             /* filesystem root; NULL means "/" */
  /* The user's folders. NULL: the running user's when root is "/", else
   * the user-level checks (user Flatpak installs, LibreOffice profile) are skipped. */
  const char *home_dir;
  const char *user_config_dir;  /* ~/.config */
  const char *user_data_dir;    /* ~/.local/share; user Flatpak installs are in its flatpak/app */
  guint program_timeout_ms;     /* per program run; 0: 5 seconds */
  /* rpm is only asked about the running system: NULL looks it up in PATH
   * when root is "/"; tests pass a fake one (then it is used for any root). */
  const char *rpm_program;
  /* OtasukeFeedCheck* of type os_end_of_support from the feed; may be NULL.
   * They take precedence over the bundled table. */
  GPtrArray *os_checks;
  gint64 now;                   /* unix seconds; 0: the current time */
  /* GSettings is read only for root "/"; tests inject values instead. */
  gboolean inject_screen_lock;
  gboolean injected_lock_enabled;
  guint injected_idle_delay;    /* seconds, 0 = never */
} OtasukeProbeOptions;

typedef struct {
  char *id;               /* chrome, chromium, firefox, edge, brave, vivaldi */
  char *name;             /* "Google Chrome", "Firefox ESR" … (product names, not translated) */
  char *version;          /* NULL: installed, version unknown */
  char *channel;          /* stable, beta, dev, unstable, nightly, esr, snapshot; NULL when unknown */
  OtasukeProbeSource source;
  char *path;             /* binary, application.ini or install folder; may be NULL */
} OtasukeProbeBrowser;

typedef struct {
  char *name;             /* "Debian GNU/Linux" */
  char *version;          /* "12 (bookworm)"; may be NULL */
  char *id;               /* "debian"; may be NULL */
  char *version_id;       /* "12"; may be NULL */
  char *architecture;     /* may be NULL */
  char *kernel;           /* may be NULL */
  OtasukeProbeAnswer supported;
  char *end_of_support;   /* YYYY-MM-DD or NULL when not known */
} OtasukeProbeOs;

typedef struct {
  gboolean clamav_installed;        /* clamscan or clamdscan found */
  char *clamav_scanner_path;        /* may be NULL */
  gboolean clamav_updater_installed; /* freshclam found */
  gboolean clamav_updater_enabled;  /* clamav-freshclam.service enabled */
  gint64 clamav_signatures_time;    /* mtime of daily.cld/cvd, unix seconds; 0 when none */
  int clamav_signatures_age_days;   /* -1 when no signatures */
} OtasukeProbeSecurity;

typedef struct {
  gboolean ufw_installed;
  gboolean ufw_enabled;             /* ENABLED=yes in ufw.conf */
  gboolean firewalld_installed;
  gboolean firewalld_enabled;       /* firewalld.service wanted by multi-user.target */
} OtasukeProbeFirewall;

typedef struct {
  gboolean libreoffice_installed;
  char *libreoffice_profile;        /* registrymodifications.xcu read, or NULL */
  /* 0 low, 1 medium, 2 high, 3 very high; -1 when the profile could not be
   * read. LibreOffice's default (no setting in the profile) is 2. */
  int macro_security_level;
  gboolean level_from_profile;      /* FALSE: the default applies */
  gboolean macros_disabled;         /* DisableMacrosExecution */
} OtasukeProbeOfficeMacros;

typedef struct {
  gboolean detected;                /* the GNOME settings exist (or were injected) */
  gboolean lock_enabled;
  guint idle_delay_seconds;         /* 0 = the screen never blanks */
} OtasukeProbeScreenLock;

typedef struct {
  GPtrArray *browsers;              /* of OtasukeProbeBrowser*, sorted by id then source */
  OtasukeProbeOs os;
  OtasukeProbeSecurity security_software;
  OtasukeProbeFirewall firewall;
  OtasukeProbeOfficeMacros office_macros;
  OtasukeProbeScreenLock screen_lock;
} OtasukeProbeReport;

#define OTASUKE_PROBE_DEFAULT_TIMEOUT_MS 5000
#define OTASUKE_PROBE_MAX_OUTPUT (64 * 1024)

/* Blocking; returns NULL only with G_IO_ERROR_CANCELLED. */
OtasukeProbeReport *otasuke_probe_run          (const OtasukeProbeOptions *options,
                                                GCancellable              *cancellable,
                                                GError                   **error);
/* The same in a worker thread, on a copy of @options. */
void                otasuke_probe_run_async    (const OtasukeProbeOptions *options,
                                                GCancellable              *cancellable,
                                                GAsyncReadyCallback        callback,
                                                gpointer                   user_data);
OtasukeProbeReport *otasuke_probe_run_finish   (GAsyncResult              *result,
                                                GError                   **error);
void                otasuke_probe_report_free  (OtasukeProbeReport        *report);
void                otasuke_probe_browser_free (OtasukeProbeBrowser       *browser);

/* The `otasuke --probe` output: one pretty-printed JSON object. */
char               *otasuke_probe_report_to_json (const OtasukeProbeReport *report);

const char         *otasuke_probe_source_to_string (OtasukeProbeSource source);
/* "Low", "High" … for people; NULL for an unknown level. */
const char         *otasuke_probe_macro_level_to_string (int level);

/* Helpers, public for the Windows side and for tests. */

/* The first dotted version in a program's --version output, validated; or NULL. */
char               *otasuke_probe_parse_version_output (const char *text,
                                                        gsize       len);
/* "1:120.0.6099.224-1~deb12u1" → "120.0.6099.224", "115.9.0esr-1" → "115.9.0esr"; or NULL. */
char               *otasuke_probe_package_version      (const char *package_version);
/* End of support for @os_id / @version_id: the first matching check of
 * @checks (OtasukeFeedCheck*, may be NULL) wins, then the bundled table.
 * Stores the date (YYYY-MM-DD) in @end_date when known. */
OtasukeProbeAnswer  otasuke_probe_os_supported         (const char  *os_id,
                                                        const char  *version_id,
                                                        GPtrArray   *checks,
                                                        gint64       now,
                                                        char       **end_date);
/* The bundled end-of-support table as OtasukeFeedCheck*, in the feed's form. */
GPtrArray          *otasuke_probe_bundled_os_checks    (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeProbeReport, otasuke_probe_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeProbeBrowser, otasuke_probe_browser_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What can be found out about this computer without asking the user:
 * browsers and their versions, the operating system and its support, security
 * software, firewall, automatic updates, disk encryption, screen lock,
 * office macro security and backups. The report is platform neutral; Linux
 * fills it in app/otasuke-probe-*-linux.c, Windows in win32/otasuke-probe-*-win32.c.
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

/* The rest is the same on every platform: Linux fills it from ClamAV, ufw,
 * firewalld, unattended-upgrades, LUKS, GNOME and LibreOffice; Windows
 * (win32/) from Security Center, Defender, the firewall and Windows Update
 * policies, BitLocker, Office's VBAWarnings and File History / OneDrive.
 * For win32/: each OtasukeWin32Antivirus (otasuke_win32_find_antivirus)
 * becomes one OtasukeProbeSecurityProduct, name and path as they are,
 * enabled and up_to_date from the decoded productState; when Security
 * Center is UNAVAILABLE the list stays empty ("not detected"). VBAWarnings
 * 1–4 map to RUN_ALL, ASK, SIGNED, DISABLED. */

/* Virus definitions older than this are out of date. */
#define OTASUKE_PROBE_MAX_SIGNATURE_AGE_DAYS 7

typedef struct {
  char *name;                      /* "ClamAV", "Microsoft Defender Antivirus", "ウイルスバスター クラウド" */
  char *path;                      /* the scanner or the signed product executable; may be NULL */
  OtasukeProbeAnswer enabled;      /* protecting now (real-time on; for ClamAV: the scanner is there) */
  OtasukeProbeAnswer up_to_date;   /* virus definitions current */
  OtasukeProbeAnswer auto_update;  /* definitions are updated by themselves */
  gint64 signatures_time;          /* unix seconds; 0 when not known */
  int signatures_age_days;         /* -1 when not known */
} OtasukeProbeSecurityProduct;

typedef struct {
  gboolean installed;              /* a firewall was found */
  char *name;                      /* "ufw", "firewalld", "Windows Defender Firewall"; NULL: none */
  OtasukeProbeAnswer enabled;      /* UNKNOWN when none was found */
} OtasukeProbeFirewall;

typedef struct {
  gboolean detected;               /* the platform's mechanism was found */
  char *mechanism;                 /* "unattended-upgrades", "dnf-automatic", "Windows Update" */
  OtasukeProbeAnswer enabled;      /* security updates install by themselves */
} OtasukeProbeAutoUpdates;

typedef struct {
  OtasukeProbeAnswer system_encrypted; /* the system drive (LUKS / BitLocker) */
  char *method;                    /* "LUKS", "BitLocker"; NULL when not encrypted or not known */
} OtasukeProbeDiskEncryption;

/* What an office suite does with macros in documents, strictest last. */
typedef enum {
  OTASUKE_MACRO_POLICY_UNKNOWN = -1,
  OTASUKE_MACRO_POLICY_RUN_ALL = 0,  /* run without asking (LibreOffice Low, Office "enable all") */
  OTASUKE_MACRO_POLICY_ASK,          /* ask each time (LibreOffice Medium, Office "with notification") */
  OTASUKE_MACRO_POLICY_SIGNED,       /* only signed by trusted sources (LibreOffice High, Office "except signed") */
  OTASUKE_MACRO_POLICY_TRUSTED_ONLY, /* only from trusted locations (LibreOffice Very high) */
  OTASUKE_MACRO_POLICY_DISABLED,     /* never (DisableMacrosExecution, Office "disable all") */
} OtasukeMacroPolicy;

typedef struct {
  gboolean detected;               /* an office suite was found */
  char *product;                   /* "LibreOffice", "Microsoft Office"; NULL when none */
  char *profile;                   /* the settings read, or NULL */
  OtasukeMacroPolicy policy;       /* UNKNOWN when the settings could not be read */
  gboolean from_settings;          /* FALSE: the product's default applies */
} OtasukeProbeOfficeMacros;

typedef struct {
  gboolean detected;               /* the GNOME settings exist (or were injected) */
  gboolean lock_enabled;
  guint idle_delay_seconds;        /* 0 = the screen never blanks */
} OtasukeProbeScreenLock;

typedef struct {
  gboolean detected;               /* a backup tool is set up */
  char *tool;                      /* "Timeshift", "Déjà Dup", "File History", "OneDrive folder backup" */
  gint64 last_backup;              /* unix seconds; 0 when not known */
} OtasukeProbeBackup;

typedef struct {
  GPtrArray *browsers;              /* of OtasukeProbeBrowser*, sorted by id then source */
  OtasukeProbeOs os;
  /* OtasukeProbeSecurityProduct*; empty: none was recognised (not proof
   * that none is installed) */
  GPtrArray *security_products;
  OtasukeProbeFirewall firewall;
  OtasukeProbeAutoUpdates automatic_updates;
  OtasukeProbeDiskEncryption disk_encryption;
  OtasukeProbeScreenLock screen_lock;
  OtasukeProbeOfficeMacros office_macros;
  OtasukeProbeBackup backup;
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
/* An empty report (no browsers, nothing known), for the platforms to fill. */
OtasukeProbeReport *otasuke_probe_report_new   (void);
OtasukeProbeSecurityProduct *otasuke_probe_security_product_new  (const char *name);
void                otasuke_probe_security_product_free (OtasukeProbeSecurityProduct *product);
/* The first product that is on and current, else the first one; NULL when none. */
const OtasukeProbeSecurityProduct *otasuke_probe_report_best_security_product (const OtasukeProbeReport *report);
/* The products' names, "ClamAV, ESET", for the consultation sheet; NULL when none. */
char               *otasuke_probe_report_security_names (const OtasukeProbeReport *report);

/* The `otasuke --probe` output: one pretty-printed JSON object. */
char               *otasuke_probe_report_to_json (const OtasukeProbeReport *report);

const char         *otasuke_probe_source_to_string (OtasukeProbeSource source);
/* "Low", "High" … (LibreOffice's names for the levels) for people; NULL for
 * UNKNOWN and DISABLED. */
const char         *otasuke_probe_macro_policy_to_string (OtasukeMacroPolicy policy);
/* "run_all", "ask", "signed", "trusted_only", "disabled"; NULL for UNKNOWN. */
const char         *otasuke_probe_macro_policy_to_id     (OtasukeMacroPolicy policy);

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
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeProbeSecurityProduct, otasuke_probe_security_product_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The Windows side of Otasuke: plain C99 over the Win32 API, no GLib, so it
 * can be cross-compiled and tested on its own. The GTK program wraps it in
 * the platform-neutral interfaces (app/otasuke-probe.h, ui/otasuke-tray.h,
 * app/otasuke-autostart.h).
 *
 * Strings going out are UTF-8 (converted from UTF-16), owned by the caller
 * and freed with the matching *_free function (plain strings with
 * otasuke_win32_free). Strings going in are UTF-8; invalid UTF-8 is refused.
 * Everything read from the registry, files or WMI is outside data: type and
 * length checked, shape validated, and left out (or NULL) when it fails. */

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  OTASUKE_WIN32_OK = 0,
  OTASUKE_WIN32_ERROR_INVALID_ARGUMENT,  /* NULL where not allowed, bad UTF-8 */
  OTASUKE_WIN32_ERROR_NOT_FOUND,         /* nothing there; not a failure of the system */
  OTASUKE_WIN32_ERROR_NO_MEMORY,
  OTASUKE_WIN32_ERROR_UNAVAILABLE,       /* the service is missing: WMI, a taskbar … */
  OTASUKE_WIN32_ERROR_FAILED,            /* any other Win32/COM failure */
} OtasukeWin32Status;

/* Where the registry is read and written. The default (all zero, or a NULL
 * pointer) is the real HKEY_CURRENT_USER and HKEY_LOCAL_MACHINE, both
 * 64- and 32-bit views. Tests set registry_root, e.g. "Software\\OtasukeTest":
 * then HKCU\<root>\HKCU\… and HKCU\<root>\HKLM\… stand in for the two hives
 * and nothing outside HKCU\<root> is read or written. */
typedef struct {
  const char *registry_root;
  int skip_files;             /* browsers: do not open executables found in App Paths */
} OtasukeWin32Options;

const char *otasuke_win32_status_to_string (OtasukeWin32Status status);
void        otasuke_win32_free             (void *p);

/* ------------------------------------------------------------------ browsers */

typedef struct {
  char       *id;        /* chrome, edge, chromium, firefox, brave, vivaldi */
  char       *name;      /* "Google Chrome", "Firefox ESR" … (product names) */
  char       *version;   /* validated dotted version, "128.0.6613.85", "115.9.0esr" */
  char       *channel;   /* stable, beta, dev, canary, nightly, esr, snapshot; NULL: unknown */
  const char *source;    /* static: "registry" or "file" */
  char       *path;      /* the executable, or the registry key read; may be NULL */
} OtasukeWin32Browser;

/* Every browser found, sorted by id, channel, source. Entries that say the
 * same thing (HKCU and HKLM BLBeacon with one version) are merged. Never
 * runs a browser. *out is NULL when *n is 0. */
OtasukeWin32Status otasuke_win32_find_browsers (const OtasukeWin32Options *options,
                                                OtasukeWin32Browser      **out,
                                                size_t                    *n);
void               otasuke_win32_browsers_free (OtasukeWin32Browser *browsers,
                                                size_t               n);

/* The product version of an executable from its version resource: the
 * StringFileInfo ProductVersion when it is a valid version, else the
 * VS_FIXEDFILEINFO product version "a.b.c.d". @product_name (may be NULL)
 * receives the StringFileInfo ProductName when there is one. */
OtasukeWin32Status otasuke_win32_file_version  (const char *path,
                                                char      **version,
                                                char      **product_name);

/* "128.0 (x64 ja)" → "128.0", "115.9.0esr" stays, "abc" → NULL: after
 * leading blanks, a whole word of 2 to 4 dotted numbers (9 digits at most
 * each) with an optional a<n>, b<n>, rc<n> or esr suffix. Public for tests. */
char              *otasuke_win32_parse_version (const char *text);

/* ------------------------------------------------------------------------ OS */

typedef struct {
  char *name;            /* "Windows 11 Pro" (ProductName, corrected for 11) */
  char *version_id;      /* "10", "11" …; the feed's os_end_of_support version */
  char *display_version; /* "23H2"; may be NULL */
  char *build;           /* "22631.3880" (build.UBR); may be NULL */
  char *edition;         /* "Professional"; may be NULL */
  char *architecture;    /* "x86_64", "arm64", "x86"; may be NULL */
  unsigned long major, minor, build_number;
} OtasukeWin32Os;

/* Numbers from RtlGetVersion (not subject to compatibility shims), names from
 * HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion. With a registry_root,
 * numbers come from the fake CurrentBuildNumber etc. too. */
OtasukeWin32Status otasuke_win32_get_os        (const OtasukeWin32Options *options,
                                                OtasukeWin32Os            *os);
void               otasuke_win32_os_clear      (OtasukeWin32Os *os);
/* Windows 11 still says "Windows 10 …" in ProductName: build ≥ 22000 is 11. */
char              *otasuke_win32_os_fix_name   (const char    *product_name,
                                                unsigned long  build_number);

/* ----------------------------------------------------------- security software */

typedef struct {
  char          *name;          /* displayName */
  char          *path;          /* pathToSignedProductExe; may be NULL */
  unsigned long  product_state; /* raw productState */
  int            enabled;       /* decoded: real-time protection on */
  int            up_to_date;    /* decoded: signatures current */
} OtasukeWin32Antivirus;

/* WMI ROOT\SecurityCenter2 AntiVirusProduct (Windows client editions only).
 * OTASUKE_WIN32_ERROR_UNAVAILABLE when WMI or the namespace cannot be used
 * (Windows Server, Wine): that means "not detected", not "none installed".
 * OK with *n == 0 means Security Center answered and lists no product.
 * Initialises COM on the calling thread (apartment-neutral) if needed. */
OtasukeWin32Status otasuke_win32_find_antivirus  (OtasukeWin32Antivirus **out,
                                                  size_t                 *n);
void               otasuke_win32_antivirus_free  (OtasukeWin32Antivirus *products,
                                                  size_t                 n);
/* The commonly used decoding of the undocumented productState. */
void               otasuke_win32_decode_product_state (unsigned long  state,
                                                       int           *enabled,
                                                       int           *up_to_date);

/* ------------------------------------------------------- security settings */

/* Answers: the same numbers as OtasukeProbeAnswer. */
#define OTASUKE_WIN32_UNKNOWN (-1)
#define OTASUKE_WIN32_NO 0
#define OTASUKE_WIN32_YES 1

typedef struct {
  int firewall_profiles[3];   /* domain, private, public: answers */
  int firewall_enabled;       /* all three on: YES; any off: NO; else UNKNOWN */
  int update_service_found;
  int auto_updates;           /* answer */
  int defender_found;
  int defender_enabled;       /* answer: real-time protection */
  int screen_lock_detected;
  int screen_lock_enabled;    /* screen saver on and asks for the password */
  unsigned long screen_lock_idle_seconds;
  int office_found;
  int vba_level;              /* weakest VBAWarnings, 1..4; 0 unknown (default applies) */
  int vba_app;                /* 0 Word, 1 Excel, 2 PowerPoint */
  int bitlocker;              /* answer; filled by the caller (shell property) */
  int onedrive_backup;        /* Desktop or Documents inside OneDrive */
  int file_history;
  long long file_history_last; /* unix seconds; 0 when not known */
} OtasukeWin32Settings;

/* Reads everything above but BitLocker from the registry (win32-settings.c
 * lists the keys and sources). Missing keys leave UNKNOWN / 0. */
OtasukeWin32Status otasuke_win32_get_settings (const OtasukeWin32Options *options,
                                               OtasukeWin32Settings      *settings);

/* The pure interpretations, public for tests. have_* say whether the value exists. */
int  otasuke_win32_firewall_profile_on (int have_policy, unsigned long policy,
                                        int have_local, unsigned long local);
int  otasuke_win32_firewall_all_on     (const int *profiles, size_t n);
int  otasuke_win32_auto_updates        (int service_known, unsigned long service_start,
                                        int have_no_auto, unsigned long no_auto,
                                        int have_options, unsigned long au_options);
int  otasuke_win32_defender_enabled    (int defender_known, int have_policy_off,
                                        unsigned long policy_off, int have_rtp_off,
                                        unsigned long rtp_off);
/* Returns 1 when any of the three values exists (then the outputs are set). */
int  otasuke_win32_screen_lock         (const char *active, const char *secure,
                                        const char *timeout, int *lock_enabled,
                                        unsigned long *idle_seconds);
/* The VBAWarnings in force (policy first), 1..4, or 0. */
int  otasuke_win32_vba_level           (int have_policy, unsigned long policy,
                                        int have_user, unsigned long user);
/* System.Volume.BitLockerProtection → answer. */
int  otasuke_win32_bitlocker_on        (unsigned long protection);
/* The property as the shell hands it over (PROPVARIANT type @vt, e.g. VT_I4
 * or VT_UI4, and its integer @value) → answer; VT_EMPTY and any other type
 * is UNKNOWN. */
int  otasuke_win32_bitlocker_from_variant (unsigned short vt, long long value);
/* Reads System.Volume.BitLockerProtection of the system drive through the
 * shell's property system (no administrator rights needed) into @answer.
 * UNAVAILABLE (and @answer UNKNOWN) when the shell or the property is not
 * there, as under Wine. Blocks on the shell: call it from a worker thread. */
OtasukeWin32Status otasuke_win32_read_bitlocker (int *answer);
/* @path is @folder or inside it (case-insensitive, \ or /). */
int  otasuke_win32_path_inside         (const char *path, const char *folder);
long long otasuke_win32_unix_from_filetime (unsigned long long filetime);

/* ------------------------------------------------------------------ autostart */

typedef enum {
  OTASUKE_WIN32_AUTOSTART_ABSENT,
  OTASUKE_WIN32_AUTOSTART_ENABLED,   /* our value, pointing at @exe_path */
  OTASUKE_WIN32_AUTOSTART_OTHER,     /* our value, pointing elsewhere (an old install) */
  OTASUKE_WIN32_AUTOSTART_DISABLED,  /* present but switched off in Task Manager */
} OtasukeWin32AutostartState;

/* HKCU\Software\Microsoft\Windows\CurrentVersion\Run, value "Otasuke",
 * data "\"<exe_path>\" --background". @exe_path NULL: this process's. */
OtasukeWin32Status otasuke_win32_autostart_set    (const OtasukeWin32Options *options,
                                                   const char                *exe_path);
/* Removing a value that is not there succeeds. */
OtasukeWin32Status otasuke_win32_autostart_remove (const OtasukeWin32Options *options);
/* @command (may be NULL) receives the stored command line when there is one. */
OtasukeWin32Status otasuke_win32_autostart_query  (const OtasukeWin32Options  *options,
                                                   const char                 *exe_path,
                                                   OtasukeWin32AutostartState *state,
                                                   char                      **command);

/* ----------------------------------------------------------------------- tray */

/* All tray calls belong on the thread that created the tray (in the GTK
 * program, the main thread), whose message loop delivers the callback. */
typedef struct _OtasukeWin32Tray OtasukeWin32Tray;

typedef enum {
  OTASUKE_WIN32_TRAY_ACTIVATE,        /* left click or keyboard select */
  OTASUKE_WIN32_TRAY_CONTEXT_MENU,    /* right click or menu key; x, y in screen pixels */
  OTASUKE_WIN32_TRAY_BALLOON_CLICKED,
  OTASUKE_WIN32_TRAY_RECREATED,       /* Explorer restarted and the icon was added again */
} OtasukeWin32TrayEvent;

typedef void (*OtasukeWin32TrayCallback) (OtasukeWin32Tray      *tray,
                                          OtasukeWin32TrayEvent  event,
                                          int                    x,
                                          int                    y,
                                          void                  *user_data);

typedef enum {
  /* Default: a hidden top-level tool window, which gets "TaskbarCreated"
   * (to re-add the icon after Explorer restarts) and can own a popup menu. */
  OTASUKE_WIN32_TRAY_WINDOW_HIDDEN = 0,
  /* A message-only window (HWND_MESSAGE): no broadcasts, so no re-adding. */
  OTASUKE_WIN32_TRAY_WINDOW_MESSAGE_ONLY = 1,
} OtasukeWin32TrayWindow;

/* Creates the window (on the calling thread, whose message loop must run —
 * GLib's does) but shows nothing yet. @icon is an HICON, NULL for the
 * application icon; the caller keeps ownership of icons. */
OtasukeWin32Status otasuke_win32_tray_new       (OtasukeWin32TrayWindow    kind,
                                                 const char               *tooltip,
                                                 void                     *icon,
                                                 OtasukeWin32TrayCallback  callback,
                                                 void                     *user_data,
                                                 OtasukeWin32Tray        **out);
/* Adds the icon (NIM_ADD, NOTIFYICON_VERSION_4). UNAVAILABLE: no taskbar. */
OtasukeWin32Status otasuke_win32_tray_show      (OtasukeWin32Tray *tray);
OtasukeWin32Status otasuke_win32_tray_hide      (OtasukeWin32Tray *tray);
int                otasuke_win32_tray_is_shown  (OtasukeWin32Tray *tray);
/* Tooltips are cut to 127 UTF-16 units on a character boundary. */
OtasukeWin32Status otasuke_win32_tray_set_tooltip (OtasukeWin32Tray *tray,
                                                   const char       *tooltip);
/* @attention_icon (may be NULL: keep the normal one) is shown while attention is set. */
OtasukeWin32Status otasuke_win32_tray_set_icons (OtasukeWin32Tray *tray,
                                                 void             *icon,
                                                 void             *attention_icon);
OtasukeWin32Status otasuke_win32_tray_set_attention (OtasukeWin32Tray *tray,
                                                     int               attention);
/* A balloon (a toast on Windows 10+), respecting quiet time. */
OtasukeWin32Status otasuke_win32_tray_balloon   (OtasukeWin32Tray *tray,
                                                 const char       *title,
                                                 const char       *text,
                                                 int               warning);
/* A modal popup menu at the cursor; *chosen is the index picked or -1. */
OtasukeWin32Status otasuke_win32_tray_popup_menu (OtasukeWin32Tray   *tray,
                                                  const char * const *labels,
                                                  size_t              n_labels,
                                                  int                *chosen);
void              *otasuke_win32_tray_get_window (OtasukeWin32Tray *tray);  /* HWND */
/* Removes the icon and destroys the window. */
void               otasuke_win32_tray_free      (OtasukeWin32Tray *tray);

#ifdef __cplusplus
}
#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-probe"

#include "config.h"

#include <string.h>

#include "otasuke-probe-private.h"
#include "otasuke-subprocess.h"
#include "otasuke-version.h"

/* Browsers on Linux: distribution packages (dpkg, rpm) and the binaries they
 * install, Flatpak (system and user) and Snap. Product names are not
 * translated. */

#define DPKG_STATUS_MAX (64 * 1024 * 1024)
#define METAINFO_MAX (4 * 1024 * 1024)

typedef enum {
  FROM_PROGRAM,   /* run it with --version */
  FROM_INI,       /* Firefox's application.ini, [App] Version= */
} VersionMethod;

typedef struct {
  const char *id;
  const char *name;
  const char *channel;
  VersionMethod method;
  const char *packages[3];
  const char *paths[4];   /* below root, first found wins */
} NativeBrowser;

static const NativeBrowser native_browsers[] = {
  { "chrome", "Google Chrome", "stable", FROM_PROGRAM,
    { "google-chrome-stable" },
    { "usr/bin/google-chrome-stable", "opt/google/chrome/google-chrome" } },
  { "chrome", "Google Chrome Beta", "beta", FROM_PROGRAM,
    { "google-chrome-beta" },
    { "usr/bin/google-chrome-beta", "opt/google/chrome-beta/google-chrome-beta" } },
  { "chrome", "Google Chrome Dev", "dev", FROM_PROGRAM,
    { "google-chrome-unstable" },
    { "usr/bin/google-chrome-unstable", "opt/google/chrome-unstable/google-chrome-unstable" } },
  { "chromium", "Chromium", "stable", FROM_PROGRAM,
    { "chromium", "chromium-browser" },
    { "usr/bin/chromium", "usr/bin/chromium-browser" } },
  { "firefox", "Firefox", "stable", FROM_INI,
    { "firefox" },
    { "usr/lib/firefox/application.ini", "usr/lib64/firefox/application.ini",
      "opt/firefox/application.ini" } },
  { "firefox", "Firefox ESR", "esr", FROM_INI,
    { "firefox-esr" },
    { "usr/lib/firefox-esr/application.ini", "usr/lib64/firefox-esr/application.ini" } },
  { "edge", "Microsoft Edge", "stable", FROM_PROGRAM,
    { "microsoft-edge-stable" },
    { "usr/bin/microsoft-edge-stable", "opt/microsoft/msedge/microsoft-edge" } },
  { "edge", "Microsoft Edge Beta", "beta", FROM_PROGRAM,
    { "microsoft-edge-beta" },
    { "usr/bin/microsoft-edge-beta", "opt/microsoft/msedge-beta/microsoft-edge-beta" } },
  { "edge", "Microsoft Edge Dev", "dev", FROM_PROGRAM,
    { "microsoft-edge-dev" },
    { "usr/bin/microsoft-edge-dev", "opt/microsoft/msedge-dev/microsoft-edge-dev" } },
  { "brave", "Brave", "stable", FROM_PROGRAM,
    { "brave-browser" },
    { "usr/bin/brave-browser", "opt/brave.com/brave/brave-browser" } },
  { "brave", "Brave Beta", "beta", FROM_PROGRAM,
    { "brave-browser-beta" },
    { "usr/bin/brave-browser-beta" } },
  { "brave", "Brave Nightly", "nightly", FROM_PROGRAM,
    { "brave-browser-nightly" },
    { "usr/bin/brave-browser-nightly" } },
  { "vivaldi", "Vivaldi", "stable", FROM_PROGRAM,
    { "vivaldi-stable" },
    { "usr/bin/vivaldi-stable", "opt/vivaldi/vivaldi" } },
  { "vivaldi", "Vivaldi Snapshot", "snapshot", FROM_PROGRAM,
    { "vivaldi-snapshot" },
    { "usr/bin/vivaldi-snapshot", "opt/vivaldi-snapshot/vivaldi-snapshot" } },
};

typedef struct {
  const char *app_id;
  const char *id;
  const char *name;
  const char *channel;
  const char *ini;        /* below the deployment's files/, or NULL: metainfo */
} FlatpakBrowser;

static const FlatpakBrowser flatpak_browsers[] = {
  { "com.google.Chrome", "chrome", "Google Chrome", "stable", NULL },
  { "com.google.ChromeDev", "chrome", "Google Chrome Dev", "dev", NULL },
  { "org.chromium.Chromium", "chromium", "Chromium", "stable", NULL },
  { "org.mozilla.firefox", "firefox", "Firefox", "stable", "lib/firefox/application.ini" },
  { "com.microsoft.Edge", "edge", "Microsoft Edge", "stable", NULL },
  { "com.brave.Browser", "brave", "Brave", "stable", NULL },
  { "com.vivaldi.Vivaldi", "vivaldi", "Vivaldi", "stable", NULL },
};

typedef struct {
  const char *snap;
  const char *id;
  const char *name;
  const char *ini;        /* below the snap, or NULL: meta/snap.yaml */
} SnapBrowser;

static const SnapBrowser snap_browsers[] = {
  { "chromium", "chromium", "Chromium", NULL },
  { "firefox", "firefox", "Firefox", "usr/lib/firefox/application.ini" },
  { "brave", "brave", "Brave", NULL },
};

static OtasukeProbeBrowser *
browser_new (const char         *id,
             const char         *name,
             const char         *channel,
             OtasukeProbeSource  source,
             char               *version,
             char               *path)
{
  OtasukeProbeBrowser *b = g_new0 (OtasukeProbeBrowser, 1);

  b->id = g_strdup (id);
  b->version = version;
  b->path = path;
  b->source = source;

  /* Firefox tells its channel by its version. */
  if (g_str_equal (id, "firefox") && version != NULL)
    {
      if (otasuke_version_is_esr (version))
        {
          channel = "esr";
          name = "Firefox ESR";
        }
      else if (strchr (version, 'b') != NULL)
        channel = "beta";
      else if (strchr (version, 'a') != NULL)
        channel = "nightly";
    }

  b->name = g_strdup (name);
  b->channel = g_strdup (channel);
  return b;
}

static char *
ini_version (const char *path)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *contents = NULL;
  g_autofree char *version = NULL;
  gsize len = 0;

  if (!otasuke_probe_read_file (path, OTASUKE_PROBE_SMALL_FILE_MAX, &contents, &len))
    return NULL;
  if (memchr (contents, '\0', len) != NULL ||
      !g_key_file_load_from_data (kf, contents, len, G_KEY_FILE_NONE, NULL))
    return NULL;

  version = g_key_file_get_string (kf, "App", "Version", NULL);
  if (version == NULL)
    return NULL;
  g_strstrip (version);
  return otasuke_version_is_valid (version) ? g_steal_pointer (&version) : NULL;
}

/* dpkg's status file: Package/Status/Version of the packages in @wanted. */
static void
read_dpkg_status (const OtasukeProbeContext *ctx,
                  GHashTable                *wanted,
                  GHashTable                *found)
{
  g_autofree char *path = g_build_filename (ctx->root, "var", "lib", "dpkg", "status", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) stanzas = NULL;
  gsize len = 0;

  if (!otasuke_probe_read_file (path, DPKG_STATUS_MAX, &contents, &len))
    return;
  if (memchr (contents, '\0', len) != NULL)
    return;

  stanzas = g_strsplit (contents, "\n\n", -1);
  g_clear_pointer (&contents, g_free);

  for (guint i = 0; stanzas[i] != NULL; i++)
    {
      g_auto(GStrv) lines = g_strsplit (stanzas[i], "\n", -1);
      const char *package = NULL, *status = NULL, *version = NULL;

      for (guint j = 0; lines[j] != NULL; j++)
        {
          char *line = lines[j];

          if (g_str_has_prefix (line, "Package:"))
            package = g_strstrip (line + strlen ("Package:"));
          else if (g_str_has_prefix (line, "Status:"))
            status = g_strstrip (line + strlen ("Status:"));
          else if (g_str_has_prefix (line, "Version:"))
            version = g_strstrip (line + strlen ("Version:"));
        }

      if (package == NULL || version == NULL || status == NULL ||
          !g_str_has_suffix (status, " installed") ||
          !g_hash_table_contains (wanted, package) ||
          g_hash_table_contains (found, package))
        continue;

      g_hash_table_insert (found, g_strdup (package), g_strdup (version));
    }
}

/* rpm's database cannot be read without librpm: ask rpm itself, on this machine only. */
static void
read_rpm (const OtasukeProbeContext *ctx,
          GHashTable                *wanted,
          GHashTable                *found,
          GCancellable              *cancellable)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(OtasukeSubprocessResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTableIter iter;
  gpointer key;

  if (ctx->rpm_program == NULL)
    return;

  g_ptr_array_add (argv, ctx->rpm_program);
  g_ptr_array_add (argv, (gpointer) "-q");
  g_ptr_array_add (argv, (gpointer) "--qf");
  g_ptr_array_add (argv, (gpointer) "%{NAME}\\t%{VERSION}\\n");
  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (argv, key);
  g_ptr_array_add (argv, NULL);

  /* rpm exits non-zero when a package is missing: the output still counts. */
  result = otasuke_subprocess_run ((const char * const *) argv->pdata, ctx->timeout_ms,
                                   OTASUKE_PROBE_MAX_OUTPUT, cancellable, &error);
  if (result == NULL)
    {
      g_debug ("rpm: %s", error->message);
      return;
    }
  if (result->truncated || memchr (result->output, '\0', result->output_len) != NULL)
    return;

  lines = g_strsplit (result->output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 3);

      if (g_strv_length (fields) != 2 || !g_hash_table_contains (wanted, fields[0]) ||
          g_hash_table_contains (found, fields[0]))
        continue;
      g_hash_table_insert (found, g_strdup (fields[0]), g_strdup (g_strstrip (fields[1])));
    }
}

static gboolean
is_usable_file (const char    *path,
                VersionMethod  method)
{
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  return method == FROM_INI || g_file_test (path, G_FILE_TEST_IS_EXECUTABLE);
}

static void
probe_native (const OtasukeProbeContext *ctx,
              GPtrArray                 *browsers,
              GCancellable              *cancellable)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) deb = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) rpm = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (native_browsers); i++)
    for (guint j = 0; j < G_N_ELEMENTS (native_browsers[i].packages) && native_browsers[i].packages[j] != NULL; j++)
      g_hash_table_add (wanted, (gpointer) native_browsers[i].packages[j]);

  read_dpkg_status (ctx, wanted, deb);
  read_rpm (ctx, wanted, rpm, cancellable);

  for (guint i = 0; i < G_N_ELEMENTS (native_browsers); i++)
    {
      const NativeBrowser *nb = &native_browsers[i];
      OtasukeProbeSource source = OTASUKE_PROBE_SOURCE_OTHER;
      const char *package_version = NULL;
      g_autofree char *path = NULL;
      g_autofree char *version = NULL;
      gboolean transitional = FALSE;

      if (g_cancellable_is_cancelled (cancellable))
        return;

      for (guint j = 0; j < G_N_ELEMENTS (nb->packages) && nb->packages[j] != NULL; j++)
        {
          const char *v;

          if ((v = g_hash_table_lookup (deb, nb->packages[j])) != NULL)
            source = OTASUKE_PROBE_SOURCE_DEB;
          else if ((v = g_hash_table_lookup (rpm, nb->packages[j])) != NULL)
            source = OTASUKE_PROBE_SOURCE_RPM;
          else
            continue;

          /* Ubuntu's "1:1snap1" packages only install the snap: found there. */
          if (strstr (v, "snap") != NULL)
            transitional = TRUE;
          else
            package_version = v;
          break;
        }
      if (transitional)
        continue;

      for (guint j = 0; j < G_N_ELEMENTS (nb->paths) && nb->paths[j] != NULL && path == NULL; j++)
        {
          g_autofree char *candidate = g_build_filename (ctx->root, nb->paths[j], NULL);

          if (is_usable_file (candidate, nb->method))
            path = g_steal_pointer (&candidate);
        }

      if (path == NULL && package_version == NULL)
        continue;

      /* The program's own answer is the truth; the package database is the fallback. */
      if (path != NULL)
        version = nb->method == FROM_INI
          ? ini_version (path)
          : otasuke_probe_program_version (ctx, path, cancellable);
      if (package_version != NULL)
        {
          g_autofree char *from_package = otasuke_probe_package_version (package_version);

          /* application.ini may carry "115.9.0" where the program says "115.9.0esr":
           * the same release, named as the program names it. */
          if (version != NULL && from_package != NULL && nb->method == FROM_INI &&
              g_str_has_prefix (from_package, version) &&
              g_str_equal (from_package + strlen (version), "esr"))
            g_clear_pointer (&version, g_free);
          if (version == NULL)
            version = g_steal_pointer (&from_package);
        }

      g_ptr_array_add (browsers, browser_new (nb->id, nb->name, nb->channel, source,
                                              g_steal_pointer (&version),
                                              g_steal_pointer (&path)));
    }
}

/* The highest <release version="…"> of an AppStream file. */
typedef struct {
  char *best;
} MetainfoState;

static void
metainfo_start (GMarkupParseContext  *context,
                const char           *element,
                const char          **names,
                const char          **values,
                gpointer              user_data,
                GError              **error)
{
  MetainfoState *state = user_data;
  int cmp = 0;

  if (!g_str_equal (element, "release"))
    return;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (!g_str_equal (names[i], "version") || !otasuke_version_is_valid (values[i]))
        continue;
      if (state->best == NULL ||
          (otasuke_version_compare (values[i], state->best, &cmp, NULL) && cmp > 0))
        {
          g_free (state->best);
          state->best = g_strdup (values[i]);
        }
    }
}

static char *
metainfo_version (const char *files_dir,
                  const char *app_id)
{
  static const struct { const char *dir; const char *suffix; } patterns[] = {
    { "share/metainfo/", ".metainfo.xml" },
    { "share/metainfo/", ".appdata.xml" },
    { "share/appdata/", ".appdata.xml" },
  };
  static const GMarkupParser parser = { metainfo_start, NULL, NULL, NULL, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      g_autofree char *relative = g_strconcat (patterns[i].dir, app_id, patterns[i].suffix, NULL);
      g_autofree char *path = g_build_filename (files_dir, relative, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GMarkupParseContext) context = NULL;
      MetainfoState state = { NULL };
      gsize len = 0;

      if (!otasuke_probe_read_file (path, METAINFO_MAX, &contents, &len))
        continue;

      context = g_markup_parse_context_new (&parser, G_MARKUP_IGNORE_QUALIFIED, &state, NULL);
      if (!g_markup_parse_context_parse (context, contents, len, NULL) ||
          !g_markup_parse_context_end_parse (context, NULL))
        {
          g_free (state.best);
          continue;
        }
      if (state.best != NULL)
        return state.best;
    }

  return NULL;
}

/* "x86_64/beta" → "beta": the branch the `current` link points at. */
static char *
flatpak_branch (const char *app_dir)
{
  g_autofree char *link = g_build_filename (app_dir, "current", NULL);
  g_autofree char *target = g_file_read_link (link, NULL);
  const char *slash;

  if (target == NULL || strlen (target) > 256)
    return NULL;
  slash = strrchr (target, '/');
  return g_strdup (slash != NULL ? slash + 1 : target);
}

static void
probe_flatpak_dir (const char   *apps_dir,
                   GPtrArray    *browsers)
{
  for (guint i = 0; i < G_N_ELEMENTS (flatpak_browsers); i++)
    {
      const FlatpakBrowser *fb = &flatpak_browsers[i];
      g_autofree char *app_dir = g_build_filename (apps_dir, fb->app_id, NULL);
      g_autofree char *active = g_build_filename (app_dir, "current", "active", NULL);
      g_autofree char *files = g_build_filename (active, "files", NULL);
      g_autofree char *branch = NULL;
      char *version = NULL;
      const char *channel = fb->channel;

      if (!g_file_test (files, G_FILE_TEST_IS_DIR))
        continue;

      if (fb->ini != NULL)
        {
          g_autofree char *ini = g_build_filename (files, fb->ini, NULL);
          version = ini_version (ini);
        }
      else
        version = metainfo_version (files, fb->app_id);

      branch = flatpak_branch (app_dir);
      if (g_strcmp0 (branch, "beta") == 0)
        channel = "beta";

      g_ptr_array_add (browsers, browser_new (fb->id, fb->name, channel,
                                              OTASUKE_PROBE_SOURCE_FLATPAK,
                                              version, g_steal_pointer (&active)));
    }
}

static char *
snap_yaml_version (const char *snap_dir)
{
  g_autofree char *path = g_build_filename (snap_dir, "meta", "snap.yaml", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len = 0;

  if (!otasuke_probe_read_file (path, OTASUKE_PROBE_SMALL_FILE_MAX, &contents, &len) ||
      memchr (contents, '\0', len) != NULL)
    return NULL;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *value;
      gsize n;

      if (!g_str_has_prefix (lines[i], "version:"))
        continue;
      value = g_strstrip (lines[i] + strlen ("version:"));
      n = strlen (value);
      if (n >= 2 && (value[0] == '\'' || value[0] == '"') && value[n - 1] == value[0])
        {
          value[n - 1] = '\0';
          value++;
        }
      return otasuke_version_is_valid (value) ? g_strdup (value) : NULL;
    }

  return NULL;
}

static void
probe_snap (const OtasukeProbeContext *ctx,
            GPtrArray                 *browsers)
{
  for (guint i = 0; i < G_N_ELEMENTS (snap_browsers); i++)
    {
      const SnapBrowser *sb = &snap_browsers[i];
      g_autofree char *dir = g_build_filename (ctx->root, "snap", sb->snap, "current", NULL);
      char *version = NULL;

      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        continue;

      if (sb->ini != NULL)
        {
          g_autofree char *ini = g_build_filename (dir, sb->ini, NULL);
          version = ini_version (ini);
        }
      if (version == NULL)
        version = snap_yaml_version (dir);

      /* The channel a snap tracks is snapd's business; not guessed here. */
      g_ptr_array_add (browsers, browser_new (sb->id, sb->name, NULL, OTASUKE_PROBE_SOURCE_SNAP,
                                              version, g_steal_pointer (&dir)));
    }
}

void
otasuke_probe_browsers (const OtasukeProbeContext *ctx,
                        GPtrArray                 *browsers,
                        GCancellable              *cancellable)
{
  g_autofree char *system_apps = g_build_filename (ctx->root, "var", "lib", "flatpak", "app", NULL);

  probe_native (ctx, browsers, cancellable);
  probe_flatpak_dir (system_apps, browsers);
  if (ctx->user_data_dir != NULL)
    {
      g_autofree char *user_apps = g_build_filename (ctx->user_data_dir, "flatpak", "app", NULL);

      probe_flatpak_dir (user_apps, browsers);
    }
  probe_snap (ctx, browsers);
}

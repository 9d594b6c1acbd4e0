/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-feed-tool"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "otasuke-feed.h"
#include "otasuke-minisign.h"
#include "otasuke-paths.h"

/* otasuke-feed: keys, signatures and checks for the people who publish the feed. */

enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
  EXIT_NOT_OTASUKE = 3,
};

#define KEY_FILE_MAX_BYTES       4096
#define SIGNATURE_FILE_MAX_BYTES 8192

typedef int (*CommandFunc) (int    argc,
                            char **argv);

typedef struct {
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} Command;

static void
print_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static void
print_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("otasuke-feed: %s\n", message);
}

static void
usage_error (const char *command,
             const char *message)
{
  print_error ("%s", message);
  g_printerr (_("Run “otasuke-feed %s --help” for its options."), command);
  g_printerr ("\n");
}

/* The options of @command and its arguments; on a usage error it says so and
 * how to get help, and the command exits with EXIT_USAGE. */
static gboolean
parse_command_line (const char          *command,
                    const char          *parameters,
                    const char          *summary,
                    const GOptionEntry  *entries,
                    int                 *argc,
                    char              ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      usage_error (command, error->message);
      return FALSE;
    }

  return TRUE;
}

/* Reads at most @max_bytes; a longer file is an error rather than a large allocation. */
static gboolean
read_file_limited (const char  *path,
                   gsize        max_bytes,
                   char       **contents,
                   gsize       *len,
                   GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *buffer = NULL;
  gsize n_read = 0;

  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return FALSE;

  buffer = g_malloc (max_bytes + 2);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, max_bytes + 1, &n_read,
                                NULL, error))
    return FALSE;

  if (n_read > max_bytes)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("%s is larger than %u bytes"), path, (guint) max_bytes);
      return FALSE;
    }

  buffer[n_read] = '\0';
  *contents = g_steal_pointer (&buffer);
  *len = n_read;

  return TRUE;
}

/* Writes a file that must not exist yet, so an existing key is never lost. */
static gboolean
write_new_file (const char  *path,
                const char  *contents,
                gsize        len,
                int          mode,
                GError     **error)
{
  gsize written = 0;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | otasuke_paths_create_flags (), mode);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  while (written < len)
    {
      gssize n = write (fd, contents + written, len - written);

      if (n < 0 && errno == EINTR)
        continue;

      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_unlink (path);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Could not write %s: %s"), path, g_strerror (saved_errno));
          return FALSE;
        }

      written += n;
    }

  if (g_fsync (fd) != 0 || !g_close (fd, NULL))
    {
      int saved_errno = errno;

      g_unlink (path);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not write %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_file (const char  *path,
            const char  *contents,
            gsize        len,
            int          mode,
            gboolean     overwrite,
            GError     **error)
{
  if (!overwrite)
    return write_new_file (path, contents, len, mode, error);

  /* Replaced atomically: a reader sees the old file or the new one, never half. */
  return g_file_set_contents_full (path, contents, len, G_FILE_SET_CONTENTS_CONSISTENT,
                                   mode, error);
}

/* Trusted comments come from whoever signed: keep terminal control codes out. */
static char *
printable (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '\t' && g_unichar_iscntrl (c))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static int
command_keygen (int    argc,
                char **argv)
{
  g_autofree char *public_path = NULL;
  g_autofree char *secret_path = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "public-key", 'p', 0, G_OPTION_ARG_FILENAME, &public_path,
      N_("Write the public key to FILE"), N_("FILE") },
    { "secret-key", 's', 0, G_OPTION_ARG_FILENAME, &secret_path,
      N_("Write the secret key to FILE (readable only by you)"), N_("FILE") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Replace existing key files"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeMinisignKey) key = NULL;
  g_autofree char *public_contents = NULL;
  g_autofree char *key_id = NULL;
  g_autofree char *key_b64 = NULL;
  char *secret_contents = NULL;
  gboolean ok;

  if (!parse_command_line ("keygen", "-p PUBLIC -s SECRET",
                           _("Creates a new minisign key pair for signing the feed. "
                             "The secret key is stored without a password: keep it offline "
                             "and readable only by the publisher."),
                           entries, &argc, &argv))
    return EXIT_USAGE;

  if (public_path == NULL || secret_path == NULL)
    {
      usage_error ("keygen", _("Both -p PUBLIC and -s SECRET are required"));
      return EXIT_USAGE;
    }

  if (argc > 1)
    {
      usage_error ("keygen", _("Too many arguments"));
      return EXIT_USAGE;
    }

  if (g_strcmp0 (public_path, secret_path) == 0)
    {
      usage_error ("keygen", _("The public and the secret key need different files"));
      return EXIT_USAGE;
    }

  if (!force)
    {
      const char *paths[] = { secret_path, public_path };

      for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
        {
          if (g_file_test (paths[i], G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
            {
              print_error (_("%s already exists; use -f to replace it"), paths[i]);
              return EXIT_FAILED;
            }
        }
    }

  otasuke_minisign_keygen (&public_contents, &secret_contents);

  ok = write_file (secret_path, secret_contents, strlen (secret_contents), 0600, force, &error);
  sodium_memzero (secret_contents, strlen (secret_contents));
  g_free (secret_contents);

  if (!ok)
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }

  if (!write_file (public_path, public_contents, strlen (public_contents), 0644, force, &error))
    {
      print_error ("%s", error->message);
      /* Half a key pair is of no use; do not leave a secret without its public key. */
      g_unlink (secret_path);
      return EXIT_FAILED;
    }

  key = otasuke_minisign_key_new_from_file_contents (public_contents, strlen (public_contents), NULL);
  g_assert (key != NULL);
  key_id = otasuke_minisign_key_get_id (key);
  key_b64 = otasuke_minisign_key_get_base64 (key);

  g_print (_("The secret key was saved as %s. Keep it secret and offline."), secret_path);
  g_print ("\n");
  g_print (_("The public key was saved as %s."), public_path);
  g_print ("\n");
  g_print (_("Key id: %s"), key_id);
  g_print ("\n");
  g_print (_("Public key: %s"), key_b64);
  g_print ("\n");

  return EXIT_OK;
}

static int
command_sign (int    argc,
              char **argv)
{
  g_autofree char *secret_path = NULL;
  g_autofree char *signature_path = NULL;
  g_autofree char *trusted_comment = NULL;
  const GOptionEntry entries[] = {
    { "secret-key", 's', 0, G_OPTION_ARG_FILENAME, &secret_path,
      N_("Sign with the secret key in FILE"), N_("FILE") },
    { "trusted-comment", 't', 0, G_OPTION_ARG_STRING, &trusted_comment,
      N_("Sign this one-line comment too (default: time stamp and file name)"), N_("TEXT") },
    { "signature", 'x', 0, G_OPTION_ARG_FILENAME, &signature_path,
      N_("Write the signature to SIG (default: FILE.minisig)"), N_("SIG") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *signature = NULL;
  char *secret_contents = NULL;
  gsize secret_len = 0;
  gsize data_len = 0;
  const char *path;

  if (!parse_command_line ("sign", _("FILE"),
                           _("Signs FILE and writes the detached signature to FILE.minisig."),
                           entries, &argc, &argv))
    return EXIT_USAGE;

  if (secret_path == NULL)
    {
      usage_error ("sign", _("-s SECRET is required"));
      return EXIT_USAGE;
    }

  if (argc != 2)
    {
      usage_error ("sign", _("Name exactly one file to sign"));
      return EXIT_USAGE;
    }

  path = argv[1];

  if (!g_file_get_contents (path, &data, &data_len, &error))
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }

  if (!read_file_limited (secret_path, KEY_FILE_MAX_BYTES, &secret_contents, &secret_len, &error))
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }

  basename = g_path_get_basename (path);
  signature = otasuke_minisign_sign (secret_contents, secret_len, (const guint8 *) data, data_len,
                                     basename, trusted_comment, &error);
  sodium_memzero (secret_contents, secret_len);
  g_free (secret_contents);

  if (signature == NULL)
    {
      print_error ("%s: %s", secret_path, error->message);
      return EXIT_FAILED;
    }

  if (signature_path == NULL)
    signature_path = g_strconcat (path, ".minisig", NULL);

  if (!g_file_set_contents_full (signature_path, signature, strlen (signature),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }

  g_print (_("The signature was saved as %s."), signature_path);
  g_print ("\n");

  return EXIT_OK;
}

static int
command_verify (int    argc,
                char **argv)
{
  g_autofree char *public_path = NULL;
  g_autofree char *signature_path = NULL;
  gboolean quiet = FALSE;
  const GOptionEntry entries[] = {
    { "public-key", 'p', 0, G_OPTION_ARG_FILENAME, &public_path,
      N_("Verify with the public key in FILE"), N_("FILE") },
    { "signature", 'x', 0, G_OPTION_ARG_FILENAME, &signature_path,
      N_("Read the signature from SIG (default: FILE.minisig)"), N_("SIG") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet,
      N_("Print nothing; only set the exit status"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(OtasukeMinisignKey) key = NULL;
  g_autofree char *public_contents = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *data = NULL;
  g_autofree char *trusted_comment = NULL;
  g_autofree char *shown_comment = NULL;
  gsize public_len = 0;
  gsize signature_len = 0;
  gsize data_len = 0;
  const char *path;

  if (!parse_command_line ("verify", _("FILE"),
                           _("Verifies the minisign signature of FILE. Exits with 0 when "
                             "the signature and its trusted comment are good, 1 when they "
                             "are not or a file cannot be read, and 2 on a usage error."),
                           entries, &argc, &argv))
    return EXIT_USAGE;

  if (public_path == NULL)
    {
      usage_error ("verify", _("-p PUBLIC is required"));
      return EXIT_USAGE;
    }

  if (argc != 2)
    {
      usage_error ("verify", _("Name exactly one file to verify"));
      return EXIT_USAGE;
    }

  path = argv[1];
  if (signature_path == NULL)
    signature_path = g_strconcat (path, ".minisig", NULL);

  if (!read_file_limited (public_path, KEY_FILE_MAX_BYTES, &public_contents, &public_len, &error))
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }

  key = otasuke_minisign_key_new_from_file_contents (public_contents, public_len, &error);
  if (key == NULL)
    {
      print_error ("%s: %s", public_path, error->message);
      return EXIT_FAILED;
    }

  if (!read_file_limited (signature_path, SIGNATURE_FILE_MAX_BYTES, &signature, &signature_len,
                          &error) ||
      !g_file_get_contents (path, &data, &data_len, &error))
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }

  keys = g_ptr_array_new ();
  g_ptr_array_add (keys, key);

  if (!otasuke_minisign_verify (keys, (const guint8 *) data, data_len, signature, signature_len,
                                &trusted_comment, NULL, &error))
    {
      if (!quiet)
        print_error ("%s: %s", signature_path, error->message);
      return EXIT_FAILED;
    }

  if (!quiet)
    {
      shown_comment = printable (trusted_comment);
      g_print ("%s\n", _("Signature and comment signature verified"));
      g_print (_("Trusted comment: %s"), shown_comment);
      g_print ("\n");
    }

  return EXIT_OK;
}

static char *
format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (unix_time);

  if (date == NULL)
    return g_strdup ("?");

  return g_date_time_format (date, "%Y-%m-%d %H:%M:%S UTC");
}

static int
command_validate (int    argc,
                  char **argv)
{
  const GOptionEntry entries[] = {
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeFeed) feed = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sequence = NULL;
  g_autofree char *expires = NULL;
  gsize len = 0;
  const char *path;

  if (!parse_command_line ("validate", _("FILE"),
                           _("Checks that FILE is a feed Otasuke can use. Exits with 0 when it "
                             "is, 1 when it is not (the message names the wrong field), 3 when "
                             "it is a JSON Feed without the _otasuke fields, and 2 on a usage "
                             "error."),
                           entries, &argc, &argv))
    return EXIT_USAGE;

  if (argc != 2)
    {
      usage_error ("validate", _("Name exactly one file to validate"));
      return EXIT_USAGE;
    }

  path = argv[1];

  if (!read_file_limited (path, OTASUKE_FEED_MAX_BYTES, &contents, &len, &error))
    {
      print_error ("%s", error->message);
      return EXIT_FAILED;
    }

  feed = otasuke_feed_parse (contents, len, &error);
  if (feed == NULL)
    {
      print_error ("%s: %s", path, error->message);

      if (g_error_matches (error, OTASUKE_FEED_ERROR, OTASUKE_FEED_ERROR_MISSING_EXTENSION))
        return EXIT_NOT_OTASUKE;

      return EXIT_FAILED;
    }

  sequence = g_strdup_printf ("%" G_GINT64_FORMAT, feed->sequence);
  expires = format_date (feed->expires);

  g_print (_("%s is a valid feed."), path);
  g_print ("\n");
  g_print (ngettext ("%u item", "%u items", feed->items->len), feed->items->len);
  g_print ("\n");
  g_print (_("Sequence: %s"), sequence);
  g_print ("\n");
  if (otasuke_feed_is_expired (feed, g_get_real_time () / G_USEC_PER_SEC))
    g_print (_("Expires: %s (already expired)"), expires);
  else
    g_print (_("Expires: %s"), expires);
  g_print ("\n");

  return EXIT_OK;
}

static const Command commands[] = {
  { "keygen", command_keygen, N_("Create a new key pair") },
  { "sign", command_sign, N_("Sign a file") },
  { "verify", command_verify, N_("Verify a file’s signature") },
  { "validate", command_validate, N_("Check that a file is a feed Otasuke can use") },
};

static void
print_usage (FILE *stream)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s\n  otasuke-feed %s\n\n%s\n",
                          _("Usage:"), _("COMMAND [OPTION…]"), _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (out, "  %-10s%s\n", commands[i].name, _(commands[i].summary));
  g_string_append_c (out, '\n');
  g_string_append (out, _("Run “otasuke-feed COMMAND --help” for the options of a command."));
  g_string_append_c (out, '\n');

  if (stream == stdout)
    g_print ("%s", out->str);
  else
    g_printerr ("%s", out->str);

  g_string_free (out, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("OTASUKE_LOCALEDIR");
  g_autofree char *installed_localedir = otasuke_paths_get_locale_dir ();
  const char *name;

  setlocale (LC_ALL, "");
  /* OTASUKE_LOCALEDIR lets an uninstalled build (meson devenv, tests) find its catalogues. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : installed_localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  name = argv[1];

  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }

  if (g_str_equal (name, "--version"))
    {
      g_print ("otasuke-feed %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (name, commands[i].name))
        {
          g_autofree char *prgname = g_strconcat ("otasuke-feed ", name, NULL);

          /* "otasuke-feed sign" in the --help usage line. */
          g_set_prgname (prgname);
          argv[1] = prgname;
          return commands[i].func (argc - 1, argv + 1);
        }
    }

  print_error (_("Unknown command “%s”"), name);
  print_usage (stderr);

  return EXIT_USAGE;
}

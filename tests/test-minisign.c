/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-minisign"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "otasuke-minisign.h"

#define DATA "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}\n"
#define COMMENT "timestamp:1700000000\tfile:feed.json\thashed"

/* Offsets in a decoded minisign secret key (see otasuke-minisign.c). */
#define SECRET_KEY_BYTES      158
#define SECRET_KDF_OFFSET     2
#define SECRET_KEYNUM_OFFSET  54
#define SECRET_SK_OFFSET      62
#define SECRET_CHK_OFFSET     126

typedef struct {
  char *public_file;
  char *secret_file;
  OtasukeMinisignKey *key;
} KeyPair;

static void
key_pair_clear (KeyPair *pair)
{
  g_clear_pointer (&pair->public_file, g_free);
  g_clear_pointer (&pair->secret_file, g_free);
  g_clear_pointer (&pair->key, otasuke_minisign_key_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KeyPair, key_pair_clear)

static void
key_pair_init (KeyPair *pair)
{
  g_autoptr(GError) error = NULL;

  otasuke_minisign_keygen (&pair->public_file, &pair->secret_file);
  pair->key = otasuke_minisign_key_new_from_file_contents (pair->public_file,
                                                           strlen (pair->public_file), &error);
  g_assert_no_error (error);
  g_assert_nonnull (pair->key);
}

static char *
sign (const KeyPair *pair,
      const char    *data,
      const char    *comment)
{
  g_autoptr(GError) error = NULL;
  char *signature;

  signature = otasuke_minisign_sign (pair->secret_file, strlen (pair->secret_file),
                                     (const guint8 *) data, strlen (data), "feed.json", comment,
                                     &error);
  g_assert_no_error (error);
  g_assert_nonnull (signature);

  return signature;
}

/* Verifies against @key alone; returns the trusted comment or NULL and @error. */
static char *
verify_len (const OtasukeMinisignKey *key,
            const char               *data,
            const char               *signature,
            gsize                     signature_len,
            GError                  **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  const OtasukeMinisignKey *matched = NULL;
  char *comment = NULL;
  gboolean ok;

  g_ptr_array_add (keys, (gpointer) key);
  ok = otasuke_minisign_verify (keys, (const guint8 *) data, strlen (data), signature,
                                signature_len, &comment, &matched, error);
  if (ok)
    {
      g_assert_true (matched == key);
      g_assert_nonnull (comment);
    }
  else
    {
      g_assert_null (comment);
      g_assert_null (matched);
    }

  return comment;
}

static char *
verify (const OtasukeMinisignKey *key,
        const char               *data,
        const char               *signature,
        GError                  **error)
{
  return verify_len (key, data, signature, strlen (signature), error);
}

static guint8 *
decode_line (const char *line,
             gsize       expected_len)
{
  gsize len = 0;
  guint8 *bin = g_base64_decode (line, &len);

  g_assert_cmpuint (len, ==, expected_len);
  return bin;
}

/* The four lines of a signature file, without their newlines. */
static GStrv
signature_lines (const char *signature)
{
  GStrv lines = g_strsplit (signature, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[4], ==, "");

  return lines;
}

static char *
make_signature_file (const char   *alg,
                     const guint8 *id,
                     const guint8  sig[crypto_sign_BYTES],
                     const char   *comment,
                     const guint8  global_sig[crypto_sign_BYTES])
{
  guint8 blob[74];
  g_autofree char *blob_b64 = NULL;
  g_autofree char *global_b64 = NULL;

  memcpy (blob, alg, 2);
  memcpy (blob + 2, id, 8);
  memcpy (blob + 10, sig, crypto_sign_BYTES);
  blob_b64 = g_base64_encode (blob, sizeof blob);
  global_b64 = g_base64_encode (global_sig, crypto_sign_BYTES);

  return g_strdup_printf ("untrusted comment: made by hand\n%s\ntrusted comment: %s\n%s\n",
                          blob_b64, comment, global_b64);
}

static guint8 *
decode_secret_key (const char *secret_file)
{
  g_auto(GStrv) lines = g_strsplit (secret_file, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), >=, 2);
  return decode_line (lines[1], SECRET_KEY_BYTES);
}

static char *
encode_secret_key (const guint8 *blob)
{
  g_autofree char *b64 = g_base64_encode (blob, SECRET_KEY_BYTES);

  return g_strdup_printf ("untrusted comment: minisign encrypted secret key\n%s\n", b64);
}

static void
sign_global (const guint8  sig[crypto_sign_BYTES],
             const char   *comment,
             const guint8 *sk,
             guint8        global_sig[crypto_sign_BYTES])
{
  g_autoptr(GByteArray) message = g_byte_array_new ();

  g_byte_array_append (message, sig, crypto_sign_BYTES);
  g_byte_array_append (message, (const guint8 *) comment, strlen (comment));
  crypto_sign_detached (global_sig, NULL, message->data, message->len, sk);
}

/* A scratch directory inside the per-test XDG tree that GLib removes afterwards. */
static char *
scratch_path (const char *name)
{
  const char *dir = g_get_user_cache_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* Runs @argv (never through a shell) and returns its exit status. */
static int
run (const char * const *argv,
     const char         *input,
     char              **out,
     char              **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  g_autofree char *command = g_strjoinv (" ", (char **) argv);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  /* minisign looks for ./minisign.pub; run where only our files are. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_subprocess_launcher_set_cwd (launcher, g_get_user_cache_dir ());
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL,
                                 &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  g_test_message ("%s → %d\nstdout: %s\nstderr: %s", command,
                  g_subprocess_get_exit_status (process), stdout_text, stderr_text);

  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);

  return g_subprocess_get_exit_status (process);
}

static const char *
minisign_path (void)
{
  static char *path = NULL;

  /* CI installs minisign: a missing binary is a failure, not a skip. */
  if (path == NULL)
    path = g_find_program_in_path ("minisign");
  if (path == NULL)
    g_error ("minisign is not installed; the interoperability tests need it (apt install minisign)");

  return path;
}

static void
test_round_trip (void)
{
  g_auto(KeyPair) pair = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeMinisignKey) from_line = NULL;
  g_autoptr(OtasukeMinisignKey) copy = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *id = NULL;
  g_autofree char *b64 = NULL;
  g_autofree char *b64_again = NULL;
  g_autofree char *expected_comment_line = NULL;
  g_auto(GStrv) public_lines = NULL;
  g_auto(GStrv) lines = NULL;

  key_pair_init (&pair);

  id = otasuke_minisign_key_get_id (pair.key);
  g_assert_cmpuint (strlen (id), ==, 16);
  g_assert_true (g_regex_match_simple ("^[0-9A-F]{16}$", id, 0, 0));

  public_lines = g_strsplit (pair.public_file, "\n", -1);
  g_assert_cmpuint (g_strv_length (public_lines), ==, 3);
  expected_comment_line = g_strconcat ("untrusted comment: minisign public key ", id, NULL);
  g_assert_cmpstr (public_lines[0], ==, expected_comment_line);
  b64 = otasuke_minisign_key_get_base64 (pair.key);
  g_assert_cmpstr (public_lines[1], ==, b64);
  g_assert_true (g_str_has_prefix (b64, "RW"));
  g_assert_true (g_str_has_prefix (pair.secret_file,
                                   "untrusted comment: minisign encrypted secret key\n"));

  from_line = otasuke_minisign_key_new (b64, &error);
  g_assert_no_error (error);
  copy = otasuke_minisign_key_copy (from_line);
  b64_again = otasuke_minisign_key_get_base64 (copy);
  g_assert_cmpstr (b64_again, ==, b64);

  signature = sign (&pair, DATA, COMMENT);
  lines = signature_lines (signature);
  g_assert_true (g_str_has_prefix (lines[0], "untrusted comment: "));
  g_assert_cmpstr (lines[2], ==, "trusted comment: " COMMENT);
  /* Prehashed: the signature blob starts with "ED". */
  {
    g_autofree guint8 *blob = decode_line (lines[1], 74);

    g_assert_cmpmem (blob, 2, "ED", 2);
  }

  comment = verify (pair.key, DATA, signature, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (comment, ==, COMMENT);

  /* The copy is a different pointer with the same key. */
  g_clear_pointer (&comment, g_free);
  comment = verify (copy, DATA, signature, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (comment, ==, COMMENT);
}

static void
test_empty_data (void)
{
  g_auto(KeyPair) pair = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autofree char *signature = NULL;

  key_pair_init (&pair);
  signature = otasuke_minisign_sign (pair.secret_file, strlen (pair.secret_file), NULL, 0, NULL,
                                     "empty", &error);
  g_assert_no_error (error);

  g_ptr_array_add (keys, pair.key);
  g_assert_true (otasuke_minisign_verify (keys, NULL, 0, signature, strlen (signature), NULL, NULL,
                                          &error));
  g_assert_no_error (error);
}

static void
test_default_trusted_comment (void)
{
  g_auto(KeyPair) pair = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *long_name = NULL;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  gint64 stamp;

  key_pair_init (&pair);

  signature = sign (&pair, DATA, NULL);
  comment = verify (pair.key, DATA, signature, &error);
  g_assert_no_error (error);
  g_assert_true (g_regex_match_simple ("^timestamp:[0-9]+\tfile:feed\\.json\thashed$", comment, 0, 0));
  stamp = g_ascii_strtoll (comment + strlen ("timestamp:"), NULL, 10);
  g_assert_cmpint (stamp, >=, before);
  g_assert_cmpint (stamp, <=, before + 60);

  /* Without a name, and with a name too long for a comment. */
  g_clear_pointer (&signature, g_free);
  g_clear_pointer (&comment, g_free);
  signature = otasuke_minisign_sign (pair.secret_file, strlen (pair.secret_file),
                                     (const guint8 *) DATA, strlen (DATA), NULL, NULL, &error);
  g_assert_no_error (error);
  comment = verify (pair.key, DATA, signature, &error);
  g_assert_no_error (error);
  g_assert_true (g_regex_match_simple ("^timestamp:[0-9]+\thashed$", comment, 0, 0));

  long_name = g_strnfill (3000, 'n');
  g_clear_pointer (&signature, g_free);
  g_clear_pointer (&comment, g_free);
  signature = otasuke_minisign_sign (pair.secret_file, strlen (pair.secret_file),
                                     (const guint8 *) DATA, strlen (DATA), long_name, NULL, &error);
  g_assert_no_error (error);
  comment = verify (pair.key, DATA, signature, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (comment), <=, 1024);
  g_assert_true (g_str_has_suffix (comment, "…\thashed"));
}

static void
test_bad_trusted_comment (void)
{
  g_auto(KeyPair) pair = { 0 };
  const char *bad[] = { "two\nlines", "carriage\rreturn", "\xff\xfe not UTF-8", NULL };
  g_autofree char *too_long = g_strnfill (1025, 'c');
  g_autofree char *longest = g_strnfill (1024, 'c');
  g_autofree char *signature = NULL;
  g_autofree char *comment = NULL;
  g_autoptr(GError) error = NULL;

  key_pair_init (&pair);

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      char *result = otasuke_minisign_sign (pair.secret_file, strlen (pair.secret_file),
                                            (const guint8 *) DATA, strlen (DATA), NULL, bad[i],
                                            &local_error);

      g_assert_null (result);
      g_assert_error (local_error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_FAILED);
    }

  g_assert_null (otasuke_minisign_sign (pair.secret_file, strlen (pair.secret_file),
                                        (const guint8 *) DATA, strlen (DATA), NULL, too_long,
                                        &error));
  g_assert_error (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_FAILED);
  g_clear_error (&error);

  signature = sign (&pair, DATA, longest);
  comment = verify (pair.key, DATA, signature, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (comment, ==, longest);
}

static void
test_tampered_data (void)
{
  g_auto(KeyPair) pair = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *tampered = g_strdup (DATA);

  key_pair_init (&pair);
  signature = sign (&pair, DATA, COMMENT);

  tampered[3] ^= 1;
  g_assert_null (verify (pair.key, tampered, signature, &error));
  g_assert_error (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  /* One byte more or less is a different message too. */
  g_assert_null (verify (pair.key, DATA " ", signature, &error));
  g_assert_error (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_BAD_SIGNATURE);
}

static void
test_tampered_trusted_comment (void)
{
  g_auto(KeyPair) pair = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *tampered = NULL;
  g_auto(GStrv) lines = NULL;

  key_pair_init (&pair);
  signature = sign (&pair, DATA, COMMENT);
  lines = signature_lines (signature);

  tampered = g_strdup_printf ("%s\n%s\n%s\n%s\n", lines[0], lines[1],
                              "trusted comment: timestamp:1800000000\tfile:feed.json\thashed",
                              lines[3]);
  g_assert_null (verify (pair.key, DATA, tampered, &error));
  g_assert_error (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  /* The untrusted comment is not signed: changing it is allowed. */
  g_clear_pointer (&tampered, g_free);
  tampered = g_strdup_printf ("%s\n%s\n%s\n%s\n", "untrusted comment: something else",
                              lines[1], lines[2], lines[3]);
  g_free (verify (pair.key, DATA, tampered, &error));
  g_assert_no_error (error);
}

static void
test_tampered_signatures (void)
{
  g_auto(KeyPair) pair = { 0 };
  g_autofree char *signature = NULL;
  g_auto(GStrv) lines = NULL;

  key_pair_init (&pair);
  signature = sign (&pair, DATA, COMMENT);
  lines = signature_lines (signature);

  /* Flip one bit of the global signature, then one of the main signature. */
  for (guint which = 0; which < 2; which++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree guint8 *global = decode_line (lines[3], 64);
      g_autofree guint8 *blob = decode_line (lines[1], 74);
      g_autofree char *global_b64 = NULL;
      g_autofree char *blob_b64 = NULL;
      g_autofree char *tampered = NULL;

      if (which == 0)
        global[17] ^= 0x01;
      else
        blob[40] ^= 0x80;

      global_b64 = g_base64_encode (global, 64);
      blob_b64 = g_base64_encode (blob, 74);
      tampered = g_strdup_printf ("%s\n%s\n%s\n%s\n", lines[0], blob_b64, lines[2], global_b64);

      g_assert_null (verify (pair.key, DATA, tampered, &error));
      g_assert_error (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_BAD_SIGNATURE);
    }
}

static void
test_wrong_key (void)
{
  g_auto(KeyPair) pair = { 0 };
  g_auto(KeyPair) other = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(OtasukeMinisignKey) same_id = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autofree char *signature = NULL;
  g_autofree char *other_b64 = NULL;
  g_autofree char *own_b64 = NULL;
  g_autofree char *same_id_b64 = NULL;
  g_autofree guint8 *other_blob = NULL;
  g_autofree guint8 *own_blob = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *id = NULL;
  const OtasukeMinisignKey *matched = NULL;

  key_pair_init (&pair);
  key_pair_init (&other);
  signature = sign (&pair, DATA, COMMENT);

  g_assert_null (verify (other.key, DATA, signature, &error));
  g_assert_error (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_UNKNOWN_KEY);
  id = otasuke_minisign_key_get_id (pair.key);
  g_assert_nonnull (strstr (error->message, id));
  g_clear_error (&error);

  /* No keys at all. */
  g_assert_false (otasuke_minisign_verify (keys, (const guint8 *) DATA, strlen (DATA), signature,
                                           strlen (signature), NULL, NULL, &error));
  g_assert_error (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_UNKNOWN_KEY);
  g_clear_error (&error);

  /* Another key that claims the same id is not fooled. */
  other_b64 = otasuke_minisign_key_get_base64 (other.key);
  own_b64 = otasuke_minisign_key_get_base64 (pair.key);
  other_blob = decode_line (other_b64, 42);
  own_blob = decode_line (own_b64, 42);
  memcpy (other_blob + 2, own_blob + 2, 8);
  same_id_b64 = g_base64_encode (other_blob, 42);
  same_id = otasuke_minisign_key_new (same_id_b64, &error);
  g_assert_no_error (error);

  g_assert_null (verify (same_id, DATA, signature, &error));
  g_assert_error (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  /* Among several trusted keys, the right one is found, even after an impostor. */
  g_ptr_array_add (keys, other.key);
  g_ptr_array_add (keys, same_id);
  g_ptr_array_add (keys, pair.key);
  g_assert_true (otasuke_minisign_verify (keys, (const guint8 *) DATA, strlen (DATA), signature,
                                          strlen (signature), &comment, &matched, &error));
  g_assert_no_error (error);
  g_assert_true (matched == pair.key);
  g_assert_cmpstr (comment, ==, COMMENT);
}

static void
test_legacy (void)
{
  g_auto(KeyPair) pair = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *secret = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *comment = NULL;
  guint8 sig[crypto_sign_BYTES];
  guint8 global[crypto_sign_BYTES];

  key_pair_init (&pair);
  secret = decode_secret_key (pair.secret_file);

  /* Legacy "Ed": the Ed25519 signature is over the message itself. */
  crypto_sign_detached (sig, NULL, (const guint8 *) DATA, strlen (DATA), secret + SECRET_SK_OFFSET);
  sign_global (sig, "legacy comment", secret + SECRET_SK_OFFSET, global);
  signature = make_signature_file ("Ed", secret + SECRET_KEYNUM_OFFSET, sig, "legacy comment", global);

  comment = verify (pair.key, DATA, signature, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (comment, ==, "legacy comment");

  g_assert_null (verify (pair.key, DATA "x", signature, &error));
  g_assert_error (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  /* The same signature labelled "ED" is checked against the hash and fails. */
  g_clear_pointer (&signature, g_free);
  signature = make_signature_file ("ED", secret + SECRET_KEYNUM_OFFSET, sig, "legacy comment", global);
  g_assert_null (verify (pair.key, DATA, signature, &error));
  g_assert_error (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_BAD_SIGNATURE);

  sodium_memzero (secret, SECRET_KEY_BYTES);
}

typedef struct {
  const char *name;
  const char *template;
  int         code;  /* -1: accepted */
} MalformedCase;

static const MalformedCase malformed_cases[] = {
  { "empty", "", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "one line", "{1}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "two lines", "{1}\n{2}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "three lines", "{1}\n{2}\n{3}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "no global signature", "{1}\n{2}\n{3}\n\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "bad base64", "{1}\n{2bad}\n{3}\n{4}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "signature too short", "{1}\n{2short}\n{3}\n{4}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "signature too long", "{1}\n{2long}\n{3}\n{4}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "signature without padding", "{1}\n{2nopad}\n{3}\n{4}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "signature with a trailing space", "{1}\n{2} \n{3}\n{4}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "signature with a leading space", "{1}\n {2}\n{3}\n{4}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "unknown algorithm", "{1}\n{2alg}\n{3}\n{4}\n", OTASUKE_MINISIGN_ERROR_UNSUPPORTED },
  { "global signature too short", "{1}\n{2}\n{3}\n{4short}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "global signature not canonical", "{1}\n{2}\n{3}\n{4noncanon}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "huge untrusted comment", "untrusted comment: {big}\n{2}\n{3}\n{4}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "huge trusted comment", "{1}\n{2}\ntrusted comment: {big}\n{4}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "longest untrusted comment", "untrusted comment: {max}\n{2}\n{3}\n{4}\n", -1 },
  { "empty untrusted comment", "untrusted comment: \n{2}\n{3}\n{4}\n", -1 },
  { "untrusted prefix without space", "untrusted comment:x\n{2}\n{3}\n{4}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "missing untrusted prefix", "comment: x\n{2}\n{3}\n{4}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "missing trusted prefix", "{1}\n{2}\n{3text}\n{4}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "trusted comment not UTF-8", "{1}\n{2}\ntrusted comment: \xff\xfe\n{4}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "CR inside a comment", "untrusted comment: a\rb\n{2}\n{3}\n{4}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "NUL byte", "untrusted comment: a{nul}b\n{2}\n{3}\n{4}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "CRLF", "{1}\r\n{2}\r\n{3}\r\n{4}\r\n", -1 },
  { "mixed line endings", "{1}\r\n{2}\n{3}\r\n{4}\n", -1 },
  { "no final newline", "{1}\n{2}\n{3}\n{4}", -1 },
  { "CR only", "{1}\r{2}\r{3}\r{4}\r", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "blank line inside", "{1}\n\n{2}\n{3}\n{4}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "trailing blank line", "{1}\n{2}\n{3}\n{4}\n\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "extra line", "{1}\n{2}\n{3}\n{4}\n{4}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "lines swapped", "{1}\n{3}\n{2}\n{4}\n", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
  { "over 8 KiB", "{1}\n{2}\n{3}\n{4}\n{pad}", OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE },
};

static GString *
expand_template (const char *template,
                 GHashTable *tokens)
{
  GString *out = g_string_new (NULL);

  for (const char *p = template; *p != '\0'; p++)
    {
      const char *close;
      g_autofree char *name = NULL;
      const char *value;

      if (*p != '{' || (close = strchr (p, '}')) == NULL)
        {
          g_string_append_c (out, *p);
          continue;
        }

      name = g_strndup (p + 1, close - p - 1);
      p = close;

      if (g_str_equal (name, "nul"))
        {
          g_string_append_c (out, '\0');
          continue;
        }

      value = g_hash_table_lookup (tokens, name);
      g_assert_nonnull (value);
      g_string_append (out, value);
    }

  return out;
}

static void
test_malformed (void)
{
  g_auto(KeyPair) pair = { 0 };
  g_autoptr(GHashTable) tokens = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *signature = NULL;
  g_autofree guint8 *blob = NULL;
  g_autofree guint8 *global = NULL;
  g_auto(GStrv) lines = NULL;
  char *value;
  guint n_rejected = 0;

  key_pair_init (&pair);
  signature = sign (&pair, DATA, COMMENT);
  lines = signature_lines (signature);
  blob = decode_line (lines[1], 74);
  global = decode_line (lines[3], 64);

  g_hash_table_insert (tokens, (gpointer) "1", g_strdup (lines[0]));
  g_hash_table_insert (tokens, (gpointer) "2", g_strdup (lines[1]));
  g_hash_table_insert (tokens, (gpointer) "3", g_strdup (lines[2]));
  g_hash_table_insert (tokens, (gpointer) "4", g_strdup (lines[3]));
  g_hash_table_insert (tokens, (gpointer) "3text", g_strdup (lines[2] + strlen ("trusted comment: ")));

  value = g_strdup (lines[1]);
  value[10] = '*';
  g_hash_table_insert (tokens, (gpointer) "2bad", value);
  g_hash_table_insert (tokens, (gpointer) "2short", g_strndup (lines[1], strlen (lines[1]) - 4));
  {
    guint8 longer[77];

    memcpy (longer, blob, 74);
    memcpy (longer + 74, "abc", 3);
    g_hash_table_insert (tokens, (gpointer) "2long", g_base64_encode (longer, sizeof longer));
  }
  value = g_strdup (lines[1]);
  g_assert_true (g_str_has_suffix (value, "="));
  *strchr (value, '=') = '\0';
  g_hash_table_insert (tokens, (gpointer) "2nopad", value);
  {
    guint8 other_alg[74];

    memcpy (other_alg, blob, 74);
    memcpy (other_alg, "Ex", 2);
    g_hash_table_insert (tokens, (gpointer) "2alg", g_base64_encode (other_alg, sizeof other_alg));
  }
  g_hash_table_insert (tokens, (gpointer) "4short", g_base64_encode (global, 63));
  /* 64 bytes end in "X==": X carries 2 bits; setting one of its 4 unused bits
   * decodes to the same bytes with a lenient decoder. */
  value = g_strdup (lines[3]);
  g_assert_true (g_str_has_suffix (value, "=="));
  {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char *last = value + strlen (value) - 3;
    int index = strchr (alphabet, *last) - alphabet;

    g_assert_cmpint (index & 0x0f, ==, 0);
    *last = alphabet[index | 0x01];
  }
  g_hash_table_insert (tokens, (gpointer) "4noncanon", value);
  g_hash_table_insert (tokens, (gpointer) "big", g_strnfill (1025, 'b'));
  g_hash_table_insert (tokens, (gpointer) "max", g_strnfill (1024, 'm'));
  g_hash_table_insert (tokens, (gpointer) "pad", g_strnfill (8192, 'p'));

  for (gsize i = 0; i < G_N_ELEMENTS (malformed_cases); i++)
    {
      const MalformedCase *test_case = &malformed_cases[i];
      g_autoptr(GString) contents = expand_template (test_case->template, tokens);
      g_autoptr(GError) error = NULL;
      g_autofree char *comment = NULL;

      g_test_message ("case: %s", test_case->name);
      comment = verify_len (pair.key, DATA, contents->str, contents->len, &error);

      if (test_case->code < 0)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (comment, ==, COMMENT);
        }
      else
        {
          g_assert_error (error, OTASUKE_MINISIGN_ERROR, test_case->code);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          n_rejected++;
        }
    }

  g_assert_cmpuint (n_rejected, >=, 15);
}

static void
test_public_keys (void)
{
  g_auto(KeyPair) pair = { 0 };
  g_autofree char *b64 = NULL;
  g_autofree char *other_alg = NULL;
  g_autofree char *crlf = NULL;
  g_autofree char *no_newline = NULL;
  g_autofree guint8 *blob = NULL;
  struct {
    const char *line;
    int         code;
  } lines[] = {
    { "", OTASUKE_MINISIGN_ERROR_MALFORMED_KEY },
    { "RWQ", OTASUKE_MINISIGN_ERROR_MALFORMED_KEY },
    { "RW!!lSnFxWagp1g/rhxEe/49SVmRV1nY0cIQu0wf6/Mk4AuSJi1Q18hn", OTASUKE_MINISIGN_ERROR_MALFORMED_KEY },
    { "RWRWlSnFxWagp1g/rhxEe/49SVmRV1nY0cIQu0wf6/Mk4AuSJi1Q18h", OTASUKE_MINISIGN_ERROR_MALFORMED_KEY },
    { "RWRWlSnFxWagp1g/rhxEe/49SVmRV1nY0cIQu0wf6/Mk4AuSJi1Q18hnAAAA", OTASUKE_MINISIGN_ERROR_MALFORMED_KEY },
    { "RWRWlSnFxWagp1g/rhxEe/49SVmRV1nY0cIQu0wf6/Mk4AuSJi1Q18hn\n", OTASUKE_MINISIGN_ERROR_MALFORMED_KEY },
    { " RWRWlSnFxWagp1g/rhxEe/49SVmRV1nY0cIQu0wf6/Mk4AuSJi1Q18hn", OTASUKE_MINISIGN_ERROR_MALFORMED_KEY },
    /* libsodium 1.0.18 alone would read this byte as the "/" it replaces. */
    { "RWRWlSnFxWagp1g\330rhxEe/49SVmRV1nY0cIQu0wf6/Mk4AuSJi1Q18hn", OTASUKE_MINISIGN_ERROR_MALFORMED_KEY },
    { "RWRWlSnFxWagp1g/rhxEe/49SVmRV1nY0cIQu0wf6/Mk4AuSJi1Q18hn", -1 },
  };
  struct {
    const char *contents;
    int         code;
  } files[] = {
    { "", OTASUKE_MINISIGN_ERROR_MALFORMED_KEY },
    { "RWRWlSnFxWagp1g/rhxEe/49SVmRV1nY0cIQu0wf6/Mk4AuSJi1Q18hn\n", OTASUKE_MINISIGN_ERROR_MALFORMED_KEY },
    { "untrusted comment: x\n", OTASUKE_MINISIGN_ERROR_MALFORMED_KEY },
    { "untrusted comment: x\nRWRWlSnFxWagp1g/rhxEe/49SVmRV1nY0cIQu0wf6/Mk4AuSJi1Q18hn\nmore\n", OTASUKE_MINISIGN_ERROR_MALFORMED_KEY },
    { "untrusted comment: x\nRWRWlSnFxWagp1g/rhxEe/49SVmRV1nY0cIQu0wf6/Mk4AuSJi1Q18hn\n", -1 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OtasukeMinisignKey) key = otasuke_minisign_key_new (lines[i].line, &error);

      g_test_message ("key line %" G_GSIZE_FORMAT, i);
      if (lines[i].code < 0)
        {
          g_autofree char *id = NULL;

          g_assert_no_error (error);
          id = otasuke_minisign_key_get_id (key);
          /* A key minisign 0.11 made, and the id it printed for it. */
          g_assert_cmpstr (id, ==, "A7A066C5C5299556");
        }
      else
        {
          g_assert_error (error, OTASUKE_MINISIGN_ERROR, lines[i].code);
          g_assert_null (key);
        }
    }

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OtasukeMinisignKey) key =
        otasuke_minisign_key_new_from_file_contents (files[i].contents, strlen (files[i].contents), &error);

      g_test_message ("key file %" G_GSIZE_FORMAT, i);
      if (files[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (key);
        }
      else
        {
          g_assert_error (error, OTASUKE_MINISIGN_ERROR, files[i].code);
          g_assert_null (key);
        }
    }

  /* Another algorithm than Ed25519 is unsupported rather than malformed. */
  key_pair_init (&pair);
  b64 = otasuke_minisign_key_get_base64 (pair.key);
  blob = decode_line (b64, 42);
  memcpy (blob, "Ex", 2);
  other_alg = g_base64_encode (blob, 42);
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (otasuke_minisign_key_new (other_alg, &error));
    g_assert_error (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_UNSUPPORTED);
  }

  /* CRLF and a missing final newline are fine in a key file. */
  crlf = g_strdup_printf ("untrusted comment: minisign public key\r\n%s\r\n", b64);
  no_newline = g_strdup_printf ("untrusted comment: minisign public key\n%s", b64);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(OtasukeMinisignKey) a = otasuke_minisign_key_new_from_file_contents (crlf, strlen (crlf), &error);
    g_autoptr(OtasukeMinisignKey) b = NULL;

    g_assert_no_error (error);
    b = otasuke_minisign_key_new_from_file_contents (no_newline, strlen (no_newline), &error);
    g_assert_no_error (error);
    g_assert_nonnull (a);
    g_assert_nonnull (b);
  }
}

static void
test_secret_keys (void)
{
  g_auto(KeyPair) pair = { 0 };
  g_autofree guint8 *blob = NULL;

  key_pair_init (&pair);
  blob = decode_secret_key (pair.secret_file);
  g_assert_cmpmem (blob, 6, "Ed\0\0B2", 6);

  /* An encrypted key, a damaged checksum, a zero checksum (what minisign 0.11
   * writes with -W), and a secret key whose public half does not match. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree guint8 *copy = g_memdup2 (blob, SECRET_KEY_BYTES);
    g_autofree char *file = NULL;

    memcpy (copy + SECRET_KDF_OFFSET, "Sc", 2);
    file = encode_secret_key (copy);
    g_assert_null (otasuke_minisign_sign (file, strlen (file), (const guint8 *) DATA, strlen (DATA),
                                          NULL, NULL, &error));
    g_assert_error (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_UNSUPPORTED);
    g_assert_nonnull (strstr (error->message, "otasuke-feed keygen"));
    g_assert_nonnull (strstr (error->message, "minisign -G -W"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree guint8 *copy = g_memdup2 (blob, SECRET_KEY_BYTES);
    g_autofree char *file = NULL;

    copy[SECRET_CHK_OFFSET + 5] ^= 0x10;
    file = encode_secret_key (copy);
    g_assert_null (otasuke_minisign_sign (file, strlen (file), (const guint8 *) DATA, strlen (DATA),
                                          NULL, NULL, &error));
    g_assert_error (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_MALFORMED_KEY);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree guint8 *copy = g_memdup2 (blob, SECRET_KEY_BYTES);
    g_autofree char *file = NULL;
    g_autofree char *signature = NULL;
    g_autofree char *comment = NULL;

    memset (copy + SECRET_CHK_OFFSET, 0, 32);
    file = encode_secret_key (copy);
    signature = otasuke_minisign_sign (file, strlen (file), (const guint8 *) DATA, strlen (DATA),
                                       NULL, COMMENT, &error);
    g_assert_no_error (error);
    comment = verify (pair.key, DATA, signature, &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree guint8 *copy = g_memdup2 (blob, SECRET_KEY_BYTES);
    g_autofree char *file = NULL;

    memset (copy + SECRET_CHK_OFFSET, 0, 32);
    copy[SECRET_SK_OFFSET + 40] ^= 0x01;
    file = encode_secret_key (copy);
    g_assert_null (otasuke_minisign_sign (file, strlen (file), (const guint8 *) DATA, strlen (DATA),
                                          NULL, NULL, &error));
    g_assert_error (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_MALFORMED_KEY);
  }
  {
    const char *bad[] = {
      "",
      "untrusted comment: x\n",
      "untrusted comment: x\nAAAA\n",
      "RWQAAEIy\n",
    };

    for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) error = NULL;

        g_assert_null (otasuke_minisign_sign (bad[i], strlen (bad[i]), (const guint8 *) DATA,
                                              strlen (DATA), NULL, NULL, &error));
        g_assert_error (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_MALFORMED_KEY);
      }
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *file = g_strconcat (pair.secret_file, "extra\n", NULL);

    g_assert_null (otasuke_minisign_sign (file, strlen (file), (const guint8 *) DATA, strlen (DATA),
                                          NULL, NULL, &error));
    g_assert_error (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_MALFORMED_KEY);
  }

  sodium_memzero (blob, SECRET_KEY_BYTES);
}

/* minisign's own key pair, without a password, in a fresh directory. */
static void
minisign_keygen (char **public_path,
                 char **secret_path)
{
  *public_path = scratch_path ("minisign.pub");
  *secret_path = scratch_path ("minisign.key");

  const char *argv[] = { minisign_path (), "-G", "-W", "-p", *public_path, "-s", *secret_path, NULL };
  g_assert_cmpint (run (argv, NULL, NULL, NULL), ==, 0);
}

static void
check_minisign_signature (gboolean legacy)
{
  g_autofree char *public_path = NULL;
  g_autofree char *secret_path = NULL;
  g_autofree char *data_path = scratch_path ("feed.json");
  g_autofree char *signature_path = scratch_path ("feed.json.minisig");
  g_autofree char *public_file = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *blob = NULL;
  g_autoptr(OtasukeMinisignKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  minisign_keygen (&public_path, &secret_path);
  write_file (data_path, DATA);

  {
    const char *argv[] = {
      minisign_path (), "-S", "-s", secret_path, "-m", data_path, "-t", "from minisign",
      legacy ? "-l" : NULL, NULL
    };
    g_assert_cmpint (run (argv, NULL, NULL, NULL), ==, 0);
  }

  public_file = read_file (public_path);
  key = otasuke_minisign_key_new_from_file_contents (public_file, strlen (public_file), &error);
  g_assert_no_error (error);

  signature = read_file (signature_path);
  lines = signature_lines (signature);
  blob = (char *) decode_line (lines[1], 74);
  g_assert_cmpmem (blob, 2, legacy ? "Ed" : "ED", 2);

  comment = verify (key, DATA, signature, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (comment, ==, "from minisign");

  /* (c) A changed file fails here too. */
  g_assert_null (verify (key, DATA "\n", signature, &error));
  g_assert_error (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_BAD_SIGNATURE);
}

static void
test_interop_minisign_signs (void)
{
  check_minisign_signature (FALSE);
}

static void
test_interop_minisign_signs_legacy (void)
{
  g_autofree char *help = NULL;
  const char *argv[] = { minisign_path (), "-h", NULL };

  /* minisign 0.11 documents -l for legacy signatures. */
  run (argv, NULL, &help, NULL);
  g_assert_nonnull (strstr (help, "-l "));

  check_minisign_signature (TRUE);
}

static void
test_interop_minisign_verifies (void)
{
  g_auto(KeyPair) pair = { 0 };
  g_autofree char *public_path = scratch_path ("otasuke.pub");
  g_autofree char *data_path = scratch_path ("feed.json");
  g_autofree char *signature_path = scratch_path ("feed.json.minisig");
  g_autofree char *signature = NULL;
  g_autofree char *out = NULL;
  g_autofree char *out_prehashed = NULL;
  g_autofree char *key_b64 = NULL;

  key_pair_init (&pair);
  write_file (public_path, pair.public_file);
  write_file (data_path, DATA);
  signature = sign (&pair, DATA, COMMENT);
  write_file (signature_path, signature);

  {
    const char *argv[] = { minisign_path (), "-V", "-p", public_path, "-m", data_path, NULL };
    g_assert_cmpint (run (argv, NULL, &out, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "Signature and comment signature verified"));
    g_assert_nonnull (strstr (out, "Trusted comment: " COMMENT));
  }
  {
    /* -H: minisign insists on the prehashed form, which is what we write. */
    key_b64 = otasuke_minisign_key_get_base64 (pair.key);
    const char *argv[] = { minisign_path (), "-V", "-H", "-P", key_b64, "-m", data_path, NULL };
    g_assert_cmpint (run (argv, NULL, &out_prehashed, NULL), ==, 0);
  }

  /* (c) A changed file fails with minisign. */
  write_file (data_path, DATA "\n");
  {
    const char *argv[] = { minisign_path (), "-V", "-p", public_path, "-m", data_path, NULL };
    g_assert_cmpint (run (argv, NULL, NULL, NULL), ==, 1);
  }

  /* And a changed trusted comment. */
  write_file (data_path, DATA);
  {
    g_auto(GStrv) lines = signature_lines (signature);
    g_autofree char *tampered = g_strdup_printf ("%s\n%s\ntrusted comment: changed\n%s\n",
                                                 lines[0], lines[1], lines[3]);
    const char *argv[] = { minisign_path (), "-V", "-p", public_path, "-m", data_path, NULL };

    write_file (signature_path, tampered);
    g_assert_cmpint (run (argv, NULL, NULL, NULL), ==, 1);
  }
}

/* minisign signing with a key our keygen made, and we signing with minisign's key. */
static void
test_interop_secret_keys (void)
{
  g_auto(KeyPair) pair = { 0 };
  g_autofree char *public_path = NULL;
  g_autofree char *secret_path = NULL;
  g_autofree char *our_secret_path = scratch_path ("otasuke.key");
  g_autofree char *data_path = scratch_path ("feed.json");
  g_autofree char *signature_path = scratch_path ("feed.json.minisig");
  g_autofree char *secret_file = NULL;
  g_autofree char *public_file = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *minisign_signature = NULL;
  g_autofree char *comment = NULL;
  g_autoptr(OtasukeMinisignKey) key = NULL;
  g_autoptr(GError) error = NULL;

  write_file (data_path, DATA);

  minisign_keygen (&public_path, &secret_path);
  secret_file = read_file (secret_path);
  public_file = read_file (public_path);
  key = otasuke_minisign_key_new_from_file_contents (public_file, strlen (public_file), &error);
  g_assert_no_error (error);

  signature = otasuke_minisign_sign (secret_file, strlen (secret_file), (const guint8 *) DATA,
                                     strlen (DATA), "feed.json", "signed by otasuke", &error);
  g_assert_no_error (error);
  comment = verify (key, DATA, signature, &error);
  g_assert_no_error (error);
  write_file (signature_path, signature);
  {
    const char *argv[] = { minisign_path (), "-V", "-p", public_path, "-m", data_path, NULL };
    g_assert_cmpint (run (argv, NULL, NULL, NULL), ==, 0);
  }

  key_pair_init (&pair);
  write_file (our_secret_path, pair.secret_file);
  g_assert_cmpint (g_chmod (our_secret_path, 0600), ==, 0);
  {
    const char *argv[] = {
      minisign_path (), "-S", "-s", our_secret_path, "-m", data_path, "-t", "minisign with our key", NULL
    };
    g_assert_cmpint (run (argv, NULL, NULL, NULL), ==, 0);
  }
  minisign_signature = read_file (signature_path);
  g_clear_pointer (&comment, g_free);
  comment = verify (pair.key, DATA, minisign_signature, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (comment, ==, "minisign with our key");
}

static void
test_interop_encrypted_key (void)
{
  g_autofree char *public_path = scratch_path ("encrypted.pub");
  g_autofree char *secret_path = scratch_path ("encrypted.key");
  g_autofree char *secret_file = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { minisign_path (), "-G", "-p", public_path, "-s", secret_path, NULL };

  /* minisign reads the password twice from a non-terminal stdin. */
  g_assert_cmpint (run (argv, "correct horse\ncorrect horse\n", NULL, NULL), ==, 0);

  secret_file = read_file (secret_path);
  g_assert_null (otasuke_minisign_sign (secret_file, strlen (secret_file), (const guint8 *) DATA,
                                        strlen (DATA), NULL, NULL, &error));
  g_assert_error (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_UNSUPPORTED);
}

/* The otasuke-feed command-line tool. */

static char *
tool_path (void)
{
  g_autofree char *built = g_test_build_filename (G_TEST_BUILT, "..", "app", "otasuke-feed", NULL);
  /* Absolute: the tool runs in the scratch directory. */
  char *path = g_canonicalize_filename (built, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("%s has not been built", path);

  return path;
}

static int
run_tool (const char * const *args,
          char              **out,
          char              **err)
{
  g_autofree char *path = tool_path ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, path);
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  return run ((const char * const *) argv->pdata, NULL, out, err);
}

static guint
file_mode (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  return buf.st_mode & 0777;
}

static void
test_tool_usage (void)
{
  const struct {
    const char *args[4];
    int         status;
  } cases[] = {
    { { NULL }, 2 },
    { { "--help", NULL }, 0 },
    { { "frobnicate", NULL }, 2 },
    { { "keygen", "--help", NULL }, 0 },
    { { "sign", "--help", NULL }, 0 },
    { { "verify", "--help", NULL }, 0 },
    { { "validate", "--help", NULL }, 0 },
    { { "keygen", "--no-such-option", NULL }, 2 },
    { { "keygen", "-p", "only-public", NULL }, 2 },
    { { "sign", "file", NULL }, 2 },
    { { "sign", "-s", "secret", NULL }, 2 },
    { { "verify", "file", NULL }, 2 },
    { { "verify", "-p", "public", NULL }, 2 },
    { { "validate", NULL }, 2 },
    { { "validate", "a", "b" }, 2 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *args[5] = { NULL };

      memcpy (args, cases[i].args, sizeof cases[i].args);
      g_assert_cmpint (run_tool (args, NULL, NULL), ==, cases[i].status);
    }
}

static void
test_tool_keygen_sign_verify (void)
{
  g_autofree char *public_path = scratch_path ("tool.pub");
  g_autofree char *secret_path = scratch_path ("tool.key");
  g_autofree char *data_path = scratch_path ("feed.json");
  g_autofree char *signature_path = scratch_path ("feed.json.minisig");
  g_autofree char *other_signature_path = scratch_path ("elsewhere.sig");
  g_autofree char *public_file = NULL;
  g_autofree char *public_again = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(OtasukeMinisignKey) key = NULL;
  g_autoptr(GError) error = NULL;

  write_file (data_path, DATA);

  {
    const char *args[] = { "keygen", "-p", public_path, "-s", secret_path, NULL };

    g_assert_cmpint (run_tool (args, NULL, NULL), ==, 0);
    g_assert_cmpuint (file_mode (secret_path), ==, 0600);
    g_assert_cmpuint (file_mode (public_path), ==, 0644);

    /* Never overwrites a key without -f. */
    public_file = read_file (public_path);
    g_assert_cmpint (run_tool (args, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "-f"));
    public_again = read_file (public_path);
    g_assert_cmpstr (public_file, ==, public_again);
  }
  {
    const char *args[] = { "keygen", "-f", "-p", public_path, "-s", secret_path, NULL };

    g_assert_cmpint (run_tool (args, NULL, NULL), ==, 0);
    g_clear_pointer (&public_again, g_free);
    public_again = read_file (public_path);
    g_assert_cmpstr (public_file, !=, public_again);
    g_assert_cmpuint (file_mode (secret_path), ==, 0600);
    g_assert_cmpuint (file_mode (public_path), ==, 0644);
  }

  key = otasuke_minisign_key_new_from_file_contents (public_again, strlen (public_again), &error);
  g_assert_no_error (error);

  {
    const char *args[] = { "sign", "-s", secret_path, data_path, NULL };

    g_assert_cmpint (run_tool (args, NULL, NULL), ==, 0);
    signature = read_file (signature_path);
    comment = verify (key, DATA, signature, &error);
    g_assert_no_error (error);
    g_assert_true (g_regex_match_simple ("^timestamp:[0-9]+\tfile:feed\\.json\thashed$", comment, 0, 0));
  }
  {
    const char *args[] = { "verify", "-p", public_path, data_path, NULL };

    g_clear_pointer (&out, g_free);
    g_assert_cmpint (run_tool (args, &out, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "Signature and comment signature verified\n"));
    g_assert_nonnull (strstr (out, "Trusted comment: timestamp:"));
  }
  {
    const char *args[] = { "sign", "-s", secret_path, "-t", "sequence 42", data_path, NULL };
    const char *verify_args[] = { "verify", "-p", public_path, data_path, NULL };

    g_assert_cmpint (run_tool (args, NULL, NULL), ==, 0);
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (run_tool (verify_args, &out, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "Trusted comment: sequence 42\n"));
  }
  {
    /* minisign agrees. */
    const char *argv[] = { minisign_path (), "-V", "-p", public_path, "-m", data_path, NULL };

    g_assert_cmpint (run (argv, NULL, NULL, NULL), ==, 0);
  }
  {
    const char *args[] = { "sign", "-s", secret_path, "-x", other_signature_path, data_path, NULL };
    const char *verify_args[] = { "verify", "-p", public_path, "-x", other_signature_path, data_path, NULL };
    const char *missing_args[] = { "verify", "-p", public_path, "-x", "/nonexistent/sig", data_path, NULL };

    g_assert_cmpint (run_tool (args, NULL, NULL), ==, 0);
    g_assert_cmpint (run_tool (verify_args, NULL, NULL), ==, 0);
    g_assert_cmpint (run_tool (missing_args, NULL, NULL), ==, 1);
  }
  {
    const char *args[] = { "sign", "-s", secret_path, "-t", "two\nlines", data_path, NULL };

    g_assert_cmpint (run_tool (args, NULL, NULL), ==, 1);
  }
  {
    const char *args[] = { "sign", "-s", "/nonexistent/key", data_path, NULL };

    g_assert_cmpint (run_tool (args, NULL, NULL), ==, 1);
  }
  {
    /* A changed file: bad for us and for minisign. */
    const char *args[] = { "verify", "-p", public_path, data_path, NULL };
    const char *argv[] = { minisign_path (), "-V", "-p", public_path, "-m", data_path, NULL };

    write_file (data_path, DATA "tampered");
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_tool (args, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "does not match"));
    g_assert_cmpint (run (argv, NULL, NULL, NULL), ==, 1);
  }
  {
    const char *args[] = { "verify", "-p", "/nonexistent/key", data_path, NULL };

    g_assert_cmpint (run_tool (args, NULL, NULL), ==, 1);
  }
}

static void
test_tool_minisign_keys (void)
{
  g_autofree char *public_path = NULL;
  g_autofree char *secret_path = NULL;
  g_autofree char *encrypted_public = scratch_path ("encrypted.pub");
  g_autofree char *encrypted_secret = scratch_path ("encrypted.key");
  g_autofree char *data_path = scratch_path ("feed.json");
  g_autofree char *err = NULL;

  write_file (data_path, DATA);
  minisign_keygen (&public_path, &secret_path);

  {
    const char *args[] = { "sign", "-s", secret_path, data_path, NULL };
    const char *verify_args[] = { "verify", "-p", public_path, data_path, NULL };

    g_assert_cmpint (run_tool (args, NULL, NULL), ==, 0);
    g_assert_cmpint (run_tool (verify_args, NULL, NULL), ==, 0);
  }
  {
    const char *argv[] = { minisign_path (), "-S", "-s", secret_path, "-m", data_path, NULL };
    const char *verify_args[] = { "verify", "-p", public_path, data_path, NULL };

    g_assert_cmpint (run (argv, NULL, NULL, NULL), ==, 0);
    g_assert_cmpint (run_tool (verify_args, NULL, NULL), ==, 0);
  }
  {
    const char *argv[] = { minisign_path (), "-G", "-p", encrypted_public, "-s", encrypted_secret, NULL };
    const char *args[] = { "sign", "-s", encrypted_secret, data_path, NULL };

    g_assert_cmpint (run (argv, "pw\npw\n", NULL, NULL), ==, 0);
    g_assert_cmpint (run_tool (args, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "otasuke-feed keygen"));
  }
}

static const char valid_feed[] =
  "{\n"
  "  \"version\": \"https://jsonfeed.org/version/1.1\",\n"
  "  \"title\": \"Otasuke test feed\",\n"
  "  \"home_page_url\": \"https://example.org/\",\n"
  "  \"_otasuke\": {\n"
  "    \"schema\": 1,\n"
  "    \"sequence\": 42,\n"
  "    \"generated\": \"2025-01-01T00:00:00Z\",\n"
  "    \"expires\": \"2099-01-01T00:00:00Z\"\n"
  "  },\n"
  "  \"items\": [\n"
  "    {\n"
  "      \"id\": \"adv-1\",\n"
  "      \"url\": \"https://example.org/adv-1\",\n"
  "      \"title\": \"Update Chrome\",\n"
  "      \"content_text\": \"Update Chrome to the latest version.\",\n"
  "      \"date_published\": \"2025-01-01T00:00:00Z\",\n"
  "      \"_otasuke\": {\n"
  "        \"severity\": \"high\",\n"
  "        \"category\": \"browser\",\n"
  "        \"checks\": [\n"
  "          { \"type\": \"browser_min_version\", \"product\": \"chrome\", \"min\": \"%s\" }\n"
  "        ]\n"
  "      }\n"
  "    }\n"
  "  ]\n"
  "}\n";

static void
test_tool_validate (void)
{
  g_autofree char *path = scratch_path ("feed.json");
  g_autofree char *good = g_strdup_printf (valid_feed, "128.0.6613.85");
  g_autofree char *bad_version = g_strdup_printf (valid_feed, "latest!");
  const char *args[] = { "validate", path, NULL };
  const char *missing_args[] = { "validate", "/nonexistent/feed.json", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  write_file (path, good);
  g_assert_cmpint (run_tool (args, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 item\n"));
  g_assert_nonnull (strstr (out, "Sequence: 42\n"));
  g_assert_nonnull (strstr (out, "2099-01-01"));

  write_file (path, bad_version);
  g_assert_cmpint (run_tool (args, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "items[0]._otasuke.checks[0].min"));

  write_file (path, "this is not JSON");
  g_assert_cmpint (run_tool (args, NULL, NULL), ==, 1);

  write_file (path, "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Plain\", \"items\": []}");
  g_assert_cmpint (run_tool (args, NULL, NULL), ==, 3);

  g_assert_cmpint (run_tool (missing_args, NULL, NULL), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The tool's key files are checked for exact modes. */
  umask (022);

  g_test_add_func ("/minisign/round-trip", test_round_trip);
  g_test_add_func ("/minisign/empty-data", test_empty_data);
  g_test_add_func ("/minisign/default-trusted-comment", test_default_trusted_comment);
  g_test_add_func ("/minisign/bad-trusted-comment", test_bad_trusted_comment);
  g_test_add_func ("/minisign/tampered/data", test_tampered_data);
  g_test_add_func ("/minisign/tampered/trusted-comment", test_tampered_trusted_comment);
  g_test_add_func ("/minisign/tampered/signatures", test_tampered_signatures);
  g_test_add_func ("/minisign/wrong-key", test_wrong_key);
  g_test_add_func ("/minisign/legacy", test_legacy);
  g_test_add_func ("/minisign/malformed", test_malformed);
  g_test_add_func ("/minisign/public-keys", test_public_keys);
  g_test_add_func ("/minisign/secret-keys", test_secret_keys);
  g_test_add_func ("/minisign/interop/minisign-signs", test_interop_minisign_signs);
  g_test_add_func ("/minisign/interop/minisign-signs-legacy", test_interop_minisign_signs_legacy);
  g_test_add_func ("/minisign/interop/minisign-verifies", test_interop_minisign_verifies);
  g_test_add_func ("/minisign/interop/secret-keys", test_interop_secret_keys);
  g_test_add_func ("/minisign/interop/encrypted-key", test_interop_encrypted_key);
  g_test_add_func ("/feed-tool/usage", test_tool_usage);
  g_test_add_func ("/feed-tool/keygen-sign-verify", test_tool_keygen_sign_verify);
  g_test_add_func ("/feed-tool/minisign-keys", test_tool_minisign_keys);
  g_test_add_func ("/feed-tool/validate", test_tool_validate);

  return g_test_run ();
}

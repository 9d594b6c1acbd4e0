/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-minisign"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "otasuke-minisign-private.h"

G_DEFINE_QUARK (otasuke-minisign-error-quark, otasuke_minisign_error)

void
otasuke_minisign_ensure_sodium (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      if (sodium_init () < 0)
        g_error ("libsodium could not be initialized");
      g_once_init_leave (&initialized, 1);
    }
}

void
otasuke_minisign_key_id_to_string (const guint8 id[KEY_ID_BYTES],
                                   char         out[2 * KEY_ID_BYTES + 1])
{
  guint64 value = 0;

  /* minisign shows the id as a little-endian 64-bit number. */
  for (int i = KEY_ID_BYTES - 1; i >= 0; i--)
    value = (value << 8) | id[i];

  g_snprintf (out, 2 * KEY_ID_BYTES + 1, "%016" G_GINT64_MODIFIER "X", value);
}

/* Strict base64: the exact length for @out_len bytes, canonical padding and
 * trailing bits, nothing else on the line. */
gboolean
otasuke_minisign_decode_base64_exact (const char *b64,
                                      gsize       b64_len,
                                      guint8     *out,
                                      gsize       out_len)
{
  gsize bin_len = 0;

  if (b64_len != BASE64_LEN (out_len))
    return FALSE;

  /* libsodium 1.0.18 decodes some bytes >= 0x80 as base64 digits (a signed
   * char comparison), so check the alphabet first. */
  for (gsize i = 0; i < b64_len; i++)
    {
      if (!g_ascii_isalnum (b64[i]) && b64[i] != '+' && b64[i] != '/' && b64[i] != '=')
        return FALSE;
    }

  if (sodium_base642bin (out, out_len, b64, b64_len, NULL, &bin_len, NULL,
                         sodium_base64_VARIANT_ORIGINAL) != 0)
    return FALSE;

  return bin_len == out_len;
}

void
otasuke_minisign_append_base64 (GString      *out,
                                const guint8 *bin,
                                gsize         bin_len)
{
  char b64[BASE64_LEN (SECRET_KEY_BYTES) + 1];

  g_assert (bin_len <= SECRET_KEY_BYTES);
  sodium_bin2base64 (b64, sizeof b64, bin, bin_len, sodium_base64_VARIANT_ORIGINAL);
  g_string_append (out, b64);
  sodium_memzero (b64, sizeof b64);
}

/* The next line without its "\n" or "\r\n"; FALSE at the end of the text. */
gboolean
otasuke_minisign_line_reader_next (OtasukeMinisignLineReader  *reader,
                                   const char                **line,
                                   gsize                      *line_len)
{
  const char *newline;
  gsize len;

  if (reader->p >= reader->end)
    return FALSE;

  newline = memchr (reader->p, '\n', reader->end - reader->p);
  len = (newline != NULL ? newline : reader->end) - reader->p;
  *line = reader->p;
  reader->p = newline != NULL ? newline + 1 : reader->end;

  if (len > 0 && (*line)[len - 1] == '\r')
    len--;

  *line_len = len;
  return TRUE;
}

gboolean
otasuke_minisign_line_reader_at_end (const OtasukeMinisignLineReader *reader)
{
  return reader->p >= reader->end;
}

static gboolean
has_prefix (const char *line,
            gsize       line_len,
            const char *prefix)
{
  gsize prefix_len = strlen (prefix);

  return line_len >= prefix_len && memcmp (line, prefix, prefix_len) == 0;
}

/* A comment line: @prefix, then at most COMMENT_MAX_BYTES without a stray CR. */
gboolean
otasuke_minisign_check_comment_line (const char  *line,
                                     gsize        line_len,
                                     const char  *prefix,
                                     int          code,
                                     const char  *what,
                                     GError     **error)
{
  gsize comment_len;

  if (!has_prefix (line, line_len, prefix))
    {
      g_set_error (error, OTASUKE_MINISIGN_ERROR, code,
                   /* TRANSLATORS: the first %s is a kind of file ("signature file"),
                    * the second a prefix such as "untrusted comment: ", which stays in English. */
                   _("A line in the %s does not start with “%s”"), what, prefix);
      return FALSE;
    }

  comment_len = line_len - strlen (prefix);
  if (comment_len > COMMENT_MAX_BYTES)
    {
      g_set_error (error, OTASUKE_MINISIGN_ERROR, code,
                   _("A comment in the %s is longer than %d bytes"), what, COMMENT_MAX_BYTES);
      return FALSE;
    }

  if (memchr (line, '\r', line_len) != NULL)
    {
      g_set_error (error, OTASUKE_MINISIGN_ERROR, code,
                   _("A comment in the %s contains a carriage return"), what);
      return FALSE;
    }

  return TRUE;
}

gboolean
otasuke_minisign_check_file_bounds (const char  *contents,
                                    gsize        len,
                                    gsize        max_len,
                                    int          code,
                                    const char  *what,
                                    GError     **error)
{
  if (len == 0)
    {
      g_set_error (error, OTASUKE_MINISIGN_ERROR, code, _("The %s is empty"), what);
      return FALSE;
    }

  if (len > max_len)
    {
      g_set_error (error, OTASUKE_MINISIGN_ERROR, code,
                   _("The %s is larger than %u bytes"), what, (guint) max_len);
      return FALSE;
    }

  if (memchr (contents, '\0', len) != NULL)
    {
      g_set_error (error, OTASUKE_MINISIGN_ERROR, code, _("The %s contains a NUL byte"), what);
      return FALSE;
    }

  return TRUE;
}

static OtasukeMinisignKey *
key_new_from_line (const char  *line,
                   gsize        line_len,
                   GError     **error)
{
  guint8 blob[PUBLIC_KEY_BYTES];
  OtasukeMinisignKey *key;

  otasuke_minisign_ensure_sodium ();

  if (!otasuke_minisign_decode_base64_exact (line, line_len, blob, sizeof blob))
    {
      g_set_error_literal (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_MALFORMED_KEY,
                           _("The public key is not a minisign public key (wrong length or not base64)"));
      return NULL;
    }

  if (memcmp (blob, SIG_ALG_LEGACY, ALG_BYTES) != 0)
    {
      g_set_error_literal (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_UNSUPPORTED,
                           _("The public key uses an unsupported signature algorithm"));
      return NULL;
    }

  key = g_new0 (OtasukeMinisignKey, 1);
  memcpy (key->id, blob + ALG_BYTES, KEY_ID_BYTES);
  memcpy (key->pk, blob + ALG_BYTES + KEY_ID_BYTES, crypto_sign_PUBLICKEYBYTES);

  return key;
}

OtasukeMinisignKey *
otasuke_minisign_key_new (const char  *base64,
                          GError     **error)
{
  g_return_val_if_fail (base64 != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return key_new_from_line (base64, strnlen (base64, BASE64_LEN (PUBLIC_KEY_BYTES) + 1), error);
}

OtasukeMinisignKey *
otasuke_minisign_key_new_from_file_contents (const char  *contents,
                                             gsize        len,
                                             GError     **error)
{
  /* TRANSLATORS: put into messages such as "The %s is empty". */
  const char *what = _("public key file");
  OtasukeMinisignLineReader reader = { contents, contents + len };
  const char *line;
  gsize line_len;
  OtasukeMinisignKey *key;

  g_return_val_if_fail (contents != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!otasuke_minisign_check_file_bounds (contents, len, KEY_FILE_MAX_BYTES,
                          OTASUKE_MINISIGN_ERROR_MALFORMED_KEY, what, error))
    return NULL;

  otasuke_minisign_line_reader_next (&reader, &line, &line_len);
  if (!otasuke_minisign_check_comment_line (line, line_len, UNTRUSTED_PREFIX,
                           OTASUKE_MINISIGN_ERROR_MALFORMED_KEY, what, error))
    return NULL;

  if (!otasuke_minisign_line_reader_next (&reader, &line, &line_len))
    {
      g_set_error_literal (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_MALFORMED_KEY,
                           _("The public key file has no key after its comment line"));
      return NULL;
    }

  key = key_new_from_line (line, line_len, error);
  if (key == NULL)
    return NULL;

  if (!otasuke_minisign_line_reader_at_end (&reader))
    {
      otasuke_minisign_key_free (key);
      g_set_error_literal (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_MALFORMED_KEY,
                           _("The public key file has extra data after the key"));
      return NULL;
    }

  return key;
}

OtasukeMinisignKey *
otasuke_minisign_key_copy (const OtasukeMinisignKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return g_memdup2 (key, sizeof *key);
}

void
otasuke_minisign_key_free (OtasukeMinisignKey *key)
{
  g_free (key);
}

char *
otasuke_minisign_key_get_id (const OtasukeMinisignKey *key)
{
  char id[2 * KEY_ID_BYTES + 1];

  g_return_val_if_fail (key != NULL, NULL);

  otasuke_minisign_key_id_to_string (key->id, id);
  return g_strdup (id);
}

char *
otasuke_minisign_key_get_base64 (const OtasukeMinisignKey *key)
{
  guint8 blob[PUBLIC_KEY_BYTES];
  GString *out;

  g_return_val_if_fail (key != NULL, NULL);

  otasuke_minisign_ensure_sodium ();

  memcpy (blob, SIG_ALG_LEGACY, ALG_BYTES);
  memcpy (blob + ALG_BYTES, key->id, KEY_ID_BYTES);
  memcpy (blob + ALG_BYTES + KEY_ID_BYTES, key->pk, crypto_sign_PUBLICKEYBYTES);

  out = g_string_sized_new (BASE64_LEN (PUBLIC_KEY_BYTES) + 1);
  otasuke_minisign_append_base64 (out, blob, sizeof blob);

  return g_string_free (out, FALSE);
}

typedef struct
{
  guint8      alg[ALG_BYTES];
  guint8      id[KEY_ID_BYTES];
  guint8      sig[crypto_sign_BYTES];
  guint8      global_sig[crypto_sign_BYTES];
  const char *trusted_comment;
  gsize       trusted_comment_len;
} ParsedSignature;

static gboolean
parse_signature (const char       *contents,
                 gsize             len,
                 ParsedSignature  *parsed,
                 GError          **error)
{
  /* TRANSLATORS: put into messages such as "The %s is empty". */
  const char *what = _("signature file");
  OtasukeMinisignLineReader reader = { contents, contents + len };
  guint8 blob[SIGNATURE_BYTES];
  const char *line;
  gsize line_len;

  if (!otasuke_minisign_check_file_bounds (contents, len, SIGNATURE_FILE_MAX_BYTES,
                          OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE, what, error))
    return FALSE;

  /* Line 1: the untrusted comment. */
  otasuke_minisign_line_reader_next (&reader, &line, &line_len);
  if (!otasuke_minisign_check_comment_line (line, line_len, UNTRUSTED_PREFIX,
                           OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE, what, error))
    return FALSE;

  /* Line 2: the signature. */
  if (!otasuke_minisign_line_reader_next (&reader, &line, &line_len))
    goto truncated;

  if (!otasuke_minisign_decode_base64_exact (line, line_len, blob, sizeof blob))
    {
      g_set_error_literal (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE,
                           _("The signature line is not a minisign signature (wrong length or not base64)"));
      return FALSE;
    }

  memcpy (parsed->alg, blob, ALG_BYTES);
  memcpy (parsed->id, blob + ALG_BYTES, KEY_ID_BYTES);
  memcpy (parsed->sig, blob + ALG_BYTES + KEY_ID_BYTES, crypto_sign_BYTES);

  if (memcmp (parsed->alg, SIG_ALG_HASHED, ALG_BYTES) != 0 &&
      memcmp (parsed->alg, SIG_ALG_LEGACY, ALG_BYTES) != 0)
    {
      g_set_error_literal (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_UNSUPPORTED,
                           _("The signature uses an unsupported signature algorithm"));
      return FALSE;
    }

  /* Line 3: the trusted comment. */
  if (!otasuke_minisign_line_reader_next (&reader, &line, &line_len))
    goto truncated;

  if (!otasuke_minisign_check_comment_line (line, line_len, TRUSTED_PREFIX,
                           OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE, what, error))
    return FALSE;

  parsed->trusted_comment = line + strlen (TRUSTED_PREFIX);
  parsed->trusted_comment_len = line_len - strlen (TRUSTED_PREFIX);

  /* Callers show it to people, so it must be text. */
  if (!g_utf8_validate_len (parsed->trusted_comment, parsed->trusted_comment_len, NULL))
    {
      g_set_error_literal (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE,
                           _("The trusted comment is not valid UTF-8"));
      return FALSE;
    }

  /* Line 4: the global signature over the signature and the trusted comment. */
  if (!otasuke_minisign_line_reader_next (&reader, &line, &line_len))
    goto truncated;

  if (!otasuke_minisign_decode_base64_exact (line, line_len, parsed->global_sig, sizeof parsed->global_sig))
    {
      g_set_error_literal (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE,
                           _("The comment signature line is not a minisign signature (wrong length or not base64)"));
      return FALSE;
    }

  if (!otasuke_minisign_line_reader_at_end (&reader))
    {
      g_set_error_literal (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE,
                           _("The signature file has extra data after the comment signature"));
      return FALSE;
    }

  return TRUE;

truncated:
  g_set_error_literal (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE,
                       _("The signature file ends early: it must have four lines"));
  return FALSE;
}

gboolean
otasuke_minisign_verify (GPtrArray                 *keys,
                         const guint8              *data,
                         gsize                      data_len,
                         const char                *signature,
                         gsize                      signature_len,
                         char                     **trusted_comment,
                         const OtasukeMinisignKey **matched_key,
                         GError                   **error)
{
  static const guint8 empty[1] = { 0 };
  ParsedSignature parsed = { 0 };
  guint8 prehash[PREHASH_BYTES];
  const guint8 *message;
  gsize message_len;
  guint8 global_message[crypto_sign_BYTES + COMMENT_MAX_BYTES];
  gboolean id_matched = FALSE;
  gboolean sig_matched = FALSE;

  g_return_val_if_fail (keys != NULL, FALSE);
  g_return_val_if_fail (data != NULL || data_len == 0, FALSE);
  g_return_val_if_fail (signature != NULL || signature_len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  otasuke_minisign_ensure_sodium ();

  if (!parse_signature (signature, signature_len, &parsed, error))
    return FALSE;

  if (data == NULL)
    data = empty;

  if (memcmp (parsed.alg, SIG_ALG_HASHED, ALG_BYTES) == 0)
    {
      crypto_generichash (prehash, sizeof prehash, data, data_len, NULL, 0);
      message = prehash;
      message_len = sizeof prehash;
    }
  else
    {
      message = data;
      message_len = data_len;
    }

  g_assert (parsed.trusted_comment_len <= COMMENT_MAX_BYTES);
  memcpy (global_message, parsed.sig, crypto_sign_BYTES);
  memcpy (global_message + crypto_sign_BYTES, parsed.trusted_comment, parsed.trusted_comment_len);

  /* Key ids are random, not unique: try every trusted key that carries this one. */
  for (guint i = 0; i < keys->len; i++)
    {
      const OtasukeMinisignKey *key = g_ptr_array_index (keys, i);

      if (memcmp (key->id, parsed.id, KEY_ID_BYTES) != 0)
        continue;

      id_matched = TRUE;

      if (crypto_sign_verify_detached (parsed.sig, message, message_len, key->pk) != 0)
        continue;

      sig_matched = TRUE;

      if (crypto_sign_verify_detached (parsed.global_sig, global_message,
                                       crypto_sign_BYTES + parsed.trusted_comment_len,
                                       key->pk) != 0)
        continue;

      if (trusted_comment != NULL)
        *trusted_comment = g_strndup (parsed.trusted_comment, parsed.trusted_comment_len);
      if (matched_key != NULL)
        *matched_key = key;

      return TRUE;
    }

  if (!id_matched)
    {
      char id[2 * KEY_ID_BYTES + 1];

      otasuke_minisign_key_id_to_string (parsed.id, id);
      g_set_error (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_UNKNOWN_KEY,
                   _("The signature was made with key %s, which is not a trusted key"), id);
    }
  else if (!sig_matched)
    {
      g_set_error_literal (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_BAD_SIGNATURE,
                           _("The signature does not match the data"));
    }
  else
    {
      g_set_error_literal (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_BAD_SIGNATURE,
                           _("The trusted comment does not match its signature"));
    }

  return FALSE;
}

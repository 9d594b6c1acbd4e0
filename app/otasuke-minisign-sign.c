/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-minisign"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "otasuke-minisign-private.h"

/* Secret keys, key generation and signing, in minisign's formats. */

static const guint8 KDF_ALG_SCRYPT[ALG_BYTES] = { 'S', 'c' };
static const guint8 KDF_ALG_NONE[ALG_BYTES] = { 0, 0 };
static const guint8 CHK_ALG_BLAKE2B[ALG_BYTES] = { 'B', '2' };

typedef struct
{
  guint8 id[KEY_ID_BYTES];
  guint8 sk[crypto_sign_SECRETKEYBYTES];
} SecretKey;

static void
compute_checksum (const guint8 sig_alg[ALG_BYTES],
                  const guint8 id[KEY_ID_BYTES],
                  const guint8 sk[crypto_sign_SECRETKEYBYTES],
                  guint8       checksum[CHECKSUM_BYTES])
{
  crypto_generichash_state state;

  crypto_generichash_init (&state, NULL, 0, CHECKSUM_BYTES);
  crypto_generichash_update (&state, sig_alg, ALG_BYTES);
  crypto_generichash_update (&state, id, KEY_ID_BYTES);
  crypto_generichash_update (&state, sk, crypto_sign_SECRETKEYBYTES);
  crypto_generichash_final (&state, checksum, CHECKSUM_BYTES);
  sodium_memzero (&state, sizeof state);
}

static gboolean
parse_secret_key_blob (const guint8  blob[SECRET_KEY_BYTES],
                       SecretKey     *secret,
                       GError       **error)
{
  guint8 checksum[CHECKSUM_BYTES];
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  guint8 sk[crypto_sign_SECRETKEYBYTES];
  gboolean consistent;

  if (memcmp (blob, SIG_ALG_LEGACY, ALG_BYTES) != 0 ||
      memcmp (blob + 2 * ALG_BYTES, CHK_ALG_BLAKE2B, ALG_BYTES) != 0)
    {
      g_set_error_literal (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_UNSUPPORTED,
                           _("The secret key uses an unsupported signature or checksum algorithm"));
      return FALSE;
    }

  if (memcmp (blob + ALG_BYTES, KDF_ALG_SCRYPT, ALG_BYTES) == 0)
    {
      g_set_error_literal (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_UNSUPPORTED,
                           _("The secret key is protected with a password, which is not supported. "
                             "Create a key without a password with “otasuke-feed keygen” or “minisign -G -W”, "
                             "and keep the file private."));
      return FALSE;
    }

  if (memcmp (blob + ALG_BYTES, KDF_ALG_NONE, ALG_BYTES) != 0)
    {
      g_set_error_literal (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_UNSUPPORTED,
                           _("The secret key uses an unsupported key derivation function"));
      return FALSE;
    }

  memcpy (secret->id, blob + SECRET_KEYNUM_OFFSET, KEY_ID_BYTES);
  memcpy (secret->sk, blob + SECRET_SK_OFFSET, crypto_sign_SECRETKEYBYTES);

  /* minisign 0.11 writes an all-zero checksum for keys without a password and
   * never checks it for them; any other checksum must be right. */
  compute_checksum (blob, secret->id, secret->sk, checksum);
  consistent = sodium_is_zero (blob + SECRET_CHECKSUM_OFFSET, CHECKSUM_BYTES) ||
               sodium_memcmp (checksum, blob + SECRET_CHECKSUM_OFFSET, CHECKSUM_BYTES) == 0;

  /* The public half stored in the secret key must belong to its seed, or the
   * signatures would not verify. */
  crypto_sign_seed_keypair (pk, sk, secret->sk);
  consistent = consistent &&
               sodium_memcmp (sk, secret->sk, crypto_sign_SECRETKEYBYTES) == 0;

  sodium_memzero (checksum, sizeof checksum);
  sodium_memzero (sk, sizeof sk);

  if (!consistent)
    {
      sodium_memzero (secret, sizeof *secret);
      g_set_error_literal (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_MALFORMED_KEY,
                           _("The secret key is damaged: its checksum does not match"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_secret_key (const char  *contents,
                  gsize        len,
                  SecretKey   *secret,
                  GError     **error)
{
  /* TRANSLATORS: put into messages such as "The %s is empty". */
  const char *what = _("secret key file");
  OtasukeMinisignLineReader reader = { contents, contents + len };
  guint8 blob[SECRET_KEY_BYTES];
  const char *line;
  gsize line_len;
  gboolean ok;

  if (!otasuke_minisign_check_file_bounds (contents, len, KEY_FILE_MAX_BYTES,
                          OTASUKE_MINISIGN_ERROR_MALFORMED_KEY, what, error))
    return FALSE;

  otasuke_minisign_line_reader_next (&reader, &line, &line_len);
  if (!otasuke_minisign_check_comment_line (line, line_len, UNTRUSTED_PREFIX,
                           OTASUKE_MINISIGN_ERROR_MALFORMED_KEY, what, error))
    return FALSE;

  if (!otasuke_minisign_line_reader_next (&reader, &line, &line_len) ||
      !otasuke_minisign_decode_base64_exact (line, line_len, blob, sizeof blob))
    {
      g_set_error_literal (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_MALFORMED_KEY,
                           _("The secret key file does not hold a minisign secret key"));
      sodium_memzero (blob, sizeof blob);
      return FALSE;
    }

  if (!otasuke_minisign_line_reader_at_end (&reader))
    {
      g_set_error_literal (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_MALFORMED_KEY,
                           _("The secret key file has extra data after the key"));
      sodium_memzero (blob, sizeof blob);
      return FALSE;
    }

  ok = parse_secret_key_blob (blob, secret, error);
  sodium_memzero (blob, sizeof blob);

  return ok;
}

void
otasuke_minisign_keygen (char **public_key_file,
                         char **secret_key_file)
{
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  guint8 blob[SECRET_KEY_BYTES] = { 0 };
  OtasukeMinisignKey key;
  g_autofree char *key_b64 = NULL;
  char id[2 * KEY_ID_BYTES + 1];
  GString *out;

  g_return_if_fail (public_key_file != NULL);
  g_return_if_fail (secret_key_file != NULL);

  otasuke_minisign_ensure_sodium ();

  /* Laid out as minisign -G -W does: no KDF, salt and limits zero. */
  memcpy (blob, SIG_ALG_LEGACY, ALG_BYTES);
  memcpy (blob + ALG_BYTES, KDF_ALG_NONE, ALG_BYTES);
  memcpy (blob + 2 * ALG_BYTES, CHK_ALG_BLAKE2B, ALG_BYTES);
  randombytes_buf (blob + SECRET_KEYNUM_OFFSET, KEY_ID_BYTES);
  crypto_sign_keypair (pk, blob + SECRET_SK_OFFSET);
  compute_checksum (blob, blob + SECRET_KEYNUM_OFFSET, blob + SECRET_SK_OFFSET,
                    blob + SECRET_CHECKSUM_OFFSET);

  memcpy (key.id, blob + SECRET_KEYNUM_OFFSET, KEY_ID_BYTES);
  memcpy (key.pk, pk, sizeof pk);
  otasuke_minisign_key_id_to_string (key.id, id);
  key_b64 = otasuke_minisign_key_get_base64 (&key);

  *public_key_file = g_strdup_printf (UNTRUSTED_PREFIX "minisign public key %s\n%s\n", id, key_b64);

  /* Sized up front so that no copy of the secret is left behind by a realloc. */
  out = g_string_sized_new (512);
  g_string_append (out, UNTRUSTED_PREFIX "minisign encrypted secret key\n");
  otasuke_minisign_append_base64 (out, blob, sizeof blob);
  g_string_append_c (out, '\n');
  g_assert (out->len < 512);
  *secret_key_file = g_string_free (out, FALSE);

  sodium_memzero (blob, sizeof blob);
}

static gboolean
trusted_comment_is_valid (const char *comment)
{
  gsize len = strlen (comment);

  return len <= COMMENT_MAX_BYTES &&
         strpbrk (comment, "\r\n") == NULL &&
         g_utf8_validate_len (comment, len, NULL);
}

static char *
default_trusted_comment (const char *file_name)
{
  g_autofree char *name = NULL;
  GString *comment;

  comment = g_string_new (NULL);
  g_string_append_printf (comment, "timestamp:%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);

  if (file_name != NULL)
    {
      name = g_utf8_make_valid (file_name, -1);
      g_strdelimit (name, "\r\n\t", '?');
      g_string_append_printf (comment, "\tfile:%s", name);
    }

  g_string_append (comment, "\thashed");

  /* A very long name is shortened rather than refused. */
  if (comment->len > COMMENT_MAX_BYTES)
    {
      const char *end = comment->str + COMMENT_MAX_BYTES - strlen ("…\thashed");

      end = g_utf8_find_prev_char (comment->str, end + 1);
      g_string_truncate (comment, end - comment->str);
      g_string_append (comment, "…\thashed");
    }

  return g_string_free (comment, FALSE);
}

char *
otasuke_minisign_sign (const char    *secret_key_file,
                       gsize          secret_key_file_len,
                       const guint8  *data,
                       gsize          data_len,
                       const char    *file_name,
                       const char    *trusted_comment,
                       GError       **error)
{
  SecretKey secret;
  guint8 prehash[PREHASH_BYTES];
  guint8 blob[SIGNATURE_BYTES];
  guint8 global_message[crypto_sign_BYTES + COMMENT_MAX_BYTES];
  guint8 global_sig[crypto_sign_BYTES];
  g_autofree char *comment = NULL;
  gsize comment_len;
  GString *out;

  g_return_val_if_fail (secret_key_file != NULL || secret_key_file_len == 0, NULL);
  g_return_val_if_fail (data != NULL || data_len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  otasuke_minisign_ensure_sodium ();

  if (trusted_comment != NULL)
    {
      if (!trusted_comment_is_valid (trusted_comment))
        {
          g_set_error (error, OTASUKE_MINISIGN_ERROR, OTASUKE_MINISIGN_ERROR_FAILED,
                       _("The trusted comment must be one line of UTF-8 text of at most %d bytes"),
                       COMMENT_MAX_BYTES);
          return NULL;
        }
      comment = g_strdup (trusted_comment);
    }
  else
    {
      comment = default_trusted_comment (file_name);
    }

  comment_len = strlen (comment);
  g_assert (comment_len <= COMMENT_MAX_BYTES);

  if (!parse_secret_key (secret_key_file, secret_key_file_len, &secret, error))
    return NULL;

  crypto_generichash (prehash, sizeof prehash, data != NULL ? data : prehash, data_len, NULL, 0);

  memcpy (blob, SIG_ALG_HASHED, ALG_BYTES);
  memcpy (blob + ALG_BYTES, secret.id, KEY_ID_BYTES);
  crypto_sign_detached (blob + ALG_BYTES + KEY_ID_BYTES, NULL, prehash, sizeof prehash, secret.sk);

  memcpy (global_message, blob + ALG_BYTES + KEY_ID_BYTES, crypto_sign_BYTES);
  memcpy (global_message + crypto_sign_BYTES, comment, comment_len);
  crypto_sign_detached (global_sig, NULL, global_message, crypto_sign_BYTES + comment_len, secret.sk);

  sodium_memzero (&secret, sizeof secret);

  out = g_string_new (UNTRUSTED_PREFIX "signature from minisign secret key\n");
  otasuke_minisign_append_base64 (out, blob, sizeof blob);
  g_string_append (out, "\n" TRUSTED_PREFIX);
  g_string_append_len (out, comment, comment_len);
  g_string_append_c (out, '\n');
  otasuke_minisign_append_base64 (out, global_sig, sizeof global_sig);
  g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-fuzz-minisig"

#include "config.h"

#include <string.h>

#include <glib.h>

#include "otasuke-minisign.h"

/* libFuzzer target: the input as a .minisig for fixed data and a fixed key,
 * as a public key line, as a public key file and as a secret key file. The
 * seeds in corpus/minisig/ are signatures of FUZZ_DATA by FUZZ_PUBLIC_KEY
 * (the secret half was thrown away), so mutations reach the crypto checks. */

#define FUZZ_PUBLIC_KEY "RWQFAhIHnxj1R5vxUf3toSoeAmFyDLNVTRUmxIlsiTNJwJM2p0Fy1N7/"
#define FUZZ_DATA       "otasuke fuzz data\n"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static GPtrArray *
fuzz_keys (void)
{
  static GPtrArray *keys = NULL;

  if (keys == NULL)
    {
      g_autoptr(GError) error = NULL;
      OtasukeMinisignKey *key = otasuke_minisign_key_new (FUZZ_PUBLIC_KEY, &error);

      g_assert_no_error (error);
      keys = g_ptr_array_new_with_free_func ((GDestroyNotify) otasuke_minisign_key_free);
      g_ptr_array_add (keys, key);
    }

  return keys;
}

static void
fuzz_verify (const guint8 *data,
             size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *comment = NULL;
  const OtasukeMinisignKey *matched = NULL;
  GPtrArray *keys = fuzz_keys ();

  if (otasuke_minisign_verify (keys, (const guint8 *) FUZZ_DATA, strlen (FUZZ_DATA),
                               (const char *) data, size, &comment, &matched, &error))
    {
      g_assert_no_error (error);
      g_assert_true (matched == g_ptr_array_index (keys, 0));
      g_assert_nonnull (comment);
      g_assert_true (g_utf8_validate (comment, -1, NULL));
      g_assert_cmpuint (strlen (comment), <=, 1024);
      g_assert_null (strpbrk (comment, "\r\n"));
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == OTASUKE_MINISIGN_ERROR);
      g_assert_null (comment);
    }
}

static void
fuzz_public_key (const guint8 *data,
                 size_t        size)
{
  g_autofree char *line = g_strndup ((const char *) data, size);
  g_autoptr(OtasukeMinisignKey) key = NULL;
  g_autoptr(OtasukeMinisignKey) from_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) file_error = NULL;

  key = otasuke_minisign_key_new (line, &error);
  if (key != NULL)
    {
      g_autofree char *b64 = otasuke_minisign_key_get_base64 (key);
      g_autofree char *id = otasuke_minisign_key_get_id (key);

      /* Strict decoding: the only accepted form is the canonical one. */
      g_assert_cmpstr (b64, ==, line);
      g_assert_cmpuint (strlen (id), ==, 16);
    }
  else
    {
      g_assert_true (error->domain == OTASUKE_MINISIGN_ERROR);
    }

  from_file = otasuke_minisign_key_new_from_file_contents ((const char *) data, size, &file_error);
  g_assert_true (from_file != NULL || file_error != NULL);
}

static void
fuzz_secret_key (const guint8 *data,
                 size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = NULL;

  signature = otasuke_minisign_sign ((const char *) data, size, (const guint8 *) FUZZ_DATA,
                                     strlen (FUZZ_DATA), "feed.json", NULL, &error);
  g_assert_true (signature != NULL || error != NULL);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  fuzz_verify (data, size);
  fuzz_public_key (data, size);
  fuzz_secret_key (data, size);

  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sodium.h>

#include "otasuke-minisign.h"

G_BEGIN_DECLS

/* Shared by verification (otasuke-minisign.c) and signing
 * (otasuke-minisign-sign.c): the minisign layouts and the line and base64
 * parsing both sides use. */

#define KEY_ID_BYTES             8
#define ALG_BYTES                2
#define CHECKSUM_BYTES           32
#define PREHASH_BYTES            crypto_generichash_BYTES_MAX

/* Public key: alg ‖ key id ‖ Ed25519 public key. */
#define PUBLIC_KEY_BYTES         (ALG_BYTES + KEY_ID_BYTES + crypto_sign_PUBLICKEYBYTES)
/* Signature line: alg ‖ key id ‖ Ed25519 signature. */
#define SIGNATURE_BYTES          (ALG_BYTES + KEY_ID_BYTES + crypto_sign_BYTES)
/* Secret key: sig alg ‖ kdf alg ‖ chk alg ‖ salt ‖ opslimit ‖ memlimit ‖
 * [key id ‖ secret key ‖ checksum]. */
#define SECRET_SALT_BYTES        32
#define SECRET_KEYNUM_OFFSET     (3 * ALG_BYTES + SECRET_SALT_BYTES + 8 + 8)
#define SECRET_SK_OFFSET         (SECRET_KEYNUM_OFFSET + KEY_ID_BYTES)
#define SECRET_CHECKSUM_OFFSET   (SECRET_SK_OFFSET + crypto_sign_SECRETKEYBYTES)
#define SECRET_KEY_BYTES         (SECRET_CHECKSUM_OFFSET + CHECKSUM_BYTES)

#define UNTRUSTED_PREFIX         "untrusted comment: "
#define TRUSTED_PREFIX           "trusted comment: "
#define COMMENT_MAX_BYTES        1024
#define SIGNATURE_FILE_MAX_BYTES 8192
#define KEY_FILE_MAX_BYTES       4096

#define BASE64_LEN(n)            (((n) + 2) / 3 * 4)

static const guint8 SIG_ALG_LEGACY[ALG_BYTES] = { 'E', 'd' };
static const guint8 SIG_ALG_HASHED[ALG_BYTES] = { 'E', 'D' };

struct _OtasukeMinisignKey
{
  guint8 id[KEY_ID_BYTES];
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
};

typedef struct
{
  const char *p;
  const char *end;
} OtasukeMinisignLineReader;

void     otasuke_minisign_ensure_sodium       (void);
void     otasuke_minisign_key_id_to_string    (const guint8                 id[KEY_ID_BYTES],
                                               char                         out[2 * KEY_ID_BYTES + 1]);
gboolean otasuke_minisign_decode_base64_exact (const char                  *b64,
                                               gsize                        b64_len,
                                               guint8                      *out,
                                               gsize                        out_len);
/* At most SECRET_KEY_BYTES; the stack copy is wiped. */
void     otasuke_minisign_append_base64       (GString                     *out,
                                               const guint8                *bin,
                                               gsize                        bin_len);

gboolean otasuke_minisign_line_reader_next    (OtasukeMinisignLineReader   *reader,
                                               const char                 **line,
                                               gsize                       *line_len);
gboolean otasuke_minisign_line_reader_at_end  (const OtasukeMinisignLineReader *reader);

gboolean otasuke_minisign_check_comment_line  (const char                  *line,
                                               gsize                        line_len,
                                               const char                  *prefix,
                                               int                          code,
                                               const char                  *what,
                                               GError                     **error);
/* Not empty, at most @max_len bytes, no NUL byte; @what names the file. */
gboolean otasuke_minisign_check_file_bounds   (const char                  *contents,
                                               gsize                        len,
                                               gsize                        max_len,
                                               int                          code,
                                               const char                  *what,
                                               GError                     **error);

G_END_DECLS

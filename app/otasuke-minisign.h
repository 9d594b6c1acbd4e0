/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* minisign-compatible Ed25519 signatures with libsodium (feed signatures). */

#define OTASUKE_MINISIGN_ERROR (otasuke_minisign_error_quark ())

typedef enum {
  OTASUKE_MINISIGN_ERROR_MALFORMED_KEY,
  OTASUKE_MINISIGN_ERROR_MALFORMED_SIGNATURE,
  OTASUKE_MINISIGN_ERROR_UNKNOWN_KEY,     /* signed with a key we do not trust */
  OTASUKE_MINISIGN_ERROR_BAD_SIGNATURE,   /* the data or the trusted comment was changed */
  OTASUKE_MINISIGN_ERROR_UNSUPPORTED,     /* an algorithm or key format we do not handle */
  OTASUKE_MINISIGN_ERROR_FAILED,
} OtasukeMinisignError;

typedef struct _OtasukeMinisignKey OtasukeMinisignKey;

GQuark              otasuke_minisign_error_quark   (void);

/* The base64 line of a minisign public key ("RWQ…"). */
OtasukeMinisignKey *otasuke_minisign_key_new       (const char                 *base64,
                                                    GError                    **error);
/* A minisign public key file: an "untrusted comment:" line, then the base64 line. */
OtasukeMinisignKey *otasuke_minisign_key_new_from_file_contents (const char   *contents,
                                                                 gsize         len,
                                                                 GError      **error);
OtasukeMinisignKey *otasuke_minisign_key_copy      (const OtasukeMinisignKey   *key);
void                otasuke_minisign_key_free      (OtasukeMinisignKey         *key);
/* The key id as minisign prints it (16 upper-case hex digits). */
char               *otasuke_minisign_key_get_id    (const OtasukeMinisignKey   *key);

/* Verifies a detached .minisig (prehashed "ED" or legacy "Ed", with the
 * global signature over the trusted comment) against any of @keys.
 * On success returns TRUE, the trusted comment and which key matched. */
gboolean            otasuke_minisign_verify        (GPtrArray                  *keys,
                                                    const guint8               *data,
                                                    gsize                       data_len,
                                                    const char                 *signature,
                                                    gsize                       signature_len,
                                                    char                      **trusted_comment,
                                                    const OtasukeMinisignKey  **matched_key,
                                                    GError                    **error);

/* The base64 line of the public key, as otasuke_minisign_key_new() takes it. */
char               *otasuke_minisign_key_get_base64 (const OtasukeMinisignKey  *key);

/* A new key pair as the contents of a minisign public key file and of an
 * unencrypted minisign secret key file (what `minisign -G -W` writes). The
 * secret is plain text: write it with mode 0600 and wipe it before freeing. */
void                otasuke_minisign_keygen        (char                      **public_key_file,
                                                    char                      **secret_key_file);

/* Signs @data with an unencrypted minisign secret key file and returns the
 * contents of the detached .minisig (prehashed "ED"). A NULL @trusted_comment
 * becomes "timestamp:<unix time>\tfile:<@file_name>\thashed", as minisign
 * writes it (@file_name may be NULL). A password-protected key fails with
 * OTASUKE_MINISIGN_ERROR_UNSUPPORTED. */
char               *otasuke_minisign_sign          (const char                 *secret_key_file,
                                                    gsize                       secret_key_file_len,
                                                    const guint8               *data,
                                                    gsize                       data_len,
                                                    const char                 *file_name,
                                                    const char                 *trusted_comment,
                                                    GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeMinisignKey, otasuke_minisign_key_free)

G_END_DECLS

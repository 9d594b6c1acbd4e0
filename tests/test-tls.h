/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Certificates for loopback TLS tests, made fresh with the openssl command
 * in a temporary folder (removed by _free()):
 *  - a test certificate authority, whose certificate is the CA file handed
 *    to the client under test;
 *  - "good": for 127.0.0.1 and localhost, issued by that authority;
 *  - "self-signed": for 127.0.0.1, issued by nobody the client trusts;
 *  - "wrong-host": issued by the authority, but for another name;
 *  - "expired": like "good", but its validity ended the day before. */
typedef struct _OtasukeTestTls OtasukeTestTls;

OtasukeTestTls  *otasuke_test_tls_new                (void);
void             otasuke_test_tls_free               (OtasukeTestTls *self);

const char      *otasuke_test_tls_get_ca_file        (OtasukeTestTls *self);
GTlsCertificate *otasuke_test_tls_get_good           (OtasukeTestTls *self);
GTlsCertificate *otasuke_test_tls_get_self_signed    (OtasukeTestTls *self);
GTlsCertificate *otasuke_test_tls_get_wrong_host     (OtasukeTestTls *self);
GTlsCertificate *otasuke_test_tls_get_expired        (OtasukeTestTls *self);
/* A file of the folder ("good.pem", "good.key" …), for other servers (openssl s_server). */
char            *otasuke_test_tls_get_file           (OtasukeTestTls *self,
                                                      const char     *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OtasukeTestTls, otasuke_test_tls_free)

G_END_DECLS

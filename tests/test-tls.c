/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "otasuke-test-tls"

#include "config.h"

#include <glib/gstdio.h>

#include "test-tls.h"

struct _OtasukeTestTls
{
  char            *dir;
  char            *ca_file;
  GTlsCertificate *good;
  GTlsCertificate *self_signed;
  GTlsCertificate *wrong_host;
  GTlsCertificate *expired;
};

static const char * const made_files[] = {
  "ca.key", "ca.pem",
  "good.key", "good.csr", "good.ext", "good.pem",
  "self.key", "self.pem",
  "wrong.key", "wrong.csr", "wrong.ext", "wrong.pem",
  "expired.key", "expired.csr", "expired.ext", "expired.pem",
};

static char *
path_in (OtasukeTestTls *self,
         const char     *name)
{
  return g_build_filename (self->dir, name, NULL);
}

/* Runs openssl with @args (after the program name) in the folder. */
static void
openssl (OtasukeTestTls     *self,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path ("openssl");
  g_autofree char *err = NULL;
  int status = 0;

  if (program == NULL)
    g_error ("The TLS tests need the openssl command (Debian package openssl).");

  g_ptr_array_add (argv, program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (self->dir, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("openssl %s failed: %s\n%s", args[0], error->message, err);
}

static void
write_file (OtasukeTestTls *self,
            const char     *name,
            const char     *contents)
{
  g_autofree char *path = path_in (self, name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static GTlsCertificate *
load (OtasukeTestTls *self,
      const char     *stem)
{
  g_autofree char *pem = g_strconcat (stem, ".pem", NULL);
  g_autofree char *key = g_strconcat (stem, ".key", NULL);
  g_autofree char *pem_path = path_in (self, pem);
  g_autofree char *key_path = path_in (self, key);
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate = g_tls_certificate_new_from_files (pem_path, key_path, &error);

  g_assert_no_error (error);
  return certificate;
}

/* A P-256 key and a request for it. */
static void
request (OtasukeTestTls *self,
         const char     *stem,
         const char     *subject)
{
  g_autofree char *key = g_strconcat (stem, ".key", NULL);
  g_autofree char *csr = g_strconcat (stem, ".csr", NULL);
  const char * const args[] = {
    "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", key, "-out", csr, "-subj", subject, NULL
  };

  openssl (self, args);
}

/* Issues @stem.pem by the test authority for @alt_names. */
static void
issue_for_days (OtasukeTestTls *self,
                const char     *stem,
                const char     *alt_names,
                const char     *serial,
                const char     *days)
{
  g_autofree char *csr = g_strconcat (stem, ".csr", NULL);
  g_autofree char *ext = g_strconcat (stem, ".ext", NULL);
  g_autofree char *pem = g_strconcat (stem, ".pem", NULL);
  g_autofree char *extensions = g_strdup_printf ("subjectAltName=%s\n"
                                                 "basicConstraints=CA:FALSE\n"
                                                 "keyUsage=critical,digitalSignature\n"
                                                 "extendedKeyUsage=serverAuth\n",
                                                 alt_names);
  const char * const args[] = {
    "x509", "-req", "-in", csr, "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", serial,
    "-days", days, "-extfile", ext, "-out", pem, NULL
  };

  write_file (self, ext, extensions);
  openssl (self, args);
}

static void
issue (OtasukeTestTls *self,
       const char     *stem,
       const char     *alt_names,
       const char     *serial)
{
  issue_for_days (self, stem, alt_names, serial, "2");
}

OtasukeTestTls *
otasuke_test_tls_new (void)
{
  OtasukeTestTls *self = g_new0 (OtasukeTestTls, 1);
  g_autoptr(GError) error = NULL;
  const char * const authority[] = {
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Otasuke Test CA",
    "-addext", "basicConstraints=critical,CA:TRUE",
    "-addext", "keyUsage=critical,keyCertSign,cRLSign", NULL
  };
  const char * const self_signed[] = {
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", "self.key", "-out", "self.pem", "-days", "2", "-subj", "/CN=127.0.0.1",
    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", NULL
  };

  self->dir = g_dir_make_tmp ("otasuke-test-tls-XXXXXX", &error);
  g_assert_no_error (error);

  openssl (self, authority);
  request (self, "good", "/CN=127.0.0.1");
  issue (self, "good", "IP:127.0.0.1,DNS:localhost", "2");
  openssl (self, self_signed);
  request (self, "wrong", "/CN=wrong-host.invalid");
  issue (self, "wrong", "DNS:wrong-host.invalid", "3");
  /* "-days -1": valid until a day before it was made. */
  request (self, "expired", "/CN=localhost");
  issue_for_days (self, "expired", "IP:127.0.0.1,DNS:localhost", "4", "-1");

  self->ca_file = path_in (self, "ca.pem");
  self->good = load (self, "good");
  self->self_signed = load (self, "self");
  self->wrong_host = load (self, "wrong");
  self->expired = load (self, "expired");
  return self;
}

void
otasuke_test_tls_free (OtasukeTestTls *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (made_files); i++)
    {
      g_autofree char *path = path_in (self, made_files[i]);

      g_remove (path);
    }
  g_rmdir (self->dir);

  g_clear_object (&self->good);
  g_clear_object (&self->self_signed);
  g_clear_object (&self->wrong_host);
  g_clear_object (&self->expired);
  g_free (self->ca_file);
  g_free (self->dir);
  g_free (self);
}

const char *
otasuke_test_tls_get_ca_file (OtasukeTestTls *self)
{
  return self->ca_file;
}

GTlsCertificate *
otasuke_test_tls_get_good (OtasukeTestTls *self)
{
  return self->good;
}

GTlsCertificate *
otasuke_test_tls_get_self_signed (OtasukeTestTls *self)
{
  return self->self_signed;
}

GTlsCertificate *
otasuke_test_tls_get_wrong_host (OtasukeTestTls *self)
{
  return self->wrong_host;
}

GTlsCertificate *
otasuke_test_tls_get_expired (OtasukeTestTls *self)
{
  return self->expired;
}

char *
otasuke_test_tls_get_file (OtasukeTestTls *self,
                           const char     *name)
{
  return path_in (self, name);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A do-nothing program that carries test-version.rc; test-win32 reads it,
 * never runs it. */

int main (void);

int
main (void)
{
  return 0;
}

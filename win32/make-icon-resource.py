#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The icons the program names, for Windows, compiled into a GResource.

GTK on Windows has no icon theme, and the cross-built toolchain no SVG loader:
without this every icon is the "missing image" placeholder, libadwaita's own
SVG icons included. This script

- collects every "<name>-symbolic" string in the SOURCE files (ui/, app/);
- takes each one's pre-rendered .symbolic.png files (16, 24, 32, 48, 64 and
  96 px; GTK recolours them as it does symbolic SVGs) from the Adwaita theme
  of the build machine (Debian's adwaita-icon-theme);
- renders the SVG files given with --svg NAME=FILE (libadwaita's icons that
  the program's widgets show, win32/icons/, and the program's own symbolic
  icon) to .symbolic.png at the same sizes with gtk4-encode-symbolic-svg;
- writes them under PREFIX/<size>x<size>/<context>/ (hicolor's layout, which
  GTK's resource paths follow) into OUT_C with glib-compile-resources
  (--manual-register, C name otasuke_win32_icons), and the icon names, one a
  line, into OUT_NAMES (what win32/test-icons.c resolves);
- renders the full-colour SVGs given with --png NAME=FILE (the program's
  own icon) to plain PNGs at 16 to 256 px with RSVG_CONVERT.

A name found neither in the theme nor among the --svg files is an error, so
a new icon in the UI cannot silently become a placeholder on Windows.

  make-icon-resource.py GLIB_COMPILE_RESOURCES ENCODE_SYMBOLIC_SVG RSVG_CONVERT
      THEME_DIR PREFIX OUT_C OUT_NAMES [--svg NAME=FILE]... [--png NAME=FILE]... SOURCE...
"""

import os
import re
import shutil
import subprocess
import sys

SIZES = ["16x16", "24x24", "32x32", "48x48", "64x64", "96x96"]
HICOLOR_CONTEXTS = {"actions", "apps", "categories", "devices", "emblems", "emotes",
                    "mimetypes", "places", "status"}
NAME = re.compile(r'[">]([a-z0-9]+(?:-[a-z0-9]+)*-symbolic)["<]')


def main(argv):
    if len(argv) < 9:
        sys.stderr.write(__doc__)
        return 2
    compile_resources, encode, rsvg_convert, theme, prefix, out_c, out_names = argv[1:8]
    svgs = {}
    pngs = {}
    sources = []
    args = argv[8:]
    while args:
        arg = args.pop(0)
        if arg in ("--svg", "--png"):
            name, _, path = args.pop(0).partition("=")
            (svgs if arg == "--svg" else pngs)[name] = path
        else:
            sources.append(arg)

    names = set()
    for source in sources:
        with open(source, encoding="utf-8") as f:
            names.update(NAME.findall(f.read()))

    stage = out_c + ".d"
    shutil.rmtree(stage, ignore_errors=True)
    files = []
    missing = []
    for name in sorted(names - set(svgs)):
        found = False
        for size in SIZES:
            size_dir = os.path.join(theme, size)
            if not os.path.isdir(size_dir):
                continue
            for context in sorted(os.listdir(size_dir)):
                src = os.path.join(size, context, name + ".symbolic.png")
                if os.path.isfile(os.path.join(theme, src)):
                    # GTK reads only hicolor's contexts in a resource path;
                    # Adwaita's "ui" and "legacy" are not among them.
                    rel = os.path.join(size, context if context in HICOLOR_CONTEXTS else "actions",
                                       name + ".symbolic.png")
                    os.makedirs(os.path.dirname(os.path.join(stage, rel)), exist_ok=True)
                    shutil.copyfile(os.path.join(theme, src), os.path.join(stage, rel))
                    files.append(rel)
                    found = True
                    break
        if not found:
            missing.append(name)
    if missing:
        sys.stderr.write("not in the Adwaita theme at %s (install adwaita-icon-theme, or add "
                         "the SVG to win32/icons/ and win32/meson.build): %s\n"
                         % (theme, ", ".join(missing)))
        return 1

    for name, path in sorted(svgs.items()):
        for size in SIZES:
            out_dir = os.path.join(stage, size, "actions")
            os.makedirs(out_dir, exist_ok=True)
            subprocess.run([encode, "-o", out_dir, path, size], check=True)
            produced = os.path.join(out_dir, os.path.basename(path)[:-len(".svg")] + ".symbolic.png")
            rel = os.path.join(size, "actions", name + ".symbolic.png")
            os.replace(produced, os.path.join(stage, rel))
            files.append(rel)

    for name, path in sorted(pngs.items()):
        for px in (16, 24, 32, 48, 64, 96, 128, 256):
            rel = os.path.join("%dx%d" % (px, px), "apps", name + ".png")
            os.makedirs(os.path.dirname(os.path.join(stage, rel)), exist_ok=True)
            subprocess.run([rsvg_convert, "-w", str(px), "-h", str(px), "-o",
                            os.path.join(stage, rel), path], check=True)
            files.append(rel)

    xml = os.path.join(stage, "icons.gresource.xml")
    with open(xml, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<gresources>\n')
        f.write('  <gresource prefix="%s">\n' % prefix)
        for rel in files:
            f.write("    <file>%s</file>\n" % rel)
        f.write("  </gresource>\n</gresources>\n")
    subprocess.run([compile_resources, "--sourcedir", stage, "--generate-source",
                    "--manual-register", "--c-name", "otasuke_win32_icons",
                    "--target", out_c, xml], check=True)
    with open(out_names, "w", encoding="utf-8") as f:
        for name in sorted(names | set(svgs) | set(pngs)):
            f.write(name + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the per-user Windows installer from a staged install tree:
#
#   win32/make-msi.sh STAGE VERSION OUT.msi
#
# STAGE is what `meson install --destdir` left for the Windows build (bin\
# with otasuke.exe, otasuke-feed.exe and the DLLs, share\ with schemas,
# translations, icons ...); VERSION is a.b.c (up to four numbers).
# The MSI (made with wixl, Debian package wixl/msitools):
#   - installs for the current user only, into
#     %LOCALAPPDATA%\Programs\Otasuke, without administrator rights
#     (no ALLUSERS, InstallPrivileges=limited: no elevation prompt);
#   - adds a Start-menu shortcut and the Settings > Apps (uninstall) entry;
#   - has an optional feature "Autostart" (off unless chosen, e.g.
#     ADDLOCAL=ALL) writing the Run value otasuke.exe itself writes, so
#     the preference and the installer agree;
#   - removes every file and folder it made on uninstall (each folder has
#     a RemoveFolder entry); the user's data in %LOCALAPPDATA%\otasuke stays.
# Component GUIDs are derived from the file paths, so a newer MSI upgrades
# an older one in place (same UpgradeCode, MajorUpgrade).
set -eu

if [ $# -ne 3 ]; then
  echo "Usage: $0 STAGE VERSION OUT.msi" >&2
  exit 2
fi
stage=$1
version=$2
out=$3

if [ ! -d "$stage" ]; then
  echo "$0: $stage is not a folder" >&2
  exit 1
fi
if [ ! -f "$stage/bin/otasuke.exe" ]; then
  echo "$0: $stage/bin/otasuke.exe is missing: is this a staged Windows install?" >&2
  exit 1
fi
case "$version" in
  *[!0-9.]*|.*|*.|*..*|"") echo "$0: the version must be numbers and dots, e.g. 0.1.0: $version" >&2; exit 1 ;;
esac
for tool in wixl python3; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is missing (apt-get install wixl python3)" >&2; exit 1; }
done

here=$(cd "$(dirname "$0")" && pwd)
stage=$(cd "$stage" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# wixl takes sources relative to where it runs: link them into the work folder.
ln -s "$stage" "$tmp/stage"
ln -s "$here/otasuke.ico" "$tmp/otasuke.ico"
python3 - "$tmp/stage" "$version" otasuke.ico > "$tmp/otasuke.wxs" <<'PY'
import os, sys, uuid
from xml.sax.saxutils import quoteattr as q

stage, version, icon = sys.argv[1:4]
# Fixed forever: it is what makes one Otasuke MSI upgrade another.
UPGRADE_CODE = "8B3E5A52-5D0B-4C7E-9E1F-6F3C0A1D2B47"
NS = uuid.UUID("3f1c9f5e-2b61-4d1e-8f3a-0c6f3e1b9a11")
REG_KEY = r"Software\Otasuke\Installer"

def guid(name):
    return str(uuid.uuid5(NS, name)).upper()

ids = {}
def ident(prefix, rel):
    # MSI identifiers: letters, digits, _ and .; at most 72 characters.
    base = prefix + "_" + "".join(c if c.isalnum() else "_" for c in rel)
    if len(base) > 60:
        base = base[:40] + "_" + guid(rel).replace("-", "")[:16]
    name, n = base, 1
    while name in ids and ids[name] != rel:
        n += 1
        name = "%s_%d" % (base, n)
    ids[name] = rel
    return name

out = []
components = []

def walk(abs_dir, rel_dir, depth):
    pad = "  " * depth
    entries = sorted(os.listdir(abs_dir))
    files = [e for e in entries if os.path.isfile(os.path.join(abs_dir, e))]
    dirs = [e for e in entries if os.path.isdir(os.path.join(abs_dir, e))]
    dir_id = "INSTALLDIR" if rel_dir == "" else ident("dir", rel_dir)
    comp_id = ident("cmp", rel_dir or ".")
    components.append(comp_id)
    # One component per folder: its files, a per-user key path (files in a
    # user profile cannot be key paths) and the folder's removal.
    out.append('%s<Component Id=%s Guid=%s>' % (pad, q(comp_id), q(guid("dir:" + rel_dir))))
    out.append('%s  <RegistryValue Root="HKCU" Key=%s Name=%s Type="integer" Value="1" KeyPath="yes"/>'
               % (pad, q(REG_KEY), q("dir:" + (rel_dir or "."))))
    for f in files:
        rel = os.path.join(rel_dir, f) if rel_dir else f
        out.append('%s  <File Id=%s Name=%s Source=%s KeyPath="no"/>'
                   % (pad, q(ident("fil", rel)), q(f), q(os.path.join("stage", rel))))
    out.append('%s  <RemoveFolder Id=%s On="uninstall"/>' % (pad, q(ident("rmf", rel_dir or "."))))
    out.append('%s</Component>' % pad)
    for d in dirs:
        rel = os.path.join(rel_dir, d) if rel_dir else d
        out.append('%s<Directory Id=%s Name=%s>' % (pad, q(ident("dir", rel)), q(d)))
        walk(os.path.join(abs_dir, d), rel, depth + 1)
        out.append('%s</Directory>' % pad)

walk(stage, "", 6)
tree = "\n".join(out)
refs = "\n".join('      <ComponentRef Id=%s/>' % q(c) for c in components)
parts = (version.split(".") + ["0", "0", "0"])[:4]
msi_version = ".".join(parts[:3]) if parts[3] == "0" else ".".join(parts)

print('''<?xml version="1.0" encoding="utf-8"?>
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
  <Product Id="*" Name="Otasuke" Version=%(version)s Language="1041" Codepage="65001"
           Manufacturer="Sakura Chamber of Commerce and Industry" UpgradeCode=%(upgrade)s>
    <Package InstallerVersion="500" Compressed="yes" InstallScope="perUser"
             Languages="1041" SummaryCodepage="65001"
             Description="Otasuke %(bare)s" Manufacturer="Sakura Chamber of Commerce and Industry"
             Comments="Security help for small businesses"/>
    <MajorUpgrade DowngradeErrorMessage="A newer version of Otasuke is already installed."/>
    <Media Id="1" Cabinet="otasuke.cab" EmbedCab="yes"/>

    <!-- For this user, never for the machine: no administrator rights
         (no ALLUSERS property at all means a per-user install). -->
    <Icon Id="otasuke.ico" SourceFile=%(icon)s/>
    <Property Id="ARPPRODUCTICON" Value="otasuke.ico"/>
    <Property Id="ARPNOREPAIR" Value="1"/>

    <Directory Id="TARGETDIR" Name="SourceDir">
      <Directory Id="LocalAppDataFolder">
        <Directory Id="ProgramsFolder" Name="Programs">
          <Directory Id="INSTALLDIR" Name="Otasuke">
%(tree)s
          </Directory>
        </Directory>
      </Directory>
      <Directory Id="ProgramMenuFolder">
        <Component Id="cmp_shortcut" Guid=%(shortcut_guid)s>
          <Shortcut Id="StartMenuShortcut" Name="Otasuke" Description="Security help for small businesses"
                    Target="[INSTALLDIR]bin\\otasuke.exe" WorkingDirectory="INSTALLDIR"
                    Icon="otasuke.ico"/>
          <RegistryValue Root="HKCU" Key=%(regkey)s Name="shortcut" Type="integer" Value="1" KeyPath="yes"/>
        </Component>
      </Directory>
    </Directory>

    <DirectoryRef Id="TARGETDIR">
      <Component Id="cmp_autostart" Guid=%(autostart_guid)s>
        <!-- The same value and form as otasuke.exe's own "start at login". -->
        <RegistryValue Root="HKCU" Key="Software\\Microsoft\\Windows\\CurrentVersion\\Run" Name="Otasuke"
                       Type="string" Value="&quot;[INSTALLDIR]bin\\otasuke.exe&quot; --background" KeyPath="yes"/>
      </Component>
      <Component Id="cmp_installer_key" Guid=%(key_guid)s>
        <RegistryValue Root="HKCU" Key=%(regkey)s Name="Version" Type="string" Value=%(plain)s KeyPath="yes"/>
      </Component>
    </DirectoryRef>

    <Feature Id="Main" Title="Otasuke" Level="1" Absent="disallow" AllowAdvertise="no">
%(refs)s
      <ComponentRef Id="cmp_shortcut"/>
      <ComponentRef Id="cmp_installer_key"/>
    </Feature>
    <!-- Off unless chosen (ADDLOCAL=ALL or ADDLOCAL=Main,Autostart). -->
    <Feature Id="Autostart" Title="Start at login" Level="2" AllowAdvertise="no">
      <ComponentRef Id="cmp_autostart"/>
    </Feature>
  </Product>
</Wix>''' % {
    "version": q(msi_version), "plain": q(version), "bare": version, "upgrade": q(UPGRADE_CODE), "icon": q(icon),
    "tree": tree, "refs": refs, "regkey": q(REG_KEY),
    "shortcut_guid": q(guid("shortcut")), "autostart_guid": q(guid("autostart")),
    "key_guid": q(guid("installer-key")),
})
PY

case "$out" in /*) ;; *) out=$PWD/$out ;; esac
(cd "$tmp" && wixl --arch x64 -o "$out" otasuke.wxs)
echo "$out"

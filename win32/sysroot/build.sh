#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the Windows (x86_64, mingw-w64) prefix that Otasuke is cross-built
# against: GLib, GTK 4, libadwaita, SQLite, jansson, libsodium, libcurl and
# what they need, from Debian 12 source packages only.
#
#   win32/sysroot/build.sh        build what is missing; the last line of
#                                 stdout is "prefix: /path/to/prefix"
#
# The sources come from `apt-get source` through a private apt directory (the
# system's lists are never touched); nothing else is downloaded (meson runs
# with --wrap-mode=nodownload). The prefix lives under
# ${OTASUKE_SYSROOT:-~/.cache/otasuke}/sysroot-<key>/, where <key> is a hash
# of the source versions below, the compiler and this recipe's revision, so a
# second run takes seconds. Each package has a stamp: after a failure, running
# again resumes with the package that failed. See win32/sysroot/README.md.

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
win32=$(dirname "$here")
cache=${OTASUKE_SYSROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/otasuke}
jobs=${OTASUKE_SYSROOT_JOBS:-2}
host=x86_64-w64-mingw32
cc=$host-gcc-posix
cxx=$host-g++-posix

# Bump when a recipe below changes in a way that changes what is installed.
recipe=1

# name  Debian source  version  how (dsc: with Debian's patches; orig: the
# upstream tarball only, where the archive has lost the Debian diff;
# optional: skipped, with a note, when its source cannot be had).
# Versions are pinned: a security-pool version that answers 404 is replaced
# by the main archive's (pcre2 10.42-1, libpng 1.6.39-2+deb12u5).
packages="
libffi      libffi          3.4.4-1                   dsc
pcre2       pcre2           10.42-1                   dsc
intl        gettext         0.21-12                   dsc
glib        glib2.0         2.74.6-2+deb12u9          dsc
zlib        -               -                         system
libpng      libpng1.6       1.6.39-2+deb12u5          dsc
libjpeg     libjpeg-turbo   1:2.1.5-2                 dsc
libtiff     tiff            4.5.0-6+deb12u4           dsc
pixman      pixman          0.42.2-1                  orig
freetype    freetype        2.12.1+dfsg-5+deb12u4     dsc
fribidi     fribidi         1.0.8-2.1                 dsc
harfbuzz    harfbuzz        6.0.0+dfsg-3              dsc
cairo       cairo           1.16.0-7                  dsc
pango       pango1.0        1.50.12+ds-1              dsc
gdk-pixbuf  gdk-pixbuf      2.42.10+dfsg-1+deb12u4    dsc
graphene    graphene        1.10.8-1                  orig
libepoxy    libepoxy        1.5.10-1                  orig
gtk         gtk4            4.8.3+ds-2+deb12u1        dsc
libadwaita  libadwaita-1    1.2.2-1                   dsc
sqlite      sqlite3         3.40.1-2+deb12u2          dsc
jansson     jansson         2.14-2                    dsc
libsodium   libsodium       1.0.18-1+deb12u1          dsc
curl        curl            7.88.1-10+deb12u15        dsc
zxcvbn      zxcvbn-c        2.5+dfsg-1                optional
runtime     -               -                         system
"

say() { printf '%s\n' "$*"; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

for tool in "$cc" "$cxx" $host-windres pkg-config meson ninja cmake apt-get dpkg-source \
            autoreconf libtoolize tclsh sassc nasm gperf bison flex; do
  command -v "$tool" >/dev/null ||
    die "missing $tool: apt-get install gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 libz-mingw-w64-dev meson ninja-build cmake dpkg-dev autoconf automake libtool autopoint tcl sassc nasm gperf bison flex"
done
[ -f /usr/$host/lib/zlib1.dll ] || die "missing zlib for mingw: apt-get install libz-mingw-w64-dev"

gcc_version=$($cc -dumpversion)
zlib_version=$(dpkg-query -W -f='${Version}' libz-mingw-w64-dev)
key=$( { printf 'recipe %s\ngcc %s\nzlib %s\n' "$recipe" "$gcc_version" "$zlib_version"
         printf '%s\n' "$packages" | awk 'NF { print $1, $2, $3, $4 }'; } |
       sha256sum | cut -c1-12)
root=$cache/sysroot-$key
prefix=$root/prefix
stamps=$root/stamps
logs=$root/logs
work=$root/build
sources=$cache/sources
apt_dir=$cache/apt

if [ -f "$stamps/complete" ]; then
  say "Windows prefix is up to date ($root)"
  say "prefix: $prefix"
  exit 0
fi

# Everything below is slow and the machine is shared.
renice -n "${OTASUKE_SYSROOT_NICE:-19}" -p $$ >/dev/null 2>&1 || true

mkdir -p "$prefix/bin" "$prefix/lib/pkgconfig" "$prefix/include" "$stamps" "$logs" "$work" "$sources"

# meson reads the prefix from this file; see win32/x86_64-w64-mingw32.ini.
cat >"$root/meson-sysroot.ini" <<EOF
[constants]
otasuke_sysroot = '$prefix'
EOF
cross=(--cross-file "$root/meson-sysroot.ini" --cross-file "$win32/x86_64-w64-mingw32.ini")

gcc_libdir=$(dirname "$($cc -print-libgcc-file-name)")

export PKG_CONFIG=pkg-config
export PKG_CONFIG_LIBDIR=$prefix/lib/pkgconfig:$prefix/share/pkgconfig
export PKG_CONFIG_PATH=
unset PKG_CONFIG_SYSROOT_DIR CFLAGS CXXFLAGS CPPFLAGS LDFLAGS LIBS || true
export LC_ALL=C.UTF-8

# --- sources ----------------------------------------------------------------

apt_opts=(-o "Dir::Etc::SourceParts=$apt_dir/sources.list.d" -o Dir::Etc::SourceList=/dev/null
          -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
          -o APT::Sandbox::User=root -q)
apt_updated=
apt_update() {
  [ -n "$apt_updated" ] && return 0
  mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
  local system=/etc/apt/sources.list.d/debian.sources
  [ -f "$system" ] || die "no $system to copy the Debian mirror from"
  sed 's/^Types:.*/Types: deb-src/' "$system" >"$apt_dir/sources.list.d/debian.sources"
  say "  apt-get update (private lists in $apt_dir)"
  local try
  for try in $(seq 1 "$fetch_tries"); do
    # apt-get update exits 0 even when a list could not be fetched; an "E:" or
    # "W: Failed to fetch" line is the failure then.
    if apt-get "${apt_opts[@]}" update >"$logs/apt-update.log" 2>&1 </dev/null &&
       ! grep -Eq '^(E:|W: (Failed to fetch|Some index files failed))' "$logs/apt-update.log"; then
      apt_updated=1; return 0
    fi
    [ "$try" -lt "$fetch_tries" ] || break
    say "  apt-get update failed (try $try of $fetch_tries); trying again in $(( try * 10 )) s"
    sleep $(( try * 10 ))
  done
  tail -20 "$logs/apt-update.log" >&2
  die "apt-get update failed $fetch_tries times"
}

# A download from the archive is tried this many times: a transient network or
# mirror error must not fail a CI run. A 404 is an answer, not tried again.
fetch_tries=${OTASUKE_FETCH_TRIES:-3}

upstream_version() { local v=${1#*:}; printf '%s\n' "${v%-*}"; }

# fetch SOURCE VERSION HOW: download into $sources once; returns 1 when an
# optional source cannot be had.
fetch() {
  local src=$1 ver=$2 how=$3 up got
  up=$(upstream_version "$ver")
  got=$sources/.got-$src-${ver#*:}
  [ -f "$got" ] && return 0
  apt_update
  local try
  for try in $(seq 1 "$fetch_tries"); do
    say "  apt-get source --download-only $src=$ver"
    if (cd "$sources" && apt-get "${apt_opts[@]}" source --download-only "$src=$ver") \
         >"$logs/fetch-$src.log" 2>&1 </dev/null; then
      touch "$got"; return 0
    fi
    # The Debian diff is gone from the archive; the upstream tarball is there.
    if [ "$how" = orig ] && compgen -G "$sources/${src}_$up.orig.tar.*" >/dev/null; then
      touch "$got"; return 0
    fi
    # Not there (404) or not in the lists: trying again will not help.
    if grep -Eq '404 +Not Found|Unable to find a source package|Can not find version' \
         "$logs/fetch-$src.log"; then
      break
    fi
    [ "$try" -lt "$fetch_tries" ] || break
    say "  download of $src failed (try $try of $fetch_tries); trying again in $(( try * 10 )) s"
    sleep $(( try * 10 ))
  done
  [ "$how" = optional ] && return 1
  grep -E '^(E|Err):' "$logs/fetch-$src.log" >&2 || true
  die "could not download $src=$ver (see $logs/fetch-$src.log)"
}

# unpack SOURCE VERSION HOW DIR
unpack() {
  local src=$1 ver=$2 how=$3 dir=$4 up tarball
  up=$(upstream_version "$ver")
  rm -rf "$dir"
  if [ "$how" = orig ]; then
    tarball=$(compgen -G "$sources/${src}_$up.orig.tar.*" | grep -v '\.asc$' | head -1)
    mkdir -p "$dir"
    tar -xf "$tarball" -C "$dir" --strip-components=1
  else
    dpkg-source --no-check -x "$sources/${src}_${ver#*:}.dsc" "$dir" >"$logs/unpack-$src.log" 2>&1 ||
      { tail -20 "$logs/unpack-$src.log" >&2; die "dpkg-source -x $src failed"; }
  fi
}

# --- build helpers (run inside the source directory) -------------------------

meson_build() {
  rm -rf _cross
  meson setup _cross "${cross[@]}" --prefix "$prefix" --libdir lib \
    --buildtype release -Doptimization=2 -Ddefault_library=shared --wrap-mode=nodownload "$@"
  ninja -C _cross -j "$jobs"
  meson install -C _cross --strip --no-rebuild
}

configure_build() {
  ./configure --host=$host --build="$(gcc -dumpmachine)" --prefix="$prefix" \
    --enable-shared --disable-static \
    CC="$cc" CXX="$cxx" CPPFLAGS="-I$prefix/include" LDFLAGS="-L$prefix/lib" "$@"
}

cmake_build() {
  rm -rf _cross
  cmake -S . -B _cross -G Ninja -DCMAKE_TOOLCHAIN_FILE="$win32/x86_64-w64-mingw32.cmake" \
    -DOTASUKE_SYSROOT_PREFIX="$prefix" -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" "$@"
  ninja -C _cross -j "$jobs"
  cmake --install _cross --strip
}

# --- recipes ------------------------------------------------------------------

build_libffi() {
  configure_build --disable-docs --disable-multi-os-directory
  make -j "$jobs"
  make install-strip
}

build_pcre2() {
  configure_build --enable-pcre2-8 --disable-pcre2-16 --disable-pcre2-32 --enable-unicode \
    --disable-pcre2grep-libz --disable-pcre2grep-libbz2
  make -j "$jobs" libpcre2-8.la libpcre2-posix.la
  make install-strip
}

build_intl() {
  # gettext-runtime's intl only. Debian's patches make some generated files
  # look older than their inputs: keep the autotools from running.
  cd gettext-runtime
  configure_build --disable-java --disable-csharp --disable-libasprintf --disable-openmp \
    --enable-threads=windows --disable-curses --without-libiconv-prefix --without-emacs \
    --disable-acl --disable-xattr
  local noauto=(ACLOCAL=: AUTOMAKE=: AUTOCONF=: AUTOHEADER=:)
  make -j "$jobs" -C intl "${noauto[@]}"
  make -C intl install-strip "${noauto[@]}"
}

build_glib() {
  meson_build -Dtests=false -Dinstalled_tests=false -Dman=false -Dgtk_doc=false \
    -Dlibmount=disabled -Dselinux=disabled -Dxattr=false -Dnls=enabled \
    -Dglib_debug=disabled -Dsysprof=disabled -Dlibelf=disabled -Ddtrace=false -Dsystemtap=false
}

build_zlib() {
  # Debian's own mingw zlib (libz-mingw-w64-dev), copied in so the prefix
  # holds everything a Windows build needs.
  local d=/usr/$host
  cp "$d/include/zlib.h" "$d/include/zconf.h" "$prefix/include/"
  cp "$d/lib/libz.dll.a" "$prefix/lib/"
  cp "$d/lib/zlib1.dll" "$prefix/bin/"
  sed -e "s|^prefix=.*|prefix=$prefix|" -e "s|^libdir=.*|libdir=\${prefix}/lib|" \
      -e "s|^includedir=.*|includedir=\${prefix}/include|" \
      "$d/lib/pkgconfig/zlib.pc" >"$prefix/lib/pkgconfig/zlib.pc"
}

build_libpng() {
  configure_build --disable-tools
  make -j "$jobs" AUTOMAKE=: ACLOCAL=: AUTOCONF=: AUTOHEADER=:
  make install-strip AUTOMAKE=: ACLOCAL=: AUTOCONF=: AUTOHEADER=:
}

build_libjpeg() {
  # An absolute libdir: libjpeg-turbo takes a relative one as relative to
  # the build directory.
  cmake_build -DENABLE_SHARED=ON -DENABLE_STATIC=OFF -DWITH_TURBOJPEG=OFF -DWITH_JPEG8=OFF \
    -DCMAKE_INSTALL_LIBDIR="$prefix/lib"
  [ -f "$prefix/lib/libjpeg.dll.a" ] && [ -f "$prefix/lib/pkgconfig/libjpeg.pc" ] ||
    { echo "libjpeg-turbo installed no import library or libjpeg.pc" >&2; return 1; }
}

build_libtiff() {
  cmake_build -DBUILD_SHARED_LIBS=ON -Dtiff-tools=OFF -Dtiff-tests=OFF -Dtiff-contrib=OFF \
    -Dtiff-docs=OFF -Dcxx=OFF -Dzlib=ON -Djpeg=ON -Dlzma=OFF -Dzstd=OFF -Dwebp=OFF -Djbig=OFF \
    -Dlerc=OFF -Dlibdeflate=OFF -Dpixarlog=ON -DCMAKE_INSTALL_LIBDIR=lib
}

build_pixman() {
  meson_build -Dtests=disabled -Dgtk=disabled -Dlibpng=disabled -Dopenmp=disabled
}

build_freetype() {
  meson_build -Dzlib=system -Dpng=enabled -Dharfbuzz=disabled -Dbrotli=disabled -Dbzip2=disabled \
    -Dmmap=disabled -Dtests=disabled
}

build_fribidi() {
  meson_build -Ddocs=false
}

build_harfbuzz() {
  meson_build -Dglib=enabled -Dgobject=disabled -Dfreetype=enabled -Dcairo=disabled -Dicu=disabled \
    -Dgraphite2=disabled -Dgdi=enabled -Dtests=disabled -Ddocs=disabled -Dintrospection=disabled \
    -Dbenchmark=disabled
}

build_cairo() {
  # PDF, PostScript and SVG surfaces: GTK 4.8 includes cairo-pdf.h.
  # cairo 1.16's autotools: libssp for _FORTIFY_SOURCE, and -no-undefined with
  # the path to libssp.dll.a at make time, or libtool quietly builds a static
  # library only.
  configure_build --enable-win32 --enable-win32-font --enable-png --enable-ft --disable-fc \
    --disable-xlib --disable-xcb --disable-xlib-xrender --disable-quartz --disable-gl --disable-glesv2 \
    --disable-script --enable-ps --enable-pdf --enable-svg --disable-trace --disable-interpreter \
    --disable-symbol-lookup --disable-full-testing --disable-gtk-doc --enable-gobject \
    LIBS=-lssp
  local noauto=(ACLOCAL=: AUTOMAKE=: AUTOCONF=: AUTOHEADER=:)
  local ld=(LDFLAGS="-L$prefix/lib -L$gcc_libdir -no-undefined")
  make -j "$jobs" -C src "${noauto[@]}" "${ld[@]}"
  make -j "$jobs" -C util/cairo-gobject "${noauto[@]}" "${ld[@]}"
  make -C src install-strip "${noauto[@]}" "${ld[@]}"
  make -C util/cairo-gobject install-strip "${noauto[@]}" "${ld[@]}"
  [ -f "$prefix/bin/libcairo-2.dll" ] || die "cairo built no DLL"
}

build_pango() {
  meson_build -Dintrospection=disabled -Dfontconfig=disabled -Dfreetype=disabled -Dcairo=enabled \
    -Dlibthai=disabled -Dxft=disabled -Dgtk_doc=false -Dinstall-tests=false -Dsysprof=disabled
}

build_gdk_pixbuf() {
  # Loaders built in: no loaders.cache to generate for Windows.
  meson_build -Dpng=enabled -Djpeg=enabled -Dtiff=enabled -Dnative_windows_loaders=false \
    -Drelocatable=true -Dbuiltin_loaders=all -Dintrospection=disabled -Dman=false -Dgtk_doc=false \
    -Dinstalled_tests=false -Dtests=false -Dgio_sniffing=false
}

build_graphene() {
  meson_build -Dtests=false -Dinstalled_tests=false -Dintrospection=disabled -Dgobject_types=true
}

build_libepoxy() {
  meson_build -Dtests=false -Ddocs=false -Dglx=no -Degl=no -Dx11=false
}

build_gtk() {
  meson_build -Dx11-backend=false -Dwayland-backend=false -Dbroadway-backend=false \
    -Dwin32-backend=true -Dmacos-backend=false -Dmedia-gstreamer=disabled -Dprint-cups=disabled \
    -Dvulkan=disabled -Dcloudproviders=disabled -Dsysprof=disabled -Dtracker=disabled \
    -Dcolord=disabled -Df16c=disabled -Dintrospection=disabled -Dgtk_doc=false -Dman-pages=false \
    -Dmedia-ffmpeg=disabled -Ddemos=false -Dbuild-examples=false -Dbuild-tests=false \
    -Dinstall-tests=false
}

build_libadwaita() {
  meson_build -Dintrospection=disabled -Dvapi=false -Dgtk_doc=false -Dtests=false -Dexamples=false \
    -Dc_link_args="-L$prefix/lib -lssp"
}

build_sqlite() {
  # The amalgamation is generated natively (it needs tclsh), then compiled.
  mkdir -p _native
  (cd _native && ../configure --disable-tcl >/dev/null && make sqlite3.c)
  local flags=(-O2 -DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS
               -DSQLITE_ENABLE_FTS4 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_RTREE
               -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_UNLOCK_NOTIFY
               -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ENABLE_MATH_FUNCTIONS -DSQLITE_SECURE_DELETE
               -DSQLITE_MAX_VARIABLE_NUMBER=250000 "-DSQLITE_API=__declspec(dllexport)")
  "$cc" "${flags[@]}" -shared -s -o "$prefix/bin/libsqlite3-0.dll" _native/sqlite3.c \
    -Wl,--out-implib,"$prefix/lib/libsqlite3.dll.a"
  cp _native/sqlite3.h _native/sqlite3ext.h "$prefix/include/" 2>/dev/null ||
    cp _native/sqlite3.h "$prefix/include/"
  [ -f "$prefix/include/sqlite3ext.h" ] || cp src/sqlite3ext.h "$prefix/include/"
  local version
  version=$(sed -n 's/^#define SQLITE_VERSION *"\(.*\)"/\1/p' _native/sqlite3.h)
  cat >"$prefix/lib/pkgconfig/sqlite3.pc" <<EOF
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: SQLite
Description: SQL database engine
Version: $version
Libs: -L\${libdir} -lsqlite3
Cflags: -I\${includedir}
EOF
}

build_jansson() {
  [ -x configure ] || autoreconf -fi
  configure_build
  make -j "$jobs" AUTOMAKE=: ACLOCAL=: AUTOCONF=: AUTOHEADER=:
  make install-strip AUTOMAKE=: ACLOCAL=: AUTOCONF=: AUTOHEADER=:
}

build_libsodium() {
  autoreconf -fi
  configure_build --disable-ssp --disable-debug
  make -j "$jobs"
  make install-strip
}

build_curl() {
  # Schannel for TLS; no nghttp2, libpsl, idn or other optional libraries.
  configure_build --with-schannel --without-openssl --without-gnutls --without-mbedtls \
    --without-wolfssl --without-rustls --without-bearssl --without-nghttp2 --without-ngtcp2 \
    --without-nghttp3 --without-libpsl --without-libidn2 --without-librtmp --without-libssh2 \
    --without-brotli --without-zstd --without-ca-bundle --without-ca-path --with-zlib \
    --disable-ldap --disable-ldaps --disable-rtsp --disable-dict --disable-telnet --disable-tftp \
    --disable-pop3 --disable-imap --disable-smtp --disable-gopher --disable-mqtt --disable-smb \
    --disable-manual --disable-docs --enable-ipv6 --enable-sspi --enable-windows-unicode
  local noauto=(ACLOCAL=: AUTOMAKE=: AUTOCONF=: AUTOHEADER=:)
  make -j "$jobs" -C lib "${noauto[@]}"
  make -C lib install-strip "${noauto[@]}"
  make -C include install "${noauto[@]}"
  make install-pkgconfigDATA install-binSCRIPTS "${noauto[@]}"
}

build_zxcvbn() {
  # The dictionary is generated by a native helper, then the library is
  # cross-compiled on its own.
  make dict-src.h
  "$cc" -O2 -shared -s -o "$prefix/bin/libzxcvbn-0.dll" zxcvbn.c \
    -Wl,--out-implib,"$prefix/lib/libzxcvbn.dll.a"
  cp zxcvbn.h "$prefix/include/"
}

build_runtime() {
  # The mingw runtime DLLs the libraries above link against; they ship with
  # the program.
  local dll
  for dll in libgcc_s_seh-1.dll libstdc++-6.dll libssp-0.dll; do
    cp "$gcc_libdir/$dll" "$prefix/bin/"
  done
  cp /usr/$host/lib/libwinpthread-1.dll "$prefix/bin/"
}

# --- main loop ----------------------------------------------------------------

say "Windows prefix: $root"
total_start=$(date +%s)
failed=
while read -r name src ver how; do
  [ -n "$name" ] || continue
  [ -f "$stamps/$name" ] && continue
  [ -f "$stamps/$name.skipped" ] && continue
  start=$(date +%s)
  log=$logs/$name.log
  if [ "$how" != system ]; then
    if ! fetch "$src" "$ver" "$how"; then
      say "$name: SKIPPED ($src $ver cannot be downloaded; see $logs/fetch-$src.log)"
      touch "$stamps/$name.skipped"
      continue
    fi
    dir=$work/$name
    unpack "$src" "$ver" "$how" "$dir"
  else
    dir=$work
  fi
  # Not in an `if`: errexit must stay in force inside the recipe.
  set +e
  (set -e; cd "$dir"; "build_${name//-/_}") >"$log" 2>&1 </dev/null
  rc=$?
  set -e
  if [ "$rc" -eq 0 ]; then
    [ "$how" != system ] && rm -rf "$dir"
    touch "$stamps/$name"
    label=$name; [ "$ver" = - ] || label="$name ${ver#*:}"
    say "$label: $(( $(date +%s) - start )) s"
  elif [ "$how" = optional ]; then
    say "$name: SKIPPED (does not build for Windows; see $log)"
    touch "$stamps/$name.skipped"
  else
    say "$name ${ver#*:}: FAILED after $(( $(date +%s) - start )) s, last lines of $log:"
    tail -40 "$log" | sed 's/^/    /'
    failed=$name
    break
  fi
done <<<"$packages"

[ -z "$failed" ] || die "stopped at $failed; fix it and run again to resume there"
touch "$stamps/complete"
say "built in $(( $(date +%s) - total_start )) s; $(du -sh "$prefix" | cut -f1) in the prefix"
say "prefix: $prefix"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make-deb-bundle.sh KVERSION OUTDIR
#
# Builds the ofed-like example for one kernel as Debian packages with the real tools
# (dpkg-buildpackage, debhelper, Kbuild) and lays it out as an MLNX_OFED Debian bundle
# (see README.md, "DEB bundle"):
#
#   OUTDIR/MLNX_OFED_LINUX-VER-debian12-x86_64/     the bundle
#   OUTDIR/MLNX_OFED_LINUX-VER-debian12-x86_64.tgz  the same, as vendors ship it
#   OUTDIR/lustre-like_1.0.orig.tar.gz              the dependent's source
#   OUTDIR/logs/                                    every dpkg-buildpackage's output
#
# Each source is NAME_1.0.orig.tar.gz with NAME-1.0/debian/ inside, built as MLNX_OFED's
# install.pl builds it without DKMS: env kernelver=KVERSION kernel_source_dir=K_SRC
# without_dkms=1 dpkg-buildpackage -b -us -uc -d. Kernel headers: K_SRC, default
# /usr/src/linux-headers-KVERSION. Everything is written below OUTDIR (TMPDIR inside
# it); nothing is installed.
set -eu

if [ $# -ne 2 ]; then
	echo "usage: $0 KVERSION OUTDIR   (e.g. $0 6.1.0-56-amd64 /tmp/ofed-deb-56)" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common/build-lib.sh"

KVERSION=$1
K_SRC=${K_SRC:-/usr/src/linux-headers-$KVERSION}
BUNDLE_VERSION=1.0-1.0.0.0
DISTRO=debian12
ARCH=x86_64
BUNDLE=MLNX_OFED_LINUX-$BUNDLE_VERSION-$DISTRO-$ARCH
KERNEL_PACKAGES="ofa-like knem-like"
USER_PACKAGES="ofa-like-utils libofa-like"
DEPENDENT=lustre-like

for tool in dpkg-buildpackage:dpkg-dev dh:debhelper dpkg-scanpackages:dpkg-dev \
	dpkg-deb:dpkg make:make gcc:gcc tar:tar gzip:gzip strip:binutils; do
	require_tool "${tool%%:*}" "${tool#*:}"
done
require_headers "$KVERSION" "$K_SRC"
out=$(new_outdir "$2")
work=$out/.work
mkdir -p "$work/tmp" "$work/sources" "$out/logs"
TMPDIR=$work/tmp
export TMPDIR

# 1. Source tarballs, NAME_VERSION.orig.tar.gz with the debian/ directory inside.
for name in $KERNEL_PACKAGES $USER_PACKAGES $DEPENDENT; do
	version=$(dpkg-parsechangelog -l "$here/$name/debian/changelog" -S Version)
	upstream=${version%-*}
	deb_source_tarball "$here/$name/src" "$here/$name/debian" "$name" "$upstream" \
		"$work/sources/${name}_$upstream.orig.tar.gz"
done

# 2. Binary packages: each source unpacked and built in a directory of its own, side by
# side; the .debs land beside the unpacked tree.
pids=
for name in $KERNEL_PACKAGES $USER_PACKAGES; do
	dpkg_buildpackage_in "$work/build/$name" "$(ls "$work/sources/${name}_"*.orig.tar.gz)" \
		"$out/logs/$name.log" kernelver="$KVERSION" kernel_source_dir="$K_SRC" \
		without_dkms=1 &
	pids="$pids $!"
done
# $pids unquoted: one word per build
wait_builds "$out" "$work" $pids

# 3. The bundle, in MLNX_OFED's Debian layout: one apt index per package group.
bundle=$out/$BUNDLE
mkdir -p "$bundle/DEBS/COMMON" "$bundle/DEBS/MLNX_LIBS" "$bundle/src"
bundle_files "$bundle" "$BUNDLE_VERSION" "$DISTRO" "$KVERSION"
for name in $KERNEL_PACKAGES; do
	mv "$work/build/$name/"*.deb "$bundle/DEBS/COMMON/"
done
for name in $USER_PACKAGES; do
	mv "$work/build/$name/"*.deb "$bundle/DEBS/MLNX_LIBS/"
done
for group in COMMON MLNX_LIBS; do
	scan_packages "$bundle/DEBS/$group"
done
srcdir=$work/MLNX_OFED_SRC-$BUNDLE_VERSION
mkdir -p "$srcdir/SOURCES"
for name in $KERNEL_PACKAGES $USER_PACKAGES; do
	cp "$work/sources/${name}_"*.orig.tar.gz "$srcdir/SOURCES/"
done
# Every file is stamped with the changelogs' date, as dpkg stamps the packages' files,
# so that the same inputs give the same archives.
epoch=$(changelog_epoch "$here/ofa-like/debian")
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner -C "$work" -cf - \
	"MLNX_OFED_SRC-$BUNDLE_VERSION" \
	| gzip -n >"$bundle/src/MLNX_OFED_SRC-debian-$BUNDLE_VERSION.tgz"
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner -C "$out" -cf - \
	"$BUNDLE" | gzip -n >"$out/$BUNDLE.tgz"

# 4. The dependent's source beside the bundle.
mv "$work/sources/${DEPENDENT}_"*.orig.tar.gz "$out/"

rm -rf "$work"
echo "$bundle"

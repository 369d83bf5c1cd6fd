#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make-bundle.sh KVERSION OUTDIR
#
# Builds the ofed-like example for one kernel with the real tools and lays it out
# as an MLNX_OFED bundle (see README.md):
#
#   OUTDIR/MLNX_OFED_LINUX-VER-debian12-x86_64/    the bundle
#   OUTDIR/MLNX_OFED_LINUX-VER-debian12-x86_64.tgz the same, as vendors ship it
#   OUTDIR/lustre-like-1.0-1.src.rpm               the dependent's source package
#   OUTDIR/logs/                                   every rpmbuild's output
#
# Kernel headers: K_SRC, default /usr/src/linux-headers-KVERSION. Everything is
# written below OUTDIR (own rpm _topdir, TMPDIR inside it); nothing is installed.
set -eu

if [ $# -ne 2 ]; then
	echo "usage: $0 KVERSION OUTDIR   (e.g. $0 6.1.0-56-amd64 /tmp/ofed-56)" >&2
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

for tool in rpmbuild:rpm createrepo_c:createrepo-c make:make gcc:gcc tar:tar gzip:gzip \
	modprobe:kmod strip:binutils; do
	require_tool "${tool%%:*}" "${tool#*:}"
done
require_headers "$KVERSION" "$K_SRC"
out=$(new_outdir "$2")
work=$out/.work
mkdir -p "$work/tmp" "$work/sources" "$work/SRPMS" "$out/logs"
TMPDIR=$work/tmp
export TMPDIR

# 1. Source packages (rpmbuild -bs), one _sourcedir per package.
for name in $KERNEL_PACKAGES $USER_PACKAGES $DEPENDENT; do
	sources=$work/sources/$name
	mkdir -p "$sources"
	version=$(sed -n 's/^Version:[[:space:]]*//p' "$here/$name/$name.spec")
	source_tarball "$here/$name/src" "$name-$version" "$sources/$name-$version.tar.gz"
	cp "$here/common/ksym-deps.sh" "$sources/"
	rpmbuild_in "$work/srpm-top" "$out/logs/$name.srpm.log" -bs \
		--define "_sourcedir $sources" --define "_srcrpmdir $work/SRPMS" \
		"$here/$name/$name.spec"
done

# 2. Binary packages (rpmbuild --rebuild of each source package, side by side).
pids=
for name in $KERNEL_PACKAGES $USER_PACKAGES; do
	srpm=$(ls "$work/SRPMS/$name"-[0-9]*.src.rpm)
	rpmbuild_in "$work/build/$name" "$out/logs/$name.log" --rebuild \
		--define "KVERSION $KVERSION" --define "K_SRC $K_SRC" "$srpm" &
	pids="$pids $!"
done
# $pids unquoted: one word per build
wait_builds "$out" "$work" $pids

# 3. The bundle, in MLNX_OFED's layout.
bundle=$out/$BUNDLE
mkdir -p "$bundle/RPMS/COMMON" "$bundle/RPMS/MLNX_LIBS" "$bundle/src"
bundle_files "$bundle" "$BUNDLE_VERSION" "$DISTRO" "$KVERSION"
for name in $KERNEL_PACKAGES; do
	mv "$work/build/$name/RPMS/$ARCH/"*.rpm "$bundle/RPMS/COMMON/"
done
for name in $USER_PACKAGES; do
	mv "$work/build/$name/RPMS/"*/*.rpm "$bundle/RPMS/MLNX_LIBS/"
done
createrepo_c --quiet --no-database "$bundle/RPMS" >"$out/logs/createrepo_c.log" 2>&1 || {
	cat "$out/logs/createrepo_c.log" >&2
	exit 1
}
srcdir=$work/MLNX_OFED_SRC-$BUNDLE_VERSION
mkdir -p "$srcdir/SRPMS"
for name in $KERNEL_PACKAGES $USER_PACKAGES; do
	cp "$work/SRPMS/$name"-[0-9]*.src.rpm "$srcdir/SRPMS/"
done
tar --sort=name --owner=0 --group=0 --numeric-owner -C "$work" -cf - \
	"MLNX_OFED_SRC-$BUNDLE_VERSION" | gzip -n >"$bundle/src/MLNX_OFED_SRC-$BUNDLE_VERSION.tgz"
tar --sort=name --owner=0 --group=0 --numeric-owner -C "$out" -cf - "$BUNDLE" \
	| gzip -n >"$out/$BUNDLE.tgz"

# 4. The dependent's source package beside the bundle.
mv "$work/SRPMS/$DEPENDENT"-[0-9]*.src.rpm "$out/"

rm -rf "$work"
echo "$bundle"

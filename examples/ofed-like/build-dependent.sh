#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# build-dependent.sh KVERSION BUNDLE_DIR SRPM OUTDIR
#
# Builds the dependent (lustre-like) for KVERSION against the bundle's provider,
# the way Lustre's lbuild does it: the provider's -devel package for KVERSION is
# unpacked with rpm2cpio | cpio into a private directory (never installed), and
# rpmbuild --rebuild gets that tree as o2ib_path (Lustre's --with-o2ib=PATH).
# The binary package lands in OUTDIR, the build log in OUTDIR/logs/.
set -eu

if [ $# -ne 4 ]; then
	echo "usage: $0 KVERSION BUNDLE_DIR SRPM OUTDIR" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common/build-lib.sh"

KVERSION=$1
bundle=$2
srpm=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
K_SRC=${K_SRC:-/usr/src/linux-headers-$KVERSION}
ARCH=x86_64

for tool in rpmbuild:rpm rpm2cpio:rpm cpio:cpio make:make gcc:gcc modprobe:kmod; do
	require_tool "${tool%%:*}" "${tool#*:}"
done
require_headers "$KVERSION" "$K_SRC"
devel=$(ls "$bundle"/RPMS/COMMON/ofa-like-devel-*.kver."$(krelver "$KVERSION")".$ARCH.rpm \
	2>/dev/null || true)
if [ -z "$devel" ] || [ "$(printf '%s\n' "$devel" | wc -l)" -ne 1 ]; then
	echo "$0: $bundle/RPMS/COMMON has no single ofa-like-devel for $KVERSION;" \
		"build the bundle for that kernel first (make-bundle.sh $KVERSION DIR)" >&2
	exit 1
fi
devel=$(cd "$(dirname "$devel")" && pwd)/$(basename "$devel")
out=$(new_outdir "$4")
work=$out/.work
mkdir -p "$work/tmp" "$work/o2ib" "$out/logs"
TMPDIR=$work/tmp
export TMPDIR

(cd "$work/o2ib" && rpm2cpio "$devel" | cpio -idm --quiet --no-absolute-filenames)
o2ib=$work/o2ib/usr/src/ofa_kernel/$ARCH/$KVERSION
rpmbuild_in "$work/build" "$out/logs/$(basename "$srpm" .src.rpm).log" --rebuild \
	--define "KVERSION $KVERSION" --define "K_SRC $K_SRC" --define "o2ib_path $o2ib" "$srpm"
mv "$work/build/RPMS/$ARCH/"*.rpm "$out/"
rm -rf "$work"
ls "$out"/*.rpm

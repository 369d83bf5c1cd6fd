#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# build-dependent-deb.sh KVERSION BUNDLE_DIR SOURCE_TARBALL OUTDIR
#
# Builds the dependent (lustre-like) as a Debian package for KVERSION against the
# bundle's provider, the way Lustre's lbuild builds against MLNX_OFED: the provider's
# package for KVERSION (ofa-like-modules, which holds the devel tree on Debian) is
# unpacked with dpkg-deb -x into a private directory (never installed), and
# dpkg-buildpackage gets its usr/src/ofa_kernel/x86_64/KVERSION as o2ib_path (Lustre's
# --with-o2ib=PATH). configure_args from the environment is passed on. The .deb lands
# in OUTDIR, the build log in OUTDIR/logs/.
set -eu

if [ $# -ne 4 ]; then
	echo "usage: $0 KVERSION BUNDLE_DIR SOURCE_TARBALL OUTDIR" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common/build-lib.sh"

KVERSION=$1
bundle=$2
source=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
K_SRC=${K_SRC:-/usr/src/linux-headers-$KVERSION}
ARCH=x86_64

for tool in dpkg-buildpackage:dpkg-dev dh:debhelper dpkg-deb:dpkg make:make gcc:gcc \
	strip:binutils; do
	require_tool "${tool%%:*}" "${tool#*:}"
done
require_headers "$KVERSION" "$K_SRC"
provider=$(ls "$bundle"/DEBS/COMMON/ofa-like-modules_*.kver."$KVERSION"_amd64.deb \
	2>/dev/null || true)
if [ -z "$provider" ] || [ "$(printf '%s\n' "$provider" | wc -l)" -ne 1 ]; then
	echo "$0: $bundle/DEBS/COMMON has no single ofa-like-modules for $KVERSION;" \
		"build the bundle for that kernel first (make-deb-bundle.sh $KVERSION DIR)" >&2
	exit 1
fi
provider=$(cd "$(dirname "$provider")" && pwd)/$(basename "$provider")
provider_version=$(dpkg-deb -f "$provider" Version)
out=$(new_outdir "$4")
work=$out/.work
mkdir -p "$work/tmp" "$work/o2ib" "$out/logs"
TMPDIR=$work/tmp
export TMPDIR

dpkg-deb -x "$provider" "$work/o2ib"
o2ib=$work/o2ib/usr/src/ofa_kernel/$ARCH/$KVERSION
dpkg_buildpackage_in "$work/build" "$source" "$out/logs/$(basename "$source" .orig.tar.gz).log" \
	kernelver="$KVERSION" kernel_source_dir="$K_SRC" without_dkms=1 o2ib_path="$o2ib" \
	configure_args="${configure_args:-}" ofa_like_version="$provider_version"
mv "$work/build/"*.deb "$out/"
rm -rf "$work"
ls "$out"/*.deb

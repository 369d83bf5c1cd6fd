#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# ksym-deps.sh provides|requires KERNEL_SYMVERS BUILD_SYMVERS
#
# rpm's external dependency generator for the example's kernel packages
# (%__find_provides / %__find_requires): reads the packaged file names on
# stdin and prints the kmod relations a RHEL kmod package carries. Debian's
# rpm has no kmod generators, so the specs bring this one. It follows the
# rules of RHEL's kmod.prov, find-provides.ksyms and find-requires.ksyms:
#
#   provides  kmod(NAME.ko) per module, and ksym(SYMBOL) = 0xCRC for every
#             symbol the package's modules export (CRCs from BUILD_SYMVERS,
#             the Module.symvers of the package's own build);
#   requires  every import of every module (modprobe --dump-modversions) as
#             SYMBOL = 0xCRC, minus the package's own exports with that CRC;
#             kernel(SYMBOL) when KERNEL_SYMVERS (the kernel's Module.symvers)
#             exports it with that CRC, ksym(SYMBOL) otherwise; each group in
#             LC_ALL=C sort order.
set -eu
LC_ALL=C
export LC_ALL

mode=$1
kernel_symvers=$2
build_symvers=$3

modprobe=$(command -v modprobe || true)
for candidate in /sbin/modprobe /usr/sbin/modprobe; do
	[ -n "$modprobe" ] || { [ -x "$candidate" ] && modprobe=$candidate; } || true
done

for file in "$kernel_symvers" "$build_symvers"; do
	if [ ! -f "$file" ]; then
		echo "ksym-deps.sh: $file does not exist (a Module.symvers is needed)" >&2
		exit 1
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ksym-deps.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Module files only; a package without modules (a -devel package) gets nothing.
grep -E '/lib/modules/[^/]+/.+\.ko$' >"$tmp/modules" || true
[ -s "$tmp/modules" ] || exit 0

sed -e 's|.*/||' -e 's|\.ko$||' "$tmp/modules" | sort -u >"$tmp/names"

# The package's own exports: Module.symvers lines whose module's base name is
# one of the packaged modules.
# CRCs as 0x%08x without arithmetic (mawk has no strtonum): lower case, padded.
crc_awk='function crc(t) { t = tolower(t); sub(/^0x/, "", t); while (length(t) < 8) t = "0" t; return "0x" t }'

awk -F '\t' "$crc_awk"'
	NR == FNR { own[$1] = 1; next }
	{ m = $3; sub(/.*\//, "", m); if (m in own) print $2 "\t" crc($1) }' \
	"$tmp/names" "$build_symvers" | sort -u >"$tmp/exports"

case $mode in
provides)
	sed -e 's|^\(.*\)$|kmod(\1.ko)|' "$tmp/names"
	awk -F '\t' '{ printf "ksym(%s) = %s\n", $1, $2 }' "$tmp/exports"
	;;
requires)
	[ -n "$modprobe" ] || { echo "ksym-deps.sh: modprobe (kmod) is not installed" >&2; exit 1; }
	: >"$tmp/imports"
	while IFS= read -r module; do
		"$modprobe" --dump-modversions "$module" >>"$tmp/imports"
	done <"$tmp/modules"
	awk -F '\t' -v own="$tmp/exports" -v kernel="$kernel_symvers" \
		-v kout="$tmp/kernel" -v sout="$tmp/ksym" "$crc_awk"'
		BEGIN {
			while ((getline line < own) > 0) { split(line, f, "\t"); mine[f[1]] = f[2] }
			while ((getline line < kernel) > 0) {
				split(line, f, "\t"); if (f[2] != "") exported[f[2]] = crc(f[1])
			}
			printf "" > kout; printf "" > sout
		}
		NF == 2 {
			c = crc($1); sym = $2
			if ((sym in mine) && mine[sym] == c) next
			if ((sym in exported) && exported[sym] == c) print "kernel(" sym ") = " c > kout
			else print "ksym(" sym ") = " c > sout
		}' "$tmp/imports"
	sort -u "$tmp/kernel"
	sort -u "$tmp/ksym"
	;;
*)
	echo "usage: ksym-deps.sh provides|requires KERNEL_SYMVERS BUILD_SYMVERS" >&2
	exit 2
	;;
esac

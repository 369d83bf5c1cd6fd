# SPDX-License-Identifier: GPL-2.0-only
# Shared by make-bundle.sh and build-dependent.sh (sourced, not run).

# require_tool NAME DEBIAN_PACKAGE: fail naming the package when NAME is missing.
require_tool() {
	if ! command -v "$1" >/dev/null 2>&1; then
		echo "$0: $1 is not installed; install it with" \
			"'apt-get install -y --no-install-recommends $2'" >&2
		exit 1
	fi
}

# require_headers KVERSION K_SRC: the kernel headers the modules are built against.
require_headers() {
	if [ ! -f "$2/Makefile" ] || [ ! -f "$2/Module.symvers" ]; then
		echo "$0: no kernel headers with Module.symvers at $2; install them with" \
			"'apt-get install -y --no-install-recommends linux-headers-$1'" \
			"or set K_SRC to the kernel's build tree" >&2
		exit 1
	fi
}

# new_outdir DIR: DIR created, or empty; prints its absolute path.
new_outdir() {
	mkdir -p "$1"
	if [ -n "$(ls -A "$1")" ]; then
		echo "$0: $1 is not empty; give a new or empty output directory" >&2
		exit 1
	fi
	(cd "$1" && pwd)
}

# krelver KVERSION: the kernel as it appears in the kernel packages' release.
krelver() {
	printf '%s' "$1" | tr - _
}

# rpmbuild_in TOPDIR LOG ARGS...: rpmbuild with everything it writes below TOPDIR
# (and TMPDIR): its own _topdir, scriptlet files in _tmppath, and an rpm database
# path of its own (nothing is installed; --nodeps keeps the host's database out).
rpmbuild_in() {
	topdir=$1
	log=$2
	shift 2
	mkdir -p "$topdir/tmp" "$topdir/rpmdb"
	if ! rpmbuild --nodeps \
		--define "_topdir $topdir" \
		--define "_tmppath $topdir/tmp" \
		--define "_dbpath $topdir/rpmdb" \
		"$@" >"$log" 2>&1; then
		echo "$0: rpmbuild $* failed; the end of $log:" >&2
		tail -n 25 "$log" >&2
		return 1
	fi
}

# source_tarball SRC_DIR NAME-VERSION OUT: SRC_DIR as NAME-VERSION/ in a gzip tarball
# whose bytes depend only on the files (names sorted, times and owners fixed).
source_tarball() {
	stage=$(mktemp -d "${TMPDIR:-/tmp}/tarball.XXXXXX")
	cp -R "$1" "$stage/$2"
	tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$stage" -cf - "$2" \
		| gzip -n -9 >"$3"
	rm -rf "$stage"
}

# SPDX-License-Identifier: GPL-2.0-only
# Shared by make-bundle.sh, build-dependent.sh, make-deb-bundle.sh and
# build-dependent-deb.sh (sourced, not run).

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

# deb_source_tarball SRC_DIR DEBIAN_DIR NAME VERSION OUT: NAME_VERSION.orig.tar.gz as
# MLNX_OFED_SRC-debian ships its sources: one top directory NAME-VERSION/ holding the
# sources and debian/, so that 'tar xzf OUT && cd NAME-VERSION && dpkg-buildpackage -b'
# works without a .dsc. Bytes depend only on the files, as source_tarball's.
deb_source_tarball() {
	stage=$(mktemp -d "${TMPDIR:-/tmp}/tarball.XXXXXX")
	cp -R "$1" "$stage/$3-$4"
	cp -R "$2" "$stage/$3-$4/debian"
	# git keeps the mode, a copy made otherwise may not: dpkg-buildpackage runs it.
	chmod 0755 "$stage/$3-$4/debian/rules"
	tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$stage" -cf - "$3-$4" \
		| gzip -n -9 >"$5"
	rm -rf "$stage"
}

# dpkg_buildpackage_in DIR TARBALL LOG VAR=VALUE...: TARBALL unpacked into DIR (new)
# and built there with 'env VAR=VALUE... dpkg-buildpackage -b -us -uc -d', as MLNX_OFED's
# install.pl builds its debs; the .deb files land in DIR. Binary-only, unsigned, build
# dependencies not checked (-d: nothing is installed); the debian/control files declare
# Rules-Requires-Root: no, so neither root nor fakeroot is needed.
dpkg_buildpackage_in() {
	dir=$1
	tarball=$2
	log=$3
	shift 3
	mkdir -p "$dir"
	tar -xzf "$tarball" -C "$dir"
	srcdir=$(ls -d "$dir"/*/)
	if ! (cd "$srcdir" && env "$@" dpkg-buildpackage -b -us -uc -d) >"$log" 2>&1; then
		echo "$0: dpkg-buildpackage in $srcdir ($*) failed; the end of $log:" >&2
		tail -n 25 "$log" >&2
		return 1
	fi
}

# scan_packages DIR: DIR/Packages and DIR/Packages.gz over the .debs in DIR, made inside
# DIR so that each Filename is relative to it (./NAME_VERSION_ARCH.deb).
scan_packages() {
	(cd "$1" && dpkg-scanpackages --multiversion . >Packages 2>/dev/null) || {
		echo "$0: dpkg-scanpackages failed in $1" >&2
		return 1
	}
	gzip -n -9 -c "$1/Packages" >"$1/Packages.gz"
}

# changelog_epoch DEBIAN_DIR: the date of the newest changelog entry in seconds, which
# dpkg-buildpackage also takes as SOURCE_DATE_EPOCH.
changelog_epoch() {
	dpkg-parsechangelog -l "$1/changelog" -S Timestamp
}

# wait_builds OUT WORK PID...: waits for every background build; if one failed, says where
# the logs and the work tree are and exits 1 (after all have ended, so none is left running).
wait_builds() {
	logs=$1/logs
	kept=$2
	shift 2
	failed=0
	for pid in "$@"; do
		wait "$pid" || failed=1
	done
	if [ "$failed" -ne 0 ]; then
		echo "$0: a package failed to build; logs in $logs, work tree kept in $kept" >&2
		exit 1
	fi
}

# bundle_files BUNDLE VERSION DISTRO KVERSION: the version, distro and supported-kernels files
# of an MLNX_OFED bundle (both spellings, as the vendor writes them).
bundle_files() {
	echo "$2" >"$1/.mlnx"
	echo "$2" >"$1/mlnx"
	echo "$3" >"$1/distro"
	echo "$4" >"$1/.supported_kernels"
	echo "$4" >"$1/supported_kernels"
}

#!/usr/bin/env bash
# Runs every test of rdmaforge: unit tests and the integration tests against the real tools.
#
# On a Debian 12 machine (as root, apt reachable) it first installs what the tests need, quietly
# and only when something is missing: the base tools below, the packages listed in
# .ci/apt-packages (one name per line, '#' comments), and the linux-headers of the oldest and
# newest Debian 6.1 kernel ABIs (the ones the test kit chooses). Kernel images are never
# installed: the test kit downloads and unpacks them into its own cache
# (~/.cache/rdmaforge-testkit/kernels, or $RDMAFORGE_TEST_CACHE).
#
# Then: mvn -B verify for the whole project. Extra arguments go to Maven, e.g.
#   ./test.sh -Drdmaforge.build=target-x      build into another directory
#   ./test.sh -Dit.test=DepmodScenariosIT     run one integration test class
# ./test.sh --setup-only installs what the tests need and stops.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

base_packages=(kmod xz-utils zstd cpio busybox-static qemu-system-x86 rpm dpkg-dev)

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
apt_updated=false

say() { echo "test.sh: $*" >&2; }

# Runs a command with its output in $log; on failure prints that output.
quietly() {
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    return 1
  fi
}

apt_update() {
  if ! $apt_updated; then
    say "apt-get update"
    quietly apt-get update -q -o DPkg::Lock::Timeout=600
    apt_updated=true
  fi
}

# Prints the names among "$@" that are not installed.
missing_packages() {
  local status
  for p in "$@"; do
    status="$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)"
    [ "$status" = installed ] || echo "$p"
  done
}

install_packages() {
  local -a missing
  mapfile -t missing < <(missing_packages "$@")
  ((${#missing[@]})) || return 0
  say "installing ${missing[*]}"
  # Stale package lists fail with 404 or "Unable to locate package": update once and retry.
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}" \
      >"$log" 2>&1; then
    $apt_updated && { cat "$log" >&2; return 1; }
    apt_update
    DEBIAN_FRONTEND=noninteractive quietly apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}"
  fi
}

# Package names from .ci/apt-packages without comments and blank lines.
extra_packages() {
  [ -f .ci/apt-packages ] || return 0
  sed -e 's/#.*//' -e 's/[[:space:]]//g' .ci/apt-packages | grep -v '^$' || true
}

# "image N" / "headers N" for each linux-<kind>-6.1.0-N-amd64 package the archive has (one
# apt-cache call: it is the slow part of a run where everything is installed already).
kernel_packages_61() {
  apt-cache search --names-only '^linux-(image|headers)-6\.1\.0-[0-9]+-amd64$' |
    sed -nE 's/^linux-(image|headers)-6\.1\.0-([0-9]+)-amd64 .*/\1 \2/p'
}

# ABIs with both image and headers, ascending.
abis_with_headers() {
  local listing
  listing="$(kernel_packages_61)"
  comm -12 <(awk '$1 == "image" { print $2 }' <<<"$listing" | sort) \
    <(awk '$1 == "headers" { print $2 }' <<<"$listing" | sort) | sort -n
}

# linux-headers for the oldest and newest 6.1.0-N ABI that has both image and headers: the test
# kit's choice (KernelSelection). The 6.12 headers are not installed: they depend on the image.
kernel_headers() {
  local both
  both="$(abis_with_headers)"
  if [ -z "$both" ]; then
    apt_update
    both="$(abis_with_headers)"
  fi
  [ -n "$both" ] || { say "the apt archive lists no linux-image-6.1.0-N-amd64 with headers"; return 1; }
  echo "linux-headers-6.1.0-$(head -n1 <<<"$both")-amd64"
  echo "linux-headers-6.1.0-$(tail -n1 <<<"$both")-amd64"
}

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  packages=("${base_packages[@]}")
  command -v java >/dev/null || packages+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || packages+=(maven)
  mapfile -t -O "${#packages[@]}" packages < <(extra_packages)
  mapfile -t -O "${#packages[@]}" packages < <(kernel_headers)
  install_packages "${packages[@]}"
else
  say "not root on Debian: skipping package installation; the tests need: ${base_packages[*]}"
fi

if [ "${1:-}" = --setup-only ]; then
  say "setup done"
  exit 0
fi
exec mvn -B -ntp verify "$@"

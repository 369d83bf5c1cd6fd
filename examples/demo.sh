#!/usr/bin/env bash
# rdmaforge demo: the LANL "which ib_core wins?" story on a real Debian kernel. See
# examples/lanl-ib-core/README.md. Needs apt-get (the Debian archive) the first time; cached after.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
example="$here/examples/lanl-ib-core"
cache="${RDMAFORGE_DEMO_CACHE:-$HOME/.cache/rdmaforge/demo}"
rf="$here/rdmaforge"
mkdir -p "$cache"

# The newest Debian 12 6.1 kernel ABI the archive offers, found with apt-cache, never hard-coded.
if ! apt-cache show 'linux-image-6.1.0-*-amd64' >/dev/null 2>&1; then
  echo "demo: refreshing the package lists (apt-get update) ..." >&2
  apt-get update -qq >&2
fi
pkg=$(apt-cache pkgnames linux-image-6.1.0- | grep -E '^linux-image-6\.1\.0-[0-9]+-amd64$' |
  sort -t- -k5,5n | tail -1)
[ -n "$pkg" ] || { echo "demo: no linux-image-6.1.0-N-amd64 package in the apt lists" >&2; exit 2; }
kver=${pkg#linux-image-}
kdir="$cache/$kver"
if [ ! -f "$kdir/.complete" ]; then
  echo "demo: fetching $pkg (about 70 MB, once) ..." >&2
  rm -rf "$kdir"; mkdir -p "$kdir"
  (cd "$kdir" && apt-get download -qq -o APT::Sandbox::User=root "$pkg" >&2)
  dpkg-deb -x "$kdir"/*.deb "$kdir/pkg"
  rm -f "$kdir"/*.deb
  touch "$kdir/.complete"
fi
src="$kdir/pkg/lib/modules/$kver"
[ -d "$src" ] || src="$kdir/pkg/usr/lib/modules/$kver"

# The image root: the kernel's tree (hard links: instant, nothing copied), then the vendor copies.
img="$cache/image-root"
rm -rf "$img"
mkdir -p "$img/lib/modules" "$img/etc/depmod.d"
cp -al "$src" "$img/lib/modules/$kver"
while read -r from to _; do
  case "$from" in ''|'#'*) continue ;; esac
  mkdir -p "$(dirname "$img/lib/modules/$kver/$to")"
  cp "$src/$from" "$img/lib/modules/$kver/$to"
done < "$example/layout"
cp "$example/etc/depmod.d/"*.conf "$img/etc/depmod.d/"

echo "== The image as written on the cluster (etc/depmod.d says extras/, the files are in extra/)"
echo "\$ rdmaforge explain --root IMAGE $kver ib_core ib_uverbs"
"$rf" explain --root "$img" "$kver" ib_core ib_uverbs || true
echo
echo "== With the override lines fixed (examples/lanl-ib-core/fixed)"
echo "\$ rdmaforge explain --root IMAGE --config fixed/ $kver ib_core"
"$rf" explain --root "$img" --config "$example/fixed" "$kver" ib_core
echo
echo "== modules.dep for the image, as 'chroot IMAGE depmod -a' writes it"
"$rf" depmod --root "$img" "$kver"
grep -E '^(updates|extra)/' "$img/lib/modules/$kver/modules.dep" | sed 's/^/  /'

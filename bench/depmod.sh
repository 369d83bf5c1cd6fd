#!/usr/bin/env bash
# Benchmark: `rdmaforge depmod` against kmod's depmod on the full newest Debian 6.1.0-N kernel.
#
# Fetches the kernel through the test kit's cache (apt-get download + dpkg-deb -x, reused across
# runs), builds the jar when it is missing or older than the sources, makes two hard-link copies
# of the tree, then runs, interleaved, N times each after one warm-up each:
#   depmod              -a -b COPY1 -C EMPTY KVER
#   rdmaforge depmod    -a -b COPY2 -C EMPTY KVER   (java with the launcher's JVM options)
# Prints every time, the medians, whether the files are identical, and as the LAST line
#   ratio ours/theirs: X.XX
# Environment: N (default 5), RDMAFORGE_BUILD (Maven build dir, default target),
# RDMAFORGE_JAVA_OPTS (as for ./rdmaforge), RDMAFORGE_TEST_CACHE (kernel cache).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source bench/common.sh

IFS=$'\t' read -r kver modules_dir _ < <(java -cp "$testkit" dev.rdmaforge.testkit.FetchKernelMain newest-6.1)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/theirs/lib/modules" "$work/ours/lib/modules" "$work/empty-depmod.d"
cp -al "$modules_dir" "$work/theirs/lib/modules/"
cp -al "$modules_dir" "$work/ours/lib/modules/"
echo "kernel $kver: $(find "$modules_dir" -name '*.ko*' | wc -l) modules, $(du -sh "$modules_dir" | cut -f1)"

theirs=() ours=()
for i in $(seq 0 "$runs"); do
  t=$(seconds depmod -a -b "$work/theirs" -C "$work/empty-depmod.d" "$kver")
  o=$(seconds "${ours_cmd[@]}" depmod -a -b "$work/ours" -C "$work/empty-depmod.d" "$kver")
  if [ "$i" = 0 ]; then
    echo "warm-up   depmod ${t}s   rdmaforge ${o}s"
  else
    echo "run $i     depmod ${t}s   rdmaforge ${o}s"
    theirs+=("$t")
    ours+=("$o")
  fi
done

identical=yes
for f in "$work/theirs/lib/modules/$kver"/modules.*; do
  cmp -s "$f" "$work/ours/lib/modules/$kver/$(basename "$f")" || { identical=no; echo "differs: $(basename "$f")"; }
done
print_ratio depmod "outputs identical: $identical"

#!/usr/bin/env bash
# Benchmark: `rdmaforge check --all` against kmod's static check `depmod -a -e -E Module.symvers`
# on the full newest Debian 6.1.0-N kernel (about 4,000 modules, every CRC checked by both).
#
# Fetches the kernel through the test kit's cache, builds the jar when it is missing or older than
# the sources, makes two hard-link copies of the tree (ours with the kernel's boot/ files, so the
# signatures are verified against the keys built into its vmlinuz), then runs, interleaved, N times
# each after one warm-up each:
#   depmod                -a -b COPY1 -C EMPTY -e -E SYMVERS KVER
#   rdmaforge check --all --root COPY2 --kernel KVER --symvers SYMVERS --config EMPTY
# rdmaforge's verdicts go further than depmod's warnings (module_layout, vermagic, signatures with
# the trusted keys, GPL-only symbols, load order); both exit codes are ignored (check exits 1 when
# a module does not load). Prints every time, the medians, and as the LAST line
#   ratio ours/theirs: X.XX
# Environment: N (default 5), RDMAFORGE_BUILD (Maven build dir, default target),
# RDMAFORGE_JAVA_OPTS (as for ./rdmaforge), RDMAFORGE_TEST_CACHE (kernel cache).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BENCH_ANY_EXIT=1 # check exits 1 when a module does not load
source bench/common.sh

IFS=$'\t' read -r kver modules_dir symvers < <(java -cp "$testkit" dev.rdmaforge.testkit.FetchKernelMain newest-6.1)
[ "$symvers" != - ] || { echo "no linux-headers-$kver in the archive: no Module.symvers" >&2; exit 1; }
image_root="$(cd "$modules_dir/../../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/theirs/lib/modules" "$work/ours/lib/modules" "$work/empty-depmod.d"
cp -al "$modules_dir" "$work/theirs/lib/modules/"
cp -al "$modules_dir" "$work/ours/lib/modules/"
cp -a "$image_root/boot" "$work/ours/"
echo "kernel $kver: $(find "$modules_dir" -name '*.ko*' | wc -l) modules, $(du -sh "$modules_dir" | cut -f1)"

theirs=() ours=()
for i in $(seq 0 "$runs"); do
  t=$(seconds depmod -a -b "$work/theirs" -C "$work/empty-depmod.d" -e -E "$symvers" "$kver")
  o=$(seconds "${ours_cmd[@]}" check --all --root "$work/ours" --kernel "$kver" \
      --symvers "$symvers" --config "$work/empty-depmod.d")
  if [ "$i" = 0 ]; then
    echo "warm-up   depmod ${t}s   rdmaforge ${o}s"
  else
    echo "run $i     depmod ${t}s   rdmaforge ${o}s"
    theirs+=("$t")
    ours+=("$o")
  fi
done
head -n 1 "$work/last.log"
print_ratio depmod

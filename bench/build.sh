#!/usr/bin/env bash
# Benchmark: `rdmaforge build` of the ofed-like example (issue 5 §8).
#
# Input: examples/ofed-like built for the oldest installed Debian 6.1 ABI (make-bundle.sh), its
# lustre-like SRPM as the dependent, and a stack.yaml targeting the oldest and the newest
# installed 6.1 headers (/usr/src/linux-headers-6.1.0-N-amd64). On the oldest the bundle's
# packages load as shipped (only lustre-like is built); on the newest ofa-like and knem-like are
# rebuilt and lustre-like follows ofa-like: 4 steps, 3 of them independent.
#
#   cold:   rdmaforge build stack.yaml --store EMPTY     (every step runs; steps run in parallel:
#           the sum of the steps' own times is printed beside the wall time)
#   cached: rdmaforge build stack.yaml --store SAME      (N runs; nothing builds, the output is
#           up to date; goal: median under 2 s)
#
# Prints the cold wall time, the step sum, the cached median and, as the LAST line,
#   cached re-run median: X.XXX s
# Environment: N (default 5), RDMAFORGE_BUILD, RDMAFORGE_JAVA_OPTS (as for bench/check.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source bench/common.sh

mapfile -t releases < <(ls -d /usr/src/linux-headers-6.1.0-*-amd64 2>/dev/null |
  sed -nE 's#.*/linux-headers-(6\.1\.0-([0-9]+)-amd64)$#\2 \1#p' | sort -n | awk '{ print $2 }')
[ "${#releases[@]}" -ge 2 ] || {
  echo "needs two installed 6.1 header trees (apt-get install linux-headers-6.1.0-N-amd64)" >&2
  exit 1
}
oldest=${releases[0]}
newest=${releases[${#releases[@]}-1]}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
examples/ofed-like/make-bundle.sh "$oldest" "$work/ofed" >/dev/null
cat >"$work/stack.yaml" <<YAML
bundle: $work/ofed/MLNX_OFED_LINUX-1.0-1.0.0.0-debian12-x86_64
kernels:
  - release: $oldest
    headers: /usr/src/linux-headers-$oldest
  - release: $newest
    headers: /usr/src/linux-headers-$newest
dependents:
  - name: lustre-like
    source: $work/ofed/lustre-like-1.0-1.src.rpm
    provider: kmod-ofa-like
    options: ["--with-o2ib={provider.devel}"]
output:
  format: rpm
  directory: $work/out
  repository: yum
YAML
echo "kernels: $oldest $newest; cores: $(nproc)"

cold=$(seconds "${ours_cmd[@]}" build "$work/stack.yaml" --store "$work/store")
grep -E '^(built|started|load check|done)' "$work/last.log" | sed 's/^/  /'
steps=$(sed -nE 's/^built .* in ([0-9.]+) s$/\1/p' "$work/last.log" | awk '{ s += $1 } END { printf "%.1f", s }')
echo "cold build (empty store, 4 steps): ${cold}s wall; the steps' own times add up to ${steps}s"

cached=()
for _ in $(seq "$runs"); do
  cached+=("$(seconds "${ours_cmd[@]}" build "$work/stack.yaml" --store "$work/store")")
  grep -q 'done: 0 built, 4 cached' "$work/last.log" || { cat "$work/last.log" >&2; exit 1; }
done
echo "cached re-runs: ${cached[*]}"
echo "cached re-run median: $(printf '%s\n' "${cached[@]}" | median) s"

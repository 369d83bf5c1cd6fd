#!/usr/bin/env bash
# Benchmark: `rdmaforge kabi` — the kernel-compatibility matrix of 50 kmod packages on 6 kernels —
# against the real `rpm -i --test` making the same kernel(sym) decision.
#
# Inputs (made by the test kit, cached): the Debian linux-image packages of the newest 6 ABIs of
# 6.1 the archive has; 25 generated modules (rfbench_NN: vmlinux, ib_core and each other's
# exports) compiled for the oldest and for the newest of the installed 6.1 headers and packaged as
# 50 kmod RPMs (kmodtool style, kernel(sym)/ksym(sym) requirements as find-requires.ksyms writes
# them); per kernel, an RPM providing kernel(sym) = 0xCRC for every export of its Module.symvers,
# installed with --justdb into a scratch rpm root.
#
#   theirs: for each kernel: rpm --root SCRATCH_K -i --test --noscripts ALL_50_RPMS
#   ours:   rdmaforge kabi --kernels 6_IMAGE_DEBS --packages ALL_50_RPMS --json --cache DIR
#
# rpm decides only the kernel(sym) requirements; rdmaforge decides those too (the "rpm" part of
# each cell) and, on top, what the kernel would do when loading each module (CRCs against the
# providers chosen, unknown symbols, vermagic, weak-updates). The first rdmaforge run has an empty
# cache (each kernel package is unpacked once) and is printed as "cold"; then N interleaved runs
# each. After the runs every cell's unmet kernel(sym) list is compared with rpm's. Prints the
# medians and, as the LAST line,
#   ratio ours/theirs: X.XX
# Environment: N (default 5), COUNT (modules per ABI, default 25), KERNELS (default 6),
# RDMAFORGE_BUILD, RDMAFORGE_JAVA_OPTS, RDMAFORGE_TEST_CACHE (as for bench/check.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source bench/common.sh
count="${COUNT:-25}"
nkernels="${KERNELS:-6}"

# ABIs whose image and headers (Module.symvers, for rpm's side) are both in the archive.
abis() { apt-cache search --names-only "^linux-$1-6\\.1\\.0-[0-9]+-amd64\$" |
  sed -nE "s/^linux-$1-6\\.1\\.0-([0-9]+)-amd64 .*/\\1/p" | sort; }
mapfile -t releases < <(comm -12 <(abis image) <(abis headers) | sort -n | tail -n "$nkernels" |
  sed 's/.*/6.1.0-&-amd64/')
[ "${#releases[@]}" -gt 0 ] || { echo "apt-cache lists no linux-image-6.1.0-N-amd64 with headers" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java -cp "$testkit" dev.rdmaforge.testkit.kabi.KabiBenchMain "$count" "${releases[@]}" >"$work/inputs.tsv"

debs=() rpms=()
while IFS=$'\t' read -r kind a b c; do
  if [ "$kind" = kernel ]; then
    debs+=("$b")
    mkdir -p "$work/rpmroot/$a"
    rpm --root "$work/rpmroot/$a" --initdb
    rpm --root "$work/rpmroot/$a" -i --justdb --nodeps --noscripts "$c" 2>/dev/null
  else
    rpms+=("$a")
  fi
done <"$work/inputs.tsv"
echo "kernels: ${releases[*]}"
echo "packages: ${#rpms[@]} kmod RPMs; cells: $(( ${#rpms[@]} * ${#debs[@]} ))"

theirs_run() {
  local r
  for r in "${releases[@]}"; do
    rpm --root "$work/rpmroot/$r" -i --test --noscripts "${rpms[@]}" >>"$work/rpm-$r.out" 2>&1 || true
  done
}
ours_run() {
  "${ours_cmd[@]}" kabi --json --cache "$work/cache" --kernels "${debs[@]}" --packages "${rpms[@]}" \
    >"$work/ours.json"
}

echo "cold      rdmaforge $(seconds ours_run)s   (empty cache: every kernel package unpacked)"
theirs=() ours=()
for i in $(seq 0 "$runs"); do
  rm -f "$work"/rpm-*.out
  t=$(seconds theirs_run)
  o=$(seconds ours_run)
  if [ "$i" = 0 ]; then
    echo "warm-up   rpm --test ${t}s   rdmaforge ${o}s"
  else
    echo "run $i     rpm --test ${t}s   rdmaforge ${o}s"
    theirs+=("$t")
    ours+=("$o")
  fi
done

# The same decision: every cell's unmet kernel(sym) requirements, ours against rpm's.
agreement=$(python3 - "$work" "${releases[@]}" <<'PY'
import json, re, sys
work, releases = sys.argv[1], sys.argv[2:]
ours = json.load(open(f"{work}/ours.json"))
needed = re.compile(r"^\s+(kernel\(.*\) = \S+) is needed by (\S+)$")
same = differ = 0
for release in releases:
    theirs = {}
    for line in open(f"{work}/rpm-{release}.out"):
        m = needed.match(line.rstrip("\n"))
        if m:
            theirs.setdefault(m.group(2), set()).add(m.group(1))
    for cell in ours["cells"]:
        if cell["kernel"] != release or cell.get("rpm") is None:
            continue
        mine = set(cell["rpm"]["unsatisfied"])
        if mine == theirs.get(cell["package"], set()):
            same += 1
        else:
            differ += 1
            print(f"DIFFER {cell['package']} on {release}: ours {sorted(mine)} rpm "
                  f"{sorted(theirs.get(cell['package'], set()))}", file=sys.stderr)
print(f"{same} {differ}")
PY
)
read -r same differ <<<"$agreement"
echo "kernel(sym) decisions: $same cells agree with rpm --test, $differ differ"
print_ratio "rpm --test"

#!/usr/bin/env bash
# Benchmark: `rdmaforge fabric render` on a 10,000-node fabric description.
#
# Generates the description (seed 004's topology scaled up: one head node running OpenSM and
# neutron-server, NETWORK network nodes, the rest ConnectX-3 hypervisors, every node with its
# port GUID, an IB physnet with 10 segmentation ids: about 90,000 files in 150,000 directories),
# then measures three cases, each RUNS times after a warm-up, all under $TMPDIR (the file system
# decides much of the time: TMPDIR=/dev/shm measures rdmaforge rather than the disk):
#   fresh      render into a new directory (the goal's case: every inode is new)
#   unchanged  render again into that directory: every file already holds the bytes, none is
#              written
#   edited     render into that directory after an edit of the description that changes one
#              file per node (the IPoIB MTU: ifcfg-ib0), alternately with and without the edit
# It prints every run's wall time with the process's user and system CPU, the medians of each
# case, and as the LAST line the fresh case's median:
#   render NODES nodes: X.XXX s
# Goal: under 3 s on the 2-core development VM.
#
# Environment: NODES (default 10000), NETWORK (default 10), RUNS (default 5),
# RDMAFORGE_BUILD (Maven build dir, default target: run the ./rdmaforge launcher with its JVM
# options and class-data-sharing archive, as users do; another dir: java -jar that build's jar),
# RDMAFORGE_JAVA_OPTS (as for ./rdmaforge).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

nodes="${NODES:-10000}"
network="${NETWORK:-10}"
runs="${RUNS:-5}"
build="${RDMAFORGE_BUILD:-target}"
jar="rdmaforge-cli/$build/rdmaforge.jar"
java_opts=(${RDMAFORGE_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto})

if [ "$build" = target ]; then
  ./rdmaforge --version >/dev/null
  ours=(./rdmaforge)
else
  if [ ! -f "$jar" ]; then
    echo "no $jar: build it with mvn -Drdmaforge.build=$build -pl rdmaforge-cli -am package" >&2
    exit 2
  fi
  ours=(java "${java_opts[@]}" -jar "$jar")
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
desc="$work/fabric-$nodes.yaml"

# node00001 is the head node, node00002.. the network nodes, the rest hypervisors; port GUID of
# node N: 0x0002c903000NNNNN1 style, unique per node.
awk -v n="$nodes" -v net="$network" 'BEGIN {
  printf "apiVersion: rdmaforge.dev/v1\nkind: Fabric\nopenstack: {release: \"2024.1\"}\n"
  printf "physicalNetworks:\n"
  printf "  - {name: ibhostnet, kind: ib, vlanRange: \"1:10\"}\n"
  printf "  - {name: phyvlanhostnet, kind: ethernet, vlanRange: \"11:20\"}\n"
  printf "  - {name: phyflatnet, kind: ethernet}\n"
  printf "partitions: {ipoib: true, pkeyTableSize: 64}\n"
  printf "sriov: {driver: mlx4, numVfs: [16], probeVf: [0], portTypes: [ib, ib]}\n"
  printf "rdmaStack: mlnx-ofed\n"
  printf "kernel:\n  release: 6.1.0-56-amd64\n  options:\n    mlx4_ib: {sm_guid_assign: 0}\n"
  printf "image: {ofedVersion: \"4.0-2\", repo: \"http://172.16.8.2/repo/MLNX_OFED\"}\n"
  printf "groups:\n"
  printf "  - {name: headnode, roles: [subnet-manager, controller], nodes: [node00001]}\n"
  printf "  - name: network\n    roles: [network]\n    nodes: [node%05d..node%05d]\n", 2, 1 + net
  printf "    interfaces: {phyflatnet: br0-flat-veth, phyvlanhostnet: eth0}\n"
  printf "  - name: hypervisors\n    roles: [compute]\n    nodes: [node%05d..node%05d]\n", 2 + net, n
  printf "    interfaces: {phyflatnet: br0-flat-veth, phyvlanhostnet: eth0}\n"
  printf "nodes:\n"
  for (i = 1; i <= n; i++) {
    printf "  node%05d: {portGuids: [\"0x0002c9%010x\"]}\n", i, i * 16 + 1
  }
}' >"$desc"
echo "description: $nodes nodes ($(wc -c <"$desc") bytes)"

# The edited description: the same file (its name is in every file's header) with the IPoIB MTU
# set, which changes ifcfg-ib0 on every node and nothing else.
cp "$desc" "$work/plain.yaml"
sed 's/^rdmaStack: mlnx-ofed$/rdmaStack: mlnx-ofed\nipoib: {mtu: 65000}/' "$desc" >"$work/edited.yaml"

# Runs "$@" with its output in $work/last.log; prints "WALL USER SYS" in seconds.
measure() {
  local TIMEFORMAT='%3R %3U %3S'
  if ! { time "$@" >"$work/last.log" 2>&1; } 2>"$work/time.txt"; then
    cat "$work/last.log" >&2
    echo "failed: $*" >&2
    exit 1
  fi
  cat "$work/time.txt"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Runs one case: $1 its name, then a command that takes the run number. Prints each run and
# stores "WALL USER SYS" lines in $work/<name>.times.
run_case() {
  local name="$1" i t
  shift
  : >"$work/$name.times"
  for i in $(seq 0 "$runs"); do
    t=$(measure "$@" "$i")
    if [ "$i" = 0 ]; then
      printf '%-9s warm-up  %s   (%s)\n' "$name" "$(fmt $t)" "$(tail -1 "$work/last.log")"
    else
      printf '%-9s run %d    %s\n' "$name" "$i" "$(fmt $t)"
      echo "$t" >>"$work/$name.times"
    fi
  done
}

fmt() { printf '%ss  (cpu %s user + %s sys)' "$1" "$2" "$3"; }

# Each fresh run writes a new directory (deleting ~240,000 inodes between runs would take longer
# than the runs on some file systems, and a file system that has just freed many inodes can be
# slower to allocate new ones); they are all removed at exit.
fresh() { "${ours[@]}" fabric render "$desc" -o "$work/out-$1"; }
unchanged() { "${ours[@]}" fabric render "$desc" -o "$work/out-1"; }
edited() {
  if [ $(($1 % 2)) = 0 ]; then cp "$work/edited.yaml" "$desc"; else cp "$work/plain.yaml" "$desc"; fi
  "${ours[@]}" fabric render "$desc" -o "$work/out-1"
}

run_case fresh fresh
run_case unchanged unchanged
run_case edited edited
cp "$work/plain.yaml" "$desc"

for name in unchanged edited fresh; do
  printf '%-9s median %ss  (cpu %s user + %s sys)\n' "$name" \
    "$(cut -d' ' -f1 "$work/$name.times" | median)" \
    "$(cut -d' ' -f2 "$work/$name.times" | median)" \
    "$(cut -d' ' -f3 "$work/$name.times" | median)"
done
echo "render $nodes nodes: $(cut -d' ' -f1 "$work/fresh.times" | median) s"

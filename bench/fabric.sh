#!/usr/bin/env bash
# Benchmark: `rdmaforge fabric render` on a 10,000-node fabric description.
#
# Generates the description (seed 004's topology scaled up: one head node running OpenSM and
# neutron-server, NETWORK network nodes, the rest ConnectX-3 hypervisors, every node with its
# port GUID, an IB physnet with 10 segmentation ids: about 90,000 files in 150,000 directories),
# then renders it RUNS times, each into a new directory under $TMPDIR (the file system decides
# much of the time: set TMPDIR=/dev/shm to measure rdmaforge rather than the disk), and prints
# every wall time, the median, and as the LAST line
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

# Prints the wall time of "$@" in seconds (3 decimals).
seconds() {
  local start end
  start=$(date +%s%N)
  "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log" >&2; echo "failed: $*" >&2; exit 1; }
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Each run writes a new directory (deleting ~90,000 files between runs would take longer than
# the runs on some file systems); they are all removed at exit.
times=()
for i in $(seq 0 "$runs"); do
  t=$(seconds "${ours[@]}" fabric render "$desc" -o "$work/out-$i")
  if [ "$i" = 0 ]; then
    echo "warm-up   ${t}s   ($(tail -1 "$work/last.log"))"
  else
    echo "run $i     ${t}s"
    times+=("$t")
  fi
done
echo "render $nodes nodes: $(printf '%s\n' "${times[@]}" | median) s"

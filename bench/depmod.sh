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

runs="${N:-5}"
build="${RDMAFORGE_BUILD:-target}"
jar="rdmaforge-cli/$build/rdmaforge.jar"
testkit="rdmaforge-testkit/$build/classes"
java_opts=(${RDMAFORGE_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto})

stale() {
  [ -f "$jar" ] && [ -d "$testkit" ] || return 0
  [ -n "$(find pom.xml rdmaforge-*/pom.xml rdmaforge-core/src/main rdmaforge-cli/src/main \
      rdmaforge-testkit/src/main -newer "$jar" -print -quit 2>/dev/null)" ]
}
if stale; then
  echo "building $jar ..." >&2
  log="$(mktemp)"
  mvn -B -q -Dstyle.color=never -Drdmaforge.build="$build" -Dmaven.test.skip=true \
    -pl rdmaforge-cli -am package >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
  rm -f "$log"
fi

IFS=$'\t' read -r kver modules_dir _ < <(java -cp "$testkit" dev.rdmaforge.testkit.FetchKernelMain newest-6.1)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/theirs/lib/modules" "$work/ours/lib/modules" "$work/empty-depmod.d"
cp -al "$modules_dir" "$work/theirs/lib/modules/"
cp -al "$modules_dir" "$work/ours/lib/modules/"
echo "kernel $kver: $(find "$modules_dir" -name '*.ko*' | wc -l) modules, $(du -sh "$modules_dir" | cut -f1)"

# Prints the wall time of "$@" in seconds (3 decimals); its output goes to $work/last.log.
seconds() {
  local start end
  start=$(date +%s%N)
  "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log" >&2; echo "failed: $*" >&2; exit 1; }
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# With the default build directory, run exactly what users run: the launcher (its JVM options and
# its class-data-sharing archive). With another build directory, run that jar directly.
if [ "$build" = target ]; then
  ./rdmaforge --version >/dev/null
  ours_cmd=(./rdmaforge)
else
  ours_cmd=(java "${java_opts[@]}" -jar "$jar")
fi
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
mt=$(printf '%s\n' "${theirs[@]}" | median)
mo=$(printf '%s\n' "${ours[@]}" | median)
echo "median    depmod ${mt}s   rdmaforge ${mo}s   (N=$runs)"
echo "outputs identical: $identical"
awk -v o="$mo" -v t="$mt" 'BEGIN { printf "ratio ours/theirs: %.2f\n", o / t }'

# Shared by the benchmarks that race rdmaforge against a real tool (sourced, not run).
# Sets: runs, build, jar, testkit, ours_cmd. Environment: N (default 5), RDMAFORGE_BUILD (Maven
# build dir, default target), RDMAFORGE_JAVA_OPTS (as for ./rdmaforge).

runs="${N:-5}"
build="${RDMAFORGE_BUILD:-target}"
export RDMAFORGE_BUILD="$build"
jar="rdmaforge-cli/$build/rdmaforge.jar"
testkit="rdmaforge-testkit/$build/classes"

bench_stale() {
  [ -f "$jar" ] && [ -d "$testkit" ] || return 0
  [ -n "$(find pom.xml rdmaforge-*/pom.xml rdmaforge-core/src/main rdmaforge-cli/src/main \
      rdmaforge-testkit/src/main -newer "$jar" -print -quit 2>/dev/null)" ]
}
if bench_stale; then
  echo "building $jar ..." >&2
  bench_log="$(mktemp)"
  mvn -B -q -Dstyle.color=never -Drdmaforge.build="$build" -Dmaven.test.skip=true \
    -pl rdmaforge-cli -am package >"$bench_log" 2>&1 || { cat "$bench_log" >&2; exit 1; }
  rm -f "$bench_log"
fi

# Run exactly what users run: the launcher, with its JVM options and its class-data-sharing
# archive, on the jar of $RDMAFORGE_BUILD. Its first check and depmod runs with a new jar also
# teach the archive (slower once): the warm-up run of each benchmark absorbs that.
./rdmaforge --version >/dev/null
ours_cmd=(./rdmaforge)

# Prints the wall time of "$@" in seconds (3 decimals); its output goes to $work/last.log. A
# failing command stops the benchmark unless BENCH_ANY_EXIT=1 (tools whose exit code is a verdict).
seconds() {
  local start end
  start=$(date +%s%N)
  if ! "$@" >"$work/last.log" 2>&1 && [ "${BENCH_ANY_EXIT:-0}" != 1 ]; then
    cat "$work/last.log" >&2
    echo "failed: $*" >&2
    exit 1
  fi
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Prints the medians of the arrays theirs and ours and, as the LAST line, their ratio.
print_ratio() {
  local mt mo
  mt=$(printf '%s\n' "${theirs[@]}" | median)
  mo=$(printf '%s\n' "${ours[@]}" | median)
  echo "median    $1 ${mt}s   rdmaforge ${mo}s   (N=$runs)"
  [ -z "${2:-}" ] || echo "$2"
  awk -v o="$mo" -v t="$mt" 'BEGIN { printf "ratio ours/theirs: %.2f\n", o / t }'
}

#!/usr/bin/env bash
# Runs the codec benchmarks (wskit, with Netty's own WebSocket codec measured in the same run)
# and prints a markdown table of medians, allocation per operation and ratios to the baselines.
#
#   ws-benchmarks/run-codec.sh [jdk-home]
#
# The JDK defaults to $JAVA_HOME, then to `java` on the PATH; JMH's forks use the same one.
# About 8 minutes on 2 cores: 36 benchmarks x 2 forks x (2 x 1 s warmup + 3 x 1 s measured).
# Overrides: FORKS, WARMUP_ITERATIONS, ITERATIONS, ITERATION_SECONDS, BENCHMARKS (a JMH regex).
# Builds target/benchmarks.jar with Maven when it is missing; rebuild it after changing code.
set -euo pipefail

# shellcheck source=benchmark-setup.sh
source "$(dirname "$0")/benchmark-setup.sh"

forks=${FORKS:-2}
warmups=${WARMUP_ITERATIONS:-2}
iterations=${ITERATIONS:-3}
seconds=${ITERATION_SECONDS:-1}
benchmarks=${BENCHMARKS:-'dev\.wskit\.benchmarks\.codec\.'}

out="$module/target/jmh"
mkdir -p "$out"
stamp=$(date +%Y%m%d-%H%M%S)
json="$out/codec-$stamp.json"
log="$out/codec-$stamp.log"
table="$out/codec-$stamp.md"

echo "JDK: $("$java" -version 2>&1 | head -n 1)" >&2
echo "JMH progress: tail -f $log" >&2
# -prof gc adds gc.alloc.rate.norm: bytes allocated per operation.
"$java" -jar "$jar" "$benchmarks" \
  -f "$forks" -wi "$warmups" -w "${seconds}s" -i "$iterations" -r "${seconds}s" \
  -prof gc -rf json -rff "$json" -o "$log"

"$java" -cp "$jar" dev.wskit.benchmarks.report.MarkdownReport "$json" | tee "$table"
echo >&2
echo "JSON: $json" >&2
echo "Table: $table" >&2

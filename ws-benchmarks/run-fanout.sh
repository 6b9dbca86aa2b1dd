#!/usr/bin/env bash
# Runs the fan-out benchmark: 1, 2 and 3 wskit nodes (Netty transport, each its own RedisCluster
# node) on loopback, sharing one redis-server started here, SUBSCRIBERS JDK WebSocket clients
# spread over them, a publisher on node A at RATE messages per second; prints a markdown table of
# deliveries per second and the latency from publish on node A to delivery on the last node.
# Nodes, subscribers and publisher share one JVM, so the payload's nanoTime is one clock.
#
#   ws-benchmarks/run-fanout.sh [jdk-home]
#
# Overrides (defaults in brackets): NODES [1,2,3], SUBSCRIBERS [300], RATE [200], SIZE [64] bytes,
# WARMUP [2] and DURATION [10] seconds per point, JAVA_OPTS [-Xmx1g], REDIS [redis-server],
# REDIS_PORT [16379], JFR [empty; a file name records a flight recording of the whole run there].
# About 15 s per point plus start-up. Builds target/benchmarks.jar with Maven when it is missing;
# rebuild it after changing code.
set -euo pipefail

# shellcheck source=benchmark-setup.sh
source "$(dirname "$0")/benchmark-setup.sh"

nodes=${NODES:-1,2,3}
subscribers=${SUBSCRIBERS:-300}
rate=${RATE:-200}
size=${SIZE:-64}
warmup=${WARMUP:-2}
duration=${DURATION:-10}
java_opts=${JAVA_OPTS:-"-Xmx1g"}
redis=${REDIS:-redis-server}
redis_port=${REDIS_PORT:-16379}

out="$module/target/fanout"
mkdir -p "$out"
redis_dir=$(mktemp -d)
"$redis" --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$redis_dir" >"$out/redis.log" 2>&1 &
redis_pid=$!
# Only the server started here is stopped, by its pid.
trap 'kill "$redis_pid" 2>/dev/null; wait "$redis_pid" 2>/dev/null; rm -rf "$redis_dir"' EXIT
for _ in $(seq 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null; then break; fi
  sleep 0.1
done

jfr_opts=()
if [[ -n "${JFR:-}" ]]; then
  jfr_opts=("-XX:+FlightRecorder" "-XX:StartFlightRecording=filename=$JFR,settings=profile")
fi

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); JDK: $("$java" -version 2>&1 | head -n 1); Redis: $("$redis" --version | cut -d' ' -f3)."
echo "$subscribers subscribers over the nodes, $rate messages/s of $size B published on node A, ${warmup} s warm-up, ${duration} s measured per point."
# shellcheck disable=SC2086
"$java" $java_opts "${jfr_opts[@]}" -cp "$jar" dev.wskit.benchmarks.fanout.FanOutTool \
  --redis "redis://127.0.0.1:$redis_port" --nodes "$nodes" --subscribers "$subscribers" --rate "$rate" \
  --size "$size" --warmup "$warmup" --seconds "$duration"

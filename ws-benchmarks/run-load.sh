#!/usr/bin/env bash
# Runs the end-to-end comparison: wskit's echo on each of its transports, against echo servers
# written with Netty's own and Vert.x's own WebSocket stacks (and a raw TCP echo, the ceiling of
# the load tool), prints a markdown table of medians with the ratios to the baselines, and draws
# the points with traffic as an SVG chart (rate and p99 per server).
#
#   ws-benchmarks/run-load.sh [jdk-home]
#
# Each server runs alone in its own JVM, started fresh for every repetition; with taskset the
# server and the load tool are pinned to different cores. The JDK defaults to $JAVA_HOME, then
# to `java` on the PATH; on JDK 21+ the blocking transport runs on virtual threads.
#
# Points (POINTS):
#   latency  1 connection, 16 B, 1 in flight
#   small    100 connections, 64 B, 16 in flight
#   bulk     10 connections, 64 KiB, 4 in flight
#   compressed  10 connections, 64 KiB of compressible text (ws-testkit's Compressible: JSON-like
#            lines, about 19:1 at the load tool's level), 4 in flight, permessage-deflate (RFC 7692)
#            on both sides: each server in its own fresh JVM with the echo-app profile, i.e.
#            Netty's own WebSocketServerCompressionHandler (its default parameters, level 6),
#            Vert.x's own per-message deflate (its defaults, level 6), wskit's
#            PerMessageDeflateConfig.defaults() (level 6) on each transport. The load tool offers
#            "permessage-deflate" without parameters; every stack answers "permessage-deflate"
#            alone, i.e. context takeover both ways and 15-bit windows (the table prints what
#            each agreed, and how far each compressed its echoes). MB/s counts the payload
#            uncompressed; every echo is inflated and checked byte for byte; the server's CPU
#            per echo is read from /proc, which other work on the machine disturbs less than
#            the rate (the echo-app profile allows 32 MiB messages). The load tool's own cost per
#            64 KiB message, measured alone on one core of this 2-vCPU machine: ~110 µs to
#            compress (java.util.zip at BEST_SPEED, one Deflater per connection, reused) and
#            ~40 µs to inflate and check, so about 6,500 messages/s (~430 MB/s) before any socket
#            work; raw-tcp, which returns the tool's own compressed frames for it to inflate the
#            same way, is that ceiling with TCP (~270 MB/s in a run where the servers made
#            45-70 MB/s).
#   connect  handshakes per second, CONNECT_CONCURRENCY under way at once
#   memory   MEMORY_CONNECTIONS idle connections: live heap and RSS outside the heap per
#            connection (the server's heap pre-touched, MEMORY_JAVA_OPTS)
#            (its own fresh server JVM, so earlier load does not pollute the baseline)
#   memory-deflate  the same with permessage-deflate offered and accepted on every connection
#            (the servers' echo-app profile, compression on): what compression keeps per idle
#            connection; raw-tcp, which has nothing to negotiate, measures its idle connection
#            again, the floor of the column
#   broadcast  each stack's broadcast server (EchoServers --broadcast, its own fresh JVM): 1
#            publisher, BROADCAST_SUBSCRIBERS subscribers, text messages of 64 B (broadcast-64)
#            and 4 KiB (broadcast-4k), the publisher at most BROADCAST_IN_FLIGHT messages ahead
#            of the slowest subscriber; deliveries per second (messages received by all the
#            subscribers together), latency from publish to receipt, the server's CPU per
#            delivery, every delivery checked (a message lost or out of order fails the run).
#            raw-tcp is a raw TCP fan-out (Netty, every byte from one connection written to
#            every other through a ChannelGroup, as Netty's own broadcast does): the subscribers
#            get the publisher's frames still masked and check them so. Its deliveries/s is the
#            load tool's ceiling; its CPU per delivery, that of fan-out without WebSocket.
#
# Overrides (defaults in brackets): REPEATS [3], WARMUP [3] and DURATION [5] seconds per point,
# SERVERS [all six], POINTS [all eight], TYPE [binary, for latency, small and bulk], CONNECT_CONCURRENCY [16],
# MEMORY_CONNECTIONS [10000], BROADCAST_SUBSCRIBERS [1000], BROADCAST_IN_FLIGHT [16],
# SERVER_CPUS / LOAD_CPUS [first half / second half of the cores],
# LOAD_THREADS [1 per load core], SERVER_JAVA_OPTS [-Xms256m -Xmx1g], LOAD_JAVA_OPTS [-Xmx1g],
# MEMORY_JAVA_OPTS [-Xms1g -Xmx1g -XX:+AlwaysPreTouch],
# BASE_PORT [18100], CHART [the chart's path, next to the results]. About 25 minutes on 2 cores
# with the defaults.
# Builds target/benchmarks.jar with Maven when it is missing; rebuild it after changing code.
set -euo pipefail

# shellcheck source=benchmark-setup.sh
source "$(dirname "$0")/benchmark-setup.sh"

repeats=${REPEATS:-3}
warmup=${WARMUP:-3}
duration=${DURATION:-5}
servers=${SERVERS:-"netty-own wskit-netty vertx-own wskit-vertx wskit-blocking raw-tcp"}
points=${POINTS:-"latency small bulk compressed connect memory memory-deflate broadcast"}
type=${TYPE:-binary}
connect_concurrency=${CONNECT_CONCURRENCY:-16}
memory_connections=${MEMORY_CONNECTIONS:-10000}
broadcast_subscribers=${BROADCAST_SUBSCRIBERS:-1000}
broadcast_in_flight=${BROADCAST_IN_FLIGHT:-16}
server_java_opts=${SERVER_JAVA_OPTS:-"-Xms256m -Xmx1g"}
# The memory point's server has its whole heap committed and touched before it starts, so its
# RSS grows only by memory outside the heap, not by pages its garbage touches (see MemoryRun).
memory_java_opts=${MEMORY_JAVA_OPTS:-"-Xms1g -Xmx1g -XX:+AlwaysPreTouch"}
load_java_opts=${LOAD_JAVA_OPTS:-"-Xmx1g"}
port=${BASE_PORT:-18100}

# Cores: the server gets the first half, the load tool the rest (one each on 2 cores).
cores=$(nproc)
if command -v taskset >/dev/null && [[ $cores -ge 2 ]]; then
  half=$((cores / 2))
  server_cpus=${SERVER_CPUS:-"0-$((half - 1))"}
  load_cpus=${LOAD_CPUS:-"$half-$((cores - 1))"}
  load_threads=${LOAD_THREADS:-$((cores - half))}
else
  server_cpus=""
  load_cpus=""
  load_threads=${LOAD_THREADS:-1}
  echo "No taskset (or one core): server and load tool are not pinned." >&2
fi

pin_prefix() { # the words that pin a command to <cpus>, if any
  if [[ -n "$1" ]]; then echo "taskset -c $1"; fi
}

# Both processes hold one socket per connection in the memory point, plus the JVM's own files.
needed_files=$(( (memory_connections > broadcast_subscribers ? memory_connections : broadcast_subscribers) + 1000))
if [[ $(ulimit -n) != unlimited && $(ulimit -n) -lt $needed_files ]]; then
  ulimit -n "$needed_files" 2>/dev/null || {
    echo "ulimit -n is $(ulimit -n) and cannot be raised to $needed_files (hard limit $(ulimit -Hn));" \
      "set MEMORY_CONNECTIONS lower or raise the hard limit." >&2
    exit 1
  }
fi

out="$module/target/load"
mkdir -p "$out"
stamp=$(date +%Y%m%d-%H%M%S)
results="$out/load-$stamp.txt"
table="$out/load-$stamp.md"
log="$out/load-$stamp.log"
chart=${CHART:-"$out/load-$stamp.svg"}
: >"$results"

# On every result line, so that the chart can say which JDK ran and when.
jdk_version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.runtime\.version = //p')
run_date=$(date +%F)

server_pid=""
start_server() { # start_server <kind> <java options> [server options]: sets server_pid and server_port
  port=$((port + 1)) # a fresh port per server: no waiting on the last one's sockets
  server_port=$port
  local server_log="$out/server-$stamp-$1-$server_port.log"
  # Not through a shell function: $! must be the JVM itself (taskset execs it), to read its
  # memory and to stop it.
  # shellcheck disable=SC2086 # the options are words
  $(pin_prefix "$server_cpus") "$java" $2 -cp "$jar" dev.wskit.benchmarks.servers.EchoServers \
    "$1" "$server_port" ${3:-} >"$server_log" 2>&1 &
  server_pid=$!
  if wait_ready "$server_pid" "$server_log"; then
    cat "$server_log" >>"$log"
    return 0
  fi
  echo "server $1 did not start; see $server_log" >&2
  stop_server
  return 1
}

stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap stop_server EXIT

load() { # load <kind> <point> <rep> <load tool options…>
  local kind=$1 point=$2 rep=$3
  shift 3
  local raw=()
  [[ $kind == raw-tcp ]] && raw=(--raw)
  echo "[$(date +%T)] $point $kind #$rep" >&2
  # shellcheck disable=SC2086
  $(pin_prefix "$load_cpus") "$java" $load_java_opts -cp "$jar" dev.wskit.benchmarks.load.LoadTool \
    --port "$server_port" --threads "$load_threads" "${raw[@]}" "$@" \
    --label server="$kind" --label point="$point" --label rep="$rep" \
    --label jdk="${jdk_version:-unknown}" --label date="$run_date" \
    >>"$results" 2>>"$log" || echo "  run failed (kept in $results)" >&2
}

is_echo_point() { # the points served by the benchmark profile's echo, in one server JVM
  [[ $1 == latency || $1 == small || $1 == bulk || $1 == connect ]]
}

echo_point() { # echo_point <kind> <point> <rep>
  case $2 in
    latency) load "$1" "$2" "$3" --connections 1 --size 16 --in-flight 1 --type "$type" --warmup "$warmup" --duration "$duration" ;;
    small) load "$1" "$2" "$3" --connections 100 --size 64 --in-flight 16 --type "$type" --warmup "$warmup" --duration "$duration" ;;
    bulk) load "$1" "$2" "$3" --connections 10 --size 65536 --in-flight 4 --type "$type" --warmup "$warmup" --duration "$duration" ;;
    connect) load "$1" "$2" "$3" --mode connect --connections "$connect_concurrency" --warmup "$warmup" --duration "$duration" ;;
  esac
}

echo "Results: $results; progress and server output: $log" >&2
started=$(date +%s)
# Repetitions outermost, so drift on a noisy machine spreads over every server alike.
for rep in $(seq "$repeats"); do
  for kind in $servers; do
    traffic=""
    for point in $points; do is_echo_point "$point" && traffic=yes; done
    if [[ -n $traffic ]]; then
      start_server "$kind" "$server_java_opts" || continue
      for point in $points; do
        if is_echo_point "$point"; then echo_point "$kind" "$point" "$rep"; fi
      done
      stop_server
    fi
    if [[ " $points " == *" compressed "* ]]; then
      # The echo-app profile: each stack with permessage-deflate accepted (raw TCP ignores it).
      start_server "$kind" "$server_java_opts" "--profile echo-app" || continue
      load "$kind" compressed "$rep" --deflate --connections 10 --size 65536 --in-flight 4 --type text \
        --warmup "$warmup" --duration "$duration" --server-pid "$server_pid"
      stop_server
    fi
    if [[ " $points " == *" broadcast "* ]]; then
      start_server "$kind" "$server_java_opts" "--broadcast" || continue
      for point in broadcast-64 broadcast-4k; do
        size=64
        if [[ $point == broadcast-4k ]]; then size=4096; fi
        load "$kind" "$point" "$rep" --mode broadcast --connections "$broadcast_subscribers" --size "$size" \
          --in-flight "$broadcast_in_flight" --warmup "$warmup" --duration "$duration" --server-pid "$server_pid"
      done
      stop_server
    fi
    if [[ " $points " == *" memory "* ]]; then
      start_server "$kind" "$memory_java_opts" || continue
      load "$kind" memory "$rep" --mode memory --connections "$memory_connections" --server-pid "$server_pid" --settle 3
      stop_server
    fi
    if [[ " $points " == *" memory-deflate "* ]]; then
      start_server "$kind" "$memory_java_opts" "--profile echo-app" || continue
      deflate=(--deflate)
      [[ $kind == raw-tcp ]] && deflate=() # nothing to negotiate: its idle connection, the floor
      load "$kind" memory-deflate "$rep" --mode memory "${deflate[@]}" --connections "$memory_connections" \
        --server-pid "$server_pid" --settle 3
      stop_server
    fi
  done
done
elapsed=$(($(date +%s) - started))

{
  echo "## End to end, medians of $repeats runs"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); JDK: $("$java" -version 2>&1 | head -n 1)."
  echo "Pinning: server on cores '${server_cpus:-none}', load tool on '${load_cpus:-none}' ($load_threads load threads)."
  echo "Settings: REPEATS=$repeats WARMUP=$warmup DURATION=$duration TYPE=$type CONNECT_CONCURRENCY=$connect_concurrency MEMORY_CONNECTIONS=$memory_connections BROADCAST_SUBSCRIBERS=$broadcast_subscribers BROADCAST_IN_FLIGHT=$broadcast_in_flight; took ${elapsed}s."
  echo
  "$java" -cp "$jar" dev.wskit.benchmarks.report.LoadTable "$results"
} | tee "$table"
echo >&2
echo "Table: $table" >&2
"$java" -cp "$jar" dev.wskit.benchmarks.report.LoadChart "$results" "$chart" # prints where it went

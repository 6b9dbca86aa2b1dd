#!/usr/bin/env bash
# Runs the HTTP/2 benchmark: SOCKETS WebSockets over H2_CONNECTIONS HTTP/2 (h2c) connections,
# RFC 8441 streams, against SOCKETS WebSockets over HTTP/1.1, a TCP connection each, both on
# wskit's NettyHttp2WebSocketServer (one port serves both) in a JVM of its own, started anew for
# each mode; the clients are wskit's (NettyWebSocketClient; NettyHttp2WebSocketClient, one per
# HTTP/2 connection). Prints a markdown table: handshakes per second while the sockets open, the
# server's memory per open socket (live heap after a full GC by jcmd, and RSS growth), and echo
# messages per second of SIZE bytes with IN_FLIGHT outstanding per socket, p50/p99 latency. Every
# echo is checked; the tool exits 1 when one was wrong or missing.
#
#   ws-benchmarks/run-http2.sh [jdk-home]
#
# Overrides (defaults in brackets): SOCKETS [1000], H2_CONNECTIONS [10], SIZE [64] bytes,
# IN_FLIGHT [1], OPEN_CONCURRENCY [64] handshakes outstanding, SETTLE [2] seconds before each
# memory reading, WARMUP [3] and DURATION [10] seconds of echo per mode,
# SERVER_JAVA_OPTS [-Xms1g -Xmx1g -XX:+AlwaysPreTouch: the whole heap touched from the start, so
# RSS grows by memory outside the heap only], JAVA_OPTS [-Xmx1g] for the clients' JVM.
# About 30 s per mode. Builds target/benchmarks.jar with Maven when it is missing; rebuild it
# after changing code.
set -euo pipefail

# shellcheck source=benchmark-setup.sh
source "$(dirname "$0")/benchmark-setup.sh"

sockets=${SOCKETS:-1000}
h2_connections=${H2_CONNECTIONS:-10}
size=${SIZE:-64}
in_flight=${IN_FLIGHT:-1}
open_concurrency=${OPEN_CONCURRENCY:-64}
settle=${SETTLE:-2}
warmup=${WARMUP:-3}
duration=${DURATION:-10}
server_java_opts=${SERVER_JAVA_OPTS:-"-Xms1g -Xmx1g -XX:+AlwaysPreTouch"}
java_opts=${JAVA_OPTS:-"-Xmx1g"}

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); JDK: $("$java" -version 2>&1 | head -n 1)."
echo "$sockets WebSockets per mode, HTTP/2 over $h2_connections connections; $size B text echo, $in_flight in flight per socket, ${warmup} s warm-up, ${duration} s measured; server JVM: $server_java_opts."
# The tool starts and stops its server JVMs itself, by their process handles.
# shellcheck disable=SC2086
"$java" $java_opts -cp "$jar" dev.wskit.benchmarks.http2.Http2VsHttp1 \
  --sockets "$sockets" --h2-connections "$h2_connections" --size "$size" --in-flight "$in_flight" \
  --open-concurrency "$open_concurrency" --settle "$settle" --warmup "$warmup" --seconds "$duration" \
  --server-java-opts "$server_java_opts"

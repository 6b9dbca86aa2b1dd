#!/usr/bin/env bash
# Runs the attack suite (dev.wskit.benchmarks.attack.AttackTool) against wskit's echo on each of
# its transports, and against echo servers written with Netty's own and Vert.x's own WebSocket
# stacks for comparison, and writes a markdown table to target/attacks/.
#
#   ws-benchmarks/run-attacks.sh [jdk-home]
#
# Every server runs the echo example's limits (EchoServers --profile echo-app: 32 MiB messages,
# permessage-deflate accepted) with a small heap (SERVER_JAVA_OPTS, -Xmx256m), and a fresh server
# JVM is started for every attack, so one attack's damage does not count against the next.
# Servers are started with -XX:OnOutOfMemoryError, so the JVM prints the first failed heap
# allocation in the server's log even when the server catches the error. After each attack the
# server is sent SIGTERM and given STOP_SECONDS to exit (then killed); the table shows which.
#
# Overrides (defaults in brackets): SERVERS [wskit-netty wskit-vertx wskit-blocking netty-own
# vertx-own], ATTACKS [all; comma-separated names, see AttackTool --list], SCALE [full],
# BOMB_CONNECTIONS [the scale's: 300 in full], SERVER_JAVA_OPTS [-Xmx256m], STOP_SECONDS [15],
# BASE_PORT [18400].
# About 25 minutes on 2 cores with the defaults.
set -euo pipefail

# shellcheck source=benchmark-setup.sh
source "$(dirname "$0")/benchmark-setup.sh"

servers=${SERVERS:-"wskit-netty wskit-vertx wskit-blocking netty-own vertx-own"}
attacks=${ATTACKS:-all}
scale=${SCALE:-full}
bomb_options=()
if [[ -n "${BOMB_CONNECTIONS:-}" ]]; then bomb_options=(--bomb-connections "$BOMB_CONNECTIONS"); fi
server_java_opts=${SERVER_JAVA_OPTS:-"-Xmx256m"}
stop_seconds=${STOP_SECONDS:-15}
port=${BASE_PORT:-18400}

# The idle-connections attack opens 10 000 connections; both sides need a file each.
if [[ $(ulimit -n) != unlimited && $(ulimit -n) -lt 11000 ]]; then
  ulimit -n 11000 2>/dev/null || echo "ulimit -n is $(ulimit -n): idle-connections opens fewer." >&2
fi

out="$module/target/attacks"
mkdir -p "$out"
stamp=$(date +%Y%m%d-%H%M%S)
results="$out/attacks-$stamp.txt"
table="$out/attacks-$stamp.md"
log="$out/attacks-$stamp.log"
# A copy of the jar: rebuilding the module during the run must not pull classes from under it.
run_jar="$out/benchmarks-$stamp.jar"
cp "$jar" "$run_jar"
: >"$results"

if [[ $attacks == all ]]; then
  attacks=$("$java" -cp "$run_jar" dev.wskit.benchmarks.attack.AttackTool --list | awk '{print $1}' | paste -sd, -)
fi

server_pid=""
server_log=""
start_server() { # start_server <kind>: sets server_pid, server_port and server_log
  port=$((port + 1)) # a fresh port per server: no waiting on the last one's sockets
  server_port=$port
  server_log="$out/server-$stamp-$1-$server_port.log"
  # shellcheck disable=SC2086 # the options are words
  "$java" $server_java_opts -XX:OnOutOfMemoryError=true -cp "$run_jar" dev.wskit.benchmarks.servers.EchoServers \
    "$1" "$server_port" --profile echo-app >"$server_log" 2>&1 &
  server_pid=$!
  if wait_ready "$server_pid" "$server_log"; then
    return 0
  fi
  echo "server $1 did not start; see $server_log" >&2
  stop_server
  return 1
}

stop_server() { # prints the seconds the server took to exit after SIGTERM, -1 when it had to be killed
  if [[ -z "$server_pid" ]]; then return 0; fi
  local started
  started=$(date +%s.%N)
  kill "$server_pid" 2>/dev/null || true
  for _ in $(seq $((stop_seconds * 10))); do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      wait "$server_pid" 2>/dev/null || true
      server_pid=""
      echo "$(date +%s.%N) $started" | awk '{printf "%.1f", $1 - $2}'
      return 0
    fi
    sleep 0.1
  done
  kill -9 "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  echo "-1"
}
trap 'stop_server >/dev/null' EXIT

echo "Results: $results; progress: $log" >&2
started=$(date +%s)
for kind in $servers; do
  for attack in ${attacks//,/ }; do
    echo "[$(date +%T)] $attack on $kind" >&2
    start_server "$kind" || continue
    # Bounded: no attack holds for more than seconds, but a wedged server could stall the tool.
    line=$(timeout 600 "$java" -cp "$run_jar" dev.wskit.benchmarks.attack.AttackTool --url "ws://127.0.0.1:$server_port/" \
      --attacks "$attack" --scale "$scale" "${bomb_options[@]}" --server-pid "$server_pid" --server-log "$server_log" \
      --label server="$kind" 2>>"$log" | grep '^RESULT ' || echo "RESULT attack=$attack server=$kind outcome=tool_failed")
    stopped=$(stop_server)
    echo "$line stopped_s=$stopped" >>"$results"
  done
done
elapsed=$(($(date +%s) - started))

{
  echo "## Attacks, echo servers with -Xmx256m, 32 MiB messages, permessage-deflate"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); JDK: $("$java" -version 2>&1 | head -n 1)."
  echo "Settings: SCALE=$scale BOMB_CONNECTIONS=${BOMB_CONNECTIONS:-default} SERVER_JAVA_OPTS='$server_java_opts' STOP_SECONDS=$stop_seconds; a fresh server per attack; took ${elapsed}s."
  echo
  "$java" -cp "$run_jar" dev.wskit.benchmarks.report.AttackTable "$results"
} | tee "$table"
rm -f "$run_jar"
echo >&2
echo "Table: $table" >&2

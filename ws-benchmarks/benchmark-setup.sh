# Sourced by run-codec.sh, run-load.sh and run-attacks.sh: sets $module, $jar and $java (from the
# first argument, a JDK home, else $JAVA_HOME, else `java` on the PATH), builds the jar when it is
# missing, and defines wait_ready for the scripts that start echo servers.
module=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jar="$module/target/benchmarks.jar"

if [[ $# -ge 1 ]]; then
  java="$1/bin/java"
elif [[ -n "${JAVA_HOME:-}" ]]; then
  java="$JAVA_HOME/bin/java"
else
  java=java
fi

# wait_ready <pid> <log>: true once the echo server <pid> has printed its READY line to <log>
# (EchoServers), within 30 s; false when it exits or does not get there in time.
wait_ready() {
  for _ in $(seq 300); do
    # The whole line, with the JVM's own pid: the caller's $! must be the server itself.
    if grep -qs "^READY .* pid=$1 threads=.* jdk=" "$2"; then
      return 0
    fi
    if ! kill -0 "$1" 2>/dev/null; then
      return 1
    fi
    sleep 0.1
  done
  return 1
}

if [[ ! -f "$jar" ]]; then
  echo "Building $jar ..." >&2
  (cd "$module/.." && mvn -B -q -pl ws-benchmarks -am package -DskipTests)
fi

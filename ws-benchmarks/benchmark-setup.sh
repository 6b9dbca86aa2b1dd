# Sourced by run-codec.sh and run-load.sh: sets $module, $jar and $java (from the first argument,
# a JDK home, else $JAVA_HOME, else `java` on the PATH), and builds the jar when it is missing.
module=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jar="$module/target/benchmarks.jar"

if [[ $# -ge 1 ]]; then
  java="$1/bin/java"
elif [[ -n "${JAVA_HOME:-}" ]]; then
  java="$JAVA_HOME/bin/java"
else
  java=java
fi

if [[ ! -f "$jar" ]]; then
  echo "Building $jar ..." >&2
  (cd "$module/.." && mvn -B -q -pl ws-benchmarks -am package -DskipTests)
fi

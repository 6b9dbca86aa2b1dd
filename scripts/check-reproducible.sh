#!/usr/bin/env bash
# Builds every published jar (classes, sources, Javadoc) twice from clean and fails unless the two
# builds are byte for byte the same: anyone can then rebuild a release from its tag and check it
# against what was published. project.build.outputTimestamp (the parent POM) is what makes them so.
# Not part of `mvn -B verify`: two builds of the published modules take a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

published=(ws-protocol ws-transport-core ws-transport-blocking ws-transport-netty ws-transport-netty-http2 ws-transport-vertx ws-metrics-micrometer ws-cluster)
modules=$(IFS=,; echo "${published[*]}")
builds=$(mktemp -d)
trap 'rm -rf "$builds"' EXIT

build() {
  local into=$builds/$1
  mkdir -p "$into"
  # Tests are neither compiled nor run: they make no published byte.
  mvn -B -q clean package -Dmaven.test.skip=true -pl "$modules" -am
  for module in "${published[@]}"; do
    cp "$module"/target/*.jar "$into/"
  done
}

build first
# A second apart at least, so that a time leaking into an archive shows.
sleep 2
build second

cd "$builds"
different=0
for file in first/*; do
  name=${file#first/}
  if cmp -s "first/$name" "second/$name"; then
    echo "same       $name"
  else
    echo "DIFFERENT  $name"
    different=1
  fi
done
if [ "$different" != 0 ]; then
  echo "the two builds differ: see the files marked DIFFERENT (unzip both and diff them)" >&2
  exit 1
fi
echo "$(ls first | wc -l) files built twice, byte for byte the same"

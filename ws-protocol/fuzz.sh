#!/usr/bin/env bash
# Fuzzes one Jazzer target of ws-protocol (src/test/java/dev/wskit/protocol/fuzz) for a while.
# A finding is written as crash-<sha1> into that target's inputs directory under
# src/test/resources, where the next `mvn verify` replays it; the corpus Jazzer grows is kept in
# ws-protocol/.cifuzz-corpus (not committed).
#
# Usage: ws-protocol/fuzz.sh <TestClass[#method]> [duration] [extra Maven arguments]
#   ws-protocol/fuzz.sh FrameDecoderFuzzTest 10m
#   ws-protocol/fuzz.sh 'ConnectionFuzzTest#serverGivesDefinedOutcomesForAnyBytesAfterTheOpeningRequest' 1h -o
# Jazzer fuzzes one @FuzzTest per run: name the method when a class holds several.
set -euo pipefail

if [[ $# -lt 1 ]]; then
    echo "usage: $0 <TestClass[#method]> [duration, default 5m] [extra Maven arguments]" >&2
    echo "targets:" >&2
    for source in "$(dirname "$0")"/src/test/java/dev/wskit/protocol/fuzz/*FuzzTest.java; do
        grep -A1 '@FuzzTest' "$source" \
            | sed -n "s/^ *void \([A-Za-z]*\)(.*/  $(basename "$source" .java)#\1/p" >&2
    done
    exit 2
fi
target=$1
duration=${2:-5m}
shift $(( $# < 2 ? $# : 2 ))

cd "$(dirname "$0")/.."
# JAZZER_FUZZ switches @FuzzTest from replaying the committed inputs to fuzzing;
# jazzer.max_duration overrides the annotation's default of 5 minutes.
JAZZER_FUZZ=1 exec mvn -B test -pl ws-protocol \
    -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.max_duration="$duration" "$@"

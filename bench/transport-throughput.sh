#!/usr/bin/env bash
# One bulk stream through the full transport stack on loopback vs direct TCP, in one run (ratio).
#   client TCP -> forward at peer A -> splice -> QUIC -> splice at peer B -> TCP sink
#
#   bench/transport-throughput.sh [MiB per run] [runs]      (default 256 MiB, 3 runs, interleaved)
#
# NIO (the default transport); add -Dp2proxy.epoll=true to JAVA_OPTS to try epoll.
# Builds nothing: run `./mvnw -q -B install -pl transport -DskipTests` first.
set -euo pipefail
cd "$(dirname "$0")/.."
CPFILE=$(mktemp)
./mvnw -q -B -o dependency:build-classpath -pl transport -Dmdep.includeScope=test -Dmdep.outputFile="$CPFILE" >/dev/null
CP="$PWD/transport/target/test-classes:$PWD/transport/target/classes:$(cat "$CPFILE")"
rm -f "$CPFILE"
exec java ${JAVA_OPTS:-} -Xmx1g -cp "$CP" io.p2proxy.transport.bench.ThroughputBench "${1:-256}" "${2:-3}"

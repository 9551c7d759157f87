#!/usr/bin/env bash
# The many-idle-streams requirement: a bulk transfer's throughput with IDLE open proxied
# connections to the same peer, against its solo throughput (target: ratio >= 0.80).
# Four processes (peer A + forward here; peer B, TCP sink and idle clients as children), because
# 10,000 proxied connections need ~40,000 sockets and one process may open 20,000.
#
#   bench/transport-idle-streams.sh [IDLE] [MiB per bulk run] [streamsPerConnection] [runs]
#   (defaults: 10000, 256, TransportConfig.defaults(), 3)
#
# Builds nothing: run `./mvnw -q -B install -pl transport -DskipTests` first.
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n "$(ulimit -Hn)"
CPFILE=$(mktemp)
./mvnw -q -B -o dependency:build-classpath -pl transport -Dmdep.includeScope=test -Dmdep.outputFile="$CPFILE" >/dev/null
CP="$PWD/transport/target/test-classes:$PWD/transport/target/classes:$(cat "$CPFILE")"
rm -f "$CPFILE"
args=("${1:-10000}" "${2:-256}")
[[ -n "${3:-}" ]] && args+=("$3")
[[ -n "${4:-}" ]] && { [[ -z "${3:-}" ]] && args+=(64); args+=("$4"); }
exec java ${JAVA_OPTS:-} -Xmx1g -XX:+UseSerialGC -Dio.netty.leakDetection.level=disabled -cp "$CP" \
  io.p2proxy.transport.bench.IdleStreamsBench "${args[@]}"

#!/usr/bin/env bash
# Signaling capacity: how many logged-in peers one rendezvous server holds, and its memory per peer.
# The server runs alone in its JVM (so its heap and RSS are its own); the peers run in another JVM.
#
#   bench/signal-capacity.sh [PEERS] [PORT]     (default 19000 peers, port 18443)
#
# Builds nothing: run `./mvnw -q -B install -pl signal,rendezvous -DskipTests` first.
# Each side needs one file descriptor per peer: the script raises `ulimit -n` to the hard limit,
# which caps PEERS (on a machine where the hard limit is 20000, about 19,800).
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS=${1:-19000}
PORT=${2:-18443}
ulimit -n "$(ulimit -Hn)"
echo "ulimit -n: $(ulimit -n)"
if (( PEERS + 200 > $(ulimit -n) )); then
  echo "PEERS=$PEERS needs more file descriptors than ulimit -n allows ($(ulimit -n))" >&2
  exit 2
fi
CPFILE=$(mktemp)
./mvnw -q -B -o dependency:build-classpath -pl rendezvous -Dmdep.includeScope=test -Dmdep.outputFile="$CPFILE" >/dev/null
CP="rendezvous/target/test-classes:rendezvous/target/classes:$(cat "$CPFILE")"
rm -f "$CPFILE"
LOG=$(mktemp -d)
JAVA_OPTS=(-Dp2proxy.log.level=WARN -XX:+UseSerialGC)
java "${JAVA_OPTS[@]}" -Xmx1g -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -cp "$CP" io.p2proxy.rendezvous.bench.BenchServer "$PORT" "$PEERS" >"$LOG/server.log" 2>&1 &
SERVER=$!
java "${JAVA_OPTS[@]}" -Xmx3g -cp "$CP" io.p2proxy.rendezvous.bench.BenchClients "$PORT" "$PEERS" >"$LOG/clients.log" 2>&1 &
CLIENTS=$!
trap 'kill $CLIENTS $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 900); do
  if grep -q RESULT "$LOG/server.log"; then break; fi
  if ! kill -0 $SERVER 2>/dev/null; then echo "server died"; break; fi
  sleep 1
done
grep '\[bench' "$LOG/clients.log" | tail -5 || true
cat "$LOG/server.log" | grep '\[bench-server\]' || tail -20 "$LOG/server.log"
echo "logs: $LOG"

#!/usr/bin/env bash
# CPU used by the two peers while four RTSP clients play one camera through them.
# GStreamer's RTSP server (the test script) serves a live MJPEG test pattern; the rendezvous server
# and both peers run as separate processes; four ffmpeg clients read for DURATION seconds through
# the asking peer's [rtsp] listener. Prints each peer's CPU as a share of one core and of the machine.
#
#   bench/rtsp-cpu.sh [DURATION] [WIDTH] [HEIGHT] [FPS]     (default 30 s, 640x480, 25 fps)
#
# Needs: ffmpeg, python3-gi + gir1.2-gst-rtsp-server-1.0 + gstreamer1.0-plugins-{base,good}.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-30}; WIDTH=${2:-640}; HEIGHT=${3:-480}; FPS=${4:-25}; CLIENTS=4
./p2proxy --version >/dev/null
JAR=.p2proxy-build/p2proxy.jar
work=$(mktemp -d); pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
await_port() {
  for _ in $(seq 1 600); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
  echo "port $1 never opened; logs:" >&2; tail -n 5 "$work"/*.log >&2; exit 1
}
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

CAM=$(freeport); SIG=$(freeport); RTSP=$(freeport)
sed "s/width=160,height=120/width=$WIDTH,height=$HEIGHT/" rtsp/src/test/resources/io/p2proxy/rtsp/rtsp_server.py >"$work/cam.py"
/usr/bin/python3 "$work/cam.py" "$CAM" "$FPS" >"$work/cam.log" 2>&1 & pids+=($!)
java -jar "$JAR" server --listen "127.0.0.1:$SIG" --stun 127.0.0.1:0 --token bench --admin off >"$work/server.log" 2>&1 & pids+=($!)
await_port "$CAM"; await_port "$SIG"
java -jar "$JAR" peer --name garage --server "ws://127.0.0.1:$SIG" --token bench --key "$work/g.key" --admin off \
  --publish "camera=127.0.0.1:$CAM" --allow laptop >"$work/garage.log" 2>&1 & GARAGE=$!; pids+=($GARAGE)
java -jar "$JAR" peer --name laptop --server "ws://127.0.0.1:$SIG" --token bench --key "$work/l.key" --admin off \
  --rtsp "127.0.0.1:$RTSP" >"$work/laptop.log" 2>&1 & LAPTOP=$!; pids+=($LAPTOP)
await_port "$RTSP"
for _ in $(seq 1 600); do
  grep -q "logged in" "$work/garage.log" && grep -q "logged in" "$work/laptop.log" && break; sleep 0.1
done
URL="rtsp://127.0.0.1:$RTSP/garage/camera/test"
ffmpeg -nostdin -loglevel error -rtsp_transport tcp -i "$URL" -t 3 -f null - || true   # warm up the session and the JIT

g0=$(ticks $GARAGE); l0=$(ticks $LAPTOP); t0=$(date +%s.%N)
for i in $(seq 1 $CLIENTS); do
  ffmpeg -nostdin -rtsp_transport tcp -i "$URL" -t "$DURATION" -f null - >"$work/client$i.log" 2>&1 &
done
wait $(jobs -p | tail -n $CLIENTS) 2>/dev/null || true
g1=$(ticks $GARAGE); l1=$(ticks $LAPTOP); t1=$(date +%s.%N)
hz=$(getconf CLK_TCK); cores=$(nproc)
echo "$CLIENTS clients x ${DURATION} s of ${WIDTH}x${HEIGHT} MJPEG at ${FPS} fps through two peers ($cores cores):"
for i in $(seq 1 $CLIENTS); do
  echo "  client $i: $(grep -o 'frame= *[0-9]*' "$work/client$i.log" | tail -1 | tr -s ' ')  $(grep -o 'bitrate=[^ ]*' "$work/client$i.log" | tail -1)"
done
python3 - "$g0" "$g1" "$l0" "$l1" "$t0" "$t1" "$hz" "$cores" <<'PY'
import sys
g0, g1, l0, l1, t0, t1, hz, cores = map(float, sys.argv[1:])
wall = t1 - t0
for name, a, b in (("garage (publishes)", g0, g1), ("laptop (rtsp listener)", l0, l1)):
    cpu = (b - a) / hz
    print(f"  {name:24s} {100 * cpu / wall:5.1f} % of one core, {100 * cpu / wall / cores:5.1f} % of the machine")
both = ((g1 - g0) + (l1 - l0)) / hz
print(f"  both peers               {100 * both / wall:5.1f} % of one core, {100 * both / wall / cores:5.1f} % of the machine")
PY

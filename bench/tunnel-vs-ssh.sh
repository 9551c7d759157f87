#!/usr/bin/env bash
# End-to-end throughput in one run, as ratios: iperf3 through direct TCP, through `ssh -L`, and
# through a p2proxy port forward (server and two peers as separate processes on loopback).
#
#   bench/tunnel-vs-ssh.sh [SECONDS_PER_RUN] [RUNS]      (default 5 s, 3 runs; medians reported)
#
# Needs: iperf3, openssh-server (sshd), python3. Root is needed only for sshd's privilege
# separation directory. Everything binds 127.0.0.1; every process started here is killed by PID.
set -euo pipefail
cd "$(dirname "$0")/.."
T=${1:-5}
RUNS=${2:-3}
for tool in iperf3 /usr/sbin/sshd ssh ssh-keygen python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install iperf3 openssh-server)" >&2; exit 2; }
done
./p2proxy --version >/dev/null   # builds the jar when needed
JAR=.p2proxy-build/p2proxy.jar
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
await_port() { for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; exit 1; }

IPERF=$(freeport)
iperf3 -s -B 127.0.0.1 -p "$IPERF" >"$work/iperf.log" 2>&1 & pids+=($!)

# ssh -L against a private sshd on loopback
SSHD=$(freeport); SSHFWD=$(freeport)
mkdir -p /run/sshd
ssh-keygen -q -t ed25519 -N '' -f "$work/host"; ssh-keygen -q -t ed25519 -N '' -f "$work/user"
cp "$work/user.pub" "$work/authorized_keys"
cat >"$work/sshd_config" <<CFG
ListenAddress 127.0.0.1:$SSHD
HostKey $work/host
AuthorizedKeysFile $work/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
UsePAM no
StrictModes no
PidFile $work/sshd.pid
CFG
/usr/sbin/sshd -D -e -f "$work/sshd_config" 2>"$work/sshd.log" & pids+=($!)
await_port "$SSHD"
ssh -N -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
  -i "$work/user" -p "$SSHD" -L "127.0.0.1:$SSHFWD:127.0.0.1:$IPERF" "$(id -un)@127.0.0.1" & pids+=($!)

# p2proxy: server, garage publishes the iperf3 server, laptop forwards to it
SIG=$(freeport); FWD=$(freeport)
java -jar "$JAR" server --listen "127.0.0.1:$SIG" --stun 127.0.0.1:0 --token bench --admin off >"$work/server.log" 2>&1 & pids+=($!)
await_port "$SIG"
java -jar "$JAR" peer --name garage --server "ws://127.0.0.1:$SIG" --token bench --key "$work/garage.key" --admin off \
  --publish "sink=127.0.0.1:$IPERF" --allow laptop >"$work/garage.log" 2>&1 & pids+=($!)
java -jar "$JAR" peer --name laptop --server "ws://127.0.0.1:$SIG" --token bench --key "$work/laptop.key" --admin off \
  --forward "127.0.0.1:$FWD=garage/sink" >"$work/laptop.log" 2>&1 & pids+=($!)
await_port "$SSHFWD"
await_port "$FWD"

measure() { # port -> Gbit/s received
  iperf3 -c 127.0.0.1 -p "$1" -t "$T" -J 2>/dev/null | python3 -c \
    'import json,sys; d=json.load(sys.stdin); print("%.3f" % (d["end"]["sum_received"]["bits_per_second"]/1e9))'
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
direct=(); ssh=(); p2p=()
{ measure "$FWD"; } >/dev/null 2>&1 || true   # warm up the session and the JIT
for _ in $(seq 1 "$RUNS"); do
  direct+=("$(measure "$IPERF")"); ssh+=("$(measure "$SSHFWD")"); p2p+=("$(measure "$FWD")")
done
D=$(median "${direct[@]}"); S=$(median "${ssh[@]}"); P=$(median "${p2p[@]}")
echo "iperf3, ${T} s x ${RUNS} runs, medians (Gbit/s):"
echo "  direct TCP     $D   (${direct[*]})"
echo "  ssh -L         $S   (${ssh[*]})"
echo "  p2proxy        $P   (${p2p[*]})"
python3 -c "d,s,p=$D,$S,$P; print('ratios: p2proxy/direct %.3f   p2proxy/ssh %.2f   ssh/direct %.3f' % (p/d, p/s, s/d))"

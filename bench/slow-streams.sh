#!/usr/bin/env bash
# Holds STREAMS (5000) concurrent slow streaming requests open through the gateway and reports errors and the
# gateway's peak RSS. Loopback only; every process started here is stopped by PID on exit.
#
#   bench/slow-streams.sh            # env: STREAMS=5000 TTFT=0.5 GAP=0.5 RAMP=3 PORT=8080
#
# The mock upstream is the shared rig's nginx + echo module (MOCK_CONF, default ../shared/bench/nginx/
# mock-upstream.conf, worker_connections 16384) on 127.0.0.1:18081; its /delay/<ttft>/<gap>/v1 endpoint sends the
# 15 SSE events of the OpenAI answer GAP seconds apart, so each stream lasts about TTFT + 15 x GAP seconds.
# The gateway is started with bench/bench.yaml through bin/switchboard (launcher defaults), model
# "slow/mock-gpt-slow", and upstream max-connections 6000 (the default 512 per host would queue the streams).
# Needs: nginx-light, libnginx-mod-http-echo, python3.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STREAMS="${STREAMS:-5000}"
TTFT="${TTFT:-0.5}"
GAP="${GAP:-0.5}"
RAMP="${RAMP:-3}"
PORT="${PORT:-8080}"
MOCK_CONF="${MOCK_CONF:-$ROOT/../shared/bench/nginx/mock-upstream.conf}"
KEY=sk-bench-client
[ -f "$MOCK_CONF" ] || { echo "slow-streams.sh: mock config not found: $MOCK_CONF (set MOCK_CONF)" >&2; exit 2; }
[ -f /usr/lib/nginx/modules/ngx_http_echo_module.so ] || { echo "slow-streams.sh: needs libnginx-mod-http-echo" >&2; exit 2; }

# Each stream costs the gateway two sockets (client + upstream), the client one, the mock one.
need=$((2 * STREAMS + 1000))
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge "$need" ] || {
  echo "slow-streams.sh: open-files limit $(ulimit -n) < $need needed for $STREAMS streams" >&2; exit 2; }

RUN_DIR="${RUN_DIR:-$(mktemp -d /tmp/sb-slow.XXXXXX)}"
mkdir -p "$RUN_DIR/logs" "$RUN_DIR/tmp"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
for p in 18081 "$PORT"; do
  if port_busy "$p"; then echo "slow-streams.sh: port $p is busy" >&2; exit 2; fi
done

nginx -p "$RUN_DIR/" -e "$RUN_DIR/logs/mock-error.log" -c "$MOCK_CONF" \
  -g "daemon off; pid $RUN_DIR/mock.pid;" >"$RUN_DIR/logs/mock.out" 2>&1 &
STARTED+=($!)
for i in $(seq 1 100); do port_busy 18081 && break; sleep 0.1; done

cd "$ROOT"
BENCH_PORT=$PORT BENCH_MAX_CONNECTIONS=6000 BENCH_SLOW_TTFT=$TTFT BENCH_SLOW_GAP=$GAP \
  bin/switchboard --config bench/bench.yaml >"$RUN_DIR/logs/gateway.log" 2>&1 &
GW=$!; STARTED+=($GW)
for i in $(seq 1 300); do grep -q "listening on" "$RUN_DIR/logs/gateway.log" && break; sleep 0.1; done
grep -q "listening on" "$RUN_DIR/logs/gateway.log" || { echo "gateway did not start"; tail -20 "$RUN_DIR/logs/gateway.log"; exit 1; }
wait_ready "http://127.0.0.1:$PORT" || { echo "gateway not ready"; tail -20 "$RUN_DIR/logs/gateway.log"; exit 1; }
echo "run directory: $RUN_DIR; gateway pid $GW; $STREAMS streams, ttft ${TTFT}s, gap ${GAP}s, ramp ${RAMP}s"
rss_kb() { awk '/^VmRSS:/{print $2}' "/proc/$GW/status"; }
echo "gateway RSS before: $(( $(rss_kb) / 1024 )) MB"

# Sample the gateway's RSS, threads and open files every 0.25 s (bounded) while the client runs.
( n=0; max=0; maxfd=0
  while [ $n -lt 1200 ] && [ -d "/proc/$GW" ]; do
    r=$(rss_kb); f=$(ls "/proc/$GW/fd" 2>/dev/null | wc -l)
    [ "${r:-0}" -gt "$max" ] && max=$r; [ "$f" -gt "$maxfd" ] && maxfd=$f
    echo "$max $maxfd $(awk '/^Threads:/{print $2}' "/proc/$GW/status")" >"$RUN_DIR/tmp/peak"
    n=$((n + 1)); sleep 0.25
  done ) &
SAMPLER=$!; STARTED+=($SAMPLER)

cpu_s() { cut -d')' -f2- "/proc/$1/stat" | awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($12 + $13) / hz}'; }
C0=$(cpu_s "$GW"); W0=$(date +%s%N)
TIMEOUT=$(python3 -c "print(int(float('$TTFT') + 16 * float('$GAP') + float('$RAMP') + 60))")
python3 "$ROOT/bench/slow-streams.py" 127.0.0.1 "$PORT" slow/mock-gpt-slow "$KEY" "$STREAMS" "$RAMP" "$TIMEOUT" \
  | tee "$RUN_DIR/result.json"
kill "$SAMPLER" 2>/dev/null || true
echo "gateway CPU during the run: $(awk -v a="$(cpu_s "$GW")" -v b="$C0" 'BEGIN{printf "%.1f", a-b}') s" \
  "over $(( ($(date +%s%N) - W0) / 1000000 )) ms wall"
read -r peak maxfd threads <"$RUN_DIR/tmp/peak"
echo "gateway peak RSS (sampled VmRSS): $((peak / 1024)) MB; VmHWM: $(awk '/^VmHWM:/{printf "%d MB", $2/1024}' /proc/$GW/status);" \
  "peak open files: $maxfd; threads: $threads"
grep -E "WARN|ERROR" "$RUN_DIR/logs/gateway.log" | head -5 || true

#!/usr/bin/env bash
# Switchboard's own benchmark (no shared rig needed): the gateway in front of a mock upstream, against the mock
# alone, on loopback. Builds the jar if needed, starts the mock (nginx + echo module) and the gateway
# (bin/switchboard --config bench/bench.yaml: launcher JVM defaults, request log on), runs wrk, prints a table,
# and stops everything it started by PID.
#
#   bench/run.sh                     # env: DURATION=8 WARMUP=2 CONNS=32 PORT=8080 FLOOR=1 FLOOR_PORT=8090
#
# Per target (mock "direct", the Vert.x floor "floor", gateway "switchboard") and mode (non-streaming, streaming):
#   throughput  wrk, CONNS connections, closed loop -> RPS (and CPU us/request of the floor and the gateway)
#   latency     wrk, 1 connection, closed loop      -> unloaded p50/p99; "added" = gateway minus direct
# Needs: nginx-light, libnginx-mod-http-echo, wrk (Debian: apt-get install -y nginx-light libnginx-mod-http-echo wrk).
# The mock config is ../shared/bench/nginx/mock-upstream.conf when present (MOCK_CONF), else a built-in copy of its
# OpenAI chat answers is written to the run directory.
# The floor (FLOOR=1, the default; FLOOR=0 skips it) is bench/VertxFloor.java: a bare Vert.x proxy with the gateway's
# transport and JVM memory settings and none of its work, so the gateway's CPU per request can be read against what
# the stack itself costs on the same machine in the same minutes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${DURATION:-8}"
WARMUP="${WARMUP:-2}"
CONNS="${CONNS:-32}"
PORT="${PORT:-8080}"
FLOOR="${FLOOR:-1}"
FLOOR_PORT="${FLOOR_PORT:-8090}"
KEY=sk-bench-client
[ "$DURATION" -ge 1 ] && [ "$DURATION" -le 120 ] || { echo "run.sh: DURATION must be 1..120" >&2; exit 2; }
for cmd in nginx wrk curl; do
  command -v "$cmd" >/dev/null || { echo "run.sh: missing $cmd (apt-get install -y nginx-light libnginx-mod-http-echo wrk)" >&2; exit 2; }
done
[ -f /usr/lib/nginx/modules/ngx_http_echo_module.so ] || { echo "run.sh: missing libnginx-mod-http-echo" >&2; exit 2; }

RUN_DIR="${RUN_DIR:-$(mktemp -d /tmp/sb-bench.XXXXXX)}"
mkdir -p "$RUN_DIR/logs" "$RUN_DIR/tmp"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
for p in 18081 "$PORT" $([ "$FLOOR" = 1 ] && echo "$FLOOR_PORT"); do
  if port_busy "$p"; then echo "run.sh: port $p is busy on 127.0.0.1" >&2; exit 2; fi
done

# ---------- build ----------
JAR="$ROOT/switchboard-server/target/switchboard.jar"
if [ ! -f "$JAR" ]; then
  echo "building $JAR ..."
  (cd "$ROOT" && JAVA_HOME="$("$ROOT/bin/java25")" ./mvnw -q -B -DskipTests package)
fi

# ---------- mock upstream ----------
MOCK_CONF="${MOCK_CONF:-$ROOT/../shared/bench/nginx/mock-upstream.conf}"
if [ ! -f "$MOCK_CONF" ]; then
  MOCK_CONF="$RUN_DIR/mock-upstream.conf"
  python3 - "$MOCK_CONF" <<'EOF'
import json, sys
base = {"id": "chatcmpl-bench0000000000000000000001", "created": 1700000000, "model": "mock-gpt",
        "system_fingerprint": "fp_mock"}
text = "Hello! This is a fixed reply from the benchmark mock upstream. It has about thirty tokens so that it looks like a short, real answer."
plain = dict(base, object="chat.completion", choices=[{"index": 0, "message": {"role": "assistant", "content": text,
             "refusal": None}, "logprobs": None, "finish_reason": "stop"}],
             usage={"prompt_tokens": 19, "completion_tokens": 30, "total_tokens": 49})
def chunk(delta, finish=None):
    return dict(base, object="chat.completion.chunk",
                choices=[{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}])
events = [chunk({"role": "assistant", "content": ""})]
events += [chunk({"content": t}) for t in ["Hello", "!", " This", " is", " a", " streamed", " reply", " from", " the",
                                           " mock", " upstream", "."]]
events += [chunk({}, "stop"), dict(base, object="chat.completion.chunk", choices=[],
                                    usage={"prompt_tokens": 19, "completion_tokens": 12, "total_tokens": 31})]
sse = "".join("data: " + json.dumps(e, separators=(",", ":")) + "\\n\\n" for e in events) + "data: [DONE]\\n\\n"
q = lambda s: "'" + s.replace("'", "\\'") + "'"
open(sys.argv[1], "w").write(f"""load_module /usr/lib/nginx/modules/ngx_http_echo_module.so;
worker_processes 1;
events {{ worker_connections 16384; multi_accept on; }}
http {{
  access_log off; keepalive_requests 10000000; keepalive_timeout 300s;
  client_body_buffer_size 1m; client_body_in_single_buffer on; client_body_temp_path tmp/mock-body;
  proxy_temp_path tmp/p; fastcgi_temp_path tmp/f; uwsgi_temp_path tmp/u; scgi_temp_path tmp/s;
  map $request_body $mock_kind {{ default json; "~\\"stream\\"\\s*:\\s*true" sse; }}
  server {{
    listen 127.0.0.1:18081 backlog=4096;
    location = /v1/chat/completions {{ echo_read_request_body; echo_exec /_mock/chat_$mock_kind; }}
    location = /_mock/chat_json {{ internal; default_type application/json; return 200 {q(json.dumps(plain, separators=(",", ":")))}; }}
    location = /_mock/chat_sse {{ internal; default_type text/event-stream; return 200 {q(sse)}; }}
  }}
}}
""")
EOF
fi
nginx -p "$RUN_DIR/" -e "$RUN_DIR/logs/mock-error.log" -c "$MOCK_CONF" \
  -g "daemon off; pid $RUN_DIR/mock.pid;" >"$RUN_DIR/logs/mock.out" 2>&1 &
STARTED+=($!)
wait_port 18081 || { echo "mock did not start"; cat "$RUN_DIR/logs/mock-error.log"; exit 1; }

# ---------- gateway ----------
T0=$(date +%s%N)
(cd "$ROOT" && BENCH_PORT=$PORT exec bin/switchboard --config bench/bench.yaml) >"$RUN_DIR/logs/gateway.log" 2>&1 &
GW=$!; STARTED+=($GW)
for i in $(seq 1 1500); do grep -q "listening on" "$RUN_DIR/logs/gateway.log" && break; sleep 0.02; done
grep -q "listening on" "$RUN_DIR/logs/gateway.log" || { echo "gateway did not start"; tail -20 "$RUN_DIR/logs/gateway.log"; exit 1; }
echo "gateway pid $GW listening after $(( ($(date +%s%N) - T0) / 1000000 )) ms; run directory $RUN_DIR"
# The load starts once the gateway reports ready, i.e. after its JIT warm-up (server.warm-up in bench.yaml).
wait_ready "http://127.0.0.1:$PORT" || { echo "gateway not ready"; tail -20 "$RUN_DIR/logs/gateway.log"; exit 1; }
echo "gateway ready after $(( ($(date +%s%N) - T0) / 1000000 )) ms ($(grep -o 'JIT warm-up.*' "$RUN_DIR/logs/gateway.log" || echo 'no warm-up'))"

# ---------- the Vert.x floor ----------
TARGETS=(direct switchboard)
declare -A PIDS=([switchboard]=$GW)
if [ "$FLOOR" = 1 ]; then
  # The launcher's memory settings (bin/switchboard), so that only the work differs.
  MALLOC_ARENA_MAX=1 "$("$ROOT/bin/java25")/bin/java" -XX:+UseSerialGC -Xms128m -Xmx192m -Xmn48m -XX:SurvivorRatio=4 \
    -Xss512k --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -cp "$JAR" "$ROOT/bench/VertxFloor.java" "$FLOOR_PORT" 18081 >"$RUN_DIR/logs/floor.log" 2>&1 &
  PIDS[floor]=$!; STARTED+=($!)
  # Up to 30 s: the java launcher compiles the source file before it listens.
  wait_port "$FLOOR_PORT" 300 || { echo "floor did not start"; cat "$RUN_DIR/logs/floor.log"; exit 1; }
  TARGETS=(direct floor switchboard)
fi

# ---------- bodies, wrk script ----------
printf '%s' '{"model":"mock-gpt","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"Say hello in one short sentence."}],"max_tokens":64,"temperature":0}' >"$RUN_DIR/plain.json"
printf '%s' '{"model":"mock-gpt","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"Say hello in one short sentence."}],"max_tokens":64,"temperature":0,"stream":true}' >"$RUN_DIR/stream.json"
cat >"$RUN_DIR/post.lua" <<'EOF'
function init(args)
  local f = assert(io.open(args[1], "rb")); wrk.body = f:read("*a"); f:close()
  wrk.method = "POST"; wrk.headers["Content-Type"] = "application/json"
  if args[2] then wrk.headers["Authorization"] = "Bearer " .. args[2] end
end
function done(s, lat, req)
  local e = s.errors
  io.write(string.format("RESULT %d %d %.1f %.1f %.1f\n", s.requests,
    e.connect + e.read + e.write + e.status + e.timeout, s.requests / (s.duration / 1e6),
    lat:percentile(50), lat:percentile(99)))
end
EOF
for kind in plain stream; do
  code=$(curl -s -m 10 -o "$RUN_DIR/smoke-$kind.txt" -w '%{http_code}' http://127.0.0.1:$PORT/v1/chat/completions \
    -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' --data-binary @"$RUN_DIR/$kind.json" || true)
  [ "$code" = 200 ] || { echo "smoke test ($kind) failed: HTTP $code $(head -c 300 "$RUN_DIR/smoke-$kind.txt")"; exit 1; }
done

CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { cut -d')' -f2- "/proc/$1/stat" | awk '{print $12 + $13}'; }
# wrk_run URL BODY CONNS SECONDS [KEY] -> "requests errors rps p50 p99"
wrk_run() {
  timeout $(( $4 + 30 )) wrk -t1 -c"$3" -d"$4s" --timeout 10s -s "$RUN_DIR/post.lua" "$1" -- "$2" ${5:-} \
    | awk '/^RESULT/{print $2, $3, $4, $5, $6}'
}

declare -A R
# The gateway warmed itself up before it reported ready; the floor gets the same chance (C2 compiles in ~10 s).
[ "$FLOOR" = 1 ] && for kind in plain stream; do
  wrk_run "http://127.0.0.1:$FLOOR_PORT/v1/chat/completions" "$RUN_DIR/$kind.json" "$CONNS" 10 >/dev/null
done
for kind in plain stream; do
  for target in "${TARGETS[@]}"; do
    case $target in
      direct) url=http://127.0.0.1:18081/v1/chat/completions; key="" ;;
      floor) url=http://127.0.0.1:$FLOOR_PORT/v1/chat/completions; key="" ;;
      *) url=http://127.0.0.1:$PORT/v1/chat/completions; key=$KEY ;;
    esac
    wrk_run "$url" "$RUN_DIR/$kind.json" "$CONNS" "$WARMUP" $key >/dev/null
    pid=${PIDS[$target]:-}
    [ -n "$pid" ] && c0=$(cpu_ticks "$pid")
    R[$target.$kind.tp]=$(wrk_run "$url" "$RUN_DIR/$kind.json" "$CONNS" "$DURATION" $key)
    [ -n "$pid" ] && R[$target.$kind.cpu]=$(( $(cpu_ticks "$pid") - c0 ))
    R[$target.$kind.lat]=$(wrk_run "$url" "$RUN_DIR/$kind.json" 1 "$DURATION" $key)
    echo "  $target $kind: throughput [${R[$target.$kind.tp]}] latency@1conn [${R[$target.$kind.lat]}]" \
      "(requests errors rps p50_us p99_us)"
  done
done

echo
echo "switchboard vs the mock alone and the Vert.x floor ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), wrk -t1, ${DURATION}s runs)"
printf '%-11s %-7s %10s %10s %10s %8s %9s %9s %9s %10s\n' mode target "RPS@$CONNS" "p50@1c" "p99@1c" errors \
  "+p50 us" "+p99 us" "RPS/direct" "CPU us/req"
for kind in plain stream; do
  read -r dreq derr drps _ _ <<<"${R[direct.$kind.tp]}"; read -r _ derr2 _ dp50 dp99 <<<"${R[direct.$kind.lat]}"
  printf '%-11s %-7s %10.0f %10.0f %10.0f %8d %9s %9s %9s %10s\n' "$kind" direct "$drps" "$dp50" "$dp99" $((derr + derr2)) - - - -
  for target in "${TARGETS[@]:1}"; do
    read -r greq gerr grps _ _ <<<"${R[$target.$kind.tp]}"; read -r _ gerr2 _ gp50 gp99 <<<"${R[$target.$kind.lat]}"
    cpu=$(awk -v t="${R[$target.$kind.cpu]}" -v hz="$CLK_TCK" -v n="$greq" -v e="$gerr" 'BEGIN{printf "%.1f", t*1e6/hz/(n-e)}')
    printf '%-11s %-7s %10.0f %10.0f %10.0f %8d %9.0f %9.0f %9.3f %10s\n' "$kind" "${target/switchboard/gateway}" \
      "$grps" "$gp50" "$gp99" $((gerr + gerr2)) "$(awk -v a="$gp50" -v b="$dp50" 'BEGIN{print a-b}')" \
      "$(awk -v a="$gp99" -v b="$dp99" 'BEGIN{print a-b}')" "$(awk -v a="$grps" -v b="$drps" 'BEGIN{print a/b}')" "$cpu"
  done
done
echo "gateway peak RSS (VmHWM): $(awk '/^VmHWM:/{printf "%d MB", $2/1024}' /proc/$GW/status)"

# Shared by the bench scripts (sourced): every process a script starts goes into STARTED and is stopped by PID
# when the script exits, whatever the way; loopback port checks.
STARTED=()
cleanup() {
  local rc=$? p i
  set +e
  for p in "${STARTED[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${STARTED[@]}"; do
    for i in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$p" 2>/dev/null && kill -KILL "$p"
    wait "$p" 2>/dev/null
  done
  exit $rc
}
trap cleanup EXIT INT TERM
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# wait_port PORT [TRIES]: polls every 0.1 s, TRIES times (default 100: 10 s).
wait_port() { local i; for i in $(seq 1 "${2:-100}"); do port_busy "$1" && return 0; sleep 0.1; done; return 1; }
# wait_ready BASE_URL: until /health/ready answers 200 (the JIT warm-up holds readiness), at most 120 s.
wait_ready() { local i; for i in $(seq 1 1200); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$1/health/ready")" = 200 ] && return 0; sleep 0.1; done; return 1; }

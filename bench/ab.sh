#!/usr/bin/env bash
# A/B two gateway builds under identical JVM flags, alternating, against the shared rig's mock upstream:
# non-streaming wrk, 32 connections, 5 s warm-up then 10 s measured, request log on (each build's bench/bench.yaml).
#
#   bench/ab.sh OLD_CHECKOUT NEW_CHECKOUT [ROUNDS]     # each a checkout with switchboard-server/target/switchboard.jar
#
# e.g. git worktree add /tmp/core c1e6aad && (cd /tmp/core && ./mvnw -q -B -DskipTests package)
#      bench/ab.sh /tmp/core . 2
# Loopback only; every process started here is stopped by PID. Needs nginx-light, libnginx-mod-http-echo, wrk.
set -euo pipefail
OLD="$(cd "$1" && pwd)"; NEW="$(cd "$2" && pwd)"; ROUNDS="${3:-2}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; RIG="$HERE/../../shared/bench"
JAVA_HOME="$("$HERE/../bin/java25")"
RUN="$(mktemp -d /tmp/sb-ab.XXXXXX)"; mkdir -p "$RUN/logs" "$RUN/tmp"
nginx -p "$RUN/" -e "$RUN/logs/e.log" -c "$RIG/nginx/mock-upstream.conf" -g "daemon off; pid $RUN/mock.pid;" &
MOCK=$!
trap 'kill $MOCK 2>/dev/null || true' EXIT
sleep 1
one() { # checkout label
  (cd "$1" && rm -rf data && MALLOC_ARENA_MAX=2 exec "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xms128m -Xmx128m -Xmn64m \
    -Xss512k -XX:ReservedCodeCacheSize=64m --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -jar switchboard-server/target/switchboard.jar --config bench/bench.yaml > "$RUN/$2.log" 2>&1) &
  local gw=$!; sleep 6
  local wrk_args=(-t1 -c32 -s "$RIG/wrk/post.lua" -H 'Authorization: Bearer sk-bench-client'
    http://127.0.0.1:8080/v1/chat/completions -- "$RIG/bodies/chat.json")
  wrk -d5s "${wrk_args[@]}" > /dev/null
  local t0; t0=$(awk '{print $14+$15}' /proc/$gw/stat)
  local r; r=$(wrk -d10s "${wrk_args[@]}" | awk '/requests in/ {print $1}')
  local t1; t1=$(awk '{print $14+$15}' /proc/$gw/stat)
  echo "$2: rps=$((r / 10)) cpu_us_per_request=$(( (t1 - t0) * 10000 / r ))"
  kill "$gw"; wait "$gw" 2>/dev/null || true; sleep 1
}
for i in $(seq 1 "$ROUNDS"); do one "$OLD" old; one "$NEW" new; done

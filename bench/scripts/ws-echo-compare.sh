#!/usr/bin/env bash
# Head-to-head WebSocket echo: our Host (src/Host --ws-echo) against ASP.NET Core Kestrel (bench/KestrelEcho),
# same load generator (bench/LoadGen ws-echo), same run, alternating, several rounds. Prints each run's JSON
# line, then medians and ratios (ours / Kestrel).
#
# usage: bench/scripts/ws-echo-compare.sh
# env:   ROUNDS (3) CLIENTS (100) DURATION (10) WARMUP (3) SIZE (32)
#        SERVER_ENV: extra VAR=value words set for both servers, for side experiments
#        (e.g. SERVER_ENV=DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1)
#
# Both servers bind 127.0.0.1 only. The script stops only the processes it started (by pid).
set -euo pipefail
cd "$(dirname "$0")/../.."

ROUNDS=${ROUNDS:-3}
CLIENTS=${CLIENTS:-100}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
SIZE=${SIZE:-32}
SERVER_ENV=${SERVER_ENV:-}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "building (Release)..."
for project in src/Host bench/KestrelEcho bench/LoadGen; do
  dotnet build "$project" -c Release -v q -nologo | grep -E "warning|error" || true
done

HOST_BIN=src/Host/bin/Release/net10.0/SocketIo.Host
KESTREL_BIN=bench/KestrelEcho/bin/Release/net10.0/KestrelEcho
LOADGEN_BIN=bench/LoadGen/bin/Release/net10.0/SocketIo.LoadGen
OUT=$(mktemp -d /tmp/ws-echo-compare.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}
trap cleanup EXIT

# A loopback port nobody listens on (checked with ss; ports from the upper half of the dynamic range).
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((40000 + RANDOM % 20000))
    if ! ss -Hltn "sport = :$port" | grep -q .; then echo "$port"; return 0; fi
  done
  echo "no free port found" >&2; return 1
}

wait_ready() { # url pid
  for _ in $(seq 1 200); do
    curl -fs -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { echo "server $2 exited" >&2; return 1; }
    sleep 0.1
  done
  echo "server at $1 not ready after 20 s" >&2; return 1
}

OURS_PORT=$(free_port)
env $SERVER_ENV "$HOST_BIN" --listen 127.0.0.1 --port "$OURS_PORT" --ws-echo /echo --log-level warning >"$OUT/ours.log" 2>&1 &
OURS_PID=$!; PIDS+=("$OURS_PID")
wait_ready "http://127.0.0.1:$OURS_PORT/__stats" "$OURS_PID"

KESTREL_PORT=$(free_port)
env $SERVER_ENV "$KESTREL_BIN" --urls "http://127.0.0.1:$KESTREL_PORT" >"$OUT/kestrel.log" 2>&1 &
KESTREL_PID=$!; PIDS+=("$KESTREL_PID")
wait_ready "http://127.0.0.1:$KESTREL_PORT/__stats" "$KESTREL_PID"

echo "ours:    pid $OURS_PID port $OURS_PORT"
echo "kestrel: pid $KESTREL_PID port $KESTREL_PORT"
echo "runs:    $ROUNDS rounds x {ours, kestrel}, $CLIENTS clients, $SIZE B, warmup $WARMUP s, measured $DURATION s; raw output in $OUT"
echo "servers: env ${SERVER_ENV:-(none)}"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) before the first run"

run() { # name port pid round
  local log="$OUT/$1-$4.txt"
  "$LOADGEN_BIN" ws-echo --url "ws://127.0.0.1:$2/echo" --clients "$CLIENTS" --duration "$DURATION" \
    --warmup "$WARMUP" --size "$SIZE" --server-pid "$3" --stats-url "http://127.0.0.1:$2/__stats" >"$log" 2>&1 \
    || { echo "load generator failed against $1:"; cat "$log"; exit 1; }
  local json
  json=$(grep '^{"scenario"' "$log")
  echo "$1 round $4: $json"
  echo "$json" >>"$OUT/$1.jsonl"
}

for round in $(seq 1 "$ROUNDS"); do
  # Alternate which server goes first, so a drift in machine load does not favour one side.
  if (( round % 2 == 1 )); then
    run ours "$OURS_PORT" "$OURS_PID" "$round"; run kestrel "$KESTREL_PORT" "$KESTREL_PID" "$round"
  else
    run kestrel "$KESTREL_PORT" "$KESTREL_PID" "$round"; run ours "$OURS_PORT" "$OURS_PID" "$round"
  fi
done
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) after the last run"

field() { grep -o "\"$2\":[-0-9.e+]*" "$OUT/$1.jsonl" | cut -d: -f2; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo
printf '%-22s %14s %14s %14s\n' "median of $ROUNDS" "ours" "kestrel" "ours/kestrel"
for key in msgsPerSec p50Us p99Us p999Us serverCpuUsPerMsg clientCpuUsPerMsg allocBytesPerMsg framesPerSend; do
  ours=$(field ours "$key" | median)
  kestrel=$(field kestrel "$key" | median)
  ratio=$(awk -v a="$ours" -v b="$kestrel" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.3f", a / b }')
  printf '%-22s %14s %14s %14s\n' "$key" "$ours" "$kestrel" "$ratio"
done

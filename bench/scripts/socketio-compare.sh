#!/usr/bin/env bash
# Head-to-head Socket.IO load: our Host (--app reference) against the Node socket.io 4.8 reference server
# (bench/peers), same load generator (bench/LoadGen), every scenario, alternating which server goes first,
# several rounds; a fresh server process for every run so RSS figures start from the same state. Prints each
# run's JSON line, then medians and ratios (ours / node).
#
# usage: bench/scripts/socketio-compare.sh
# env:   ROUNDS (3)  SCENARIOS ("fanout-1k fanout-10k echo connect polling")
#        FANOUT_MESSAGES_1K (500) FANOUT_MESSAGES_10K (50) ECHO_CLIENTS (100) POLLING_CLIENTS (50)
#        CONNECTIONS (10000) DURATION (5) WARMUP (2) SOURCE_ADDRESSES (4)
#        SERVERS ("ours node"): drop one to run the other alone. "ours" is skipped (with a note) when the
#        Host does not serve the reference app yet.
#
# Servers bind 127.0.0.1 only. The script stops only the processes it started (by pid).
set -euo pipefail
cd "$(dirname "$0")/../.."

ROUNDS=${ROUNDS:-3}
SCENARIOS=${SCENARIOS:-"fanout-1k fanout-10k echo connect polling"}
FANOUT_MESSAGES_1K=${FANOUT_MESSAGES_1K:-500}
FANOUT_MESSAGES_10K=${FANOUT_MESSAGES_10K:-50}
ECHO_CLIENTS=${ECHO_CLIENTS:-100}
POLLING_CLIENTS=${POLLING_CLIENTS:-50}
CONNECTIONS=${CONNECTIONS:-10000}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-2}
SOURCE_ADDRESSES=${SOURCE_ADDRESSES:-4}
SERVERS=${SERVERS:-"ours node"}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "building (Release) and installing bench/peers..."
for project in src/Host bench/LoadGen; do
  dotnet build "$project" -c Release -v q -nologo | grep -E "warning|error" || true
done
(cd bench/peers && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

HOST_BIN=src/Host/bin/Release/net10.0/SocketIo.Host
LOADGEN_BIN=bench/LoadGen/bin/Release/net10.0/SocketIo.LoadGen
OUT=$(mktemp -d /tmp/socketio-compare.XXXXXX)
SERVER_PID=""

stop_server() {
  local pid=$SERVER_PID
  SERVER_PID=""
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
trap stop_server EXIT

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((40000 + RANDOM % 20000))
    if ! ss -Hltn "sport = :$port" | grep -q .; then echo "$port"; return 0; fi
  done
  echo "no free port found" >&2; return 1
}

# Starts server $1 on a free port; sets SERVER_PID and PORT. Ready once the Engine.IO handshake answers.
start_server() {
  PORT=$(free_port)
  case $1 in
    ours) "$HOST_BIN" --listen 127.0.0.1 --port "$PORT" --app reference --max-connections 100000 --log-level warning >>"$OUT/ours.log" 2>&1 & ;;
    node) node bench/peers/reference-server.js --port "$PORT" >>"$OUT/node.log" 2>&1 & ;;
  esac
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    if curl -fs "http://127.0.0.1:$PORT/socket.io/?EIO=4&transport=polling" 2>/dev/null | grep -q '^0{'; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "$1 server exited" >&2; SERVER_PID=""; return 1; }
    sleep 0.1
  done
  echo "$1 server does not answer a Socket.IO handshake at /socket.io/" >&2
  stop_server
  return 1
}

# Keep only the servers that serve the reference app (ours may not yet).
ACTIVE=()
for server in $SERVERS; do
  if start_server "$server"; then ACTIVE+=("$server"); stop_server; else echo "skipping $server"; fi
done
((${#ACTIVE[@]} > 0)) || { echo "no server to run against"; exit 1; }

scenario_args() { # scenario -> load generator arguments
  case $1 in
    fanout-1k) echo "fanout --clients 1000 --messages $FANOUT_MESSAGES_1K --warmup-messages 100" ;;
    fanout-10k) echo "fanout --clients 10000 --messages $FANOUT_MESSAGES_10K --warmup-messages 10 --source-addresses $SOURCE_ADDRESSES" ;;
    echo) echo "echo --clients $ECHO_CLIENTS --duration $DURATION --warmup $WARMUP" ;;
    connect) echo "connect --connections $CONNECTIONS --source-addresses $SOURCE_ADDRESSES" ;;
    polling) echo "polling --clients $POLLING_CLIENTS --duration $DURATION --warmup $WARMUP" ;;
    *) echo "unknown scenario $1" >&2; return 1 ;;
  esac
}

echo "servers: ${ACTIVE[*]}; node $(node --version), socket.io $(node -p "require('./bench/peers/node_modules/socket.io/package.json').version"), dotnet $(dotnet --version)"
echo "runs:    $ROUNDS rounds x {${SCENARIOS}} x {${ACTIVE[*]}}; raw output in $OUT"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) before the first run"

run() { # server scenario round
  local log="$OUT/$2-$1-$3.txt" args
  args=$(scenario_args "$2")
  start_server "$1"
  # shellcheck disable=SC2086
  if ! "$LOADGEN_BIN" $args --url "http://127.0.0.1:$PORT" --server-pid "$SERVER_PID" \
      --stats-url "http://127.0.0.1:$PORT/__stats" >"$log" 2>&1; then
    echo "$2 against $1 round $3 reported a failure (see $log):"; tail -5 "$log"
  fi
  stop_server
  local json
  json=$(grep '^{"scenario"' "$log" || true)
  echo "$2 $1 round $3: ${json:-no result}"
  [[ -n "$json" ]] && echo "$json" >>"$OUT/$2-$1.jsonl"
  return 0
}

for round in $(seq 1 "$ROUNDS"); do
  order=("${ACTIVE[@]}")
  if (( round % 2 == 0 )) && ((${#ACTIVE[@]} == 2)); then order=("${ACTIVE[1]}" "${ACTIVE[0]}"); fi
  for scenario in $SCENARIOS; do
    for server in "${order[@]}"; do run "$server" "$scenario" "$round"; done
  done
done
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) after the last run"

field() { [[ -f "$OUT/$1.jsonl" ]] && grep -oE "\"$2\":-?[0-9][-0-9.e+]*" "$OUT/$1.jsonl" | cut -d: -f2; return 0; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

keys_of() {
  case $1 in
    fanout-*) echo "deliveriesPerSec seconds serverCpuUsPerDelivery clientCpuUsPerDelivery deliveriesPerServerCpuSec allocBytesPerDelivery framesPerSend serverRssMiB lost orderErrors" ;;
    echo|polling) echo "requestsPerSec p50Us p90Us p99Us p999Us maxUs serverCpuUsPerRequest clientCpuUsPerRequest allocBytesPerRequest" ;;
    connect) echo "connectionsPerSec failures serverCpuUsPerConnection clientCpuUsPerConnection rssBytesPerConnection" ;;
  esac
}

for scenario in $SCENARIOS; do
  echo
  printf '%-28s %14s %14s %14s\n' "$scenario (median of $ROUNDS)" "ours" "node" "ours/node"
  for key in $(keys_of "$scenario"); do
    ours=$(field "$scenario-ours" "$key" | median)
    node=$(field "$scenario-node" "$key" | median)
    ratio=$(awk -v a="$ours" -v b="$node" 'BEGIN { if (a == "n/a" || b == "n/a" || b + 0 == 0) print "n/a"; else printf "%.3f", a / b }')
    printf '%-28s %14s %14s %14s\n' "$key" "$ours" "$node" "$ratio"
  done
done

#!/usr/bin/env bash
# Head-to-head Socket.IO load: our Host (--app reference) against the Node socket.io 4.8 reference server
# (bench/peers), same load generator (bench/LoadGen), every scenario, alternating which server goes first,
# several rounds; a fresh server process for every run so RSS figures start from the same state. Prints each
# run's JSON line, then medians and ratios (ours / node).
#
# The ws-echo scenario is the bare-WebSocket baseline of issue 7 ("echo at least as good as a bare WebSocket
# server"): the same K clients in the same closed loop, one plain WebSocket message instead of an acked
# Socket.IO event, against ASP.NET Core Kestrel (bench/KestrelEcho) and our Host's --ws-echo /echo; a last
# table sets our Socket.IO echo beside both.
#
# STRACE=1 adds, after the rounds, one short fanout run per server with `strace -c -f -p SERVER_PID` attached,
# and prints the server's send-type syscall counts and deliveries per send call.
#
# usage: bench/scripts/socketio-compare.sh
# env:   ROUNDS (3)  SCENARIOS ("fanout-1k fanout-10k echo ws-echo connect polling")
#        FANOUT_MESSAGES_1K (1000) FANOUT_MESSAGES_10K (200) ECHO_CLIENTS (100) POLLING_CLIENTS (50)
#        (fanout-1k warms up with 300 messages and the closed loops for WARMUP seconds: .NET's tiered compilation
#        re-JITs hot paths with profile data for several seconds (a 2 s warm-up left echo p99 2-3x higher), and the
#        measured window should be the steady state, for every server alike.)
#        CONNECTIONS (10000) DURATION (5) WARMUP (8) SOURCE_ADDRESSES (4)
#        SERVERS ("ours node"): drop one to run the other alone. "ours" is skipped (with a note) when the
#        Host does not serve the reference app yet. WS_SERVERS ("ours kestrel"): the servers of ws-echo.
#        STRACE (0), STRACE_MESSAGES (300): messages of the strace'd fanout run (1,000 clients).
#        INLINE_IO (1): run the .NET servers (our Host and Kestrel alike) with socket completions on the
#        runtime's socket threads (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1; our Host's --inline-io).
#        Node runs everything on its one event-loop thread anyway. 0 keeps the thread-pool default.
#        PIN (1): the server runs on CPU 0 and the load generator on CPU 1 (taskset), every server alike. Unpinned,
#        the two processes' threads share both cores and some runs fall into a mode where a few clients ping-pong
#        with the server while the others wait ~8 ms (echo p99 8 ms instead of ~1.3 ms); pinned, 6 of 6 runs
#        were steady. 0 leaves scheduling to the kernel.
#
# Servers bind 127.0.0.1 only. The script stops only the processes it started (by pid).
set -euo pipefail
cd "$(dirname "$0")/../.."

ROUNDS=${ROUNDS:-3}
SCENARIOS=${SCENARIOS:-"fanout-1k fanout-10k echo ws-echo connect polling"}
FANOUT_MESSAGES_1K=${FANOUT_MESSAGES_1K:-1000}
FANOUT_MESSAGES_10K=${FANOUT_MESSAGES_10K:-200}
ECHO_CLIENTS=${ECHO_CLIENTS:-100}
POLLING_CLIENTS=${POLLING_CLIENTS:-50}
CONNECTIONS=${CONNECTIONS:-10000}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-8}
SOURCE_ADDRESSES=${SOURCE_ADDRESSES:-4}
SERVERS=${SERVERS:-"ours node"}
WS_SERVERS=${WS_SERVERS:-"ours kestrel"}
STRACE=${STRACE:-0}
STRACE_MESSAGES=${STRACE_MESSAGES:-300}
INLINE_IO=${INLINE_IO:-1}
DOTNET_ENV=()
if [[ "$INLINE_IO" == 1 ]]; then DOTNET_ENV=(env DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1); fi
PIN=${PIN:-1}
SERVER_PIN=() LOADGEN_PIN=()
if [[ "$PIN" == 1 ]] && command -v taskset >/dev/null && (($(nproc) >= 2)); then
  SERVER_PIN=(taskset -c 0) LOADGEN_PIN=(taskset -c 1)
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "building (Release) and installing bench/peers..."
for project in src/Host bench/LoadGen bench/KestrelEcho; do
  dotnet build "$project" -c Release -v q -nologo | grep -E "warning|error" || true
done
(cd bench/peers && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

HOST_BIN=src/Host/bin/Release/net10.0/SocketIo.Host
LOADGEN_BIN=bench/LoadGen/bin/Release/net10.0/SocketIo.LoadGen
KESTREL_BIN=bench/KestrelEcho/bin/Release/net10.0/KestrelEcho
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

# Starts server $1 (ours, node, kestrel) on a free port; sets SERVER_PID and PORT. $2 = ws: ours also serves
# the plain WebSocket echo at /echo. Ready once the Engine.IO handshake (or, for kestrel, /__stats) answers.
start_server() {
  PORT=$(free_port)
  local ready="http://127.0.0.1:$PORT/socket.io/?EIO=4&transport=polling" expect='^0{' extra=()
  [[ ${2:-} == ws ]] && extra=(--ws-echo /echo)
  case $1 in
    ours) "${SERVER_PIN[@]}" "${DOTNET_ENV[@]}" "$HOST_BIN" --listen 127.0.0.1 --port "$PORT" --app reference --max-connections 100000 --log-level warning "${extra[@]}" >>"$OUT/ours.log" 2>&1 & ;;
    node) "${SERVER_PIN[@]}" node bench/peers/reference-server.js --port "$PORT" >>"$OUT/node.log" 2>&1 & ;;
    kestrel) "${SERVER_PIN[@]}" "${DOTNET_ENV[@]}" "$KESTREL_BIN" --urls "http://127.0.0.1:$PORT" >>"$OUT/kestrel.log" 2>&1 &
      ready="http://127.0.0.1:$PORT/__stats" expect='allocatedBytes' ;;
  esac
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    if curl -fs "$ready" 2>/dev/null | grep -q "$expect"; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "$1 server exited" >&2; SERVER_PID=""; return 1; }
    sleep 0.1
  done
  echo "$1 server does not answer at $ready" >&2
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
    fanout-1k) echo "fanout --clients 1000 --messages $FANOUT_MESSAGES_1K --warmup-messages 300" ;;
    fanout-10k) echo "fanout --clients 10000 --messages $FANOUT_MESSAGES_10K --warmup-messages 64 --source-addresses $SOURCE_ADDRESSES" ;;
    echo) echo "echo --clients $ECHO_CLIENTS --duration $DURATION --warmup $WARMUP" ;;
    ws-echo) echo "ws-echo --clients $ECHO_CLIENTS --duration $DURATION --warmup $WARMUP" ;;
    connect) echo "connect --connections $CONNECTIONS --source-addresses $SOURCE_ADDRESSES" ;;
    polling) echo "polling --clients $POLLING_CLIENTS --duration $DURATION --warmup $WARMUP" ;;
    *) echo "unknown scenario $1" >&2; return 1 ;;
  esac
}

echo "servers: ${ACTIVE[*]}; node $(node --version), socket.io $(node -p "require('./bench/peers/node_modules/socket.io/package.json').version"), dotnet $(dotnet --version)"
echo "runs:    $ROUNDS rounds x {${SCENARIOS}} x {${ACTIVE[*]}} (ws-echo: {$WS_SERVERS}); raw output in $OUT"
echo "pinning: ${SERVER_PIN[*]:-none} (server), ${LOADGEN_PIN[*]:-none} (load generator)"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) before the first run"

servers_of() { # scenario -> the servers it runs against
  if [[ $1 == ws-echo ]]; then echo "$WS_SERVERS"; else echo "${ACTIVE[*]}"; fi
}

run() { # server scenario round
  local log="$OUT/$2-$1-$3.txt" args url
  args=$(scenario_args "$2")
  if [[ $2 == ws-echo ]]; then
    start_server "$1" ws || { echo "$2 $1 round $3: server did not start"; return 0; }
    url="ws://127.0.0.1:$PORT/echo"
  else
    start_server "$1" || { echo "$2 $1 round $3: server did not start"; return 0; }
    url="http://127.0.0.1:$PORT"
  fi
  # shellcheck disable=SC2086
  if ! "${LOADGEN_PIN[@]}" "$LOADGEN_BIN" $args --url "$url" --server-pid "$SERVER_PID" \
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
  for scenario in $SCENARIOS; do
    read -r -a order <<<"$(servers_of "$scenario")"
    # Alternate which server goes first, so a drift in machine load does not favour one side.
    if (( round % 2 == 0 )) && ((${#order[@]} == 2)); then order=("${order[1]}" "${order[0]}"); fi
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
    ws-echo) echo "msgsPerSec p50Us p90Us p99Us p999Us maxUs serverCpuUsPerMsg clientCpuUsPerMsg allocBytesPerMsg" ;;
    connect) echo "connectionsPerSec failures serverCpuUsPerConnection clientCpuUsPerConnection rssBytesPerConnection" ;;
  esac
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || b + 0 == 0) print "n/a"; else printf "%.3f", a / b }'; }

for scenario in $SCENARIOS; do
  if [[ $scenario == ws-echo ]]; then first=ours second=kestrel; else first=ours second=node; fi
  echo
  printf '%-28s %14s %14s %14s\n' "$scenario (median of $ROUNDS)" "$first" "$second" "$first/$second"
  for key in $(keys_of "$scenario"); do
    a=$(field "$scenario-$first" "$key" | median)
    b=$(field "$scenario-$second" "$key" | median)
    printf '%-28s %14s %14s %14s\n' "$key" "$a" "$b" "$(ratio "$a" "$b")"
  done
done

# Issue 7: our Socket.IO echo (an acked event per round trip) against bare WebSocket echo servers, same K.
if [[ " $SCENARIOS " == *" echo "* && " $SCENARIOS " == *" ws-echo "* ]]; then
  echo
  printf '%-28s %14s %14s %14s %14s\n' "echo vs bare WebSocket" "ours sio" "ours ws" "kestrel ws" "sio/kestrel"
  for pair in "requestsPerSec msgsPerSec" "p50Us p50Us" "p99Us p99Us" "p999Us p999Us" "serverCpuUsPerRequest serverCpuUsPerMsg" "clientCpuUsPerRequest clientCpuUsPerMsg"; do
    read -r sio bare <<<"$pair"
    a=$(field echo-ours "$sio" | median)
    w=$(field ws-echo-ours "$bare" | median)
    k=$(field ws-echo-kestrel "$bare" | median)
    printf '%-28s %14s %14s %14s %14s\n' "$bare" "$a" "$w" "$k" "$(ratio "$a" "$k")"
  done
fi

# Messages per send syscall in fanout, counted by strace on the server (slows the server a lot: only the
# counts mean something). The counts cover the whole attached run: connecting and joining the 1,000 clients
# adds a few sends per client, under 1% of the fanout's.
if [[ $STRACE == 1 ]]; then
  if ! command -v strace >/dev/null; then
    if [[ $(id -u) == 0 ]]; then apt-get install -y strace >/dev/null 2>&1 || true; fi
  fi
  if ! command -v strace >/dev/null; then
    echo; echo "strace: not installed, skipped"
  else
    echo
    printf '%-8s %10s %10s %10s %10s %10s %10s %12s %14s\n' "strace" "sendmsg" "sendto" "send" "writev" "write" "deliveries" "deliv/call" "(fanout 1k)"
    for server in "${ACTIVE[@]}"; do
      start_server "$server" || continue
      trace="$OUT/strace-$server.txt"
      strace -c -f -p "$SERVER_PID" -o "$trace" 2>/dev/null &
      strace_pid=$!
      sleep 1 # strace attaches to every thread before the load starts
      "${LOADGEN_PIN[@]}" "$LOADGEN_BIN" fanout --clients 1000 --messages "$STRACE_MESSAGES" --warmup-messages 0 --timeout 120 \
        --url "http://127.0.0.1:$PORT" >"$OUT/strace-$server-loadgen.txt" 2>&1 || echo "strace run against $server reported a failure"
      kill -INT "$strace_pid" 2>/dev/null || true
      wait "$strace_pid" 2>/dev/null || true
      stop_server
      calls() { awk -v n="$1" '$NF == n { print $4; found = 1 } END { if (!found) print 0 }' "$trace"; }
      sendmsg=$(calls sendmsg) sendto=$(calls sendto) send=$(calls send) writev=$(calls writev) write=$(calls write)
      deliveries=$((1000 * STRACE_MESSAGES))
      total=$((sendmsg + sendto + send + writev + write))
      printf '%-8s %10s %10s %10s %10s %10s %10s %12s\n' "$server" "$sendmsg" "$sendto" "$send" "$writev" "$write" "$deliveries" \
        "$(awk -v d="$deliveries" -v c="$total" 'BEGIN { if (c == 0) print "n/a"; else printf "%.2f", d / c }')"
    done
  fi
fi

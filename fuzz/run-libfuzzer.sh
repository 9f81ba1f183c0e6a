#!/usr/bin/env bash
# Coverage-guided fuzzing of one target with libFuzzer through SharpFuzz.
#   fuzz/run-libfuzzer.sh <target> [libFuzzer options...]      e.g. fuzz/run-libfuzzer.sh sio-packet -max_total_time=600
# Needs: the libfuzzer-dotnet driver on PATH (or in LIBFUZZER_DOTNET), see fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: run-libfuzzer.sh <target> [libFuzzer options]}; shift
driver=${LIBFUZZER_DOTNET:-libfuzzer-dotnet}
out=bin/libfuzzer
command -v sharpfuzz >/dev/null || dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0
export PATH="$PATH:$HOME/.dotnet/tools"
dotnet publish Fuzz.csproj -c Release -o "$out" --verbosity quiet
sharpfuzz "$out/SocketIo.Protocol.dll"          # instrument only the code under test
corpus=corpus/$target
mkdir -p "$corpus" findings
dotnet "$out/SocketIo.Fuzz.dll" seeds "$target" "$corpus"
SOCKETIO_FUZZ_TARGET=$target exec "$driver" --target_path=dotnet --target_arg="$out/SocketIo.Fuzz.dll" \
  -artifact_prefix=findings/ -timeout=10 "$@" "$corpus"

#!/usr/bin/env bash
# Runs every test. Installs what the tests need first (NuGet restore; npm peers and Debian packages once
# tests use them), so it works on a fresh machine with only the .NET SDK and Node.js/npm.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# JavaScript peers (official socket.io / engine.io clients, ws) used by the interop tests.
if [ -f tests/peers/package.json ]; then
  (cd tests/peers && npm ci --no-audit --no-fund --loglevel=error)
fi

# Debian's Chromium for the browser tests (tests/Browser.Tests drive it with Playwright; no browser download).
# Installed when missing and we are root; otherwise those tests fail and say how to install it.
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's chromium for the browser tests"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "warning: chromium is missing and cannot be installed here (not root or no apt-get): the browser tests will fail" >&2
  fi
fi

dotnet restore Engine.sln --verbosity quiet
dotnet build Engine.sln -c Release --no-restore --verbosity quiet

log=$(mktemp)
status=0
dotnet test Engine.sln -c Release --no-build --verbosity quiet --logger "console;verbosity=minimal" 2>&1 | tee "$log" || status=$?

# One plain closing line summed over every test assembly.
awk '/(Passed|Failed)! +- +Failed: / {
       gsub(",", ""); for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit $status

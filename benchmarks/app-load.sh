#!/usr/bin/env bash
# Load run of the web app on loopback: the app (Release) serving the bundled model, 8 concurrent
# clients uploading the six RAVDESS sample clips (3.4-4.5 s, 48 kHz WAV) round-robin; every
# answer must be the clip's emotion. Two runs on one fresh server: "cold" (the first requests after
# start, while the JIT is still optimising) and "warm" (after a 2000-request warm-up). Writes
# benchmarks/app-load.md with p50/p95 latency and the server's peak memory.
#   benchmarks/app-load.sh [REQUESTS] [CLIENTS]      (default 2000 requests, 8 clients)
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-2000}
clients=${2:-8}
port=5090
out=benchmarks/app-load.md

dotnet build app -c Release -v q -nologo >/dev/null
dotnet build benchmarks/load.cs -v q -nologo >/dev/null 2>&1 || true
dotnet app/bin/Release/net10.0/Emotion.App.dll --urls "http://127.0.0.1:$port" --contentRoot "$PWD/app" >/tmp/app-load.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.5; done

load() { dotnet run benchmarks/load.cs -- --url "http://127.0.0.1:$port" --clients "$clients" "$@" data/samples/ravdess/*.wav; }
cold=$(load --requests 800)
warm=$(load --warmup 2000 --requests "$requests")
peak=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$app/status")
echo "cold: $cold"
echo "warm: $warm peak_mib=$peak"
row() { # label, result line
  local f; f() { echo "$2" | tr ' ' '\n' | awk -F= -v k="$1" '$1==k {print $2}'; }
  echo "| $1 | $(f requests "$2") | $clients | $(f wrong "$2") | $(f rps "$2") | $(f p50 "$2") | $(f p95 "$2") | $(f p99 "$2") | $(f max "$2") |"
}

cat >"$out" <<MD
# Web app load run

\`benchmarks/app-load.sh $requests $clients\`: the app (Release build, bundled model) on
127.0.0.1, $clients concurrent clients posting the six RAVDESS sample clips (3.4-4.5 s, 48 kHz
16-bit WAV, 376-863 kB) to \`/api/predict\` round-robin. Each answer is checked: HTTP 200 and the
clip's own emotion. The response carries the prediction, the waveform envelope and the
spectrogram. "Cold" is the first 800 requests after the server starts (the JIT is still
optimising); "warm" follows a 2000-request warm-up on the same server.

| run | requests | clients | wrong answers | throughput (req/s) | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
$(row cold "$cold")
$(row warm "$warm")

Server peak memory (VmHWM) over both runs: $peak MiB.

Target: p95 under 100 ms for a 4 s clip at 8 concurrent clients on this 2-core machine.

Machine: $(nproc) cores ($(lscpu | awk -F: '/Model name/{gsub(/^ +/,"",$2); print $2; exit}')), $(free -g | awk '/Mem:/{print $2}') GiB,
$(. /etc/os-release; echo "$PRETTY_NAME"), .NET SDK $(dotnet --version). Client and server share the machine.
Measured $(date -u +%Y-%m-%d).
MD
cat "$out"

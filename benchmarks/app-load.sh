#!/usr/bin/env bash
# Load runs of the web app on loopback, for the bundled default model and, side by side in the same
# run, for the reference analysis's MFCC-80 forest. For each: the app (Release) on a fresh server,
# 8 concurrent clients uploading the six RAVDESS sample clips (3.4-4.5 s, 48 kHz WAV) round-robin,
# every answer checked against the clip's emotion: "cold" (the first requests after start, while the
# JIT is still optimising), "warm" (after a 2000-request warm-up), then "hostile" (60 s in which one
# request in ten is a hostile file of issue 12's table: lying headers, NaN, DC, noise, 43 minutes).
# Writes benchmarks/app-load.md with latencies, 5xx counts and the server's peak memory.
#   benchmarks/app-load.sh [REQUESTS] [CLIENTS] [HOSTILE_SECONDS]      (default 2000 requests, 8 clients, 60 s)
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-2000}
clients=${2:-8}
hostile_seconds=${3:-60}
port=5090
out=benchmarks/app-load.md

dotnet build app -c Release -v q -nologo >/dev/null
dotnet build benchmarks/load.cs -v q -nologo >/dev/null 2>&1 || true
load() { dotnet run benchmarks/load.cs -- --url "http://127.0.0.1:$port" --clients "$clients" "$@" data/samples/ravdess/*.wav; }
field() { echo "$2" | tr ' ' '\n' | awk -F= -v k="$1" '$1==k {print $2}'; }

declare -A results peaks
for bundle in default reference-forest; do
  dotnet app/bin/Release/net10.0/Emotion.App.dll --urls "http://127.0.0.1:$port" --contentRoot "$PWD/app" \
    --Emotion:ModelPath="../models/$bundle.model.zip" >"/tmp/app-load-$bundle.log" 2>&1 &
  app=$!
  for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.5; done
  results[$bundle,cold]=$(load --requests 800 || true)
  results[$bundle,warm]=$(load --warmup 2000 --requests "$requests" || true)
  results[$bundle,hostile]=$(load --seconds "$hostile_seconds" --hostile 10 || true)
  peaks[$bundle]=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$app/status")
  kill $app; wait $app 2>/dev/null || true
  for run in cold warm hostile; do echo "$bundle $run: ${results[$bundle,$run]}"; done
done

row() { # bundle, run
  local r=${results[$1,$2]}
  echo "| $1 | $2 | $(field requests "$r") | $(field hostile "$r") | $(field wrong "$r") | $(field 5xx "$r") | $(field rps "$r") | $(field p50 "$r") | $(field p95 "$r") | $(field p99 "$r") | $(field max "$r") | $(field hostile_p95 "$r") |"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
default_warm=$(field p95 "${results[default,warm]}")
forest_warm=$(field p95 "${results[reference-forest,warm]}")
default_hostile=$(field p95 "${results[default,hostile]}")

cat >"$out" <<MD
# Web app load runs

\`benchmarks/app-load.sh $requests $clients $hostile_seconds\`: the app (Release build) on 127.0.0.1 with
each bundle in turn, $clients concurrent clients posting the six RAVDESS sample clips (3.4-4.5 s,
48 kHz 16-bit WAV, 376-863 kB) to \`/api/predict\` round-robin. Each answer is checked: HTTP 200 and
the clip's own emotion ("wrong" counts the others). The response carries the prediction, the
timeline, the waveform envelope and the spectrogram. "Cold" is the first 800 requests after the
server starts (the JIT is still optimising); "warm" follows a 2000-request warm-up on the same
server; "hostile" then runs $hostile_seconds s with one request in ten a hostile file (rates of 1 Hz,
250007 Hz and 2^31-1 Hz, a real clip declaring 1 Hz, all-NaN floats, full-scale DC, samples of
1e30, white noise, random bytes, text named .ogg, 43 minutes of 8 kHz audio in 20 MB), each of
which must get a 4xx. Latencies are of the real clips; "hostile p95" of the hostile files.

| bundle | run | requests | of them hostile | wrong answers | 5xx | throughput (req/s) | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | hostile p95 (ms) |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$(row default cold)
$(row default warm)
$(row default hostile)
$(row reference-forest cold)
$(row reference-forest warm)
$(row reference-forest hostile)

- Warm p95, default bundle over the MFCC-80 forest bundle: **$(ratio "$default_warm" "$forest_warm")x** ($default_warm ms against $forest_warm ms).
- Real clips' p95 with hostile traffic mixed in, over the clean warm run (default bundle): **$(ratio "$default_hostile" "$default_warm")x**.
- Server peak memory (VmHWM) over all three runs: default bundle ${peaks[default]} MiB, forest bundle ${peaks[reference-forest]} MiB.

Machine: $(nproc) cores ($(lscpu | awk -F: '/Model name/{gsub(/^ +/,"",$2); print $2; exit}')), $(free -g | awk '/Mem:/{print $2}') GiB,
$(. /etc/os-release; echo "$PRETTY_NAME"), .NET SDK $(dotnet --version). Client and server share the machine.
Measured $(date -u +%Y-%m-%d).
MD
cat "$out"

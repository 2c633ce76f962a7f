#!/usr/bin/env bash
# A fuzzing campaign with afl-fuzz (Debian's afl++) over the library's audio decoders and the web
# app's whole path, through SharpFuzz: the published assemblies are instrumented for coverage, each
# target runs until it has executed EXECS inputs (default 1,000,000), and every crash (an exception
# other than the library's AudioException, or an input over 10 s, which the target's watchdog turns
# into a crash, since afl-fuzz's own timeout would end the in-process server) is replayed and
# written, with the counts, to fuzz/results.md.
#   apt-get install afl++ && dotnet tool install -g SharpFuzz.CommandLine --version 2.3.0
#   fuzz/run.sh [wav] [flac] [flac-checksummed] [mp3] [ogg] [ogg-checksummed] [opus] [opus-checksummed] [webm] [pipeline]
#     (all ten by default; EXECS=1000000, EXECS_PIPELINE=200000, SECONDS_PER_TARGET=1800;
#      RESULTS=results.md names the file the results go to, so that a campaign over some targets
#      can keep another's record)
# Seeds: fuzz/seeds/<target>/ (small crafted WAVs, slices of the sample clips as FLAC, MP3, Vorbis and Opus, Chromium's WebM).
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$PATH:$HOME/.dotnet/tools"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(wav flac flac-checksummed mp3 ogg ogg-checksummed opus opus-checksummed webm pipeline)
execs=${EXECS:-1000000}
# The whole path (decode, resample, analyse, classify) costs milliseconds an input: fewer of them.
pipeline_execs=${EXECS_PIPELINE:-200000}
# A target that slows down (a runaway input) stops at this many seconds, whatever its count.
seconds=${SECONDS_PER_TARGET:-1800}
out=bin/fuzz

# 1. Publish the targets twice: instrumented for afl-fuzz (the code under test, not the runtime,
#    not SharpFuzz), and plain for replaying findings (instrumented code only runs inside afl-fuzz).
replay=bin/replay
rm -rf "$out" "$replay"
for folder in "$out" "$replay"; do
  dotnet publish Emotion.Fuzz.csproj -c Release -o "$folder" --nologo -v q
  cp ../models/default.model.zip "$folder/"
done
for assembly in Emotion.dll NLayer.dll NVorbis.dll Concentus.dll; do
  sharpfuzz "$out/$assembly" >/dev/null
done

# 2. Fuzz each target, then replay what it found (a list an interrupted run left is not this run's).
rm -f results.findings
replayed() { # target, input: what the plain build says of it, run alone for at most 20 s
  local said rc=0
  said=$(timeout 20 dotnet "$replay/Emotion.Fuzz.dll" "$1" "$2" 2>&1) || rc=$?
  if [ "$rc" -eq 124 ]; then echo "still running after 20 s"; else echo "$said" | head -3 | tr '\n' ' '; fi
}
{
  echo "# Fuzzing results"
  echo
  echo "\`fuzz/run.sh ${targets[*]}\` (EXECS=$execs, EXECS_PIPELINE=$pipeline_execs, SECONDS_PER_TARGET=$seconds) on $(nproc) cores, $(date -u +%Y-%m-%d): afl-fuzz $(dpkg-query -W -f '${Version}' afl++ 2>/dev/null || echo '?'), SharpFuzz 2.3.0."
  echo "A crash is any exception other than the library's AudioException, or an input that runs over 10 s (the target's watchdog reports it as a crash: afl-fuzz's own hang detection would end the in-process server)."
  echo
  echo "| target | executions | execs/s | paths found | crashes | hangs | time |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
} > results.md.tmp
for target in "${targets[@]}"; do
  findings="findings/$target"
  rm -rf "$findings" "findings/$target-slow"
  mkdir -p findings
  seeds="seeds/$target"
  start=$(date +%s)
  # AFL_DEBUG_CHILD keeps the target's output in the log: with it sent to /dev/null, afl-fuzz 4.04c
  # loses the fork server of the Ogg target after a few inputs (seen here; the cause is not known).
  EMOTION_FUZZ_SLOW="$PWD/findings/$target-slow" AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_DEBUG_CHILD=1 \
    afl-fuzz -i "$seeds" -o "$findings" -t 30000 -m none -V "$seconds" -E "$([ "$target" = pipeline ] && echo "$pipeline_execs" || echo "$execs")" -- dotnet "$out/Emotion.Fuzz.dll" "$target" >"findings/$target.log" 2>&1 || true
  stats="$findings/default/fuzzer_stats"
  value() { awk -F' *: *' -v key="$1" '$1 == key { print $2 }' "$stats"; }
  elapsed=$(( $(date +%s) - start ))
  crashes=$(find "$findings/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
  hangs=$(find "$findings/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
  echo "| $target | $(value execs_done) | $(value execs_per_sec) | $(value corpus_count) | $crashes | $hangs | ${elapsed} s |" >> results.md.tmp
  for finding in "$findings"/default/{crashes,hangs}/id:*; do
    [ -e "$finding" ] || continue
    echo "- \`$target\` $(basename "$finding"): $(replayed "$target" "$finding")" >> results.findings
  done
  # Inputs the watchdog caught running over its patience, as the target itself saved them.
  for slow in "findings/$target-slow"/*; do
    [ -e "$slow" ] || continue
    echo "- \`$target\` over the watchdog's patience, saved by the target: $(basename "$slow"): replayed alone, uninstrumented: $(replayed "$target" "$slow")" >> results.findings
  done
done
if [ -s results.findings ]; then
  { echo; echo "## Findings"; echo; cat results.findings; } >> results.md.tmp
fi
rm -f results.findings
results=${RESULTS:-results.md}
mv results.md.tmp "$results"
cat "$results"

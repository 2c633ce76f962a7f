#!/usr/bin/env bash
# Times the two training scripts end to end before and after issue 13's restructuring (one analysis
# per clip, one fitted pipeline): scripts/compare.cs and scripts/best.cs at commit b7340e9 (checked
# out in a scratch git worktree) and at this checkout, on the same decoded corpus, one after the
# other, with peak memory. Each side first makes its inputs the way its README says (extract.cs;
# untimed): the old side its two feature CSVs (it then decodes the corpus again for audio-word
# frames, uncached, as it always did); the new side its features CSV, beside a hard-linked copy of
# this checkout's feature cache (clips, frames, degraded copies), so nothing of the checkout is
# written. Writes benchmarks/training.md.
#   benchmarks/training.sh [OLD_COMMIT]         (default b7340e9)
# Needs: the decoded corpus at data/ravdess-wav; GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
old_commit=${1:-b7340e9}
corpus=$PWD/data/ravdess-wav
out=benchmarks/training.md
[ -d "$corpus" ] || { echo "training.sh: needs the decoded corpus at $corpus (../shared/data/ravdess-wav.sh \"$corpus\")" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "training.sh: needs GNU time (apt-get install -y time)" >&2; exit 2; }

tmp=$(mktemp -d)
cleanup() { git worktree remove --force "$tmp/old" >/dev/null 2>&1 || true; rm -rf "$tmp"; }
trap cleanup EXIT
git worktree add --detach "$tmp/old" "$old_commit" >/dev/null 2>&1
mkdir -p "$tmp/old/data" "$tmp/new/data"
ln -s "$corpus" "$tmp/old/data/ravdess-wav"
[ -d data/.feature-cache ] && cp -al data/.feature-cache "$tmp/new/data/.feature-cache"

measure() { # label, folder, command...: appends "label wall_s peak_kib" to $tmp/results
  local label=$1 folder=$2; shift 2
  (cd "$folder" && /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$tmp/$label.log" 2>&1) || { tail -20 "$tmp/$label.log" >&2; exit 1; }
  echo "$label $(cat "$tmp/time")" >>"$tmp/results"
  echo "$label: $(cat "$tmp/time")" >&2
}

# Inputs and builds, untimed.
(cd "$tmp/old" && dotnet run scripts/extract.cs -- --data data/ravdess-wav --out data/features.csv >/dev/null \
  && dotnet run scripts/extract.cs -- --data data/ravdess-wav --out data/features-extended.csv --extended >/dev/null \
  && dotnet build scripts/compare.cs >/dev/null && dotnet build scripts/best.cs >/dev/null)
EMOTION_WORK=$tmp/new dotnet run scripts/extract.cs -- --data "$corpus" >/dev/null
dotnet build scripts/compare.cs >/dev/null && dotnet build scripts/best.cs >/dev/null

measure old-compare "$tmp/old" dotnet run scripts/compare.cs
measure new-compare "$PWD" env EMOTION_WORK="$tmp/new" dotnet run scripts/compare.cs -- --data "$corpus"
measure old-best "$tmp/old" dotnet run scripts/best.cs
measure new-best "$PWD" env EMOTION_WORK="$tmp/new" dotnet run scripts/best.cs -- --data "$corpus"

row() { awk -v l="$1" '$1==l {printf "%.1f | %d", $2, $3/1024}' "$tmp/results"; }   # two cells: wall, peak
ratio() { awk -v a="$1" -v b="$2" '$1==a {x=$2} $1==b {y=$2} END {printf "%.2f", x/y}' "$tmp/results"; }
cat >"$out" <<MD
# Training benchmark

\`scripts/compare.cs\` and \`scripts/best.cs\` end to end, at commit $old_commit (before issue 13's
one-analysis-per-clip, one-fitted-pipeline restructuring) and at $(git rev-parse --short HEAD), on the
same decoded corpus ($(find "$corpus" -name '*.wav' | wc -l) clips), one run each, one after the other,
in one run of \`benchmarks/training.sh $old_commit\`. Inputs made first, untimed, as each version's
README says (see the script).

| script | $old_commit: wall (s) | $old_commit: peak (MiB) | now: wall (s) | now: peak (MiB) | speed-up |
|---|---:|---:|---:|---:|---:|
| compare.cs | $(row old-compare) | $(row new-compare) | $(ratio old-compare new-compare)x |
| best.cs | $(row old-best) | $(row new-best) | $(ratio old-best new-best)x |

What each run does:
- compare.cs at $old_commit: 20 candidates on 5 actor folds (audio-word frames decoded again from
  the corpus, uncached), speaker normalisation by batch size on the 212 features with kernel ridge,
  the unheard-sentence check.
- compare.cs now: 18 candidates on the same folds (3 linear rows of the old table dropped, the
  chroma row added), speaker centring by batch size with the bundled recipe (words, kernel ridge,
  three degraded copies of every training clip: four times the rows), the unheard-sentence check.
- best.cs at $old_commit: the studio bundle (212 features + audio words, kernel ridge chosen by
  inner actor folds) on 2036 clips, evaluated both ways.
- best.cs now: the bundle for recordings beyond the studio (0-8 kHz features + audio words, kernel
  ridge, three degraded copies of every clip, calibrated on inner speaker folds): held-out speakers
  clean and under 10 simulated conditions, both evaluations, EMOVO when decoded. Its fits see four times
  the rows (8144 with the copies), and each calibrated one fits three more on inner speaker folds.

Where the time went, from sampled profiles of this checkout's runs (\`dotnet-trace\`), and what
took it away (per-candidate times are in [reports/speaker-independent.md](../reports/speaker-independent.md)):
- The kernel of both hot loops, products of vectors with a fixed set of columns (each frame
  against 256 audio-word centres; each row against the kernel's 2036 landmarks): the columns
  stored value by value, four vectors per pass in the widest registers the processor has (16
  floats with AVX-512), sixteen running sums, every result the same float at every width
  (\`ColumnProducts\`, \`ILanes\`); for words, keeping the 5 lowest of 256 scores by a bound from
  the lane minima taken while still in registers (0.77 -> 0.44 us a frame); for the kernel, a
  whole row's \`exp\` at once, rather than a dot product and \`Math.Exp\` per pair.
- The Nyström system: \`Cᵀ·W·C\` (8144 rows against 2036 landmarks) in tiles of four by four rows
  on 8 doubles a register, a band of landmarks at a time in each core's cache (\`CrossProducts\`);
  its two m×n blocks rented from the shared pool rather than 2m arrays per fit (allocation over
  best.cs 7.0 -> 4.9 GB); the Cholesky factor four columns at a time. A kernel ridge fit on every
  clip and copy: about 0.8 s -> 0.6 s.
- The feature cache: a clip's frames are one array (\`FrameMatrix\`), not one per frame: 29092
  entries load in 0.5-0.9 s, was 1.3-2.0 s, and the heap holds tens of thousands of objects rather
  than 4.9 million.
- Cross-validation fits no calibration: a temperature never changes which emotion wins, and the
  five inner fits it costs were most of the reference protocol's and the search's time. Where a
  calibration is fitted (the held-out folds, the bundle), three inner folds instead of five
  (\`CalibrationOptions\`): best.cs 70 s -> 49 s, held-out ECE 0.031 -> 0.034.
- LightGBM, most of compare.cs before: 100 rounds at 0.15 with 63 bins instead of 300 at 0.05 with
  255, the same UAR in a sixth of the time (\`LightGbmOptions\`).
- The serial stretches that left one core idle: each clean clip's content read and hashed once per
  run for the cache keys of its copies and conditions, not once each; scoring, the Cholesky
  factorisation's rows, and the standardiser's and k-means' sums in parallel or vectorised.
- Peak memory: the scripts run with \`System.GC.ConserveMemory\` (scripts/Directory.Build.props),
  and every host raises the large-object threshold to 16 MB (Directory.Build.props), so a clip's
  buffers die young rather than wait for full collections.
The words' steps leave every value as it was (bundle entries compared byte for byte); the
kernel's and the solver's sums are rounded in another order, so the bundles were retrained: every
number in the reports came out the same to the digit.
Tried and not kept: Hamerly's bounds for k-means (exact, but 90-99% of frames still needed a
search each iteration: one centre's large move loosens every bound); placing the 5 nearest by
rank instead of by insertion (slower).
What is left: best.cs does a larger job than the old side's (four times the rows, calibration,
ten conditions, EMOVO); its time is now about evenly the kernel ridge fits (Cᵀ·W·C most) and
counting audio words, both near the arithmetic the processor can do.

Machine: $(nproc) cores ($(lscpu | awk -F: '/Model name/{gsub(/^ +/,"",$2); print $2; exit}')), $(free -g | awk '/Mem:/{print $2}') GiB,
$(. /etc/os-release; echo "$PRETTY_NAME"), .NET SDK $(dotnet --version).
Measured $(date -u +%Y-%m-%d).
MD
cat "$out"

#!/usr/bin/env bash
# Coverage-guided fuzzing of one PromptGen parser with AFL++ through SharpFuzz.
#
#   eng/fuzz.sh <target> <seconds>       targets: frontmatter template picoschema eval output json stream baseline recording judge editor capture
#   eng/fuzz.sh replay <target> <file>...  feed saved inputs (crashes) to the uninstrumented harness
#
# Installs AFL++ (apt) and the SharpFuzz command-line tool (into artifacts/fuzz/tools) when missing, builds the
# harness (eng/fuzz/PromptGen.Fuzz), instruments the PromptGen assemblies, seeds the corpus from the tests, runs
# afl-fuzz at the lowest CPU priority for the given wall time, and appends one line to artifacts/fuzz/fuzz-runs.log.
# Everything it writes is under artifacts/fuzz/. See docs/reliability.md#fuzzing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/artifacts/fuzz"
project="$root/eng/fuzz/PromptGen.Fuzz/PromptGen.Fuzz.csproj"
targets="frontmatter template picoschema eval output json stream baseline recording judge editor capture"
sharpfuzz_version="2.3.0"
# Per input. Generous because the machine may be shared and the first inputs are jitted; see the doc.
timeout_ms="${FUZZ_TIMEOUT_MS:-5000}"

usage() {
  echo "usage: eng/fuzz.sh <target> <seconds> | eng/fuzz.sh replay <target> <file>..." >&2
  echo "targets: $targets" >&2
  exit 2
}

is_target() { [[ " $targets " == *" $1 "* ]]; }

# Built into its own bin folder and copied: `-o` would redirect every referenced project's output too, and the
# language server finds the generator assembly in the generator's own bin folder.
build_harness() {
  dotnet build "$project" -c Release -nologo -v quiet >/dev/null
  rm -rf "$out/build"
  mkdir -p "$out"
  cp -r "$(dirname "$project")/bin/Release/net10.0" "$out/build"
}

if [[ "${1:-}" == "replay" ]]; then
  [[ $# -ge 3 ]] && is_target "$2" || usage
  build_harness
  target="$2"; shift 2
  # The targets' files on disk (a recordings file, a small project for the editor) go to a folder of their own.
  scratch="$out/replay-tmp-$$"
  mkdir -p "$scratch"
  status=0
  TMPDIR="$scratch" dotnet "$out/build/PromptGen.Fuzz.dll" replay "$target" "$@" || status=$?
  rm -rf "$scratch"
  exit "$status"
fi

[[ $# -eq 2 ]] && is_target "$1" && [[ "$2" =~ ^[0-9]+$ ]] || usage
target="$1"
seconds="$2"

# 1. AFL++ from the distribution's packages.
if ! command -v afl-fuzz >/dev/null; then
  sudo_cmd=""; [[ "$(id -u)" == 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq afl++ >/dev/null
fi

# 2. SharpFuzz's instrumenter, as a dotnet tool kept with the fuzz outputs.
sharpfuzz="$out/tools/sharpfuzz"
if [[ ! -x "$sharpfuzz" ]]; then
  dotnet tool install SharpFuzz.CommandLine --version "$sharpfuzz_version" --tool-path "$out/tools" >/dev/null
fi

# 3. Build the harness (uninstrumented: it writes the seeds and replays crashes), then an instrumented copy.
build_harness
bin="$out/instrumented"
rm -rf "$bin"
cp -r "$out/build" "$bin"
for assembly in PromptGen.dll PromptGen.Language.dll PromptGen.Evals.dll PromptGen.LanguageServer.dll PromptGen.Cli.dll; do
  "$sharpfuzz" "$bin/$assembly" >/dev/null
done

# 4. Seeds from the tests, a fresh findings folder per run.
work="$out/$target"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
seeds="$work/seeds"
findings="$work/findings-$stamp"
rm -rf "$seeds"
dotnet "$out/build/PromptGen.Fuzz.dll" seed "$target" "$root" "$seeds"

case "$target" in
  frontmatter|picoschema|editor) dictionary=yaml ;;
  stream|baseline|recording|judge|capture) dictionary=json ;;
  *) dictionary="$target" ;;
esac

# 5. Fuzz. The .NET host is not AFL-instrumented itself (SharpFuzz instruments the assemblies), hence
#    AFL_SKIP_BIN_CHECK. Containers often keep a core pattern that pipes to a handler and fixed CPU governors, which
#    AFL refuses by default; neither matters for crash detection here (SharpFuzz reports crashes itself).
echo "fuzzing $target for ${seconds}s (findings: ${findings#"$root/"})"
# The targets' files on disk (a recordings file, a capture file, a small project for the editor) go to a folder of
# this run's, removed afterwards: the fuzzed processes are killed, never clean up, and may run beside other runs.
scratch="$work/tmp-$stamp"
mkdir -p "$scratch"
TMPDIR="$scratch" AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 \
  nice -n 19 afl-fuzz -i "$seeds" -o "$findings" -t "$timeout_ms" -m none -V "$seconds" \
  -x "$root/eng/fuzz/dictionaries/$dictionary.dict" \
  -- dotnet "$bin/PromptGen.Fuzz.dll" run "$target" >"$work/afl-$stamp.log" 2>&1 || {
    echo "afl-fuzz failed; last lines of ${work#"$root/"}/afl-$stamp.log:" >&2
    tail -n 30 "$work/afl-$stamp.log" >&2
    rm -rf "$scratch"
    exit 1
  }
rm -rf "$scratch"

# 6. One line per run: what ran, how long, how much, what it found.
stats="$findings/default/fuzzer_stats"
stat() { awk -F' *: *' -v key="$1" '$1 == key { print $2 }' "$stats"; }
line="$(date -u +%Y-%m-%dT%H:%M:%SZ) target=$target seconds=$seconds execs=$(stat execs_done) corpus=$(stat corpus_count) crashes=$(stat saved_crashes) hangs=$(stat saved_hangs) seeds=$(find "$seeds" -type f | wc -l) afl=$(stat afl_version)"
echo "$line" | tee -a "$out/fuzz-runs.log"
crashes="$(find "$findings/default/crashes" "$findings/default/hangs" -type f ! -name README.txt 2>/dev/null | wc -l)"
if [[ "$crashes" -gt 0 ]]; then
  echo "crashes or hangs saved under ${findings#"$root/"}/default/{crashes,hangs}; triage with: eng/fuzz.sh replay $target <file>" >&2
fi

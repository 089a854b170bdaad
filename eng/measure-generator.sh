#!/usr/bin/env bash
# Measures the source generator and the build on the N-prompt fixture of eng/fixture.sh. Not run by CI.
#
#   bash eng/measure-generator.sh [--count N] [--out DIR] [--runs R] [--configuration C] [--no-fixture] [--compiler-server]
#
#   --count N          prompts in the fixture (default 1000)
#   --out DIR          fixture folder (default artifacts/fixture); logs and the summary go to DIR/measure/
#   --runs R           timed builds, each from clean obj/ and bin/ (default 1); medians are reported
#   --configuration C  Release (default: the generator as the package ships it) or Debug
#   --no-fixture       reuse DIR as it is instead of rewriting it with eng/fixture.sh
#   --compiler-server  build through the compiler server (-p:UseSharedCompilation=true) after one untimed build that
#                      starts it and loads the generator: the generator time of an edit-build loop, where the generator
#                      is already loaded and compiled just in time (the default, a new compiler process per build, is
#                      what a clean CI build pays)
#
# What one run does (docs/benchmarks.md, "Generator: 1,000-prompt fixture", explains the choices):
#   1. deletes DIR/obj and DIR/bin and restores (restore is timed on its own, not part of the build time);
#   2. times  dotnet build DIR/Fixture.csproj -c C --no-restore -p:BuildProjectReferences=false
#               -p:ReportAnalyzer=true -p:EmitCompilerGeneratedFiles=true -bl:DIR/measure/build-<r>.binlog
#      The PromptGen projects are built once beforehand, so the timed build is the fixture project alone, as for a
#      project that uses the PromptGen package. Wall time and CPU time (user + sys of the build's processes).
#   3. replays the binary log into a text log (dotnet msbuild <binlog> -flp:v=d;performancesummary) and reads the
#      compiler's -p:ReportAnalyzer report of the Fixture compilation: the "PromptGen.Generator.PromptGenerator" line
#      under "Total generator execution time", and the Csc task time from the performance summary.
# After the last run it counts the generated files (obj/C/<tfm>/generated/PromptGen.Generator/...): lines of the
# first prompt of each shape (ClassifyTicket0000 etc.; every file whose name contains it), total lines / N, MB, and
# the size of the fixture assembly.
#
# Prints key=value lines (also written to DIR/measure/summary.txt, and as JSON to DIR/measure/summary.json) with the
# keys eng/bench.sh reads: generator_<N>_prompts_ms, build_<N>_prompts_s, generated_lines_per_prompt,
# generated_lines_classify_like, ...
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT=1000
OUT="$ROOT/artifacts/fixture"
RUNS=1
CONFIG=Release
WRITE_FIXTURE=1
SERVER=0

while [ $# -gt 0 ]; do
  case "$1" in
    --count) COUNT="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --configuration|-c) CONFIG="$2"; shift 2 ;;
    --no-fixture) WRITE_FIXTURE=0; shift ;;
    --compiler-server) SERVER=1; shift ;;
    -h|--help) sed -n '2,31p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "measure-generator.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if ! [[ "$RUNS" =~ ^[1-9][0-9]*$ ]]; then echo "measure-generator.sh: --runs must be a positive integer" >&2; exit 2; fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The log lines read below are English (the generator's own line is a type name and never translated).
export DOTNET_CLI_UI_LANGUAGE=en

if [ "$WRITE_FIXTURE" = 1 ]; then
  bash "$ROOT/eng/fixture.sh" --count "$COUNT" --out "$OUT"
fi
OUT="$(cd "$OUT" && pwd)"
PROJECT="$OUT/Fixture.csproj"
[ -f "$PROJECT" ] || { echo "measure-generator.sh: no fixture at $OUT (run eng/fixture.sh)" >&2; exit 2; }
COUNT="$(find "$OUT/Prompts" -name '*.prompt' ! -name '_*' | wc -l | tr -d ' ')"
LOGS="$OUT/measure"
rm -rf "$LOGS"; mkdir -p "$LOGS"

loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime | sed 's/.*load average[s]*: //'; }
now() { date +%s.%N; }
# seconds between two `now` values, 3 decimals
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
round() { awk '{ printf "%.0f\n", $1 }'; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "" } else if (NR % 2) { print v[(NR + 1) / 2] } else { printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 } }'; }

echo "load average before: $(loadavg)"
LOAD_BEFORE="$(loadavg)"

# The PromptGen projects the fixture references (runtime, generator, language core): built once, not timed.
echo "building PromptGen ($CONFIG) ..."
dotnet build "$ROOT/src/PromptGen/PromptGen.csproj" -c "$CONFIG" -nodeReuse:false -v:q -nologo > "$LOGS/prebuild.log" 2>&1 \
  || { tail -30 "$LOGS/prebuild.log" >&2; exit 1; }

SHARED_COMPILATION="${UseSharedCompilation:-true}"
if [ "$SERVER" = 1 ]; then
  SHARED_COMPILATION=true
  echo "warming up the compiler server (untimed build) ..."
  rm -rf "$OUT/obj" "$OUT/bin"
  dotnet restore "$PROJECT" -nodeReuse:false -v:q -nologo > "$LOGS/restore-warmup.log" 2>&1 || { tail -30 "$LOGS/restore-warmup.log" >&2; exit 1; }
  dotnet build "$PROJECT" -c "$CONFIG" --no-restore -nodeReuse:false -nologo -v:q -p:BuildProjectReferences=false \
    -p:UseSharedCompilation=true > "$LOGS/build-warmup.log" 2>&1 || { tail -30 "$LOGS/build-warmup.log" >&2; exit 1; }
fi

WALLS=(); CPUS=(); GENS=(); GENS_ALL=(); CSCS=()
for ((r = 1; r <= RUNS; r++)); do
  rm -rf "$OUT/obj" "$OUT/bin"
  t0="$(now)"
  dotnet restore "$PROJECT" -nodeReuse:false -v:q -nologo > "$LOGS/restore-$r.log" 2>&1 || { tail -30 "$LOGS/restore-$r.log" >&2; exit 1; }
  RESTORE_S="$(elapsed "$t0" "$(now)")"

  echo "run $r/$RUNS: building $COUNT prompts (load average $(loadavg)) ..."
  TIMEFORMAT='%3R %3U %3S'
  t0="$(now)"
  { time dotnet build "$PROJECT" -c "$CONFIG" --no-restore -nodeReuse:false -nologo -v:m -clp:Summary \
      -p:BuildProjectReferences=false -p:ReportAnalyzer=true -p:EmitCompilerGeneratedFiles=true \
      "-p:UseSharedCompilation=$SHARED_COMPILATION" \
      "-bl:$LOGS/build-$r.binlog" > "$LOGS/build-$r.log" 2>&1 ; } 2> "$LOGS/build-$r.time" \
    || { tail -30 "$LOGS/build-$r.log" >&2; exit 1; }
  wall="$(elapsed "$t0" "$(now)")"
  cpu="$(awk '{ printf "%.3f", $2 + $3 }' "$LOGS/build-$r.time")"

  # The compiler's analyzer and generator report is in low-importance messages: replay the binary log at detailed
  # verbosity (with the performance summary) and read the section of the Fixture compilation.
  dotnet msbuild "$LOGS/build-$r.binlog" -noconlog -nologo "-flp:v=d;performancesummary;logfile=$LOGS/build-$r.detailed.log" > /dev/null 2>&1 || true
  gen="$(awk '/Compilation request Fixture \(/ { f = 1 } f && /PromptGen\.Generator\.PromptGenerator/ { printf "%.0f", $1 * 1000; exit }' "$LOGS/build-$r.detailed.log")"
  if [ -z "$gen" ]; then # no anchor line (another SDK's wording): the fixture is the only compilation of this build
    gen="$(awk '/^ *[0-9.]+ +[<0-9]+ +PromptGen\.Generator\.PromptGenerator/ { printf "%.0f", $1 * 1000; exit }' "$LOGS/build-$r.detailed.log")"
  fi
  gen_all="$(awk '/Compilation request Fixture \(/ { f = 1 } f && /Total generator execution time:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/) { printf "%.0f", $i * 1000; exit } }' "$LOGS/build-$r.detailed.log")"
  csc="$(awk '/Task Performance Summary/ { f = 1 } f && $3 == "Csc" { printf "%.3f", $1 / 1000; exit }' "$LOGS/build-$r.detailed.log")"
  if [ -z "$gen" ]; then
    echo "measure-generator.sh: no PromptGen.Generator.PromptGenerator line in the compiler's -p:ReportAnalyzer report" \
         "(see $LOGS/build-$r.detailed.log)" >&2
    exit 1
  fi
  warnings="$(grep -Eo '[0-9]+ Warning\(s\)' "$LOGS/build-$r.log" | tail -1 | cut -d' ' -f1 || true)"
  echo "run $r/$RUNS: build ${wall} s wall, ${cpu} s CPU; Csc ${csc} s; PromptGenerator ${gen} ms (all generators ${gen_all} ms); ${warnings:-?} warnings"
  WALLS+=("$wall"); CPUS+=("$cpu"); GENS+=("$gen"); GENS_ALL+=("$gen_all"); CSCS+=("$csc")
done
LOAD_AFTER="$(loadavg)"
if [ "$SERVER" = 1 ]; then dotnet build-server shutdown --vbcscompiler > /dev/null 2>&1 || true; fi
echo "load average after: $LOAD_AFTER"

# ------------------------------------------------------------------------------------------------ generated code
GEN_DIR="$(find "$OUT/obj/$CONFIG" -type d -path '*/generated/PromptGen.Generator' | sed -n 1p)"
[ -n "$GEN_DIR" ] || { echo "measure-generator.sh: no generated files under $OUT/obj/$CONFIG" >&2; exit 1; }
lines_of() { # total lines of the generated files whose name contains $1
  find "$GEN_DIR" -type f -name "*$1*.cs" -print0 | xargs -0 -r cat | wc -l | tr -d ' '
}
first() { find "$OUT/Prompts" -name "$1*.prompt" | sort | sed -n 1p | xargs -r basename | sed 's/\.prompt$//'; }
CLASSIFY="$(first ClassifyTicket)"; EXTRACT="$(first ExtractTicketDetails)"; DRAFT="$(first DraftReply)"; SUMMARIZE="$(first SummarizeThread)"
GEN_FILES="$(find "$GEN_DIR" -type f -name '*.cs' | wc -l | tr -d ' ')"
GEN_LINES="$(find "$GEN_DIR" -type f -name '*.cs' -print0 | xargs -0 cat | wc -l | tr -d ' ')"
GEN_BYTES="$(find "$GEN_DIR" -type f -name '*.cs' -print0 | xargs -0 cat | wc -c | tr -d ' ')"
CATALOG_LINES="$(lines_of PromptGenCatalog)"
ASSEMBLY="$(find "$OUT/bin/$CONFIG" -name Fixture.dll | sed -n 1p)"
ASSEMBLY_BYTES="$(wc -c < "$ASSEMBLY" | tr -d ' ')"

SDK="$(dotnet --version)"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$ROOT" status --porcelain -- src eng 2>/dev/null)" ]; then COMMIT="$COMMIT+local-changes"; fi
CPU_MODEL="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //; s/  */ /g' || echo unknown)"

N="$COUNT"
SUMMARY="$LOGS/summary.txt"
{
  echo "commit=$COMMIT"
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine_cores=$(nproc 2>/dev/null || echo unknown)"
  echo "machine_cpu=$CPU_MODEL"
  echo "dotnet_sdk=$SDK"
  echo "configuration=$CONFIG"
  echo "use_shared_compilation=$SHARED_COMPILATION"
  echo "load_average_before=$LOAD_BEFORE"
  echo "load_average_after=$LOAD_AFTER"
  echo "prompt_count=$N"
  echo "runs=$RUNS"
  echo "generator_${N}_prompts_ms=$(echo "${GENS[*]}" | median | round)"
  echo "generators_all_${N}_prompts_ms=$(echo "${GENS_ALL[*]}" | median | round)"
  echo "build_${N}_prompts_s=$(echo "${WALLS[*]}" | median)"
  echo "build_${N}_prompts_cpu_s=$(echo "${CPUS[*]}" | median)"
  echo "csc_${N}_prompts_s=$(echo "${CSCS[*]}" | median)"
  echo "generator_ms_runs=${GENS[*]}"
  echo "build_s_runs=${WALLS[*]}"
  echo "build_cpu_s_runs=${CPUS[*]}"
  echo "restore_s=$RESTORE_S"
  echo "build_warnings=${warnings:-}"
  echo "generated_files=$GEN_FILES"
  echo "generated_lines_total=$GEN_LINES"
  echo "generated_lines_per_prompt=$(awk -v l="$GEN_LINES" -v n="$N" 'BEGIN { printf "%.1f", l / n }')"
  echo "generated_lines_classify_like=$(lines_of "$CLASSIFY")"
  echo "generated_lines_extract_like=$(lines_of "$EXTRACT")"
  echo "generated_lines_draft_like=$(lines_of "$DRAFT")"
  echo "generated_lines_summarize_like=$(lines_of "$SUMMARIZE")"
  echo "generated_lines_catalog=$CATALOG_LINES"
  echo "generated_mb=$(awk -v b="$GEN_BYTES" 'BEGIN { printf "%.1f", b / 1000000 }')"
  echo "assembly_mb=$(awk -v b="$ASSEMBLY_BYTES" 'BEGIN { printf "%.1f", b / 1000000 }')"
  echo "assembly_bytes=$ASSEMBLY_BYTES"
} > "$SUMMARY"

# The same as JSON: numbers stay numbers, everything else is a string.
awk -F= 'BEGIN { printf "{" }
  { key = $1; value = substr($0, length($1) + 2); gsub(/\\/, "\\\\", value); gsub(/"/, "\\\"", value)
    if (value !~ /^-?[0-9]+(\.[0-9]+)?$/) value = "\"" value "\""
    printf "%s\n  \"%s\": %s", (NR > 1 ? "," : ""), key, value }
  END { print "\n}" }' "$SUMMARY" > "$LOGS/summary.json"

echo
cat "$SUMMARY"
echo
echo "summary: $SUMMARY and $LOGS/summary.json; logs and binary logs in $LOGS"

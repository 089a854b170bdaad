#!/usr/bin/env bash
# Every quality bar of PRODUCT §8 that a benchmark measures, side by side with the peers, in one run on this machine:
#
#   render   tests/PromptGen.Benchmarks RenderBenchmarks: five templates (small, loop-heavy, partial-heavy, JSON helpers,
#            long system prompt), generated typed Render, generated dynamic Render, the run-time renderer, hand-written
#            C#, Handlebars.Net; the Dotprompt JS reference's compiled render on the same files (eng/bench/render-dotprompt.mjs)
#   parse    ParseCleanJsonBenchmarks (generated Parse, System.Text.Json reflection and source generator),
#            ParseMalformedBenchmarks, ParseCorpusBenchmarks (generated Parse over the malformed parsing corpus) against
#            BAML's parser on the same cases (eng/compare-baml/run-baml.ts), recovery compared case by case
#   in turn  the clean parse and the streaming comparison again with the engines in turn in one process, many short
#            rounds by thread CPU time (tests/PromptGen.Benchmarks/Interleaved.cs): the *_interleaved keys; the
#            malformed corpus in rounds as long as one pass of BAML's parser: parse_malformed_vs_baml_rounds; the render
#            engines and the Dotprompt JS reference in paired rounds, node serving renders to the benchmark program
#            (tests/PromptGen.Benchmarks/InterleavedJs.cs): the render_*_interleaved keys; generated Parse and BAML's
#            parser in paired rounds, node serving BAML's passes (InterleavedBaml.cs): parse_malformed_vs_baml_interleaved
#   evals    tests/PromptGen.EvalRunner.Benchmark: 1,000 recorded cases replayed, scored, gated and reported, cold, in a
#            new process
#   build    eng/measure-generator.sh: generator time and build time of the 1,000-prompt fixture, generated lines
#
# Before timing anything, the benchmark program checks that every engine produced the same messages and values,
# the Dotprompt JS reference's messages included, and the run stops if not.
#
# Writes artifacts/bench/summary.json (ratios are PromptGen over the peer, in throughput) and prints the table.
# Installs dotprompt and @boundaryml/baml (+ tsx) from npm into eng/.tools/ (git-ignored) on first use.
#
# Usage: eng/bench.sh [--quick] [--skip-build-fixture]
#   --quick                short BenchmarkDotNet jobs, 1 s peer runs, one fixture build (under 5 minutes on 2 cores)
#   --skip-build-fixture   leave out the 1,000-prompt fixture build (its keys are null)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/artifacts/bench"
BENCH="$ROOT/tests/PromptGen.Benchmarks"
EVALBENCH="$ROOT/tests/PromptGen.EvalRunner.Benchmark"
CORPUS="$ROOT/tests/PromptGen.Tests/ParsingCorpus"
DOTPROMPT_VERSION="1.1.2"
BAML_VERSION="0.226.2"
QUICK=0
FIXTURE=1
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    --skip-build-fixture) FIXTURE=0 ;;
    *) echo "usage: eng/bench.sh [--quick] [--skip-build-fixture]" >&2; exit 2 ;;
  esac
done
# Quick runs leave out ParseMalformedBenchmarks (one malformed text; no key reads it, only details.parse) and time the
# malformed corpus in 60 rounds with the engines in turn instead of 100: about 15 s, to stay under 5 minutes.
if [ "$QUICK" = 1 ]; then MALFORMED_ONE_TEXT=(); CORPUS_ROUNDS=60; else MALFORMED_ONE_TEXT=('*ParseMalformedBenchmarks*'); CORPUS_ROUNDS=400; fi
if [ "$QUICK" = 1 ]; then JS_SECONDS=1; BAML_SECONDS=1; BDN=(--quick); FIXTURE_RUNS=1; INTERLEAVE_ROUNDS=100; JS_PAIRED_ROUNDS=30; JS_PAIRED_WARM_UP=0.5; BAML_PAIRED_ROUNDS=30; BAML_PAIRED_WARM_UP=1; else JS_SECONDS=5; BAML_SECONDS=5; BDN=(); FIXTURE_RUNS=3; INTERLEAVE_ROUNDS=400; JS_PAIRED_ROUNDS=100; JS_PAIRED_WARM_UP=1; BAML_PAIRED_ROUNDS=100; BAML_PAIRED_WARM_UP=1.5; fi

START=$(date +%s)
loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime | sed 's/.*load average[s]*: //'; }
LOAD_BEFORE="$(loadavg)"
echo "eng/bench.sh: load average before: $LOAD_BEFORE"
rm -rf "$OUT" && mkdir -p "$OUT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

step() { echo "== $(($(date +%s) - START)) s: $*"; }

# --- reference runtimes -------------------------------------------------------------------------------------------
DOTPROMPT="$ROOT/eng/.tools/dotprompt"
if ! grep -q "\"version\": \"$DOTPROMPT_VERSION\"" "$DOTPROMPT/node_modules/dotprompt/package.json" 2>/dev/null; then
  step "installing dotprompt@$DOTPROMPT_VERSION into eng/.tools/dotprompt"
  mkdir -p "$DOTPROMPT"
  (cd "$DOTPROMPT" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --no-audit --no-fund --silent "dotprompt@$DOTPROMPT_VERSION")
fi
BAML="$ROOT/eng/.tools/baml"
if [ ! -x "$BAML/node_modules/.bin/baml-cli" ] || ! grep -q "\"version\": \"$BAML_VERSION\"" "$BAML/node_modules/@boundaryml/baml/package.json" 2>/dev/null; then
  step "installing @boundaryml/baml@$BAML_VERSION and tsx into eng/.tools/baml"
  mkdir -p "$BAML"
  (cd "$BAML" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --no-audit --no-fund --silent "@boundaryml/baml@$BAML_VERSION" "tsx@4")
fi

# --- builds (not timed) -------------------------------------------------------------------------------------------
step "building the benchmark programs (Release)"
# Through the compiler server, even where the environment turns it off (UseSharedCompilation=false): these builds are
# not timed, and one warm compiler for the dozen projects saves about 10 s of a quick run. The server is shut down
# before (so no server holding an older build of the generator compiles the benchmarks) and after (the timed fixture
# build below starts compilers of its own, as configured).
dotnet build-server shutdown --vbcscompiler >/dev/null 2>&1 || true
dotnet build "$BENCH" -c Release -nologo -v:q -clp:ErrorsOnly -p:UseSharedCompilation=true >"$OUT/build-bench.log" 2>&1 || { cat "$OUT/build-bench.log"; exit 1; }
dotnet build "$EVALBENCH" -c Release -nologo -v:q -clp:ErrorsOnly -p:UseSharedCompilation=true >"$OUT/build-evalbench.log" 2>&1 || { cat "$OUT/build-evalbench.log"; exit 1; }
dotnet build-server shutdown --vbcscompiler >/dev/null 2>&1 || true
BENCH_DLL="$BENCH/bin/Release/net10.0/PromptGen.Benchmarks.dll"
EVAL_DLL="$EVALBENCH/bin/Release/net10.0/PromptGen.EvalRunner.Benchmark.dll"

# --- the peers on the same files ----------------------------------------------------------------------------------
CASES=(support-reply=SupportReply:support-reply-input.json loop-report=LoopReport:loop-report-input.json
  partial-digest=PartialDigest:partial-digest-input.json json-context=JsonContext:json-context-input.json
  long-system=LongSystem:long-system-input.json)
step "Dotprompt JS reference (dotprompt@$DOTPROMPT_VERSION, node $(node --version)): render, ${JS_SECONDS} s a template"
node "$ROOT/eng/bench/render-dotprompt.mjs" "$DOTPROMPT" "$BENCH/Prompts" "$BENCH/Data" "$JS_SECONDS" "$OUT/js-messages.json" "${CASES[@]}" | tee "$OUT/js-render.txt"

step "BAML's parser (@boundaryml/baml@$BAML_VERSION) on the parsing corpus, ${BAML_SECONDS} s"
rm -rf "$BAML/baml_src" "$BAML/baml_client"
cp -r "$ROOT/eng/compare-baml/baml_src" "$BAML/baml_src"
cp "$ROOT/eng/compare-baml/run-baml.ts" "$BAML/run-baml.ts"
(cd "$BAML" && node_modules/.bin/baml-cli generate --from baml_src >/dev/null)
# BAML's default configuration, without Rust's backtraces: with RUST_BACKTRACE (or RUST_LIB_BACKTRACE) set in the
# environment, as on some developer machines and CI images, its parser captures a backtrace for each error it logs while
# recovering, about a sixth of its time on this corpus (the paired rounds below remove them the same way).
(cd "$BAML" && env -u RUST_BACKTRACE -u RUST_LIB_BACKTRACE BAML_LOG=off node_modules/.bin/tsx run-baml.ts "$CORPUS" "$OUT/baml-results.json" "$BAML_SECONDS" 2>/dev/null)

# --- the check, then BenchmarkDotNet ------------------------------------------------------------------------------
step "equivalence check (every engine, the JS reference included) and parsing-corpus recovery"
dotnet "$BENCH_DLL" --check --js-messages "$OUT/js-messages.json"
dotnet "$BENCH_DLL" --corpus-compare "$OUT/baml-results.json" "$OUT/corpus.json"

step "BenchmarkDotNet: render and parse ${BDN[*]:-(full jobs)}"
(cd "$OUT" && dotnet "$BENCH_DLL" "${BDN[@]}" --js-messages "$OUT/js-messages.json" --results "$OUT/dotnet.json" \
  --filter '*RenderBenchmarks*' '*ParseCleanJsonBenchmarks*' "${MALFORMED_ONE_TEXT[@]}" '*ParseCorpusBenchmarks*' '*StreamParseBenchmarks*' \
  --exporters markdown >"$OUT/benchmarkdotnet.log" 2>&1) || { tail -50 "$OUT/benchmarkdotnet.log"; exit 1; }
grep -E '^\|' "$OUT/benchmarkdotnet.log" | grep -v -- '--- |' >"$OUT/benchmarkdotnet-tables.md" || true

# The .NET-only comparisons again, the engines in turn in one process (tests/PromptGen.Benchmarks/Interleaved.cs):
# BenchmarkDotNet measures one engine after the other, and on a shared machine the load can change in between.
step "interleaved: clean JSON parse and streaming ($INTERLEAVE_ROUNDS rounds), the malformed corpus ($CORPUS_ROUNDS rounds), engines in turn"
for what in clean stream corpus; do
  rounds="$INTERLEAVE_ROUNDS"; if [ "$what" = corpus ]; then rounds="$CORPUS_ROUNDS"; fi
  dotnet "$BENCH_DLL" --interleave "$what" "$rounds" --results "$OUT/interleaved-$what.json" >"$OUT/interleaved-$what.txt" 2>&1 \
    || { tail -20 "$OUT/interleaved-$what.txt"; exit 1; }
  tail -n +2 "$OUT/interleaved-$what.txt" | grep -v '^equivalence check'
done

# Render against the Dotprompt JS reference in paired rounds (tests/PromptGen.Benchmarks/InterleavedJs.cs): the JS step
# above and BenchmarkDotNet time the two sides in different processes at different moments, and on a shared machine
# their ratio moves with the load in between. Here node serves renders (render-dotprompt.mjs --serve, timed inside
# node) between the .NET rounds: per template, a warm-up of every engine (0.5 s quick, 1 s full), then the engines in
# turn for 30 (quick) or 100 rounds of about 5 ms each, by wall time; the median rounds make the render_*_interleaved
# keys. The program checks the serving process's messages before timing and stops if node fails or they differ. About
# 25 s (quick).
step "interleaved: render against the Dotprompt JS reference, paired rounds, $JS_PAIRED_ROUNDS rounds"
dotnet "$BENCH_DLL" --interleave-js node "$ROOT/eng/bench/render-dotprompt.mjs" "$DOTPROMPT" "$JS_PAIRED_ROUNDS" --warm-up "$JS_PAIRED_WARM_UP" \
  --results "$OUT/interleaved-render-js.json" >"$OUT/interleaved-render-js.txt" 2>&1 \
  || { tail -20 "$OUT/interleaved-render-js.txt"; exit 1; }
grep -v '^equivalence check' "$OUT/interleaved-render-js.txt"

# Generated Parse against BAML's parser in paired rounds (tests/PromptGen.Benchmarks/InterleavedBaml.cs): the BAML step
# above times BAML in its own process before the .NET benchmarks, and a slow spell of the host on one side moves that
# ratio. Here node serves BAML's passes over the malformed corpus (run-baml.ts --serve, timed inside node) between
# rounds of generated Parse: a warm-up of each side (generated Parse until its code is final; BAML 1 s quick, 1.5 s full), then 30 (quick) or 100 rounds of about 30 ms a side, by
# wall time; the median rounds make parse_malformed_vs_baml_interleaved. About 7 s (quick).
step "interleaved: generated Parse against BAML's parser, paired rounds, $BAML_PAIRED_ROUNDS rounds"
dotnet "$BENCH_DLL" --interleave-baml "$BAML" "$BAML_PAIRED_ROUNDS" --warm-up "$BAML_PAIRED_WARM_UP" --results "$OUT/interleaved-baml.json" >"$OUT/interleaved-baml.txt" 2>&1 \
  || { tail -20 "$OUT/interleaved-baml.txt"; exit 1; }
cat "$OUT/interleaved-baml.txt"

# --- eval runner, cold, in a new process --------------------------------------------------------------------------
step "eval runner: 1,000 recorded cases replayed cold in a new process"
EVALDIR="$OUT/evals"
dotnet "$EVAL_DLL" --prepare "$EVALDIR" >"$OUT/evals-prepare.txt"
EVAL_RUNS=()
for run in 1 2 3; do
  t0=$(date +%s%N)
  line=$(dotnet "$EVAL_DLL" --replay-once "$EVALDIR")
  t1=$(date +%s%N)
  echo "$line wall_ms=$(((t1 - t0) / 1000000))" | tee -a "$OUT/evals.txt"
done

# --- generator and build on the 1,000-prompt fixture --------------------------------------------------------------
if [ "$FIXTURE" = 1 ]; then
  step "1,000-prompt fixture: generator time and build time ($FIXTURE_RUNS build(s))"
  bash "$ROOT/eng/measure-generator.sh" --runs "$FIXTURE_RUNS" --out "$ROOT/artifacts/fixture" >"$OUT/fixture.log" 2>&1 || { tail -30 "$OUT/fixture.log"; exit 1; }
  cp "$ROOT/artifacts/fixture/measure/summary.json" "$OUT/fixture.json"
fi

LOAD_AFTER="$(loadavg)"
step "writing artifacts/bench/summary.json"
node "$ROOT/eng/bench/summarize.mjs" "$OUT" "$([ "$QUICK" = 1 ] && echo quick || echo full)" "$LOAD_BEFORE" "$LOAD_AFTER" "$(($(date +%s) - START))" \
  "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)" "$(dotnet --version)" "$(node --version)"

#!/usr/bin/env bash
# Render throughput, side by side in one run: generated Render, hand-written C#, Handlebars.Net (BenchmarkDotNet,
# tests/PromptGen.Benchmarks RenderBenchmarks) and the Dotprompt JS reference's compiled render (node), on the same
# template (tests/PromptGen.Benchmarks/Prompts/SupportReply.prompt) and input (tests/PromptGen.Benchmarks/Data/).
# Prints operations per second of each and the ratios against the quality bars of PRODUCT §8.
#
# Installs dotprompt from npm into eng/.tools/dotprompt (git-ignored) on first use.
# Usage: eng/bench-render.sh [--quick] [seconds-for-the-js-run]   (default 5; --quick: BenchmarkDotNet short run)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/eng/.tools/dotprompt"
DOTPROMPT_VERSION="1.1.2"
BENCH="$ROOT/tests/PromptGen.Benchmarks"
QUICK=()
if [ "${1:-}" = "--quick" ]; then QUICK=(--quick); shift; fi
JS_SECONDS="${1:-5}"

mkdir -p "$TOOLS"
if ! grep -q "\"version\": \"$DOTPROMPT_VERSION\"" "$TOOLS/node_modules/dotprompt/package.json" 2>/dev/null; then
  echo "installing dotprompt@$DOTPROMPT_VERSION into eng/.tools/dotprompt ..."
  (cd "$TOOLS" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --no-audit --no-fund --silent "dotprompt@$DOTPROMPT_VERSION")
fi

LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
echo "running the .NET render benchmarks (BenchmarkDotNet) ..."
dotnet run -c Release --project "$BENCH" -- "${QUICK[@]}" --filter '*RenderBenchmarks*' | tee "$LOG" | grep -E '^\||^ops/s' || true

echo "running the Dotprompt JS reference (dotprompt@$DOTPROMPT_VERSION, node $(node --version)) ..."
node "$ROOT/eng/bench-render/render-dotprompt.mjs" "$TOOLS" "$BENCH/Prompts/SupportReply.prompt" "$BENCH/Data/support-reply-input.json" "$JS_SECONDS" | tee -a "$LOG"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"

node - "$LOG" <<'JS'
const lines = require("fs").readFileSync(process.argv[2], "utf8").split("\n").filter((l) => l.startsWith("ops/s "));
const rate = Object.fromEntries(lines.map((l) => { const [, name, value] = l.split(" "); return [name, Number(value)]; }));
const generated = rate["RenderBenchmarks.GeneratedRender"], hand = rate["RenderBenchmarks.HandWritten"];
const hbs = rate["RenderBenchmarks.HandlebarsNet"], js = rate["dotprompt"];
if (!generated || !hand || !hbs || !js) { console.error("missing results:", rate); process.exit(1); }
const fmt = (n) => Math.round(n).toLocaleString("en-US");
const ratio = (n) => n.toFixed(2) + "x";
console.log("\nrender throughput (operations per second)");
console.log(`  generated Render          ${fmt(generated).padStart(12)}`);
console.log(`  hand-written C#           ${fmt(hand).padStart(12)}`);
console.log(`  Handlebars.Net 2.4.3      ${fmt(hbs).padStart(12)}`);
console.log(`  dotprompt 1.1.2 (JS)      ${fmt(js).padStart(12)}`);
console.log("\nratios (bar in brackets)");
console.log(`  generated / dotprompt JS      ${ratio(generated / js).padStart(9)}   [>= 30x]   ${generated / js >= 30 ? "met" : "NOT met"}`);
console.log(`  generated / Handlebars.Net    ${ratio(generated / hbs).padStart(9)}   [>= 5x]    ${generated / hbs >= 5 ? "met" : "NOT met"}`);
console.log(`  hand-written / generated      ${ratio(hand / generated).padStart(9)}   [<= 1.5x]  ${hand / generated <= 1.5 ? "met" : "NOT met"}`);
JS

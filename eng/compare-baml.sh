#!/usr/bin/env bash
# Compares PromptGen's schema-aligned parser with BAML's on the parsing corpus: recovery rate per category
# and throughput of the parser core (repair, then a strict read) on malformed output, measured in the same run.
# Generated `Parse`, the method users call, is timed against BAML by eng/bench.sh (parse_malformed_vs_baml).
#
# Installs @boundaryml/baml and tsx from npm into eng/.tools/baml (git-ignored), generates a TypeScript BAML
# client for eng/compare-baml/baml_src, parses every corpus case with b.parse.<Function>(text), then runs
# eng/compare-baml/PromptGen.CompareBaml which parses the same cases with PromptGen and prints the table.
#
# Usage: eng/compare-baml.sh [seconds-per-throughput-run]   (default 3)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/eng/.tools/baml"
CORPUS="$ROOT/tests/PromptGen.Tests/ParsingCorpus"
SECONDS_PER_RUN="${1:-3}"
if [ $# -gt 1 ] || ! [[ "$SECONDS_PER_RUN" =~ ^[0-9]+([.][0-9]+)?$ ]] \
  || ! awk -v s="$SECONDS_PER_RUN" 'BEGIN { exit !(s > 0 && s <= 3600) }'; then
  echo "usage: eng/compare-baml.sh [seconds-per-throughput-run]   (above 0 and at most 3600; default 3)" >&2
  exit 2
fi
BAML_VERSION="0.226.2"

mkdir -p "$TOOLS"
if [ ! -x "$TOOLS/node_modules/.bin/baml-cli" ] || ! grep -q "\"version\": \"$BAML_VERSION\"" "$TOOLS/node_modules/@boundaryml/baml/package.json" 2>/dev/null; then
  echo "installing @boundaryml/baml@$BAML_VERSION and tsx into eng/.tools/baml ..."
  (cd "$TOOLS" && [ -f package.json ] || (cd "$TOOLS" && npm init -y >/dev/null))
  (cd "$TOOLS" && npm install --no-audit --no-fund --silent "@boundaryml/baml@$BAML_VERSION" "tsx@4")
fi

echo "generating the BAML TypeScript client ..."
rm -rf "$TOOLS/baml_src" "$TOOLS/baml_client"
cp -r "$ROOT/eng/compare-baml/baml_src" "$TOOLS/baml_src"
cp "$ROOT/eng/compare-baml/run-baml.ts" "$TOOLS/run-baml.ts"
(cd "$TOOLS" && node_modules/.bin/baml-cli generate --from baml_src >/dev/null)

echo "parsing the corpus with BAML ..."
# BAML's default configuration: with RUST_BACKTRACE (or RUST_LIB_BACKTRACE) set in the environment, as on some developer
# machines and CI images, its parser captures a backtrace for each error it logs while recovering, about a sixth of
# its time on this corpus.
(cd "$TOOLS" && env -u RUST_BACKTRACE -u RUST_LIB_BACKTRACE BAML_LOG=off node_modules/.bin/tsx run-baml.ts "$CORPUS" "$TOOLS/baml-results.json" "$SECONDS_PER_RUN" 2>/dev/null)

echo "parsing the corpus with PromptGen ..."
dotnet run -c Release --project "$ROOT/eng/compare-baml/PromptGen.CompareBaml" -- "$CORPUS" "$TOOLS/baml-results.json" "$SECONDS_PER_RUN"

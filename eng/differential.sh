#!/usr/bin/env bash
# Differential test: renders every prompt of tests/differential with PromptGen (`promptgen render`) and with
# the Dotprompt reference runtime (npm `dotprompt`), normalizes both (keys sorted recursively), prints a
# unified diff for each difference and ends with `identical N/M`.
#
# Files named deliberate-*.prompt show a documented difference (docs/compatibility.md): PromptGen's output
# must equal their deliberate-*.expected.json; when it does they are listed apart and left out of M,
# otherwise they count in M as a difference.
#
# Exit code: 0 when every non-deliberate file is identical (and every deliberate file matches its
# expected output), 1 otherwise, 2 when the tools could not be set up.
# Needs: bash, node 20, npm, the .NET SDK. Set PROMPTGEN to a command (e.g. an installed `promptgen` tool)
# to skip the build and render with that command instead.
set -euo pipefail

if [ $# -gt 0 ]; then
  echo "usage: eng/differential.sh   (no arguments; PROMPTGEN=<command> renders with that command instead of a fresh build)" >&2
  exit 2
fi

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$repo/tests/differential"
scripts="$repo/eng/differential"
tools="$repo/eng/.tools/differential"
dotprompt_version="1.1.2"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 1. The reference runtime, installed once into a gitignored folder.
installed="$(node -e "try{console.log(require(process.argv[1]).version)}catch{}" \
  "$tools/node_modules/dotprompt/package.json")"
if [ "$installed" != "$dotprompt_version" ]; then
  echo "installing dotprompt@$dotprompt_version into eng/.tools/differential" >&2
  mkdir -p "$tools"
  npm install --no-audit --no-fund --prefix "$tools" "dotprompt@$dotprompt_version" >&2 || exit 2
fi

# 2. PromptGen's CLI, built once; each file is rendered by running the built assembly directly.
if [ -n "${PROMPTGEN:-}" ]; then
  read -r -a promptgen <<<"$PROMPTGEN"
else
  echo "building src/PromptGen.Cli (Release)" >&2
  dotnet build "$repo/src/PromptGen.Cli" -c Release -nologo -v quiet -o "$work/cli" >&2 || exit 2
  [ -f "$work/cli/PromptGen.Cli.dll" ] || { echo "the build did not produce PromptGen.Cli.dll" >&2; exit 2; }
  promptgen=(dotnet "$work/cli/PromptGen.Cli.dll")
fi

# 3. Reference renders (errors are recorded as {"error": ...} and show up in the diff).
node "$scripts/render-reference.mjs" --corpus "$corpus" --tools "$tools" --out "$work/reference" || true

# 4. PromptGen renders.
node "$scripts/split-render-data.mjs" --corpus "$corpus" --out "$work/data" || exit 2
mkdir -p "$work/promptgen-raw" "$work/expected-raw"
names=()
for prompt in "$corpus"/*.prompt; do
  file="$(basename "$prompt")"
  case "$file" in _*) continue ;; esac
  name="${file%.prompt}"
  names+=("$name")
  args=(render "$prompt" --input "@$work/data/$name.input.json" --partials "$corpus")
  [ -f "$work/data/$name.context.json" ] && args+=(--context "@$work/data/$name.context.json")
  [ -f "$work/data/$name.history.json" ] && args+=(--history "@$work/data/$name.history.json")
  status=0
  "${promptgen[@]}" "${args[@]}" >"$work/promptgen-raw/$name.json" 2>"$work/promptgen-raw/$name.err" || status=$?
  [ "$status" -eq 0 ] || echo "$status" >"$work/promptgen-raw/$name.exit"
  [ -f "$corpus/$name.expected.json" ] && cp "$corpus/$name.expected.json" "$work/expected-raw/$name.json"
done
node "$scripts/normalize-json.mjs" --in "$work/promptgen-raw" --out "$work/promptgen" --label promptgen || exit 2
node "$scripts/normalize-json.mjs" --in "$work/expected-raw" --out "$work/expected" --label expected || exit 2

# 5. Compare.
identical=0
total=0
deliberate=()
for name in "${names[@]}"; do
  ours="$work/promptgen/$name.json"
  reference="$work/reference/$name.json"
  case "$name" in
    deliberate-*)
      expected="$work/expected/$name.json"
      if [ -f "$expected" ] && cmp -s "$expected" "$ours"; then
        deliberate+=("$name.prompt")
        if cmp -s "$expected" "$reference"; then
          echo "note: $name.prompt no longer differs from the reference; is the documented difference still real?"
        fi
        continue
      fi
      total=$((total + 1))
      echo "=== $name.prompt: PromptGen differs from the documented behaviour ($name.expected.json)"
      if [ -f "$expected" ]; then
        diff -u --label "expected/$name.json" --label "promptgen/$name.json" "$expected" "$ours" || true
      else
        echo "missing tests/differential/$name.expected.json"
      fi
      ;;
    *)
      total=$((total + 1))
      if cmp -s "$reference" "$ours"; then
        identical=$((identical + 1))
      else
        echo "=== $name.prompt"
        diff -u --label "reference/$name.json" --label "promptgen/$name.json" "$reference" "$ours" || true
      fi
      ;;
  esac
done

if [ "${#deliberate[@]}" -gt 0 ]; then
  echo "deliberate differences (documented in docs/compatibility.md):"
  for file in "${deliberate[@]}"; do echo "  $file"; done
fi
echo "identical $identical/$total"
[ "$identical" -eq "$total" ]

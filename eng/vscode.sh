#!/usr/bin/env bash
# Builds the VS Code extension: npm install, TypeScript compile, TextMate grammar tests, and a .vsix under
# artifacts/vscode/. VS Code itself is not launched (the language server is tested over the protocol by
# tests/PromptGen.LanguageServer.Tests).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
extension="$root/src/vscode-promptgen"
out="$root/artifacts/vscode"
cd "$extension"

if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
npm run compile
npm run test:grammar
mkdir -p "$out"
version=$(node -p "require('./package.json').version")
npx vsce package --allow-missing-repository --skip-license --out "$out/promptgen-$version.vsix"
echo "VS Code extension: $out/promptgen-$version.vsix"

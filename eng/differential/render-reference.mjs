#!/usr/bin/env node
// Renders every differential corpus file with the Dotprompt reference runtime (npm `dotprompt`).
//
// usage: node render-reference.mjs [--corpus DIR] [--tools DIR] [--out DIR] [file.prompt ...]
//   --corpus  corpus folder (default: tests/differential next to this repository's eng/)
//   --tools   folder holding node_modules/dotprompt (default: eng/.tools/differential)
//   --out     write one canonical JSON file per prompt (name.json) instead of JSON lines on stdout
// Without --out, prints one line per file: {"file": "...", "rendered": {...}} or {"file": "...", "error": "..."},
// keys sorted recursively. Exit code 1 when any file fails to render.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { canonicalJson, listCorpus, readPartials, readRenderData, sortKeys } from './corpus.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

function parseArgs(argv) {
  const options = {
    corpus: path.join(repoRoot, 'tests', 'differential'),
    tools: path.join(repoRoot, 'eng', '.tools', 'differential'),
    out: null,
    files: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--corpus' || arg === '--tools' || arg === '--out') {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      options[arg.slice(2)] = path.resolve(argv[++i]);
    } else if (arg.startsWith('--')) {
      throw new Error(`unknown option ${arg}`);
    } else {
      options.files.push(path.basename(arg));
    }
  }
  return options;
}

async function loadDotprompt(toolsDir) {
  const entry = path.join(toolsDir, 'node_modules', 'dotprompt', 'dist', 'index.mjs');
  if (!fs.existsSync(entry)) {
    throw new Error(`dotprompt is not installed in ${toolsDir} (run: npm install --prefix ${toolsDir} dotprompt@1.1.2)`);
  }
  return (await import(pathToFileURL(entry).href)).Dotprompt;
}

async function renderOne(Dotprompt, corpus, partials, file) {
  const source = fs.readFileSync(path.join(corpus, file), 'utf8');
  const data = readRenderData(corpus, file);
  // A fresh runtime per file, partials registered up front as `new Dotprompt({ partials })` does.
  const runtime = new Dotprompt({ partials });
  return runtime.render(source, data);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const Dotprompt = await loadDotprompt(options.tools);
  const partials = readPartials(options.corpus);
  const files = options.files.length ? options.files : listCorpus(options.corpus);
  if (options.out) fs.mkdirSync(options.out, { recursive: true });

  let failures = 0;
  for (const file of files) {
    let record;
    try {
      record = { rendered: await renderOne(Dotprompt, options.corpus, partials, file) };
    } catch (error) {
      failures++;
      record = { error: String(error?.message ?? error).split('\n')[0] };
    }
    if (options.out) {
      const body = record.error !== undefined ? { error: `reference threw: ${record.error}` } : record.rendered;
      fs.writeFileSync(path.join(options.out, file.replace(/\.prompt$/, '.json')), canonicalJson(body));
    } else {
      process.stdout.write(JSON.stringify(sortKeys({ file, ...record })) + '\n');
    }
  }
  process.exitCode = failures ? 1 : 0;
}

main().catch((error) => {
  process.stderr.write(`render-reference: ${error.message}\n`);
  process.exitCode = 2;
});

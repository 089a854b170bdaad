#!/usr/bin/env node
// Splits each corpus file's render data (`name.input.json`: {input, context?, messages?}) into the three
// files the PromptGen CLI takes: name.input.json (--input), name.context.json (--context) and
// name.history.json (--history); the last two only when present.
//
// usage: node split-render-data.mjs --corpus DIR --out DIR
import fs from 'node:fs';
import path from 'node:path';
import { listCorpus, readRenderData } from './corpus.mjs';

function option(name) {
  const i = process.argv.indexOf(name);
  if (i < 0 || i + 1 >= process.argv.length) throw new Error(`missing ${name} DIR`);
  return path.resolve(process.argv[i + 1]);
}

try {
  const corpus = option('--corpus');
  const out = option('--out');
  fs.mkdirSync(out, { recursive: true });
  for (const file of listCorpus(corpus)) {
    const name = file.replace(/\.prompt$/, '');
    const data = readRenderData(corpus, file);
    fs.writeFileSync(path.join(out, `${name}.input.json`), JSON.stringify(data.input ?? {}));
    if (data.context !== undefined) fs.writeFileSync(path.join(out, `${name}.context.json`), JSON.stringify(data.context));
    if (data.messages !== undefined) fs.writeFileSync(path.join(out, `${name}.history.json`), JSON.stringify(data.messages));
  }
} catch (error) {
  process.stderr.write(`split-render-data: ${error.message}\n`);
  process.exitCode = 2;
}

#!/usr/bin/env node
// Rewrites every `X.json` of a folder into canonical form (keys sorted recursively, two-space indent) so that
// two renderers' outputs can be compared byte for byte and shown as a unified diff.
// A run that failed is recorded next to its output as `X.exit` (exit code) and `X.err` (stderr); it becomes
// {"error": "..."} so the diff shows why. Output that is not valid JSON becomes an error object too.
//
// usage: node normalize-json.mjs --in DIR --out DIR [--label NAME]
import fs from 'node:fs';
import path from 'node:path';
import { canonicalJson } from './corpus.mjs';

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  if (i < 0) {
    if (fallback !== undefined) return fallback;
    throw new Error(`missing ${name}`);
  }
  return process.argv[i + 1];
}

function firstLine(file) {
  if (!fs.existsSync(file)) return '';
  return fs.readFileSync(file, 'utf8').trim().split('\n')[0] ?? '';
}

try {
  const input = path.resolve(option('--in'));
  const output = path.resolve(option('--out'));
  const label = option('--label', 'renderer');
  fs.mkdirSync(output, { recursive: true });
  for (const file of fs.readdirSync(input).filter((f) => f.endsWith('.json')).sort()) {
    const base = path.join(input, file.replace(/\.json$/, ''));
    let value;
    if (fs.existsSync(`${base}.exit`)) {
      const code = fs.readFileSync(`${base}.exit`, 'utf8').trim();
      value = { error: `${label} exited with code ${code}: ${firstLine(`${base}.err`)}` };
    } else {
      const text = fs.readFileSync(path.join(input, file), 'utf8');
      try {
        value = JSON.parse(text);
      } catch (error) {
        value = { error: `${label} printed invalid JSON (${error.message}): ${text.slice(0, 200)}` };
      }
    }
    fs.writeFileSync(path.join(output, file), canonicalJson(value));
  }
} catch (error) {
  process.stderr.write(`normalize-json: ${error.message}\n`);
  process.exitCode = 2;
}

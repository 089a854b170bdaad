// Shared helpers for the differential scripts: finding corpus files, reading their render data,
// and writing JSON in one canonical form (keys sorted recursively, undefined dropped).
import fs from 'node:fs';
import path from 'node:path';

/** Corpus prompts: every `*.prompt` in the folder except partials (`_name.prompt`), sorted by name. */
export function listCorpus(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.prompt') && !f.startsWith('_'))
    .sort();
}

/** Partials: `_name.prompt` files in the corpus folder, registered verbatim as `name`. */
export function readPartials(dir) {
  const partials = {};
  for (const f of fs.readdirSync(dir).sort()) {
    if (f.startsWith('_') && f.endsWith('.prompt')) {
      partials[f.slice(1, -'.prompt'.length)] = fs.readFileSync(path.join(dir, f), 'utf8');
    }
  }
  return partials;
}

/** Render data for `name.prompt`: `name.input.json` holding `{input, context?, messages?}`. */
export function readRenderData(dir, promptFile) {
  const dataFile = path.join(dir, promptFile.replace(/\.prompt$/, '.input.json'));
  if (!fs.existsSync(dataFile)) return { input: {} };
  return JSON.parse(fs.readFileSync(dataFile, 'utf8'));
}

/** Recursively sorts object keys; drops undefined like JSON.stringify does. */
export function sortKeys(value) {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value).sort()) {
      if (value[key] !== undefined) out[key] = sortKeys(value[key]);
    }
    return out;
  }
  return value;
}

/** Canonical text used for comparison and unified diffs: sorted keys, two-space indent, final newline. */
export function canonicalJson(value) {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

// Times the Dotprompt JS reference's compiled render on the render benchmark templates, in one process.
// Usage: node render-dotprompt.mjs <tools-dir> <prompts-dir> <data-dir> <seconds-per-template> <messages-out.json> <name>=<Prompt>:<input.json> ...
// Partials are every _name.prompt in <prompts-dir>. Writes the rendered messages of every template (for the
// equivalence check) to <messages-out.json> and prints per template "ops/s dotprompt[<name>] <rate>" and, for the same body
// without its frontmatter schema (Prompts/Dynamic/<Prompt>Dynamic.prompt), "ops/s dotprompt_no_schema[<name>] <rate>".
import { createRequire } from "node:module";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const [tools, promptsDir, dataDir, secondsArg, messagesOut, ...cases] = process.argv.slice(2);
const seconds = Number(secondsArg);
const require = createRequire(join(resolve(tools), "package.json"));
const { Dotprompt } = require("dotprompt");

const dotprompt = new Dotprompt();
for (const file of readdirSync(promptsDir).sort()) {
  if (file.startsWith("_") && file.endsWith(".prompt")) {
    dotprompt.definePartial(file.slice(1, -".prompt".length), readFileSync(join(promptsDir, file), "utf8"));
  }
}

async function run(render, data, durationSeconds) {
  let count = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(durationSeconds * 1e9));
  let elapsed = 0n;
  while (elapsed < limit) {
    // Batches keep the clock reads out of the measurement.
    for (let i = 0; i < 200; i++) {
      await render(data);
    }
    count += 200;
    elapsed = process.hrtime.bigint() - start;
  }
  return count / (Number(elapsed) / 1e9);
}

const messages = {};
for (const spec of cases) {
  const [name, rest] = spec.split("=");
  const [prompt, inputFile] = rest.split(":");
  const render = await dotprompt.compile(readFileSync(join(promptsDir, prompt + ".prompt"), "utf8"));
  const data = { input: JSON.parse(readFileSync(join(dataDir, inputFile), "utf8")) };
  const first = await render(data);
  messages[name] = first.messages.map((m) => ({ role: m.role, text: m.content.map((p) => p.text ?? "").join("") }));
  // The same body without frontmatter schema (Dynamic/<Prompt>Dynamic.prompt, what PromptGen's dynamic path renders):
  // Dotprompt's render resolves the input schema on every call, so this is the like-for-like peer of the dynamic path.
  const noSchemaFile = join(promptsDir, "Dynamic", prompt + "Dynamic.prompt");
  const renderNoSchema = await dotprompt.compile(readFileSync(noSchemaFile, "utf8"));
  const second = (await renderNoSchema(data)).messages.map((m) => ({ role: m.role, text: m.content.map((p) => p.text ?? "").join("") }));
  if (JSON.stringify(second) !== JSON.stringify(messages[name])) {
    console.error(`render-dotprompt: ${noSchemaFile} renders other messages than ${prompt}.prompt`);
    process.exit(1);
  }
  if (seconds > 0) {
    await run(render, data, Math.max(0.5, seconds / 2)); // warm-up: let V8 optimize
    console.log(`ops/s dotprompt[${name}] ${(await run(render, data, seconds)).toFixed(0)}`);
    await run(renderNoSchema, data, Math.max(0.5, seconds / 2));
    console.log(`ops/s dotprompt_no_schema[${name}] ${(await run(renderNoSchema, data, seconds)).toFixed(0)}`);
  }
}
writeFileSync(messagesOut, JSON.stringify(messages, null, 1));

// Times the Dotprompt JS reference's compiled render on the render benchmark templates, in one process.
// Usage: node render-dotprompt.mjs [--serve] <tools-dir> <prompts-dir> <data-dir> <seconds-per-template> <messages-out.json> <name>=<Prompt>:<input.json> ...
// Partials are every _name.prompt in <prompts-dir>. Writes the rendered messages of every template (for the
// equivalence check) to <messages-out.json> and prints per template "ops/s dotprompt[<name>] <rate>" and, for the same body
// without its frontmatter schema (Prompts/Dynamic/<Prompt>Dynamic.prompt), "ops/s dotprompt_no_schema[<name>] <rate>".
//
// --serve (for tests/PromptGen.Benchmarks/InterleavedJs.cs, which times the .NET engines between the JS rounds): the same
// compilation and messages file, no timed runs of its own (seconds is ignored), then one line "ready" on stdout and one
// command a line on stdin, one answer line each on stdout:
//   run <name> <schema|no_schema> <calls>   renders that many times; answers "<wall ns> <cpu ns>": the elapsed wall
//                                           nanoseconds, measured in here around the loop (the pipe's latency is not in
//                                           the figure), and the CPU time of this process over the loop (getrusage, so
//                                           microseconds; V8's helper threads included, as their work is the render's)
//   quit                                    exits (so does the end of stdin)
// A command it cannot carry out is answered "error <reason>", and the caller stops.
import { createRequire } from "node:module";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

const args = process.argv.slice(2);
const serve = args[0] === "--serve";
const [tools, promptsDir, dataDir, secondsArg, messagesOut, ...cases] = serve ? args.slice(1) : args;
const seconds = serve ? 0 : Number(secondsArg);
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

// The serve mode's round: the same awaited call as run() above, a fixed number of times, the clocks read either side.
async function timeCalls(render, data, calls) {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    await render(data);
  }
  const wall = process.hrtime.bigint() - start;
  const cpu = process.cpuUsage(cpuStart);
  return `${wall} ${(cpu.user + cpu.system) * 1000}`;
}

const messages = {};
const served = new Map();
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
  served.set(name, { data, schema: render, no_schema: renderNoSchema });
  if (seconds > 0) {
    await run(render, data, Math.max(0.5, seconds / 2)); // warm-up: let V8 optimize
    console.log(`ops/s dotprompt[${name}] ${(await run(render, data, seconds)).toFixed(0)}`);
    await run(renderNoSchema, data, Math.max(0.5, seconds / 2));
    console.log(`ops/s dotprompt_no_schema[${name}] ${(await run(renderNoSchema, data, seconds)).toFixed(0)}`);
  }
}
writeFileSync(messagesOut, JSON.stringify(messages, null, 1));

if (serve) {
  console.log("ready");
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    const [command, name, variant, callsArg] = line.trim().split(/\s+/);
    if (command === "quit") break;
    const calls = Number(callsArg);
    const target = served.get(name);
    if (command !== "run" || !target || !(variant === "schema" || variant === "no_schema") || !Number.isInteger(calls) || calls < 1) {
      console.log(`error cannot run "${line}": expected run <${[...served.keys()].join("|")}> <schema|no_schema> <calls>, or quit`);
      continue;
    }
    console.log(await timeCalls(target[variant], target.data, calls));
  }
  process.exit(0);
}

// Times the Dotprompt JS reference's compiled render on the benchmark template and input.
// Usage: node render-dotprompt.mjs <tools-dir> <prompt-file> <input.json> [seconds]
// Prints one line: "ops/s dotprompt <operations per second>" (plus a warm-up note on stderr).
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const [tools, promptFile, inputFile, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? "5");
const require = createRequire(join(tools, "package.json"));
const { Dotprompt } = require("dotprompt");

const source = readFileSync(promptFile, "utf8");
const input = JSON.parse(readFileSync(inputFile, "utf8"));
const dotprompt = new Dotprompt();
const render = await dotprompt.compile(source);
const data = { input };

async function run(durationSeconds) {
  let count = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(durationSeconds * 1e9));
  let elapsed = 0n;
  while (elapsed < limit) {
    // Batches keep the clock reads out of the measurement.
    for (let i = 0; i < 1000; i++) {
      await render(data);
    }
    count += 1000;
    elapsed = process.hrtime.bigint() - start;
  }
  return count / (Number(elapsed) / 1e9);
}

const first = await render(data);
process.stderr.write(`dotprompt messages: ${JSON.stringify(first.messages).slice(0, 200)}...\n`);
await run(Math.max(1, seconds / 2)); // warm-up: let V8 optimize
const rate = await run(seconds);
console.log(`ops/s dotprompt ${rate.toFixed(0)}`);

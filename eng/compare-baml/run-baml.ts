// Parses every corpus case with BAML's parser (b.parse.<Function>) and writes the results as JSON.
// Usage: tsx run-baml.ts <corpus-dir> <results.json> [min-seconds]
//        tsx run-baml.ts --serve <corpus-dir>
// Copied next to the generated baml_client by compare-baml.sh and eng/bench.sh.
//
// --serve (for tests/PromptGen.Benchmarks/InterleavedBaml.cs, which times generated Parse between BAML's rounds): loads
// the cases, writes one line "ready <malformed cases>" on stdout, then reads one command a line on stdin and answers
// each with one line on stdout:
//   pass <n>   parses every malformed case (every category but clean) n times, rejects caught as in the timed run
//              below; answers "<wall ns> <cpu ns>": the elapsed wall nanoseconds measured in here around the passes (the
//              pipe's latency is not in the figure) and this process's CPU time over them (getrusage, so microseconds)
//   quit       exits (so does the end of stdin)
// A command it cannot carry out is answered "error <reason>", and the caller stops.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { createInterface } from "node:readline";
import { b } from "./baml_client/sync_client";

type Case = { id: string; category: string; shape: string; text: string };

const wireNames: Record<string, Record<string, string>> = {
  Category: { Billing: "billing", Technical: "technical", Account: "account", Other: "other" },
  Sentiment: { Positive: "positive", Negative: "negative", Neutral: "neutral", Mixed: "mixed" },
  TaskStatus: { Open: "open", InProgress: "in_progress", InReview: "in_review", Done: "done" },
};

// BAML returns enum member names; the corpus expects wire names (the aliases).
function toWire(shape: string, value: any): any {
  if (value === null || value === undefined) return value;
  switch (shape) {
    case "Ticket": return { ...value, category: wireNames.Category[value.category] ?? value.category };
    case "Task": return { ...value, status: wireNames.TaskStatus[value.status] ?? value.status };
    case "Sentiment": return wireNames.Sentiment[value] ?? value;
    default: return value;
  }
}

const parsers: Record<string, (text: string) => any> = {
  Ticket: (t) => b.parse.ParseTicket(t),
  Person: (t) => b.parse.ParsePerson(t),
  Extraction: (t) => b.parse.ParseExtraction(t),
  Tags: (t) => b.parse.ParseTags(t),
  Scores: (t) => b.parse.ParseScores(t),
  Answer: (t) => b.parse.ParseAnswer(t),
  Sentiment: (t) => b.parse.ParseSentiment(t),
  Task: (t) => b.parse.ParseTask(t),
  Count: (t) => b.parse.ParseCount(t),
};

function loadCases(root: string): Case[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".txt")) files.push(path);
    }
  };
  walk(root);
  files.sort();
  return files.map((file) => {
    const content = readFileSync(file, "utf8");
    const split = content.indexOf("\n---\n");
    const header = content.slice(0, split);
    const shape = /^# shape: (.*)$/m.exec(header)![1].trim();
    const rel = relative(root, file).replace(/\\/g, "/");
    return { id: rel.slice(0, -4), category: rel.slice(0, rel.indexOf("/")), shape, text: content.slice(split + 5) };
  });
}

// One pass over the cases with BAML's parser; a reject throws, and is caught here as BAML's callers catch it.
function parseAll(cases: Case[]): void {
  for (const c of cases) {
    try { parsers[c.shape](c.text); } catch { /* rejects count too */ }
  }
}

// The serve mode (top of the file): rounds on request, timed in here.
async function serve(corpusDir: string): Promise<void> {
  const malformed = loadCases(corpusDir).filter((c) => c.category !== "clean");
  console.log(`ready ${malformed.length}`);
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    const [command, passesArg] = line.trim().split(/\s+/);
    if (command === "quit") break;
    const passes = Number(passesArg);
    if (command !== "pass" || !Number.isInteger(passes) || passes < 1) {
      console.log(`error cannot run "${line}": expected pass <n>, or quit`);
      continue;
    }
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < passes; i++) parseAll(malformed);
    const wall = process.hrtime.bigint() - start;
    const cpu = process.cpuUsage(cpuStart);
    console.log(`${wall} ${(cpu.user + cpu.system) * 1000}`);
  }
}

// The results of every case, then the timed passes, written to <results.json>.
function runOnce(corpus: string, out: string, minSeconds: number): void {
  const cases = loadCases(corpus);

  const results = cases.map((c) => {
    try {
      const value = toWire(c.shape, parsers[c.shape](c.text));
      return { id: c.id, category: c.category, parsed: true, json: JSON.stringify(value ?? null), error: null as string | null };
    } catch (e: any) {
      return { id: c.id, category: c.category, parsed: false, json: null as string | null, error: String(e?.message ?? e).slice(0, 300) };
    }
  });

  // Throughput on malformed output: every case except the clean category, repeated for at least minSeconds.
  const malformed = cases.filter((c) => c.category !== "clean");
  let parsedCount = 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  let elapsed = 0;
  // Each round (one pass over the malformed cases) is timed too: on a busy machine the fastest and the median round
  // are far less disturbed by other processes than the total.
  const rounds: number[] = [];
  while (elapsed < minSeconds) {
    const roundStart = process.hrtime.bigint();
    parseAll(malformed);
    parsedCount += malformed.length;
    const now = process.hrtime.bigint();
    rounds.push(Number(now - roundStart) / 1e9);
    elapsed = Number(now - start) / 1e9;
  }
  rounds.sort((a, b) => a - b);

  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;

  writeFileSync(out, JSON.stringify({ parser: "BAML 0.226.2", results, throughput: { parses: parsedCount, seconds: elapsed, cpuSeconds, casesPerRound: malformed.length, bestRoundSeconds: rounds[0], medianRoundSeconds: rounds[Math.floor(rounds.length / 2)] } }, null, 1));
  console.log(`BAML: ${parsedCount} parses in ${elapsed.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU`);
}

if (process.argv[2] === "--serve") {
  serve(process.argv[3]).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
} else {
  const [corpus, out, minSecondsArg] = process.argv.slice(2);
  runOnce(corpus, out, Number(minSecondsArg ?? "3"));
}

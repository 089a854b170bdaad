// Reads what eng/bench.sh measured in <out> and writes <out>/summary.json, then prints the table.
// Usage: node summarize.mjs <out> <quick|full> <load-before> <load-after> <seconds> <commit> <dotnet-sdk> <node>
// Ratios are PromptGen over the peer, in throughput (operations per second), so higher is better.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem, release, platform } from "node:os";
import { join } from "node:path";

const [out, mode, loadBefore, loadAfter, seconds, commit, sdk, nodeVersion] = process.argv.slice(2);
const readJson = (file) => (existsSync(join(out, file)) ? JSON.parse(readFileSync(join(out, file), "utf8")) : null);
const dotnet = readJson("dotnet.json") ?? {};
const corpus = readJson("corpus.json");
const fixture = readJson("fixture.json");
const rate = (name) => dotnet[name]?.ops_per_s ?? null;
const js = Object.fromEntries(
  readFileSync(join(out, "js-render.txt"), "utf8").split("\n").filter((l) => l.startsWith("ops/s dotprompt["))
    .map((l) => { const m = /^ops\/s dotprompt\[(.*)\] (\d+)/.exec(l); return [m[1], Number(m[2])]; }));
const templates = Object.keys(js);
// The same body without its frontmatter schema, which Dotprompt resolves on every render (the dynamic path's like-for-like peer).
const jsNoSchema = Object.fromEntries(
  readFileSync(join(out, "js-render.txt"), "utf8").split("\n").filter((l) => l.startsWith("ops/s dotprompt_no_schema["))
    .map((l) => { const m = /^ops\/s dotprompt_no_schema\[(.*)\] (\d+)/.exec(l); return [m[1], Number(m[2])]; }));

const round = (x, digits = 2) => (x === null || x === undefined || Number.isNaN(x) ? null : Number(x.toFixed(digits)));
const ratio = (a, b) => (a && b ? a / b : null);
const geomean = (xs) => (xs.length && xs.every((x) => x) ? Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length) : null);

// Render: per template, then the geometric mean over the five templates (the key) and the worst template.
const perTemplate = {};
for (const t of templates) {
  const typed = rate(`RenderBenchmarks.Typed[${t}]`), dyn = rate(`RenderBenchmarks.Dynamic[${t}]`), runtime = rate(`RenderBenchmarks.RunTime[${t}]`);
  const hand = rate(`RenderBenchmarks.HandWritten[${t}]`), hbs = rate(`RenderBenchmarks.HandlebarsNet[${t}]`);
  perTemplate[t] = {
    ops_per_s: { typed, dynamic: dyn, run_time_renderer: runtime, hand_written: hand, handlebars_net: hbs, dotprompt_js: js[t], dotprompt_js_no_schema: jsNoSchema[t] ?? null },
    allocated_bytes: { typed: dotnet[`RenderBenchmarks.Typed[${t}]`]?.allocated_bytes ?? null, dynamic: dotnet[`RenderBenchmarks.Dynamic[${t}]`]?.allocated_bytes ?? null, hand_written: dotnet[`RenderBenchmarks.HandWritten[${t}]`]?.allocated_bytes ?? null },
    render_vs_handwritten: round(ratio(typed, hand)),
    render_vs_handlebars_net: round(ratio(typed, hbs)),
    render_vs_dotprompt_js: round(ratio(typed, js[t])),
    render_dynamic_vs_dotprompt_js: round(ratio(dyn, js[t])),
    render_dynamic_vs_dotprompt_js_no_schema: round(ratio(dyn, jsNoSchema[t])),
    render_runtime_vs_dotprompt_js: round(ratio(runtime, js[t])),
    handwritten_vs_handlebars_net: round(ratio(hand, hbs)),
    handwritten_vs_dotprompt_js: round(ratio(hand, js[t])),
  };
}
const renderKey = (key) => round(geomean(templates.map((t) => perTemplate[t][key])));
const renderMin = (key) => { const xs = templates.map((t) => perTemplate[t][key]); return xs.every((x) => x !== null) ? Math.min(...xs) : null; };

// Parse.
const clean = rate("ParseCleanJsonBenchmarks.GeneratedParse");
const cases = corpus?.malformed_cases_per_pass ?? null;
const corpusParse = rate("ParseCorpusBenchmarks.GeneratedParse"), corpusTryParse = rate("ParseCorpusBenchmarks.GeneratedTryParse");
const parsesPerSecond = corpusParse && cases ? corpusParse * cases : null;
const tryParsesPerSecond = corpusTryParse && cases ? corpusTryParse * cases : null;
const bamlRate = corpus?.baml_parses_per_s_median_round ?? null;

// The .NET-only comparisons with the engines in turn in one process: the ratio of the median rounds (both engines
// measured at the same moments), and the fastest rounds in details.
const interleaved = { clean: readJson("interleaved-clean.json"), stream: readJson("interleaved-stream.json"), corpus: readJson("interleaved-corpus.json") };
const roundNs = (what, name, kind = "median_round_ns") => interleaved[what]?.engines.find((e) => e.name === name)?.[kind] ?? null;
const inTurn = (what, slow, fast, kind) => round(ratio(roundNs(what, slow, kind), roundNs(what, fast, kind)));

// The malformed corpus in rounds of about 40 ms (one pass of BAML's parser), generated Parse's median round as parses
// per second: the same statistic as BAML's median round, which BenchmarkDotNet's short --quick mean is not.
const corpusRoundNs = roundNs("corpus", "generated Parse");
const parsesPerSecondRounds = corpusRoundNs && cases ? (cases * 1e9) / corpusRoundNs : null;

// Render in paired rounds (tests/PromptGen.Benchmarks/InterleavedJs.cs): the .NET engines and the Dotprompt JS
// reference in turn, node serving renders to the benchmark program; per template the ratio of the median rounds (peer
// ns over ours, so throughput), and each key the geometric mean over the templates.
const renderPaired = readJson("interleaved-render-js.json");
const pairedTemplates = renderPaired ? Object.keys(renderPaired.templates) : [];
const pairedComparisons = {
  render_vs_dotprompt_js: ["typed", "dotprompt_js"],
  render_dynamic_vs_dotprompt_js: ["dynamic", "dotprompt_js"],
  render_dynamic_vs_dotprompt_js_no_schema: ["dynamic", "dotprompt_js_no_schema"],
  render_vs_handlebars_net: ["typed", "handlebars_net"],
  render_vs_handwritten: ["typed", "hand_written"],
};
const pairedNs = (t, engine, kind) => renderPaired?.templates[t]?.engines[engine]?.[kind] ?? null;
const pairedRatio = (t, key, kind = "median_round_ns") => ratio(pairedNs(t, pairedComparisons[key][1], kind), pairedNs(t, pairedComparisons[key][0], kind));
const pairedKey = (key, kind) => round(geomean(pairedTemplates.map((t) => pairedRatio(t, key, kind))));
const pairedDetails = renderPaired && {
  rounds: renderPaired.rounds,
  clock: renderPaired.clock,
  cpu_clock: renderPaired.cpu_clock,
  load_average_before: renderPaired.load_average_before,
  load_average_after: renderPaired.load_average_after,
  templates: Object.fromEntries(pairedTemplates.map((t) => [t, {
    ratios: Object.fromEntries(Object.keys(pairedComparisons).map((key) => [key, round(pairedRatio(t, key))])),
    fastest_round_ratios: Object.fromEntries(Object.keys(pairedComparisons).map((key) => [key, round(pairedRatio(t, key, "fastest_round_ns"))])),
    process_cpu_time_ratios: Object.fromEntries(Object.keys(pairedComparisons).map((key) => [key, round(pairedRatio(t, key, "median_round_cpu_ns"))])),
    ...renderPaired.templates[t],
  }])),
  fastest_round_ratios: Object.fromEntries(Object.keys(pairedComparisons).map((key) => [key, pairedKey(key, "fastest_round_ns")])),
  // The same medians by process CPU time (both sides read getrusage): how much of the wall-time ratio waiting for a core moved.
  process_cpu_time_ratios: Object.fromEntries(Object.keys(pairedComparisons).map((key) => [key, pairedKey(key, "median_round_cpu_ns")])),
  render_min: Object.fromEntries(Object.keys(pairedComparisons).map((key) => [key, pairedTemplates.length ? round(Math.min(...pairedTemplates.map((t) => pairedRatio(t, key)))) : null])),
};

// Generated Parse and BAML's parser in paired rounds (tests/PromptGen.Benchmarks/InterleavedBaml.cs), per pass over
// the malformed corpus: BAML's median round over ours (throughput), with the fastest rounds and process CPU time beside it.
const bamlPaired = readJson("interleaved-baml.json");
const bamlPairedRatio = (kind) => round(ratio(bamlPaired?.engines.baml?.[kind], bamlPaired?.engines.generated_parse?.[kind]), 1);
const bamlPairedDetails = bamlPaired && {
  ...bamlPaired,
  ratios: { median_rounds: bamlPairedRatio("median_round_ns"), fastest_rounds: bamlPairedRatio("fastest_round_ns"), median_rounds_process_cpu_time: bamlPairedRatio("median_round_cpu_ns") },
};

// Evals: the median of the cold runs, wall time of the whole new process.
const evalRuns = existsSync(join(out, "evals.txt"))
  ? readFileSync(join(out, "evals.txt"), "utf8").split("\n").filter((l) => l.startsWith("eval-replay"))
    .map((l) => Object.fromEntries(l.split(" ").slice(1).map((kv) => kv.split("=")).map(([k, v]) => [k, Number(v)])))
  : [];
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : null; };

const summary = {
  mode,
  commit,
  date: new Date().toISOString(),
  machine: {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memory_gib: round(totalmem() / 2 ** 30, 1),
    os: `${platform()} ${release()}`,
    dotnet_sdk: sdk,
    node: nodeVersion,
  },
  load_average_before: loadBefore,
  load_average_after: loadAfter,
  seconds: Number(seconds),

  render_vs_handwritten: renderKey("render_vs_handwritten"),
  render_vs_handlebars_net: renderKey("render_vs_handlebars_net"),
  render_vs_dotprompt_js: renderKey("render_vs_dotprompt_js"),
  render_dynamic_vs_dotprompt_js: renderKey("render_dynamic_vs_dotprompt_js"),
  render_dynamic_vs_dotprompt_js_no_schema: renderKey("render_dynamic_vs_dotprompt_js_no_schema"),
  render_runtime_vs_dotprompt_js: renderKey("render_runtime_vs_dotprompt_js"),
  // Reference points, not bars: how far hand-written C# (the ceiling of a typed renderer) is ahead of each peer.
  render_handwritten_vs_handlebars_net: renderKey("handwritten_vs_handlebars_net"),
  render_handwritten_vs_dotprompt_js: renderKey("handwritten_vs_dotprompt_js"),
  // The render keys again from paired rounds, every engine and Dotprompt JS in turn (median rounds; see details.render_interleaved).
  render_vs_handwritten_interleaved: pairedKey("render_vs_handwritten", "median_round_ns"),
  render_vs_handlebars_net_interleaved: pairedKey("render_vs_handlebars_net", "median_round_ns"),
  render_vs_dotprompt_js_interleaved: pairedKey("render_vs_dotprompt_js", "median_round_ns"),
  render_dynamic_vs_dotprompt_js_interleaved: pairedKey("render_dynamic_vs_dotprompt_js", "median_round_ns"),
  render_dynamic_vs_dotprompt_js_no_schema_interleaved: pairedKey("render_dynamic_vs_dotprompt_js_no_schema", "median_round_ns"),
  parse_clean_vs_stj_reflection: round(ratio(clean, rate("ParseCleanJsonBenchmarks.SystemTextJsonReflection"))),
  // Cost (not throughput): streaming a 20 KB answer in 1-token chunks over one whole Parse of it.
  stream_parse_vs_whole_parse: round(ratio(rate("StreamParseBenchmarks.WholeParse"), rate("StreamParseBenchmarks.StreamParse"))),
  stream_parse_vs_whole_parse_async_iterator_client: round(ratio(rate("StreamParseBenchmarks.WholeParse"), rate("StreamParseBenchmarks.StreamParseAsyncIteratorClient"))),
  parse_clean_vs_stj_sourcegen: round(ratio(clean, rate("ParseCleanJsonBenchmarks.SystemTextJsonSourceGenerated"))),
  // The same three comparisons, engines in turn in one process (median rounds; see details.interleaved).
  parse_clean_vs_stj_reflection_interleaved: inTurn("clean", "System.Text.Json reflection", "generated Parse"),
  parse_clean_vs_stj_sourcegen_interleaved: inTurn("clean", "System.Text.Json source generator", "generated Parse"),
  stream_parse_vs_whole_parse_interleaved: inTurn("stream", "stream parse, 1-token chunks", "whole Parse"),
  stream_parse_vs_whole_parse_async_iterator_client_interleaved: inTurn("stream", "... async-iterator client", "whole Parse"),
  parse_malformed_vs_baml: round(ratio(parsesPerSecond, bamlRate), 1),
  parse_malformed_vs_baml_rounds: round(ratio(parsesPerSecondRounds, bamlRate), 1),
  parse_malformed_vs_baml_interleaved: bamlPairedRatio("median_round_ns"),
  parse_malformed_recovery: corpus ? { promptgen: corpus.promptgen_expected_results, baml: corpus.baml_expected_results, cases: corpus.cases } : null,
  generator_1000_prompts_ms: fixture?.generator_1000_prompts_ms ?? null,
  build_1000_prompts_s: fixture?.build_1000_prompts_s ?? null,
  generated_lines_per_prompt: fixture?.generated_lines_per_prompt ?? null,
  eval_replay_1000_cases_cold_ms: median(evalRuns.map((r) => r.wall_ms)),

  notes: {
    render: "Typed keys: generated typed Render; render_dynamic_*: generated Render(JsonElement) of the same body without an input schema; render_runtime_*: the run-time renderer (promptgen render, evals of untyped prompts); *_no_schema: against Dotprompt JS rendering that same body without the frontmatter schema it resolves on every render. render_handwritten_*: the hand-written C# renderer over the same peer, the ceiling a typed renderer can be expected to reach. Each key is the geometric mean over the five templates; details.render has each template and details.render_min the worst one.",
    parse_malformed_vs_baml: "Generated Parse (PromptOutputException caught on rejects, as BAML's loop catches its own) over every malformed case of the parsing corpus, parses per second, over BAML's parser on the same cases (median round), BAML run without Rust's backtraces (its default; RUST_BACKTRACE and RUST_LIB_BACKTRACE removed from its environment).",
    parse_malformed_vs_baml_rounds: "The same, generated Parse timed in rounds of about 40 ms (one pass of BAML's parser over the cases), 60 (quick) or 400 rounds with generated TryParse and the schema-aligned parser in turn, by the CPU time of the measuring thread; its median round's parses per second over BAML's median round. BenchmarkDotNet's --quick job gives the mean of four iterations of about 40 ms instead of a median round.",
    parse_malformed_vs_baml_interleaved: "The same comparison in paired rounds: generated Parse in this process and BAML's parser served by node (run-baml.ts --serve), in turn, the order reversed every other round, 30 (quick) or 100 rounds of about 30 ms a side after a warm-up of each side (generated Parse until its code is final; BAML 1 s quick, 1.5 s full); by wall time (a Stopwatch around each .NET round, process.hrtime.bigint inside node around each BAML round); BAML's median round per pass over generated Parse's. details.interleaved_baml has the fastest rounds and the same medians by process CPU time. BAML runs without Rust's backtraces (RUST_BACKTRACE and RUST_LIB_BACKTRACE removed from its environment), its default.",
    eval_replay_1000_cases_cold_ms: "Median wall time of 3 new processes, each replaying 1,000 recorded cases (1 in 20 needs repairs), scoring, gating and writing the JUnit, JSON, Markdown and HTML reports.",
    interleaved: "*_interleaved keys: the same comparison with the engines in turn in one process, 100 (quick) or 400 short rounds each, timed by the CPU time of the measuring thread; the ratio of the engines' median rounds (details.interleaved has the fastest rounds too). BenchmarkDotNet measures one engine after the other, so a change of load in between moves its ratio; here both engines see the same moments.",
    render_interleaved: "render_*_interleaved keys: the render comparisons in paired short rounds, the .NET engines and the Dotprompt JS reference (node serving renders from render-dotprompt.mjs --serve) in turn, the order reversed every other round, 30 (quick) or 100 rounds of about 5 ms an engine per template after a warm-up of 0.5 s (quick) or 1 s each; timed by wall time (a Stopwatch around each .NET round, process.hrtime.bigint inside node around each JS round, so the pipe is not counted); per template the peer's median round over ours (throughput), each key the geometric mean over the five templates; details.render_interleaved.process_cpu_time_ratios has the same medians by process CPU time (getrusage on both sides). BenchmarkDotNet and the JS script's own runs time the two sides in different processes at different moments; here adjacent rounds see the same load. details.render_interleaved has each template, the fastest rounds and the worst template.",
    stream_parse_vs_whole_parse: "StreamParseBenchmarks: whole Parse ops/s over streaming ops/s (a cost; bar: at most 10), the updates handed over by an enumerator that completes at once; *_async_iterator_client: the same stream from a client written as a C# async iterator, whose own state machine is in the figure.",
  },
  details: {
    render: perTemplate,
    render_interleaved: pairedDetails,
    render_min: Object.fromEntries(["render_vs_handwritten", "render_vs_handlebars_net", "render_vs_dotprompt_js", "render_dynamic_vs_dotprompt_js", "render_dynamic_vs_dotprompt_js_no_schema", "render_runtime_vs_dotprompt_js"].map((k) => [k, renderMin(k)])),
    parse: {
      clean_ops_per_s: { generated_parse: clean, stj_reflection: rate("ParseCleanJsonBenchmarks.SystemTextJsonReflection"), stj_source_generated: rate("ParseCleanJsonBenchmarks.SystemTextJsonSourceGenerated") },
      clean_allocated_bytes: dotnet["ParseCleanJsonBenchmarks.GeneratedParse"]?.allocated_bytes ?? null,
      malformed_one_text_ops_per_s: { generated_parse: rate("ParseMalformedBenchmarks.GeneratedParse"), schema_aligned_parser_alone: rate("ParseMalformedBenchmarks.SchemaAlignedParserAlone") },
      corpus_malformed_cases: cases,
      corpus_parses_per_s: { generated_parse: round(parsesPerSecond, 0), generated_parse_median_round: round(parsesPerSecondRounds, 0), generated_try_parse: round(tryParsesPerSecond, 0), baml_median_round: bamlRate, baml_best_round: corpus?.baml_parses_per_s_best_round ?? null, baml_wall: corpus?.baml_parses_per_s_wall ?? null },
      parse_malformed_try_parse_vs_baml: round(ratio(tryParsesPerSecond, bamlRate), 1),
      recovery_malformed: corpus ? { promptgen: corpus.promptgen_malformed_expected_results, baml: corpus.baml_malformed_expected_results, cases: corpus.malformed_cases } : null,
      recovery_disagreements: corpus?.disagreements ?? null,
    },
    interleaved: {
      ...interleaved,
      fastest_round_ratios: {
        parse_clean_vs_stj_reflection: inTurn("clean", "System.Text.Json reflection", "generated Parse", "fastest_round_ns"),
        parse_clean_vs_stj_sourcegen: inTurn("clean", "System.Text.Json source generator", "generated Parse", "fastest_round_ns"),
        stream_parse_vs_whole_parse: inTurn("stream", "stream parse, 1-token chunks", "whole Parse", "fastest_round_ns"),
        stream_parse_vs_whole_parse_async_iterator_client: inTurn("stream", "... async-iterator client", "whole Parse", "fastest_round_ns"),
      },
    },
    interleaved_baml: bamlPairedDetails,
    evals: evalRuns,
    fixture,
  },
};

const bars = [
  ["render_vs_handwritten", ">=", 0.8], ["render_vs_handwritten_interleaved", ">=", 0.8],
  ["render_vs_handlebars_net", ">=", 8], ["render_vs_handlebars_net_interleaved", ">=", 8],
  ["render_vs_dotprompt_js", ">=", 40], ["render_vs_dotprompt_js_interleaved", ">=", 40],
  ["render_dynamic_vs_dotprompt_js", ">=", 10], ["render_dynamic_vs_dotprompt_js_interleaved", ">=", 10],
  ["parse_clean_vs_stj_reflection", ">=", 1.5], ["parse_clean_vs_stj_reflection_interleaved", ">=", 1.5],
  ["stream_parse_vs_whole_parse", "<=", 10], ["stream_parse_vs_whole_parse_interleaved", "<=", 10],
  ["parse_clean_vs_stj_sourcegen", ">=", 1], ["parse_clean_vs_stj_sourcegen_interleaved", ">=", 1],
  ["parse_malformed_vs_baml", ">=", 100], ["parse_malformed_vs_baml_rounds", ">=", 100], ["parse_malformed_vs_baml_interleaved", ">=", 100], ["generator_1000_prompts_ms", "<=", 500], ["build_1000_prompts_s", "<=", 25],
  ["generated_lines_per_prompt", "<=", 250], ["eval_replay_1000_cases_cold_ms", "<", 2000],
];
summary.bars = Object.fromEntries(bars.map(([key, op, bar]) => {
  const value = summary[key];
  const met = value === null ? null : op === ">=" ? value >= bar : op === "<=" ? value <= bar : value < bar;
  return [key, { value, bar: `${op} ${bar}`, met }];
}));
if (summary.parse_malformed_recovery) {
  const r = summary.parse_malformed_recovery;
  summary.bars.parse_malformed_recovery = { value: `${r.promptgen}/${r.cases} vs ${r.baml}/${r.cases}`, bar: ">= BAML's", met: r.promptgen >= r.baml };
}
writeFileSync(join(out, "summary.json"), JSON.stringify(summary, null, 2) + "\n");

console.log(`\nartifacts/bench/summary.json (${mode}, load average ${loadBefore} before, ${loadAfter} after, ${seconds} s)`);
console.log("| key | value | bar | met |\n|---|---|---|---|");
for (const [key, { value, bar, met }] of Object.entries(summary.bars)) console.log(`| ${key} | ${value} | ${bar} | ${met === null ? "n/a" : met ? "yes" : "NO"} |`);
console.log("\nrender, per template (ops/s: typed / dynamic / run-time renderer / hand-written / Handlebars.Net / Dotprompt JS / Dotprompt JS without schema)");
for (const t of templates) {
  const o = perTemplate[t].ops_per_s;
  console.log(`  ${t.padEnd(15)} ${[o.typed, o.dynamic, o.run_time_renderer, o.hand_written, o.handlebars_net, o.dotprompt_js, o.dotprompt_js_no_schema].map((x) => String(x ?? "-").padStart(9)).join(" ")}`);
}
if (pairedDetails) {
  console.log(`\nrender in paired rounds, per template (median rounds, ${pairedDetails.rounds} rounds; throughput over: Dotprompt JS / JS without schema (dynamic) / Handlebars.Net / hand-written C#)`);
  for (const [t, d] of Object.entries(pairedDetails.templates)) {
    const r = d.ratios;
    console.log(`  ${t.padEnd(15)} typed ${r.render_vs_dotprompt_js}x, dynamic ${r.render_dynamic_vs_dotprompt_js}x / ${r.render_dynamic_vs_dotprompt_js_no_schema}x, typed ${r.render_vs_handlebars_net}x, typed ${r.render_vs_handwritten}x`);
  }
}

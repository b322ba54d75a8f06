// The JavaScript side of scripts/bench, one tool per process (so each has its own peak RSS),
// timed like examples/bench_throughput.rs (warm-up, then the pass with the least CPU time of
// up to 5 passes or 3 s; process CPU time, so V8's GC threads count; its wall time too).
// Prints one JSON line.
//
//   node bench/node.mjs twitter-text FILE   twitter-text 3.1.0 parseTweet (X's length)
//   node bench/node.mjs sentiment FILE      the npm package sentiment (AFINN, English)
//   node bench/node.mjs emotics-wasm FILE   emotics' npm package (web/npm), full report
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [tool, file] = process.argv.slice(2);
const texts = fs
  .readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l)
  .map((l) => JSON.parse(l).text);

// Each tool returns a number from its result, summed into a checksum so no work is skipped.
let one;
if (tool === 'twitter-text') {
  const twitter = require('twitter-text');
  one = (t) => twitter.parseTweet(t).weightedLength;
} else if (tool === 'sentiment') {
  const Sentiment = require('sentiment');
  const sentiment = new Sentiment();
  one = (t) => sentiment.analyze(t).comparative;
} else if (tool === 'emotics-wasm') {
  const { Emotics } = require(path.join(root, 'web', 'npm', 'node', 'emotics.cjs'));
  const emotics = new Emotics();
  one = (t) => emotics.score(t).tone.valence;
} else {
  console.error(`unknown tool ${tool} (twitter-text, sentiment, emotics-wasm)`);
  process.exit(2);
}

const pass = (items) => {
  let sum = 0;
  for (const t of items) sum += one(t);
  return sum;
};
pass(texts.slice(0, 1000));
let bestCpu = Infinity;
let bestWall = Infinity;
let passes = 0;
let checksum = 0;
const started = performance.now();
while (passes < 5 && (passes === 0 || performance.now() - started < 3000)) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  checksum = pass(texts);
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  if (cpu < bestCpu) [bestCpu, bestWall] = [cpu, wall];
  passes++;
}
console.log(JSON.stringify({ messages: texts.length, seconds: bestWall, cpu_seconds: bestCpu, passes, checksum }));

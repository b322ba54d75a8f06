// Measures the editor's budgets in headless Chromium on this machine: wasm size, init time
// (fetch + instantiate + lexicons ready: from the start of the editor's script to a checker
// built; the page preloads the wasm file, so its download may start earlier, with the
// page) and the time to score a 280-character message (p50/p95, cold and steady). Prints
// a Markdown table. Usage: node web/measure.mjs
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist');
const wasm = fs.readFileSync(path.join(dist, 'pkg', 'emotics_bg.wasm'));
const gzipped = zlib.gzipSync(wasm, { level: 9 }).length;
const server = await serve(0);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const inits = [];
const pageReady = [];
let timings = { cold: [], steady: [] };
for (let run = 0; run < 9; run++) {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForSelector('body[data-ready="true"]');
  const { started, ready } = await page.evaluate(() => ({ started: window.emoticsStartedAt, ready: window.emoticsReadyAt }));
  inits.push(ready - started);
  pageReady.push(ready);
  if (run === 0) {
    timings = await page.evaluate(async () => {
      const { Emotics } = await import('./pkg/emotics.js');
      const checker = new Emotics();
      const text = ('Dernière chance : -50 % sur tout, réservé aux membres ! Livraison offerte 🚚 '.repeat(4)).slice(0, 280);
      const time = (n) => {
        const out = [];
        for (let i = 0; i < n; i++) {
          const t0 = performance.now();
          checker.score(text);
          out.push(performance.now() - t0);
        }
        return out;
      };
      // cold: the first calls after load, while V8 still runs baseline code and compiles
      // the optimized code in the background; steady: the calls after those, as a
      // keystroke is scored once the editor has been in use for a moment
      const cold = time(1000);
      return { cold, steady: time(3000) };
    });
  }
  await page.close();
}
await browser.close();
server.close();
const pct = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('| measure | value | budget |');
console.log('|---|---:|---:|');
console.log(`| wasm size | ${Math.round(wasm.length / 1024)} KB raw, ${Math.round(gzipped / 1024)} KB gzipped | ≤ 450 KB gzipped |`);
console.log(`| init (fetch + instantiate + lexicons), median of ${inits.length} page loads | ${median(inits).toFixed(1)} ms | ≤ 100 ms |`);
console.log(`| the same, from navigation start (the page first: HTML, CSS, scripts, wasm download) | ${median(pageReady).toFixed(1)} ms | |`);
console.log(`| score a 280-character message, p50 / p95, steady (3,000 calls after the first 1,000) | ${pct(timings.steady, 0.5).toFixed(3)} / ${pct(timings.steady, 0.95).toFixed(3)} ms | p95 ≤ 1 ms |`);
console.log(`| the same, cold (the first 1,000 calls after load) | ${pct(timings.cold, 0.5).toFixed(3)} / ${pct(timings.cold, 0.95).toFixed(3)} ms | |`);

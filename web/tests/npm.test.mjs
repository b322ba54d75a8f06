// The npm package (web/npm, built by scripts/build-web) in node: same reports as the native
// CLI, lexicons loaded or refused without throwing, any JS string scored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const { Emotics } = require(path.join(root, 'web', 'npm', 'node', 'emotics.cjs'));
const bin = process.env.EMOTICS_BIN || path.join(root, 'target', 'debug', 'emotics');

const MESSAGES = [
  'Dernière chance : -50 % sur tout !',
  'Not bad… but shipping was sooo slow 🙄',
  'L’offre « tête-à-tête » se termine ce soir 🔥 https://example.com/soldes',
  'Sans engagement, résiliable à tout moment. Paiement sécurisé 🔒',
  '👨‍👩‍👧 ' + 'é'.repeat(300),
];

function native(texts) {
  const input = texts.map((text, id) => JSON.stringify({ id, text })).join('\n') + '\n';
  return execFileSync(bin, ['score', '--jsonl'], { input }).toString().trim().split('\n').map((l) => JSON.parse(l));
}

test('wasm reports equal the native CLI reports', () => {
  const emotics = new Emotics();
  const expected = native(MESSAGES);
  MESSAGES.forEach((text, i) => {
    const { id, ...want } = expected[i];
    assert.deepEqual(emotics.score(text), want, text);
  });
});

test('options force the language', () => {
  const emotics = new Emotics();
  assert.equal(emotics.score('Hello there', { language: 'fr' }).language, 'fr');
  assert.equal(emotics.score('Hello there').language, 'en');
});

test('UTF-16 spans index the JavaScript string', () => {
  const emotics = new Emotics();
  const text = '😀😀 Génial, trop bien !';
  for (const e of emotics.score(text).tone.explanations) {
    assert.equal(text.slice(e.start_utf16, e.end_utf16), e.text);
  }
});

test('a lexicon loads, changes scores, and a bad one is an error object', () => {
  const emotics = new Emotics();
  const before = emotics.score('Flexible booking').tone.tones.freedom;
  const ok = emotics.loadLexicon('brand.tsv', 'term\tdimension\tweight\nflexible booking\tfreedom\t0.9\n');
  assert.deepEqual(ok, { ok: true, warnings: [] });
  assert.ok(emotics.score('Flexible booking').tone.tones.freedom > before);
  const bad = emotics.loadLexicon('bad.tsv', 'term\tdimension\tweight\nx\tfreedom\tlots\n');
  assert.equal(bad.ok, false);
  assert.deepEqual([bad.error.line, bad.error.column], [2, 11]);
});

test('any string gets a report: lone surrogates, NUL, 1 MB', () => {
  const emotics = new Emotics();
  for (const text of ['\uD800', 'a\uDC00b', '\u0000', '\u0301'.repeat(1000), 'x'.repeat(1 << 20)]) {
    const report = emotics.score(text);
    assert.equal(typeof report.tone.valence, 'number');
    assert.ok(report.length.x.length >= 0);
  }
  const lone = emotics.score('\uD800 génial');
  const e = lone.tone.explanations.find((x) => x.family === 'valence');
  assert.equal('\uD800 génial'.slice(e.start_utf16, e.end_utf16), 'génial');
});

test('profiles are listed', () => {
  const profiles = new Emotics().profiles();
  assert.ok(profiles.some((p) => p.name === 'x' && p.limit === 280));
});

// The npm package (web/npm, built by scripts/build-web) in node: same reports as the native
// CLI, lexicons and model files loaded or refused without throwing, any JS string scored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { trainFixtureModel } from './fixtures/model.mjs';

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

function native(texts, args = []) {
  const input = texts.map((text, id) => JSON.stringify({ id, text })).join('\n') + '\n';
  return execFileSync(bin, ['score', '--jsonl', ...args], { input }).toString().trim().split('\n').map((l) => JSON.parse(l));
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

test('options choose the profiles and the parts of a report', () => {
  const emotics = new Emotics();
  const text = 'Plus que 24 h ⏰ l’offre VIP';
  const full = emotics.score(text);
  const narrow = emotics.score(text, { profiles: ['sms', 'x'], parts: ['tone', 'length'] });
  assert.deepEqual(Object.keys(narrow.length), ['sms', 'x'], 'the profiles named, in the order given');
  assert.deepEqual(narrow.length.sms, full.length.sms);
  assert.deepEqual(narrow.tone.explanations, [], 'explanations only when asked');
  assert.equal(narrow.tone.model, undefined);
  assert.equal(narrow.tone.valence, full.tone.valence);
  assert.deepEqual(narrow.tone.emotions, full.tone.emotions);
  const toneOnly = emotics.score(text, { parts: ['explanations'] });
  assert.deepEqual(toneOnly.tone, full.tone, 'explanations bring the tone they explain');
  assert.equal(toneOnly.length, undefined);
  const lengthOnly = emotics.score(text, { parts: ['length'], profiles: ['x'] });
  assert.deepEqual(lengthOnly, { language: full.language, length: { x: full.length.x } });
  assert.match(emotics.score(text, { profiles: ['fax'] }).error, /unknown profile `fax` \(known: x, /);
  assert.match(emotics.score(text, { parts: ['colour'] }).error, /unknown part `colour`/);
  assert.match(emotics.score(text, { langage: 'fr' }).error, /unknown field `langage`/);
});

const PROMO = 'CLIQUEZ ICI pour votre cadeau GRATUIT !!! L’offre « spéciale » se termine ce soir – profitez-en vite sur notre site, c’est maintenant ou jamais, chez nous…';

test('fitPlan and suggest equal the native CLI’s fit and suggestions', () => {
  const emotics = new Emotics();
  const texts = [PROMO, 'L’offre « tête-à-tête » se termine ce soir 🔥 https://example.com/soldes-hiver-2026?utm_source=sms'];
  const targets = ['spamminess <= 0.2', 'trust >= 0.3'];
  const expected = native(texts, ['--fit', 'sms', '--fit', 'x', ...targets.flatMap((t) => ['--target', t])]);
  texts.forEach((text, i) => {
    assert.deepEqual([emotics.fitPlan(text, 'sms'), emotics.fitPlan(text, 'x')], expected[i].fit, text);
    assert.deepEqual(emotics.suggest(text, { targets }), expected[i].suggestions, text);
  });
  const plan = emotics.fitPlan(PROMO, 'sms');
  assert.ok(plan.edits.length > 0 && plan.after_safe.segments < plan.before.segments, JSON.stringify(plan.after_safe));
  const firstLossy = plan.edits.findIndex((e) => e.class === 'lossy');
  assert.ok(firstLossy === -1 || plan.edits.slice(firstLossy).every((e) => e.class === 'lossy'), 'safe edits first');
  for (const e of plan.edits) assert.equal(PROMO.slice(e.start_utf16, e.end_utf16), e.text, 'UTF-16 spans');
  const suggestions = emotics.suggest(PROMO, { targets: ['spamminess <= 0.2'], language: 'fr' });
  assert.equal(suggestions[0].reaches, true);
  assert.deepEqual(emotics.suggest('Merci, à bientôt', { targets: ['spamminess <= 0.2'] }), [], 'a target met already');
});

test('fitPlan and suggest give an error object for what they cannot follow, and never throw', () => {
  const emotics = new Emotics();
  assert.match(emotics.fitPlan(PROMO, 'fax').error, /unknown profile `fax` \(known: x, /);
  assert.match(emotics.fitPlan(PROMO, 'sms', { targets: ['trust >= 0.3'] }).error, /unknown field `targets`, expected one of `language`$/);
  assert.match(emotics.fitPlan(PROMO, 'sms', { langage: 'fr' }).error, /unknown field `langage`/);
  assert.match(emotics.suggest(PROMO).error, /no `targets`/);
  assert.match(emotics.suggest(PROMO, {}).error, /no `targets`/);
  assert.match(emotics.suggest(PROMO, { targets: 'trust >= 0.3' }).error, /options: invalid type/);
  assert.match(emotics.suggest(PROMO, { targets: ['trust >= beaucoup'] }).error, /`beaucoup` is not a number/);
  assert.match(emotics.suggest(PROMO, { targets: ['trsut >= 0.3'] }).error, /trsut/);
  assert.match(emotics.suggest(PROMO, { targets: ['trust >= 0.3'], profiles: ['sms'] }).error, /unknown field `profiles`/);
  assert.match(emotics.suggest('Profite de ton cadeau', { targets: ['register = vous'] }).error, /left out of the WebAssembly build/);
  for (const text of ['', '\uD800', 'a\uDC00b’', '\u0301'.repeat(1000), '😀'.repeat(500), 'CLIQUEZ '.repeat(20)]) {
    assert.ok(Array.isArray(emotics.fitPlan(text, 'sms').edits), text.slice(0, 20));
    assert.ok(Array.isArray(emotics.suggest(text, { targets: ['spamminess <= 0.2'] })), text.slice(0, 20));
  }
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

test('a model file replaces the model: labels change, reports equal the CLI with --model', () => {
  const file = trainFixtureModel(bin);
  const bytes = fs.readFileSync(file);
  const emotics = new Emotics();
  const builtin = emotics.modelName();
  assert.match(builtin, /^[^@ ]+@[0-9a-f]+$/);
  const texts = ['Zorblax is here', 'Quibbix again today'];
  const before = texts.map((text) => emotics.score(text));
  assert.equal(before[0].tone.model.name, builtin);
  assert.notEqual(before[0].tone.label, 'positive');
  assert.notEqual(before[1].tone.label, 'negative');

  const result = emotics.loadModel(bytes);
  assert.equal(result.ok, true, JSON.stringify(result));
  // a sentiment model: the built-in model still gives the emotions
  assert.match(result.model, /^brand-tone@[0-9a-f]{16} \+ /);
  assert.ok(result.model.endsWith(` + ${builtin}`), result.model);
  assert.equal(result.error, undefined);
  assert.equal(emotics.modelName(), result.model);
  const after = texts.map((text) => emotics.score(text));
  assert.equal(after[0].tone.label, 'positive');
  assert.equal(after[1].tone.label, 'negative');
  assert.ok(after[0].tone.model.name.startsWith('brand-tone@'), after[0].tone.model.name);
  const expected = native(texts, ['--model', file]);
  texts.forEach((text, i) => {
    const { id, ...want } = expected[i];
    assert.deepEqual(after[i], want, text);
  });
});

test('a damaged or truncated model file is an error object with its offset; the previous model still scores', () => {
  const bytes = fs.readFileSync(trainFixtureModel(bin));
  const emotics = new Emotics();
  assert.equal(emotics.loadModel(bytes).ok, true);
  const name = emotics.modelName();
  const scored = emotics.score('Zorblax is here');
  const damaged = Uint8Array.from(bytes);
  damaged[Math.floor(bytes.length / 2)] ^= 0x55;
  const bad = [
    ['truncated', bytes.subarray(0, bytes.length - 3)],
    ['cut in the header', bytes.subarray(0, 20)],
    ['damaged', damaged],
    ['empty', new Uint8Array()],
    ['a lexicon', new TextEncoder().encode('term\tdimension\tweight\n')],
  ];
  for (const [what, file] of bad) {
    const result = emotics.loadModel(file);
    assert.equal(result.ok, false, what);
    assert.equal(result.model, undefined, what);
    assert.equal(typeof result.error.offset, 'number', what);
    assert.ok(result.error.offset >= 0 && result.error.offset <= file.length, `${what}: ${result.error.offset}`);
    assert.ok(result.error.message.length > 0, what);
    assert.equal(emotics.modelName(), name, what);
    assert.deepEqual(emotics.score('Zorblax is here'), scored, what);
  }
  assert.equal(emotics.loadModel(new Uint8Array()).error.offset, 0);
  assert.deepEqual(emotics.loadModel(bytes.subarray(0, 20)).error, { offset: 20, message: 'truncated: checksum expected' });
  const damagedError = emotics.loadModel(damaged).error;
  assert.equal(damagedError.offset, bytes.length - 8);
  assert.match(damagedError.message, /checksum/);
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

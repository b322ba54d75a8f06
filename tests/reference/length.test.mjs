// Differential tests: emotics' X and SMS lengths against the reference npm packages
// (twitter-text 3.1.0 parseTweet, sms-segments-calculator 1.3.0) on generated texts that mix
// URLs, TLDs, emoji sequences, combining marks, CJK, directional marks and GSM-7 traps.
// Run by scripts/test after `cargo build`; EMOTICS_BIN overrides the binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const twitter = require('twitter-text');
const { SegmentedMessage } = require('sms-segments-calculator');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.EMOTICS_BIN || path.join(root, 'target', 'debug', 'emotics');

const PIECES = [
  'http://', 'https://', 'HTTPS://', 'www.', 'example', 'EXAMPLE', '.com', '.co', '.jp', '.fr', '.みんな', '.香港',
  '.comx', 't.co/', 'abc', 'xn--', 'xn--p1ai', '-', '_', '.', '..', '/', '?', '=', '&', '#', '@', '$', ' ', ' ',
  '\n', ':', '8080', '(', ')', 'é', 'e\u0301', 'ü', 'ç', 'ñ', '日本', '한국', 'Ω', 'ж', '😀', '👍🏽', '👨‍👩‍👧',
  '🏳️‍🌈', '©', '©️', '™', '…', '’', '—', '\u202F', '\u200D', '\uFEFF', '\u202A', '\u2066', 'a', 'Z', '1', '€',
  '{', '[', '~', '|', '^', '\\', '🇫🇷', '1️⃣', '#️⃣', '\u0301', '🥰', '🧑‍🤝‍🧑', 'Ä', 'ß', 'Σ', '\t', '\r\n',
  'twitter', 'foo', 'bar', '.org', '.net', '.a', 'co', '%20', '!', ',', '"', "'", '*', '+',
];

// Deterministic generator (mulberry32) so a failure can be reproduced.
function rng(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(count, seed) {
  const random = rng(seed);
  const texts = [];
  for (let i = 0; i < count; i++) {
    const n = i % 10 === 0 ? 60 + Math.floor(random() * 200) : Math.floor(random() * 25);
    let s = '';
    for (let j = 0; j < n; j++) s += PIECES[Math.floor(random() * PIECES.length)];
    texts.push(s);
  }
  return texts;
}

function emotics(texts, profiles) {
  const input = texts.map((text, id) => JSON.stringify({ id, text })).join('\n') + '\n';
  const out = execFileSync(bin, ['score', '--jsonl', '--profile', profiles], { input, maxBuffer: 1 << 28 });
  return out.toString('utf8').trim().split('\n').map((line) => JSON.parse(line));
}

const texts = [
  ...generate(4000, 20261123),
  '', 'a', '\uFEFF', 'abc\uFEFFdef', 'e\u0301'.repeat(300), 'x.com?a=1 and example.com:80/path',
  '😀example.com', 'x 😀-example.com', 'café.com', 'a.b.com.zz', '日本.com', 'https://t.co/abcdef?x=1zz',
  'a'.repeat(300), '😀'.repeat(150), 'https://example.com/' + 'a'.repeat(5000),
  'a'.repeat(64) + '.com', 'a'.repeat(63) + '.com', 'bücher.example.com', 'test.日本.com',
];

test('X weighted length, validity and valid range agree with twitter-text 3.1.0', () => {
  const reports = emotics(texts, 'x');
  const mismatches = [];
  texts.forEach((text, i) => {
    const ref = twitter.parseTweet(text);
    const x = reports[i].length.x;
    const want = { length: ref.weightedLength, valid: ref.valid, end: Math.min(ref.validRangeEnd + 1, text.length) };
    const got = { length: x.length, valid: x.valid, end: x.valid_range_end_utf16 };
    if (JSON.stringify(want) !== JSON.stringify(got)) mismatches.push({ text, want, got });
  });
  assert.deepEqual(mismatches.slice(0, 5), [], `${mismatches.length} of ${texts.length} texts differ`);
});

// The reference splits graphemes with grapheme-splitter (Unicode 10 rules, so 🧑‍🤝‍🧑 is
// three clusters to it); emotics follows current Unicode (one cluster, never split across
// segments). Texts whose clusters differ between the two are left out of the comparison,
// and the divergence has its own test.
const { splitGraphemes } = require('sms-segments-calculator/dist/libs/textUtils');
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const modernGraphemes = (text) => Array.from(segmenter.segment(text), (s) => s.segment)
  .flatMap((g) => (g === '\r\n' ? ['\r', '\n'] : [g]));
const sameClusters = (text) => JSON.stringify(splitGraphemes(text)) === JSON.stringify(modernGraphemes(text));

test('SMS encoding, segments and units agree with sms-segments-calculator 1.3.0', () => {
  const compared = texts.filter(sameClusters);
  assert.ok(compared.length > texts.length * 0.8, `only ${compared.length} of ${texts.length} texts comparable`);
  const reports = emotics(compared, 'sms');
  const mismatches = [];
  compared.forEach((text, i) => {
    const ref = new SegmentedMessage(text, 'auto', false);
    const units = ref.segments.map((segment) => segment.filter((c) => c.codeUnits !== undefined)
      .reduce((sum, c) => sum + (ref.encodingName === 'UCS-2' ? c.sizeInBits() / 16 : c.codeUnits.length), 0));
    const sms = reports[i].length.sms;
    const want = { encoding: ref.encodingName, segments: ref.segmentsCount, units };
    const got = { encoding: sms.encoding, segments: sms.segments, units: sms.units_per_segment };
    if (JSON.stringify(want) !== JSON.stringify(got)) mismatches.push({ text, want, got });
  });
  assert.deepEqual(mismatches.slice(0, 5), [], `${mismatches.length} of ${compared.length} texts differ`);
});

test('SMS: a ZWJ sequence newer than the reference\'s Unicode is never split', () => {
  const text = '😀'.repeat(33) + '🧑‍🤝‍🧑';
  assert.equal(sameClusters(text), false);
  const sms = emotics([text], 'sms')[0].length.sms;
  assert.deepEqual(sms.units_per_segment, [66, 8]);
});


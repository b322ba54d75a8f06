// The editor in headless Chromium (playwright-core driving Debian's chromium): typed French
// and English messages give the native CLI's scores and counters, the X overflow highlight
// starts at the first character past 280, a brand lexicon and a tone model file change the
// scores (bad files are reported), nothing is logged as an error, and screenshots are saved
// for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';
import { trainFixtureModel } from './fixtures/model.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const bin = process.env.EMOTICS_BIN || path.join(root, 'target', 'debug', 'emotics');
const shots = path.join(root, 'target', 'screenshots');
let server, browser, page, url;
const errors = [];

before(async () => {
  fs.mkdirSync(shots, { recursive: true });
  server = await serve(0);
  url = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'fr-FR' });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith(url)) errors.push(`network request to ${r.url()}`); });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
});

after(async () => {
  await browser?.close();
  server?.close();
});

function native(text) {
  const out = execFileSync(bin, ['score', '--jsonl'], { input: JSON.stringify({ text }) + '\n' });
  return JSON.parse(out.toString());
}

async function type(draft, text) {
  const box = page.getByTestId('draft').nth(draft);
  await box.fill('');
  await box.fill(text);
}

for (const text of ['Pas mal du tout, cette offre 😍 !!!', 'Not bad… but shipping was sooo slow 🙄', 'Dernière chance : -50 % sur tout, réservé aux membres !']) {
  test(`scores and counters match the CLI: ${text}`, async () => {
    await type(0, text);
    const report = native(text);
    const section = page.locator('.draft').nth(0);
    const sign = report.tone.valence >= 0 ? '+' : '−';
    assert.equal(await section.getByTestId('valence').textContent(), `${sign}${Math.abs(report.tone.valence).toFixed(2)}`);
    assert.equal(await section.getByTestId('count-x').textContent(), `${report.length.x.length}/280`);
    assert.equal(await section.getByTestId('count-bluesky').textContent(), `${report.length.bluesky.length}/300`);
    const sms = await section.getByTestId('sms-segments').textContent();
    assert.ok(sms.startsWith(`${report.length.sms.segments} segment`) && sms.includes(report.length.sms.encoding), sms);
    for (const [name, score] of Object.entries(report.tone.emotions)) {
      assert.equal(await section.getByTestId(`emotion-${name}`).getAttribute('data-score'), score.toFixed(2));
    }
    for (const [name, score] of Object.entries(report.tone.tones)) {
      assert.equal(await section.getByTestId(`tone-${name}`).getAttribute('data-score'), score.toFixed(2));
    }
    assert.ok(await section.locator('mark[data-dimension]').count() > 0);
  });
}

test('the X overflow highlight starts at the first character past 280', async () => {
  const text = 'a'.repeat(279) + 'é😀 fin';
  await type(1, text);
  const report = native(text);
  const overflow = page.locator('.draft').nth(1).getByTestId('overflow').first();
  const shown = await page.locator('.draft').nth(1).locator('.overflow').allTextContents();
  assert.equal(shown.join(''), text.slice(report.length.x.overflow.start_utf16));
  assert.equal([...shown.join('')][0], '😀', 'é fits (weight 1 at 280), the emoji does not');
  assert.ok(await overflow.isVisible());
  await page.screenshot({ path: path.join(shots, 'editor-overflow.png'), fullPage: true });
});

test('a brand lexicon file changes the scores; a bad one is reported', async () => {
  await type(0, 'Oria : dormez tranquille, résiliable à tout moment');
  const before = await page.locator('.draft').nth(0).getByTestId('tone-serenite').count();
  assert.equal(before, 0);
  await page.getByTestId('lexicon-file').setInputFiles(path.join(root, 'examples', 'lexicons', 'marque-confiance-liberte.tsv'));
  await page.waitForSelector('[data-testid="lexicon-status"][data-ok="true"]');
  const serenite = await page.locator('.draft').nth(0).getByTestId('tone-serenite').getAttribute('data-score');
  assert.ok(Number(serenite) >= 0.5, serenite);
  await page.getByTestId('lexicon-file').setInputFiles({ name: 'bad.tsv', mimeType: 'text/plain', buffer: Buffer.from('term\tdimension\tweight\nx\ttrust\tbeaucoup\n') });
  await page.waitForSelector('[data-testid="lexicon-status"][data-ok="false"]');
  assert.match(await page.getByTestId('lexicon-status').textContent(), /bad\.tsv:2:9/);
});

test('tooltips explain a highlighted word on focus; target tone; screenshots light and dark', async () => {
  await type(0, 'Pas mal du tout, cette offre 😍 !!!');
  await page.getByTestId('target').selectOption('trust');
  const mark = page.locator('.draft').nth(0).locator('mark', { hasText: 'mal' }).first();
  await mark.focus();
  const tip = await page.locator('#tooltip').textContent();
  assert.match(tip, /ne…pas|Pas|negated/);
  assert.ok((await page.locator('.draft').nth(0).getByTestId('target-result').textContent()).length > 0);
  await page.screenshot({ path: path.join(shots, 'editor-light.png'), fullPage: true });
  await page.getByTestId('theme').click();
  await page.screenshot({ path: path.join(shots, 'editor-dark.png'), fullPage: true });
  await page.getByTestId('theme').click();
});

test('a tone model file changes the label and is named; a bad one is reported and the previous model stays', async () => {
  const model = trainFixtureModel(bin);
  const status = page.getByTestId('model-status');
  assert.match(await status.getAttribute('data-model'), /^[^@ ]+@[0-9a-f]+$/, 'the built-in model is named');
  const section = page.locator('.draft').nth(0);
  await type(0, 'Zorblax is here');
  assert.notEqual(await section.getByTestId('valence').getAttribute('data-label'), 'positive');

  await page.getByTestId('model-file').setInputFiles(model);
  await page.waitForSelector('[data-testid="model-status"][data-ok="true"]');
  assert.match(await status.textContent(), /brand-tone\.model.*brand-tone@[0-9a-f]+/);
  assert.match(await status.getAttribute('data-model'), /^brand-tone@/);
  assert.equal(await section.getByTestId('valence').getAttribute('data-label'), 'positive');
  await type(0, 'Quibbix again today');
  assert.equal(await section.getByTestId('valence').getAttribute('data-label'), 'negative');
  await page.screenshot({ path: path.join(shots, 'editor-model.png'), fullPage: true });

  const bytes = fs.readFileSync(model);
  await page.getByTestId('model-file').setInputFiles({ name: 'cut.model', mimeType: 'application/octet-stream', buffer: bytes.subarray(0, 20) });
  await page.waitForSelector('[data-testid="model-status"][data-ok="false"]');
  assert.match(await status.textContent(), /cut\.model, (byte|octet) 20 : truncated|cut\.model, (byte|octet) 20: truncated/);
  assert.match(await status.getAttribute('data-model'), /^brand-tone@/);
  await type(0, 'Zorblax is here');
  assert.equal(await section.getByTestId('valence').getAttribute('data-label'), 'positive', 'the loaded model still scores');
});

test('a fit plan: the safe fixes take a French SMS from 2 segments to 1; undo restores it exactly', async () => {
  const text = 'Julie, l’offre « Printemps » se termine dimanche : -30 % sur les robes d’été. Rendez-vous en boutique !';
  const section = page.locator('.draft').nth(0);
  await type(0, text);
  assert.match(await section.getByTestId('sms-segments').textContent(), /^2 segments · UCS-2/);
  assert.equal(await section.getByTestId('fit-plan').count(), 0, 'computed on demand only');
  await section.getByTestId('fit-sms').click();
  const plan = section.getByTestId('fit-plan');
  const edits = plan.getByTestId('fit-edit');
  assert.equal(await edits.count(), 4);
  assert.deepEqual(await edits.evaluateAll((li) => li.map((e) => e.dataset.class)), ['safe', 'safe', 'safe', 'safe']);
  assert.match(await edits.nth(0).textContent(), /« ’ » → « ' »/);
  assert.match(await edits.nth(3).textContent(), /2 segments · UCS-2 · 103 (unités|units) → 1 segment · GSM-7 · 103/);
  assert.match(await plan.getByTestId('fit-summary').textContent(), /^2 segments · UCS-2 .* → 1 segment · GSM-7/);
  await page.screenshot({ path: path.join(shots, 'editor-fit-plan.png'), fullPage: true });
  await plan.getByTestId('apply-safe').click();
  const fixed = 'Julie, l\'offre " Printemps " se termine dimanche : -30 % sur les robes d\'été. Rendez-vous en boutique !';
  assert.equal(await page.getByTestId('draft').nth(0).inputValue(), fixed);
  assert.match(await section.getByTestId('sms-segments').textContent(), /^1 segment · GSM-7/);
  assert.equal(await section.getByTestId('fit-sms').count(), 0, 'the SMS fits now');
  await section.getByTestId('undo').click();
  assert.equal(await page.getByTestId('draft').nth(0).inputValue(), text);
  assert.match(await section.getByTestId('sms-segments').textContent(), /^2 segments · UCS-2/);
  assert.ok(await section.getByTestId('undo').isDisabled());
  // one edit at a time, undone with the keyboard
  await section.getByTestId('fit-plan').getByTestId('apply-edit').first().click();
  assert.equal(await page.getByTestId('draft').nth(0).inputValue(), text.replace('’', "'"));
  await page.getByTestId('draft').nth(0).focus();
  await page.keyboard.press('Control+z');
  assert.equal(await page.getByTestId('draft').nth(0).inputValue(), text);
});

test('a tone suggestion: set a target, apply one, the score moves; undo restores it', async () => {
  const text = 'CLIQUEZ ICI pour votre cadeau GRATUIT !!!';
  const section = page.locator('.draft').nth(1);
  await type(1, text);
  const spam = async () => Number(await section.getByTestId('tone-spamminess').getAttribute('data-score'));
  const before = await spam();
  assert.ok(before > 0.5, String(before));
  await section.getByTestId('targets').fill('spamminess <= 0.2');
  await section.getByTestId('suggest').click();
  const first = section.getByTestId('suggestion').first();
  assert.match(await first.textContent(), /« CLIQUEZ ICI » → « Découvrez l'offre »/);
  assert.match(await first.getByTestId('suggestion-targets').textContent(), /spamminess <= 0.2 : 0[.,]92 → 0[.,]00 ✓/);
  await page.screenshot({ path: path.join(shots, 'editor-suggestions.png'), fullPage: true });
  await first.getByTestId('apply-suggestion').click();
  const applied = await page.getByTestId('draft').nth(1).inputValue();
  assert.notEqual(applied, text);
  assert.ok(!applied.includes('CLIQUEZ ICI'), applied);
  assert.ok(await spam() <= 0.2, String(await spam()));
  await section.getByTestId('undo').focus();
  await page.keyboard.press('Control+z');
  assert.equal(await page.getByTestId('draft').nth(1).inputValue(), text);
  assert.equal(await spam(), before);
  // a target that cannot be read is said, not thrown
  await section.getByTestId('targets').fill('spamminess <= beaucoup');
  await section.getByTestId('suggest').click();
  assert.match(await section.getByTestId('suggest-error').textContent(), /beaucoup/);
});

test('drafts are kept in localStorage and nothing was logged as an error', async () => {
  await type(0, 'Brouillon gardé');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.getByTestId('draft').nth(0).inputValue(), 'Brouillon gardé');
  assert.deepEqual(errors, []);
});

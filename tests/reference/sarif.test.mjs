// `emotics check --format sarif` validated against the OASIS SARIF 2.1.0 JSON schema
// (draft-07, "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"), as shipped
// verbatim in the npm package @datadog/datadog-ci-plugin-sarif, with ajv 8 and ajv-formats
// (the schema uses the uri, uri-reference and date-time formats), pinned in package-lock.json.
// Run by scripts/test after `cargo build`; EMOTICS_BIN overrides the binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const bin = process.env.EMOTICS_BIN || path.join(root, 'target', 'debug', 'emotics');
const missingBinary = fs.existsSync(bin)
  ? false
  : `emotics binary not found at ${bin}: run \`cargo build\` first (or set EMOTICS_BIN)`;

const SCHEMA_PATH = path.join(here, 'node_modules', '@datadog', 'datadog-ci-plugin-sarif', 'dist', 'json-schema',
  'sarif-schema-2.1.0.json');

// The validator, compiled once. A missing package is a setup error, not a reason to skip.
let validator;
function validateSarif() {
  if (validator) return validator;
  let Ajv, addFormats;
  try {
    Ajv = require('ajv');
    addFormats = require('ajv-formats');
  } catch (err) {
    throw new Error(`ajv/ajv-formats are not installed: run \`npm ci\` in tests/reference (${err.message})`);
  }
  assert.ok(fs.existsSync(SCHEMA_PATH),
    `SARIF schema not found at ${SCHEMA_PATH}: run \`npm ci\` in tests/reference`);
  const schema = JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8'));
  // Make sure this is the full OASIS SARIF 2.1.0 schema and not some other file.
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(schema.title, 'Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
  assert.match(schema.$id, /oasis-tcs\/sarif-spec\/.*sarif-schema-2\.1\.0\.json$/);
  assert.deepEqual(schema.properties.version.enum, ['2.1.0']);
  assert.ok(Object.keys(schema.definitions).length >= 50, 'the SARIF schema looks truncated');
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  validator = ajv.compile(schema);
  return validator;
}

function assertValid(log) {
  const validate = validateSarif();
  if (!validate(log)) {
    const errors = validate.errors.slice(0, 30)
      .map((e) => `  ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`).join('\n');
    assert.fail(`SARIF output does not validate against the SARIF 2.1.0 schema `
      + `(${validate.errors.length} error(s)):\n${errors}`);
  }
}

function runCheck(dir) {
  const run = spawnSync(bin, ['check', '--format', 'sarif', '--no-config', dir], {
    encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120_000,
  });
  assert.equal(run.error, undefined, `could not run ${bin}: ${run.error}`);
  let log;
  try {
    log = JSON.parse(run.stdout);
  } catch (err) {
    assert.fail(`stdout is not JSON (${err.message}); exit ${run.status}\nstdout: ${run.stdout.slice(0, 2000)}`
      + `\nstderr: ${run.stderr.slice(0, 2000)}`);
  }
  return { status: run.status, stderr: run.stderr, log };
}

function tempDir(t, prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// The structure every emotics SARIF log has, beyond what the schema requires.
function assertShape(log) {
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1, 'one run');
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'emotics');
  assert.ok(Array.isArray(run.tool.driver.rules) && run.tool.driver.rules.length > 0, 'driver.rules listed');
  assert.ok(Array.isArray(run.results), 'run.results is an array');
  return run;
}

test('SARIF of a directory of campaign files validates against the SARIF 2.1.0 schema',
  { skip: missingBinary }, (t) => {
    const dir = tempDir(t, 'emotics-sarif-');
    const files = {
      'campagne.csv': [
        'texte;canal',
        '"Profitez de -20 % sur toute la boutique ce week-end ; livraison offerte";sms',
        'CLIQUEZ ICI !!! Offre exceptionnelle réservée à nos clients;email',
        `${'Découvrez notre nouvelle collection printemps-été, pensée pour vous accompagner au quotidien. '.repeat(4)}`
          + 'Rendez-vous en boutique ou sur notre site;x',
        'Merci pour votre fidélité, à très bientôt;push',
      ].join('\n') + '\n',
      // A non-ASCII file name: its URI must be percent-encoded to be a valid uri-reference.
      'relances-été.txt': 'Bonjour, votre commande est prête en magasin.\nCLIQUEZ ICI !!! DERNIÈRE CHANCE !!!\n',
      'messages.yaml': [
        'push:',
        '  titre: "Soldes : jusqu’à -50 % sur une sélection d’articles"',
        '  corps: "CLIQUEZ ICI !!! Vite, les stocks partent"',
        'email:',
        '  objet: Merci pour votre confiance',
      ].join('\n') + '\n',
      'casse.json': '{"messages": [{"text": "Bonjour et bienvenue", }\n',
    };
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
    assert.ok(files['campagne.csv'].split('\n')[3].length > 280);

    const { status, stderr, log } = runCheck(dir);
    assertValid(log);
    assert.equal(status, 1, `exit code 1 on error findings (stderr: ${stderr.slice(0, 500)})`);

    const run = assertShape(log);
    assert.ok(run.results.length > 0, 'results are not empty');
    const ruleIds = run.tool.driver.rules.map((r) => r.id);
    assert.equal(new Set(ruleIds).size, ruleIds.length, 'rule ids are unique');
    const created = new Set(Object.keys(files).map((name) => path.join(dir, name)));
    for (const [i, result] of run.results.entries()) {
      const where = `results[${i}] ${JSON.stringify(result).slice(0, 300)}`;
      assert.ok(ruleIds.includes(result.ruleId), `${where}: ruleId is one of tool.driver.rules`);
      if (result.ruleIndex !== undefined) {
        assert.equal(ruleIds[result.ruleIndex], result.ruleId, `${where}: ruleIndex points at its rule`);
      }
      const physical = result.locations?.[0]?.physicalLocation;
      assert.ok(physical, `${where}: has a physicalLocation`);
      assert.equal(typeof physical.artifactLocation?.uri, 'string', `${where}: has artifactLocation.uri`);
      assert.ok(Number.isInteger(physical.region?.startLine) && physical.region.startLine >= 1,
        `${where}: region.startLine >= 1`);
      const file = path.resolve(dir, decodeURIComponent(physical.artifactLocation.uri));
      assert.ok(created.has(file), `${where}: the uri names one of the checked files`);
    }
    const uris = run.results.map((r) => decodeURIComponent(r.locations[0].physicalLocation.artifactLocation.uri));
    assert.ok(uris.some((uri) => uri.endsWith('relances-été.txt')),
      'a result in the file with a non-ASCII name (its uri is percent-encoded)');
    const input = run.results.filter((r) => r.ruleId === 'input');
    assert.ok(input.some((r) => decodeURIComponent(r.locations[0].physicalLocation.artifactLocation.uri)
      .endsWith('casse.json')), 'an `input` result for the malformed JSON file');
  });

test('SARIF of an empty directory validates against the SARIF 2.1.0 schema', { skip: missingBinary }, (t) => {
  const dir = tempDir(t, 'emotics-sarif-empty-');
  const { status, stderr, log } = runCheck(dir);
  assertValid(log);
  assert.equal(status, 0, `exit code 0 without findings (stderr: ${stderr.slice(0, 500)})`);
  assertShape(log);
});

test('the SARIF schema rejects what it must (the validator is really checking)', () => {
  const validate = validateSarif();
  const ok = {
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'emotics', rules: [{ id: 'length' }] } },
      results: [{
        ruleId: 'length', level: 'error', message: { text: 'too long' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'a%20b.csv' }, region: { startLine: 2 } } }],
      }],
    }],
  };
  assertValid(ok);
  const broken = (mutate) => { const log = structuredClone(ok); mutate(log); return validate(log); };
  assert.equal(broken((l) => { l.version = '2.0.0'; }), false, 'wrong version');
  assert.equal(broken((l) => { delete l.runs[0].tool.driver.name; }), false, 'driver without name');
  assert.equal(broken((l) => { l.runs[0].results[0].level = 'fatal'; }), false, 'unknown level');
  assert.equal(broken((l) => { l.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0; }), false,
    'startLine 0');
  assert.equal(broken((l) => { l.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'a b.csv'; }),
    false, 'uri with a space (format uri-reference)');
  assert.equal(broken((l) => { l.runs[0].results[0].extra = true; }), false, 'unknown property');
});

// The emotics drafting editor: scores every draft on each keystroke with the WebAssembly
// build of the same Rust core as the CLI, offline. No network after load.
import init, { Emotics } from './pkg/emotics.js';

const EMOTIONS = ['joy', 'trust', 'fear', 'surprise', 'sadness', 'disgust', 'anger', 'anticipation'];
const SHOWN_PROFILES = ['x', 'sms', 'bluesky', 'mastodon', 'threads', 'instagram_caption', 'linkedin_post',
  'google_ads_headline', 'google_ads_description', 'push_ios_title', 'push_android_title', 'email_subject', 'whatsapp'];
const STORAGE = 'emotics.editor.v1';

const TEXT = {
  fr: {
    tagline: 'Ton et longueur de vos micromessages, mot par mot.', language: 'Langue du message', auto: 'auto',
    target: 'Ton visé', lexicon: 'Lexique de marque…', model: 'Charger un modèle de ton…', export: 'Exporter (JSON)', valence: 'Valence',
    emotions: 'Émotions', tones: 'Tons marketing', 'target-check': 'Objectif', lengths: 'Longueurs',
    'draft-label': 'Votre message', footer: 'Tout est calculé dans votre navigateur, hors ligne : aucun texte ne quitte cette page.',
    draft: 'Brouillon', placeholder: 'Écrivez votre message…', positive: 'positif', neutral: 'neutre', negative: 'négatif',
    detected: 'langue', segments: (n) => `${n} segment${n > 1 ? 's' : ''}`, because: 'à cause de', at: 'col.',
    none: 'aucun', targetOk: (d, s) => `${d} ${s} ≥ 0,50 : objectif atteint.`,
    targetMiss: (d, s) => `${d} ${s} < 0,50 : pas assez marqué.`, pushing: 'Mots qui le portent :', pulling: 'Mots qui le freinent :',
    noWords: 'aucun mot ne le porte encore.', loaded: (f, w) => `${f} chargé${w ? ` (${w} avertissement${w > 1 ? 's' : ''})` : ''}.`,
    failed: (e) => `Lexique refusé — ${e.file}:${e.line}:${e.column} : ${e.message}`,
    modelIs: (m) => (m ? `Modèle de ton : ${m}` : 'Modèle de ton : aucun (règles seules)'), modelLoaded: (f, m) => `${f} chargé : modèle ${m}.`,
    modelFailed: (f, e) => `Modèle refusé — ${f}, octet ${e.offset} : ${e.message}. Le modèle précédent reste en place.`, over: 'dépasse', register: 'registre',
    theme: 'Thème sombre', uiSwitch: 'English interface', noTarget: '— aucun —',
    fit: 'Comment le faire tenir', safe: 'sûre', lossy: 'avec perte', applySafe: 'Appliquer les corrections sûres', apply: 'Appliquer',
    undo: 'Annuler', suggest: 'Suggérer', targets: 'Objectifs (ex. trust >= 0.3)', noSuggestion: 'Aucune suggestion : objectifs atteints, ou rien n’y aide.',
    noEdit: 'Aucune correction : le message tient déjà au mieux.', blocking: 'Reste en UCS-2 à cause de', units: 'unités', removed: '(supprimé)',
    dims: { urgency: 'urgence', exclusivity: 'exclusivité', trust: 'confiance', freedom: 'liberté', curiosity: 'curiosité',
      value: 'bonne affaire', social_proof: 'preuve sociale', spamminess: 'spam', formality: 'formalité', politeness: 'politesse',
      joy: 'joie', fear: 'peur', surprise: 'surprise', sadness: 'tristesse', disgust: 'dégoût', anger: 'colère', anticipation: 'anticipation',
      'emotion:trust': 'confiance (émotion)', valence: 'valence' },
  },
  en: {
    tagline: 'Tone and length of your micromessages, word by word.', language: 'Message language', auto: 'auto',
    target: 'Target tone', lexicon: 'Brand lexicon…', model: 'Load a tone model…', export: 'Export (JSON)', valence: 'Valence',
    emotions: 'Emotions', tones: 'Marketing tones', 'target-check': 'Target', lengths: 'Lengths',
    'draft-label': 'Your message', footer: 'Everything runs in your browser, offline: no text leaves this page.',
    draft: 'Draft', placeholder: 'Write your message…', positive: 'positive', neutral: 'neutral', negative: 'negative',
    detected: 'language', segments: (n) => `${n} segment${n > 1 ? 's' : ''}`, because: 'because of', at: 'col.',
    none: 'none', targetOk: (d, s) => `${d} ${s} ≥ 0.50: on target.`,
    targetMiss: (d, s) => `${d} ${s} < 0.50: not there yet.`, pushing: 'Words pushing it:', pulling: 'Words holding it back:',
    noWords: 'no word pushes it yet.', loaded: (f, w) => `${f} loaded${w ? ` (${w} warning${w > 1 ? 's' : ''})` : ''}.`,
    failed: (e) => `Lexicon refused — ${e.file}:${e.line}:${e.column}: ${e.message}`,
    modelIs: (m) => (m ? `Tone model: ${m}` : 'Tone model: none (rules only)'), modelLoaded: (f, m) => `${f} loaded: model ${m}.`,
    modelFailed: (f, e) => `Model refused — ${f}, byte ${e.offset}: ${e.message}. The previous model still scores.`, over: 'over', register: 'register',
    theme: 'Dark theme', uiSwitch: 'Interface en français', noTarget: '— none —',
    fit: 'How to fit it', safe: 'safe', lossy: 'lossy', applySafe: 'Apply the safe fixes', apply: 'Apply',
    undo: 'Undo', suggest: 'Suggest', targets: 'Targets (e.g. trust >= 0.3)', noSuggestion: 'No suggestion: the targets are met, or nothing helps.',
    noEdit: 'No edit: the message already fits as well as it can.', blocking: 'Still UCS-2 because of', units: 'units', removed: '(removed)',
    dims: { social_proof: 'social proof', 'emotion:trust': 'trust (emotion)' },
  },
};

const state = loadState();
let checker;
const drafts = [];

function loadState() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE) || '{}');
    return {
      texts: Array.isArray(saved.texts) ? saved.texts.slice(0, 2) : ['', ''],
      language: saved.language || 'auto', target: saved.target || '', ui: saved.ui || (navigator.language.startsWith('fr') ? 'fr' : 'en'),
      theme: saved.theme || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'),
    };
  } catch {
    return { texts: ['', ''], language: 'auto', target: '', ui: 'fr', theme: 'light' };
  }
}

function saveState() {
  try { localStorage.setItem(STORAGE, JSON.stringify(state)); } catch { /* private mode: drafts are not kept */ }
}

const t = (key) => TEXT[state.ui][key] ?? TEXT.fr[key];
const dimName = (d) => TEXT[state.ui].dims[d] ?? TEXT.en.dims[d] ?? d;
const fmt = (x, digits = 2) => (state.ui === 'fr' ? x.toFixed(digits).replace('.', ',') : x.toFixed(digits));
const signed = (x) => (x >= 0 ? '+' : '−') + Math.abs(x).toFixed(2);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v; else if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

/** The text split at every explanation boundary, each piece with the explanations covering it. */
function segments(text, explanations, overflowStart) {
  const cuts = new Set([0, text.length]);
  for (const e of explanations) { cuts.add(e.start_utf16); cuts.add(e.end_utf16); }
  if (overflowStart !== null) cuts.add(overflowStart);
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = explanations.filter((e) => e.start_utf16 <= a && b <= e.end_utf16 && e.end_utf16 > e.start_utf16);
    out.push({ text: text.slice(a, b), covering, overflow: overflowStart !== null && a >= overflowStart });
  }
  return out;
}

function dimensionKey(e) {
  return e.family === 'emotion' && e.dimension === 'trust' ? 'emotion:trust' : e.dimension;
}

function describe(e) {
  const mods = e.modifiers.map((m) => m.description).join('; ');
  const base = e.family === 'valence' && e.cause === 'punctuation' ? '' : `${signed(e.base)} → `;
  return `${dimName(dimensionKey(e))}: ${base}${signed(e.score)}${mods ? ` (${mods})` : ''}`;
}

function renderExplained(view, text, report) {
  view.replaceChildren();
  const x = report.length.x;
  const overflowStart = x && x.overflow ? x.overflow.start_utf16 : null;
  const explanations = report.tone.explanations.filter((e) => e.cause !== 'punctuation' || e.family === 'valence');
  for (const seg of segments(text, explanations, overflowStart)) {
    if (!seg.covering.length && !seg.overflow) { view.append(seg.text); continue; }
    const node = el(seg.covering.length ? 'mark' : 'span', { class: seg.overflow ? 'overflow' : '' }, seg.text);
    if (seg.overflow) node.dataset.testid = 'overflow';
    if (seg.covering.length) {
      const primary = seg.covering.find((e) => dimensionKey(e) === state.target)
        ?? seg.covering.reduce((a, b) => (Math.abs(b.score) > Math.abs(a.score) ? b : a));
      node.dataset.dimension = dimensionKey(primary);
      node.dataset.sign = primary.score >= 0 ? 'up' : 'down';
      node.tabIndex = 0;
      node.dataset.tip = seg.covering.map(describe).join('\n');
      node.setAttribute('aria-label', `${seg.text}: ${seg.covering.map(describe).join('; ')}`);
    }
    view.append(node);
  }
}

function renderScores(d, report) {
  const tone = report.tone;
  d.valence.textContent = signed(tone.valence);
  d.valence.dataset.label = tone.label;
  d.label.textContent = t(tone.label);
  d.detected.textContent = `· ${t('detected')} ${report.language}`;
  d.needle.style.left = `${((tone.valence + 1) / 2) * 100}%`;
  d.bars.replaceChildren(...EMOTIONS.map((name) => {
    const score = tone.emotions[name];
    return el('li', { 'data-testid': `emotion-${name}`, 'data-score': score.toFixed(2) },
      el('span', { class: 'name', text: dimName(name === 'trust' ? 'emotion:trust' : name) }),
      el('span', { class: 'meter', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': '1', 'aria-valuenow': score.toFixed(2), 'aria-label': dimName(name) },
        el('span', { class: 'fill', style: `width:${score * 100}%` })),
      el('span', { class: 'value', text: fmt(score) }));
  }));
  d.chips.replaceChildren(...Object.entries(tone.tones).map(([name, score]) =>
    el('li', { class: `chip${score >= 0.5 ? ' on' : ''}`, 'data-testid': `tone-${name}`, 'data-dimension': name, 'data-score': score.toFixed(2) },
      `${dimName(name)} ${fmt(score)}`)));
  d.register.textContent = report.language === 'fr' ? `${t('register')} : ${tone.register}` : '';
}

function renderTarget(d, report) {
  if (!state.target) { d.target.textContent = ''; return; }
  const [family, dim] = state.target.startsWith('emotion:') ? ['emotion', state.target.slice(8)] : ['tone', state.target];
  const score = family === 'emotion' ? report.tone.emotions[dim] : report.tone.tones[dim];
  if (score === undefined) { d.target.textContent = ''; return; }
  const words = report.tone.explanations.filter((e) => e.family === family && e.dimension === dim);
  const pushing = words.filter((e) => e.score > 0).map((e) => `« ${e.text} »`);
  const pulling = words.filter((e) => e.score < 0).map((e) => `« ${e.text} »`);
  const head = score >= 0.5 ? t('targetOk')(dimName(state.target), fmt(score)) : t('targetMiss')(dimName(state.target), fmt(score));
  d.target.dataset.met = String(score >= 0.5);
  d.target.textContent = `${head} ${t('pushing')} ${pushing.join(', ') || t('noWords')}${pulling.length ? ` ${t('pulling')} ${pulling.join(', ')}` : ''}`;
}

function ring(fraction, over) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 36 36'); svg.setAttribute('class', `ring${over ? ' over' : ''}`); svg.setAttribute('aria-hidden', 'true');
  const c = 2 * Math.PI * 15.9;
  svg.innerHTML = `<circle cx="18" cy="18" r="15.9" class="track"/><circle cx="18" cy="18" r="15.9" class="progress" stroke-dasharray="${Math.min(fraction, 1) * c} ${c}"/>`;
  return svg;
}

function renderCounters(d, text, report) {
  const items = [];
  for (const name of SHOWN_PROFILES) {
    const p = report.length[name];
    if (!p) continue;
    const over = !p.valid && p.kind === 'hard';
    const li = el('li', { class: `profile${p.valid ? '' : (over ? ' over' : ' long')}` });
    if (name === 'x') li.append(ring(p.length / p.limit, !p.valid));
    li.append(el('span', { class: 'pname', text: name.replace(/_/g, ' ') }),
      el('span', { class: 'count', 'data-testid': `count-${name}`, text: `${p.length}/${p.limit}` }));
    if (name === 'sms') {
      const causes = (p.ucs2_characters || []).slice(0, 3).map((c) => `${c.text} ${t('at')} ${c.start_utf16 + 1}`);
      const why = p.encoding === 'UCS-2' && causes.length ? ` ${t('because')} ${causes.join(', ')}` : '';
      li.append(el('span', { class: 'detail', 'data-testid': 'sms-segments', text: `${t('segments')(p.segments)} · ${p.encoding}${why}` }));
    }
    if (p.overflow) li.append(el('span', { class: 'detail', text: `${t('over')} : « ${text.slice(p.overflow.start_utf16, p.overflow.start_utf16 + 20)}… »` }));
    if (!p.valid) {
      const button = el('button', { class: 'fit', 'data-testid': `fit-${name}`, 'data-profile': name, text: t('fit') });
      li.append(button);
    }
    items.push(li);
  }
  d.profiles.replaceChildren(...items);
}

/** A profile's measure in a few words: SMS segments, encoding and units, or length / limit. */
function measure(p) {
  return p.segments !== undefined ? `${t('segments')(p.segments)} · ${p.encoding} · ${p.units} ${t('units')}` : `${p.length}/${p.limit}`;
}

const quoted = (text) => (text ? `« ${text} »` : t('removed'));

/** The tone scores an edit or a suggestion moves, each before → after. */
function toneMoves(valenceBefore, change, before) {
  const parts = [`${t('valence').toLowerCase()} ${signed(valenceBefore)} → ${signed(valenceBefore + change.valence)}${change.label ? ` (${t(change.label)})` : ''}`];
  for (const [name, delta] of change.tones) parts.push(`${dimName(name)} ${fmt(before.tones[name])} → ${fmt(before.tones[name] + delta)}`);
  for (const [name, delta] of change.emotions) parts.push(`${dimName(name === 'trust' ? 'emotion:trust' : name)} ${fmt(before.emotions[name])} → ${fmt(before.emotions[name] + delta)}`);
  return parts.join(' · ');
}

const languageOptions = () => (state.language === 'auto' ? {} : { language: state.language });

/** The fit plan of the draft for a profile: safe edits, then lossy ones, each applicable. */
function renderFit(d, i, profile) {
  const text = d.textarea.value;
  const plan = checker.fitPlan(text, profile, languageOptions());
  if (plan.error) { d.fixes.replaceChildren(el('p', { class: 'error', text: plan.error })); return; }
  const panel = el('div', { class: 'fit-plan', 'data-testid': 'fit-plan', 'data-profile': profile });
  panel.append(el('h3', { text: `${t('fit')} · ${profile.replace(/_/g, ' ')}` }),
    el('p', { 'data-testid': 'fit-summary', text: `${measure(plan.before)} → ${measure(plan.after_safe)} (${t('safe')}) → ${measure(plan.after)}` }));
  if (!plan.edits.length) panel.append(el('p', { text: t('noEdit') }));
  const list = el('ol', { class: 'edits' });
  let previous = plan.before;
  let tone = d.report.tone;
  let valence = tone.valence;
  for (const edit of plan.edits) {
    const li = el('li', { class: `edit ${edit.class}`, 'data-testid': 'fit-edit', 'data-class': edit.class },
      el('span', { class: 'badge', text: t(edit.class) }),
      el('span', { class: 'change', text: `${quoted(edit.text)} → ${quoted(edit.replacement)}` }),
      el('span', { class: 'why', text: edit.description }),
      el('span', { class: 'effect', text: `${measure(previous)} → ${measure(edit.effect)}` }),
      el('span', { class: 'effect', text: toneMoves(valence, edit.tone, tone) }));
    const button = el('button', { 'data-testid': 'apply-edit', text: t('apply') });
    button.addEventListener('click', () => applyText(i, text.slice(0, edit.start_utf16) + edit.replacement + text.slice(edit.end_utf16)));
    li.append(button);
    list.append(li);
    previous = edit.effect;
    valence += edit.tone.valence;
    tone = moved(tone, edit.tone);
  }
  panel.append(list);
  if (plan.blocking.length) panel.append(el('p', { class: 'blocking', text: `${t('blocking')} ${plan.blocking.map((c) => `${c.text} (${t('at')} ${c.start_utf16 + 1})`).join(', ')}` }));
  if (plan.edits.some((e) => e.class === 'safe')) {
    const button = el('button', { 'data-testid': 'apply-safe', text: t('applySafe') });
    button.addEventListener('click', () => applyText(i, plan.text_safe));
    panel.append(button);
  }
  d.fixes.replaceChildren(panel);
}

/** Tone scores after a change (tones and emotions only: what `toneMoves` reads). */
function moved(tone, change) {
  const tones = { ...tone.tones };
  const emotions = { ...tone.emotions };
  for (const [name, delta] of change.tones) tones[name] += delta;
  for (const [name, delta] of change.emotions) emotions[name] += delta;
  return { tones, emotions };
}

/** The targets typed (`trust >= 0.3, spamminess <= 0.2`), or the target tone chosen above at 0.50. */
function targetsOf(d) {
  const typed = d.targets.value.split(/[,;]/).map((x) => x.trim()).filter(Boolean);
  if (typed.length || !state.target) return typed;
  return [`${state.target.replace('emotion:', 'emotions.')} >= 0.5`];
}

/** Rewrites that bring the draft to its targets, each with the words it changes and its effect. */
function renderSuggestions(d, i) {
  const text = d.textarea.value;
  const suggestions = checker.suggest(text, { targets: targetsOf(d), ...languageOptions() });
  if (suggestions.error) { d.fixes.replaceChildren(el('p', { class: 'error', 'data-testid': 'suggest-error', text: suggestions.error })); return; }
  const panel = el('div', { class: 'suggestions', 'data-testid': 'suggestions' }, el('h3', { text: t('suggest') }));
  if (!suggestions.length) panel.append(el('p', { text: t('noSuggestion') }));
  const list = el('ol');
  const profiles = ['sms', 'x'];
  for (const s of suggestions) {
    const after = checker.score(s.text, { parts: ['length'], profiles, ...languageOptions() });
    const li = el('li', { class: 'suggestion', 'data-testid': 'suggestion', 'data-reaches': String(s.reaches) },
      el('span', { class: 'change', text: s.edits.map((e) => `${quoted(e.text)} → ${quoted(e.replacement)}`).join(' ; ') }),
      el('span', { class: 'effect', 'data-testid': 'suggestion-targets', text: s.targets.map((r) => `${r.target} : ${fmt(r.before)} → ${fmt(r.after)}${r.met ? ' ✓' : ''}`).join(' · ') }),
      el('span', { class: 'effect', text: toneMoves(d.report.tone.valence, s.tone, d.report.tone) }),
      el('span', { class: 'effect', text: profiles.map((p) => `${p} ${measure(d.report.length[p])} → ${measure(after.length[p])}`).join(' · ') }));
    const button = el('button', { 'data-testid': 'apply-suggestion', text: t('apply') });
    button.addEventListener('click', () => applyText(i, s.text));
    li.append(button);
    list.append(li);
  }
  panel.append(list);
  d.fixes.replaceChildren(panel);
}

/** The open panel (fit plan or suggestions) of a draft, computed again for its text. */
function renderFixes(i) {
  const d = drafts[i];
  if (!d.open) d.fixes.replaceChildren();
  else if (d.open.kind === 'fit') renderFit(d, i, d.open.profile);
  else renderSuggestions(d, i);
  d.undo.disabled = !d.history.length;
}

/** Replaces a draft's text with an edit applied; `undo` brings back the text before it. */
function applyText(i, text) {
  const d = drafts[i];
  d.history.push({ before: d.textarea.value, after: text });
  d.textarea.value = text;
  lastApplied = i;
  update(i);
  renderFixes(i);
}

let lastApplied = 0;

/** Undoes the last edit applied to draft `i`, if its text is still what the edit made. */
function undo(i) {
  const d = drafts[i];
  const last = d.history.at(-1);
  if (!last || last.after !== d.textarea.value) return false;
  d.history.pop();
  d.textarea.value = last.before;
  update(i);
  renderFixes(i);
  return true;
}

function update(i) {
  const d = drafts[i];
  const text = d.textarea.value;
  state.texts[i] = text;
  saveState();
  const options = state.language === 'auto' ? undefined : { language: state.language };
  const report = checker.score(text, options);
  d.report = report;
  renderExplained(d.view, text, report);
  renderScores(d, report);
  renderTarget(d, report);
  renderCounters(d, text, report);
}

function updateAll() { drafts.forEach((_, i) => { update(i); renderFixes(i); }); }

function fillTargets() {
  const select = document.getElementById('target');
  const tones = drafts[0]?.report ? Object.keys(drafts[0].report.tone.tones) : [];
  const options = [['', t('noTarget')], ...tones.map((n) => [n, dimName(n)]), ...EMOTIONS.map((n) => [`emotion:${n}`, dimName(n === 'trust' ? 'emotion:trust' : n)])];
  select.replaceChildren(...options.map(([v, label]) => el('option', { value: v, text: label })));
  select.value = state.target;
}

function applyUi() {
  document.documentElement.lang = state.ui;
  document.documentElement.dataset.theme = state.theme;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  const uiButton = document.getElementById('ui-language');
  uiButton.textContent = state.ui === 'fr' ? 'EN' : 'FR';
  uiButton.setAttribute('aria-label', t('uiSwitch'));
  document.getElementById('theme').setAttribute('aria-label', t('theme'));
  drafts.forEach((d, i) => {
    d.title.textContent = `${t('draft')} ${'AB'[i]}`;
    d.section.setAttribute('aria-label', `${t('draft')} ${'AB'[i]}`);
    d.textarea.placeholder = t('placeholder');
    d.undo.textContent = t('undo');
    d.section.querySelector('.suggest').textContent = t('suggest');
    d.targets.placeholder = t('targets');
    d.targets.setAttribute('aria-label', t('targets'));
    renderFixes(i);
  });
  fillTargets();
  if (checker) showModelStatus();
}

async function loadLexiconFile(file) {
  const status = document.getElementById('lexicon-status');
  const result = checker.loadLexicon(file.name, await file.text());
  status.dataset.ok = String(result.ok);
  status.textContent = result.ok ? t('loaded')(file.name, result.warnings.length) : t('failed')(result.error);
  if (result.ok) { updateAll(); fillTargets(); }
}

// what the model status says, kept to be shown again in the other interface language
let modelStatus = { ok: null };

function showModelStatus() {
  const status = document.getElementById('model-status');
  const s = modelStatus;
  if (s.ok === null) delete status.dataset.ok; else status.dataset.ok = String(s.ok);
  status.dataset.model = checker.modelName();
  status.textContent = s.ok === null ? t('modelIs')(checker.modelName())
    : s.ok ? t('modelLoaded')(s.file, s.model) : t('modelFailed')(s.file, s.error);
}

async function loadModelFile(file) {
  const result = checker.loadModel(new Uint8Array(await file.arrayBuffer()));
  modelStatus = { ok: result.ok, file: file.name, model: result.model, error: result.error };
  showModelStatus();
  if (result.ok) updateAll();
}

/** A dropped file: a model (`.model`, or starting with the model file's magic) or a lexicon. */
async function loadDropped(file) {
  const head = new Uint8Array(await file.slice(0, 14).arrayBuffer());
  const magic = new TextDecoder().decode(head) === 'emotics-model\n';
  if (magic || file.name.endsWith('.model')) loadModelFile(file); else loadLexiconFile(file);
}

function setupTooltip() {
  const tip = document.getElementById('tooltip');
  const show = (mark) => {
    tip.textContent = mark.dataset.tip;
    tip.hidden = false;
    const r = mark.getBoundingClientRect();
    tip.style.left = `${window.scrollX + r.left}px`;
    tip.style.top = `${window.scrollY + r.bottom + 6}px`;
  };
  const hide = () => { tip.hidden = true; };
  document.addEventListener('mouseover', (e) => { const m = e.target.closest('mark[data-tip]'); if (m) show(m); });
  document.addEventListener('mouseout', (e) => { if (e.target.closest('mark[data-tip]')) hide(); });
  document.addEventListener('focusin', (e) => { const m = e.target.closest('mark[data-tip]'); if (m) show(m); else hide(); });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') hide(); });
}

/** Ctrl+Z / Cmd+Z undoes the last edit applied, in the draft focused or the last one edited
 * (in a text field, such as the targets, it stays the field's own undo). */
function setupUndoKey() {
  document.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z' || e.target.tagName === 'INPUT') return;
    const section = e.target.closest?.('.draft');
    const i = section ? drafts.findIndex((d) => d.section === section) : lastApplied;
    if (i >= 0 && undo(i)) e.preventDefault();
  });
}

function exportJson() {
  const data = { generator: 'emotics editor', drafts: drafts.map((d) => ({ text: d.textarea.value, report: d.report })) };
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = el('a', { href: url, download: 'emotics-report.json' });
  document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function main() {
  // start-up, for web/measure.mjs: since navigation start, when this script starts and
  // when the lexicons are ready
  window.emoticsStartedAt = performance.now();
  await init();
  checker = new Emotics();
  window.emoticsReadyAt = performance.now();
  const template = document.getElementById('draft-template');
  const main = document.getElementById('drafts');
  for (let i = 0; i < 2; i++) {
    const section = template.content.firstElementChild.cloneNode(true);
    main.append(section);
    const d = {
      section, title: section.querySelector('.draft-title'), textarea: section.querySelector('textarea'),
      view: section.querySelector('.explained'), valence: section.querySelector('.valence'), label: section.querySelector('.label'),
      detected: section.querySelector('.detected'), needle: section.querySelector('.gauge-needle'), bars: section.querySelector('.bars'),
      chips: section.querySelector('.chips'), register: section.querySelector('.register'), target: section.querySelector('.target-result'),
      profiles: section.querySelector('.profiles'), fixes: section.querySelector('.fixes'), undo: section.querySelector('.undo'),
      targets: section.querySelector('.targets'), report: null, open: null, history: [],
    };
    d.textarea.dataset.draft = 'AB'[i];
    d.textarea.value = state.texts[i] || '';
    // typing makes an open plan stale and the edits applied no longer undoable here (the
    // browser's own undo takes over): plans and suggestions are computed on demand only
    d.textarea.addEventListener('input', () => {
      if (d.open || d.history.length) { d.open = null; d.history = []; renderFixes(i); }
      update(i);
    });
    d.profiles.addEventListener('click', (e) => {
      const button = e.target.closest('button.fit');
      if (button) { d.open = { kind: 'fit', profile: button.dataset.profile }; renderFixes(i); }
    });
    section.querySelector('.suggest').addEventListener('click', () => { d.open = { kind: 'suggest' }; renderFixes(i); });
    d.undo.addEventListener('click', () => undo(i));
    drafts.push(d);
  }
  document.getElementById('language').value = state.language;
  document.getElementById('language').addEventListener('change', (e) => { state.language = e.target.value; saveState(); updateAll(); });
  document.getElementById('target').addEventListener('change', (e) => { state.target = e.target.value; saveState(); updateAll(); });
  document.getElementById('lexicon-file').addEventListener('change', (e) => { if (e.target.files[0]) loadLexiconFile(e.target.files[0]); });
  document.getElementById('model-file').addEventListener('change', (e) => { if (e.target.files[0]) loadModelFile(e.target.files[0]); });
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', (e) => { e.preventDefault(); const f = e.dataTransfer.files[0]; if (f) loadDropped(f); });
  document.getElementById('export').addEventListener('click', exportJson);
  document.getElementById('ui-language').addEventListener('click', () => { state.ui = state.ui === 'fr' ? 'en' : 'fr'; saveState(); applyUi(); updateAll(); });
  document.getElementById('theme').addEventListener('click', () => { state.theme = state.theme === 'dark' ? 'light' : 'dark'; saveState(); applyUi(); });
  setupTooltip();
  setupUndoKey();
  updateAll();
  applyUi();
  document.body.dataset.ready = 'true';
}

main();

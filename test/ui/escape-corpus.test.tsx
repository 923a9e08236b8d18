// Vault text with terminal escapes, C1 controls, zero-width and bidi characters, through the
// explorer: the list, the details (content type, tag names and values) and a revealed value
// show all of it visibly escaped (\e, ⟨U+200B⟩), and nothing of it reaches the terminal raw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SECRETS } from '../../src/emulator/secrets/secret-collection.js';
import { escapeControl } from '../../src/text/escape-control.js';
import { stripAnsi } from '../helpers/render-harness.js';
import { startUi } from '../helpers/ui-harness.js';

const CORPUS = [
  '\u001b]0;PWNED\u0007',
  '\u001b[2J',
  '\u001b]52;c;aGk=\u0007',
  '\u009b31m',
  'pa\u200bss\u200c\u200d\u200e\u200f',
  '\u202egnp.exe\u202a\u202b\u202c\u202d',
  '\u2060\u2061\u2062\u2063\u2064\u2066x\u2067\u2068\u2069',
  '\ufeffbom\u061c',
  'line\u2028sep',
];
const PAYLOAD = CORPUS.join('|');
// eslint-disable-next-line no-control-regex -- looking for raw control and invisible characters is the point
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c\u2028\u2029]/;

test('escape corpus: vault text is shown escaped in the list, the details and a revealed value; nothing raw reaches the terminal', async () => {
  const t = await startUi({ columns: 160, rows: 50 });
  try {
    const secrets = t.data.emulator.vault('contoso-prod').store(SECRETS);
    secrets.create('zz-escape-corpus', { payload: { value: PAYLOAD, contentType: PAYLOAD }, tags: { [`t\u200b\u001b[31m`]: PAYLOAD } });
    await t.waitFor((f) => f.includes('acr-pull-token'), 20_000);
    await t.press('R');
    await t.press(':');
    await t.type('filter zz-escape-corpus');
    await t.press('return');
    await t.waitFor((f) => f.includes('› zz-escape-corpus'), 10_000);
    await t.press('return');
    await t.waitFor((f) => f.includes('v reveals') && f.includes('Tags (1)'), 10_000);
    await t.press('v');
    const frame = await t.waitFor((f) => f.includes('hidden again in'), 10_000);
    // The details pane (the rightmost box) with its wrapped lines joined and spaces dropped.
    const joined = frame
      .split('\n')
      .map((line) => line.split('│').at(-2) ?? '')
      .join('')
      .replace(/[\s›]+/g, '');
    const shown = CORPUS.map((piece) => escapeControl(piece).replace(/\s+/g, '')).join('|');
    assert.ok(joined.includes(`Value(hiddenagainin30s·vhides)${shown}`), 'the value, escaped');
    assert.ok(joined.includes(`contenttype${shown}`), 'the content type, escaped');
    assert.ok(joined.includes(`Tags(1)t⟨U+200B⟩\\e[31m${shown}`), 'the tag name and value, escaped');
    assert.ok(frame.includes('pa⟨U+200B⟩ss'), 'a zero-width space is shown as ⟨U+200B⟩');
    for (const raw of t.frames) {
      assert.doesNotMatch(stripAnsi(raw), RAW, 'no raw control or invisible character in a frame');
      assert.ok(!raw.includes('\u001b]0;PWNED') && !raw.includes('\u001b]52;c;aGk=') && !raw.includes('\u001b[2J'), 'no payload escape sequence written');
    }
  } finally {
    await t.stop();
  }
});

// Key types and issuers in the lists (looked up for the rows in view), and a failed reveal
// shown in place of the value: the real app on the demo emulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestLogEntry } from '../../src/emulator/index.js';
import { startUi } from '../helpers/ui-harness.js';

const loaded = (f: string) => f.includes('acr-pull-token');

test('the keys list shows each key type with its size or curve, looked up only for the rows in view', async () => {
  const log: RequestLogEntry[] = [];
  const t = await startUi({ columns: 100, rows: 30, emulator: { onRequest: (e) => log.push(e) } });
  try {
    await t.waitFor(loaded);
    await t.press('2');
    const frame = await t.waitFor((f) => f.includes('RSA 4096') && f.includes('EC P-521') && f.includes('EC-HSM P-384'));
    assert.match(frame, /KEY TYPE/);
    assert.match(frame, /data-encryption-key +oct-HSM/);
    const gets = log.filter((e) => e.vault === 'contoso-prod' && e.method === 'GET' && /^\/keys\/[^/]+\/?$/.test(e.path));
    const listed = t.data.collection('keys', { vault: 'contoso-prod' }).items.length;
    assert.ok(gets.length <= 30 - 9 && gets.length > 0, `${gets.length} lookups for ${listed} keys in a window of about 21 rows`);
  } finally {
    await t.stop();
  }
});

test('the certificates list shows who issued each certificate', async () => {
  const t = await startUi({ columns: 100, rows: 30 });
  try {
    await t.waitFor(loaded);
    await t.press('4');
    const frame = await t.waitFor((f) => /ISSUER/.test(f) && / Self /.test(f));
    assert.match(frame, /ISSUER/);
  } finally {
    await t.stop();
  }
});

test('a 403 on get keeps the keys list working: type cells show —, no error banner', async () => {
  const log: RequestLogEntry[] = [];
  const t = await startUi({ columns: 100, rows: 30, emulator: { faults: { forbidden: ['keys/get'] }, onRequest: (e) => log.push(e) } });
  try {
    await t.waitFor(loaded);
    await t.press('2');
    await t.waitFor((f) => f.includes('archive-signing-4096'));
    await t.waitFor(() => log.some((e) => e.status === 403 && e.path.startsWith('/keys/')));
    const frame = await t.waitFor((f) => /archive-signing-4096 +—/.test(f));
    assert.ok(!frame.includes('403'), 'no banner');
    assert.ok(!frame.includes('RSA 4096'));
  } finally {
    await t.stop();
  }
});

test('a reveal the service refuses says why in place of the value; v tries again', async () => {
  const t = await startUi({ columns: 100, rows: 30 });
  try {
    await t.waitFor(loaded);
    await t.press('return');
    await t.waitFor((f) => f.includes('v reveals') && f.includes('Versions ('));
    t.data.emulator.faults.set({ forbidden: ['secrets/get'] });
    await t.press('v');
    const frame = await t.waitFor((f) => f.includes('v tries again'));
    assert.match(frame, /✗ 403 forbidden: missing 'get' permission on secrets/);
    assert.ok(!/\s+at \S+ \(/.test(frame), 'no stack trace');
    t.data.emulator.faults.set({});
    await t.press('v');
    await t.waitFor((f) => f.includes('hidden again in') && !f.includes('v tries again'));
  } finally {
    await t.stop();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fits, startUi } from '../helpers/ui-harness.js';

const loaded = (f: string) => f.includes('acr-pull-token');

test('the explorer opens on the first vault with its secrets, tabs and key hints', async () => {
  const t = await startUi({ columns: 100, rows: 30 });
  try {
    const frame = await t.waitFor(loaded);
    assert.match(frame, /contoso-prod ▸ secrets/);
    assert.match(frame, /2 Keys │ 3 Secrets │ 4 Certificates/);
    assert.match(frame, /NAME +CONTENT TYPE +ON UPDATED +EXPIRES/);
    assert.match(frame, /Enter open/);
    assert.match(frame, /\? help +q quit/);
    assert.equal(fits(frame, 100, 30), undefined);
  } finally {
    await t.stop();
  }
});

test('j moves the cursor and Enter opens the details of the item under it', async () => {
  const t = await startUi({ columns: 100, rows: 30 });
  try {
    await t.waitFor(loaded);
    await t.press('j');
    await t.waitFor((f) => f.includes('› admin-portal-api-key'));
    await t.press('return');
    const frame = await t.waitFor((f) => f.includes('Versions (') && f.includes('recovery'));
    assert.match(frame, /secrets ▸ admin-portal-api-key/);
    assert.match(frame, /hidden · v reveals/);
    assert.match(frame, /id +https:\/\/127\.0\.0\.1:\d+\/secrets\/admin-portal-api-key/);
  } finally {
    await t.stop();
  }
});

test('2 and 4 switch to keys and certificates; 1 focuses the vaults and j picks the next vault', async () => {
  const t = await startUi({ columns: 100, rows: 30 });
  try {
    await t.waitFor(loaded);
    await t.press('2');
    await t.waitFor((f) => f.includes('contoso-prod ▸ keys') && f.includes('KEY TYPE') && f.includes('archive-signing-4096'));
    await t.press('4');
    await t.waitFor((f) => f.includes('contoso-prod ▸ certificates'));
    await t.press('1');
    await t.press('j');
    await t.waitFor((f) => f.includes('contoso-dev ▸ certificates'));
  } finally {
    await t.stop();
  }
});

test('/ filters as you type, highlights and counts; Esc clears', async () => {
  const t = await startUi({ columns: 100, rows: 30 });
  try {
    await t.waitFor(loaded);
    await t.press('/');
    await t.type('dbpass');
    const frame = await t.waitFor((f) => f.includes('/dbpass') && /\d+ of \d+/.test(f));
    assert.ok(frame.includes('db-password'));
    assert.ok(!frame.includes('acr-pull-token'));
    const [shown, total] = (frame.match(/(\d+) of (\d+)/) ?? []).slice(1).map(Number);
    assert.ok(shown > 0 && shown < total);
    await t.press('escape');
    await t.waitFor((f) => f.includes('acr-pull-token') && !f.includes('/dbpass'));
  } finally {
    await t.stop();
  }
});

test('? opens help generated from the keymap and Esc closes it', async () => {
  const t = await startUi({ columns: 100, rows: 30 });
  try {
    await t.waitFor(loaded);
    await t.press('?');
    const help = await t.waitFor((f) => f.includes('Help ·'));
    assert.match(help, /filter the list/);
    assert.match(help, /sort by name/);
    await t.press('escape');
    await t.waitFor((f) => !f.includes('Help ·') && f.includes('acr-pull-token'));
  } finally {
    await t.stop();
  }
});

test(': runs commands with Tab completion; unknown commands say so', async () => {
  const t = await startUi({ columns: 100, rows: 30 });
  try {
    await t.waitFor(loaded);
    await t.press(':');
    await t.type('ke');
    await t.press('tab');
    await t.waitFor((f) => f.includes(':keys'));
    await t.press('return');
    await t.waitFor((f) => f.includes('contoso-prod ▸ keys'));
    await t.press(':');
    await t.type('vault contoso-pay');
    await t.press('tab', 'return');
    await t.waitFor((f) => f.includes('contoso-payments ▸ keys'));
    await t.press(':');
    await t.type('sekrets');
    await t.press('return');
    await t.waitFor((f) => f.includes('unknown command :sekrets'));
  } finally {
    await t.stop();
  }
});

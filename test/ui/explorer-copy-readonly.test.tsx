// Copy, read-only refusals and $EDITOR through the whole explorer against the emulator.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { clipboardSequence, detectMultiplexer } from '../../src/ui/osc52.js';
import type { UiHarness } from '../helpers/ui-harness.js';
import { startUi } from '../helpers/ui-harness.js';

const loaded = (f: string) => f.includes('acr-pull-token') && /\d items · /.test(f);

describe('copy with y', () => {
  it('y on a secret asks value / id / URI; the value goes by OSC 52, the status says it was sent (never the value) and it is cleared after a while', async () => {
    const t = await startUi({ clipboard: { clearAfterMs: 300 } });
    try {
      await t.waitFor(loaded, 20_000);
      const item = t.data.store.getSnapshot().vaults[0].collections.secrets.items.find((i) => i.name === 'acr-pull-token')!;
      const value = await t.data.store.readSecretValue(item);
      await t.press('y');
      await t.waitFor((f) => f.includes('Copy from secret acr-pull-token') && f.includes('u the URI'));
      await t.press('v');
      const frame = await t.waitFor((f) => f.includes('sent the value of secret acr-pull-token by OSC 52 (cleared in 1s)'));
      assert.ok(!frame.includes('copied the value'), 'no claim kvx cannot check');
      assert.ok(t.output().includes(clipboardSequence(value, detectMultiplexer({}))), 'OSC 52 with the value was written');
      assert.ok(!frame.includes(value));
      assert.equal(t.data.store.getSnapshot().revealed, undefined, 'copying does not reveal');
      await t.waitFor((f) => f.includes('cleared the clipboard (the value of secret acr-pull-token was copied 1s ago)'));
      assert.ok(t.output().includes(clipboardSequence('', 'none')));
      assert.ok(!t.frames.some((f) => f.includes(value)), 'the value never reached a frame');
    } finally {
      await t.stop();
    }
  });

  it('y then i copies the versioned id, y then u the versionless URI, and X clears; with clearing off nothing is cleared', async () => {
    const t = await startUi({ clipboard: { clearAfterMs: 0 } });
    try {
      await t.waitFor(loaded, 20_000);
      const item = t.data.store.getSnapshot().vaults[0].collections.secrets.items.find((i) => i.name === 'acr-pull-token')!;
      await t.press('y');
      await t.waitFor((f) => f.includes('Copy from secret acr-pull-token'));
      await t.press('u');
      await t.waitFor((f) => f.includes('sent the URI of secret acr-pull-token'));
      assert.ok(t.output().includes(clipboardSequence(item.id, 'none')));
      await t.press('return');
      await t.waitFor((f) => f.includes('Versions (') && /version\s+[0-9a-f]{32}/.test(f));
      await t.press('y');
      await t.waitFor((f) => f.includes('Copy from secret acr-pull-token'));
      await t.press('i');
      await t.waitFor((f) => /sent the id of secret acr-pull-token \(version [0-9a-f]{8}\)/.test(f));
      const latest = t.data.store.getSnapshot().details[item.id]?.item?.version;
      assert.ok(latest && t.output().includes(clipboardSequence(`${item.id}/${latest}`, 'none')));
      await t.press('y', 'v');
      await t.waitFor((f) => f.includes('sent the value of secret acr-pull-token by OSC 52 (X clears it)'));
      await t.press('X');
      await t.waitFor((f) => f.includes('clipboard cleared'));
    } finally {
      await t.stop();
    }
  });

  it('copies a key id and a certificate PEM', async () => {
    const t = await startUi();
    try {
      await t.waitFor(loaded, 20_000);
      await t.press('2');
      await t.waitFor((f) => f.includes('contoso-prod ▸ keys') && f.includes('› api-gateway-tls'));
      await t.press('y');
      await t.waitFor((f) => /sent the id of key \S+/.test(f));
      const key = t.data.store.getSnapshot().vaults[0].collections.keys.items[0];
      assert.ok(t.output().includes(clipboardSequence(key.id, 'none')) || t.output().includes('\u001b]52;c;'));
      await t.press('4');
      await t.waitFor((f) => f.includes('contoso-prod ▸ certificates') && f.includes('› api-gateway-tls'));
      await t.press('y');
      await t.waitFor((f) => /sent the PEM of certificate \S+/.test(f), 10_000);
      const written = t.output().split('\u001b]52;c;').at(-1)!.split('\u0007')[0];
      assert.match(Buffer.from(written, 'base64').toString('utf8'), /^-----BEGIN CERTIFICATE-----/);
    } finally {
      await t.stop();
    }
  });
});

/** A fresh read-only explorer for each test, so none starts in a view another left open. */
async function withReadOnlyUi(body: (t: UiHarness) => Promise<void>): Promise<void> {
  const t = await startUi({ readOnly: true });
  try {
    await t.waitFor(loaded, 20_000);
    await body(t);
  } finally {
    await t.stop();
  }
}

describe('read-only', () => {
  for (const [key, action] of [
    ['d', 'delete secrets'],
    ['n', 'create secrets'],
    ['e', 'update secrets'],
    ['N', 'create secrets'],
  ] as const) {
    it(`${key} is refused by the store with its reason (cannot ${action})`, () => withReadOnlyUi(async (t) => {
      await t.press(key);
      const frame = await t.waitFor((f) => f.includes(`read-only mode: cannot ${action}`));
      assert.ok(!frame.includes('Delete secret') && !frame.includes('New secret'), 'no dialog opens');
      assert.equal(t.data.store.getSnapshot().operations.length, 0);
      await t.press('j');
      await t.waitFor((f) => !f.includes('read-only mode: cannot'));
    }));
  }

  it('the deleted view refuses recover and purge; help shows the change keys disabled', () => withReadOnlyUi(async (t) => {
    await t.press('D');
    await t.waitFor((f) => f.includes('secrets (deleted)') && f.includes(' items · '), 10_000);
    await t.press('u');
    await t.waitFor((f) => f.includes('read-only mode: cannot recover secrets'));
    await t.press('P');
    await t.waitFor((f) => f.includes('read-only mode: cannot purge secrets'));
    await t.press('?');
    const help = await t.waitFor((f) => f.includes('Help ·'));
    assert.match(help, /delete \(asks first\) \(read-only\)/);
    assert.match(help, /new secret version \(read-only\)/);
  }));
});

describe('$EDITOR for a multi-line value', () => {
  it('Ctrl-E opens $EDITOR on a private 0600 file, puts what was saved into the form and removes the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kvx-editor-test-'));
    const temp = path.join(dir, 'tmp');
    const log = path.join(dir, 'log');
    const script = path.join(dir, 'editor.sh');
    writeFileSync(script, `#!/bin/sh\nstat -c '%a %n' "$1" "$(dirname "$1")" > ${JSON.stringify(log)}\nprintf 'line one\\nline two\\nline three\\n' > "$1"\n`);
    chmodSync(script, 0o755);
    mkdirSync(temp);
    const t = await startUi({ editor: { env: { ...process.env, EDITOR: script, VISUAL: '' }, tempRoot: temp } });
    try {
      await t.waitFor(loaded, 20_000);
      await t.press('n');
      await t.waitFor((f) => f.includes('New secret'));
      await t.type('multi-line');
      await t.press('tab');
      await t.press('\u0005');
      await t.waitFor((f) => f.includes('(28 bytes, 3 lines)'), 10_000);
      const [fileMode, dirMode] = readFileSync(log, 'utf8').trim().split('\n');
      assert.match(fileMode, /^600 /);
      assert.match(dirMode, /^700 /);
      assert.deepEqual(readdirSync(temp), [], 'the temp dir is gone');
      await t.press('return');
      await t.waitFor((f) => /✓ create secret contoso-prod\/multi-line/.test(f), 10_000);
      const url = t.data.emulator.vaults[0].url;
      assert.equal(await t.data.store.readSecretValue({ kind: 'secrets', name: 'multi-line', vaultUrl: url, id: `${url}/secrets/multi-line`, tags: {} }), 'line one\nline two\nline three');
    } finally {
      await t.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

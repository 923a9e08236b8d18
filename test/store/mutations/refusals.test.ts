// Refusals happen before anything is sent: read-only mode refuses every mutating action even
// when called directly, and bad input is refused naming the field and what is allowed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MutationHarness } from './mutation-harness.js';
import { startMutationHarness } from './mutation-harness.js';

describe('read-only mode', () => {
  let h: MutationHarness;
  before(async () => {
    h = await startMutationHarness({ readOnly: true });
  });
  after(() => h.stop());

  it('refuses every mutating action, called directly, without sending a request', async () => {
    const item = { kind: 'secrets' as const, name: 'x', vaultUrl: h.vaultUrl };
    const key = { kind: 'keys' as const, name: 'k', vaultUrl: h.vaultUrl };
    const calls: [string, () => unknown][] = [
      ['createSecret', () => h.actions.createSecret({ vault: h.vaultUrl, name: 'x', value: 'v' })],
      ['setSecretVersion', () => h.actions.setSecretVersion({ vault: h.vaultUrl, name: 'x', value: 'v' })],
      ['updateProperties', () => h.actions.updateProperties(item, { enabled: false })],
      ['deleteItem', () => h.actions.deleteItem(item)],
      ['recoverItem', () => h.actions.recoverItem(item)],
      ['purgeItem', () => h.actions.purgeItem(item)],
      ['deleteAndPurge', () => h.actions.deleteAndPurge(item)],
      ['createKey', () => h.actions.createKey({ vault: h.vaultUrl, name: 'k', keyType: 'RSA' })],
      ['rotateKey', () => h.actions.rotateKey(key)],
      [
        'createCertificate',
        () => h.actions.createCertificate({ vault: h.vaultUrl, name: 'c', subject: 'CN=c', dnsNames: [], validityInMonths: 12, keyType: 'RSA', format: 'PEM' }),
      ],
    ];
    for (const [name, call] of calls) {
      assert.throws(call, { class: 'readOnly', message: /read-only mode: cannot .*--read-only/ }, name);
    }
    await assert.rejects(h.actions.importCertificate({ vault: h.vaultUrl, name: 'c', file: '/nonexistent.pem' }), { class: 'readOnly' });
    assert.equal(h.tracker.list().length, 0, 'no operation was started');
    assert.equal(h.requests.length, 0, 'nothing reached the vault');
  });
});

describe('input checks', () => {
  let h: MutationHarness;
  before(async () => {
    h = await startMutationHarness();
  });
  after(() => h.stop());

  it('refuses a bad name, naming the field and what is allowed', () => {
    assert.throws(() => h.actions.createSecret({ vault: h.vaultUrl, name: 'bad name', value: 'v' }), {
      class: 'invalid',
      field: 'name',
      message: /only letters, digits and "-" are allowed/,
    });
  });

  it('refuses values over 25 KiB, more than 15 tags, dates after 2038 and nbf after exp', () => {
    const vault = h.vaultUrl;
    assert.throws(() => h.actions.createSecret({ vault, name: 'big', value: 'x'.repeat(25 * 1024 + 1) }), { field: 'value' });
    const tags = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`t${i}`, 'v']));
    assert.throws(() => h.actions.createSecret({ vault, name: 'tags', value: 'v', tags }), { field: 'tags', message: /at most 15/ });
    assert.throws(() => h.actions.createSecret({ vault, name: 'late', value: 'v', expiresOn: new Date('2040-01-01') }), { field: 'expiresOn', message: /2038/ });
    assert.throws(() => h.actions.createSecret({ vault, name: 'order', value: 'v', notBefore: new Date('2030-01-01'), expiresOn: new Date('2029-01-01') }), {
      field: 'expiresOn',
    });
    assert.throws(() => h.actions.createKey({ vault, name: 'k', keyType: 'RSA', keySize: 1024 }), { field: 'keySize', message: /2048, 3072, 4096/ });
    assert.equal(h.requests.length, 0, 'nothing was sent');
    assert.equal(h.tracker.list().length, 0);
  });

  it('refuses an import whose file does not exist or does not parse', async () => {
    await assert.rejects(h.actions.importCertificate({ vault: h.vaultUrl, name: 'c', file: '/nonexistent/cert.pem' }), { field: 'file', message: /does not exist/ });
    await assert.rejects(h.actions.importCertificate({ vault: h.vaultUrl, name: 'c', file: import.meta.filename }), { field: 'file', message: /neither PEM .* nor PFX/ });
    assert.equal(h.requests.length, 0);
  });
});

// The demo seed: realistic, varied and deterministic; the empty seed: nothing.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { CERTIFICATES } from '../../src/emulator/certificates/certificate-collection.js';
import { KEYS } from '../../src/emulator/keys/key-collection.js';
import { SECRETS } from '../../src/emulator/secrets/secret-collection.js';
import { DEMO_VAULTS, seedVaults } from '../../src/emulator/seed.js';
import { VaultState } from '../../src/emulator/vault-state.js';
import type { Harness } from './support/emulator-harness.js';
import { collect, startHarness } from './support/emulator-harness.js';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const NOW_S = NOW / 1000;

async function demoVaults(random = 'kvx-demo'): Promise<VaultState[]> {
  const vaults = DEMO_VAULTS.map(
    (v) => new VaultState({ name: v.name, recoveryLevel: 'Recoverable+Purgeable', recoverableDays: 90, deleteDelayMs: 0, purgeDelayMs: 0 }, () => NOW),
  );
  await seedVaults(vaults, 'demo', { random, now: NOW });
  return vaults;
}

/** A digest of everything a vault holds, values included. */
function fingerprint(vaults: VaultState[]): string {
  const hash = createHash('sha256');
  for (const vault of vaults) {
    const store = vault.store(SECRETS);
    for (const { object } of store.listLatest()) hash.update(JSON.stringify(object));
    for (const entry of store.listDeleted()) hash.update(JSON.stringify(entry));
  }
  return hash.digest('hex');
}

describe('demo seed', async () => {
  const vaults = await demoVaults();
  const all = vaults.flatMap((v) => v.store(SECRETS).listLatest());

  test('builds three app-like vaults with hundreds of secrets', () => {
    assert.deepEqual(vaults.map((v) => v.name), ['contoso-prod', 'contoso-dev', 'contoso-payments']);
    assert.ok(all.length >= 250, `only ${all.length} secrets`);
    for (const vault of vaults) assert.ok(vault.store(SECRETS).listLatest().length >= 50, vault.name);
    assert.ok(all.some((e) => e.object.name === 'orders-api-sql-connection-string'));
  });

  test('has long version histories, content types and tags', () => {
    assert.ok(all.filter((e) => e.object.versions.length >= 12).length >= 5);
    const contentTypes = new Set(all.map((e) => e.latest.payload.contentType).filter(Boolean));
    for (const ct of ['password', 'connection-string', 'application/json', 'text/plain']) assert.ok(contentTypes.has(ct), ct);
    assert.ok(all.filter((e) => Object.keys(e.latest.tags).length >= 3).length >= 20);
  });

  test('has expired, soon-expiring, not-yet-valid and disabled secrets', () => {
    const exp = (e: (typeof all)[number]) => e.latest.attributes.exp;
    assert.ok(all.filter((e) => (exp(e) ?? Infinity) < NOW_S).length >= 5, 'expired');
    assert.ok(all.filter((e) => (exp(e) ?? 0) > NOW_S && (exp(e) ?? 0) < NOW_S + 30 * 86400).length >= 5, 'expiring within 30 days');
    assert.ok(all.filter((e) => !e.latest.attributes.enabled).length >= 3, 'disabled');
    assert.ok(all.some((e) => (e.latest.attributes.nbf ?? 0) > NOW_S), 'not yet valid');
    for (const e of all) {
      for (const v of e.object.versions) assert.ok(v.attributes.created <= NOW_S, 'created in the past');
    }
  });

  test('has deleted secrets in every vault, recoverable until their purge date', () => {
    for (const vault of vaults) {
      const deleted = vault.store(SECRETS).listDeleted();
      assert.ok(deleted.length >= 4, vault.name);
      for (const d of deleted) assert.ok(d.scheduledPurgeDate > NOW_S && d.deletedDate < NOW_S);
    }
  });

  test('the dev vault holds a sample with terminal escape sequences, to prove the UI escapes them', () => {
    const sample = vaults[1].store(SECRETS).getVersion('escape-sequence-sample');
    assert.ok(sample.payload.value.includes('\u001b[31m'));
    assert.ok(Object.values(sample.tags)[0].includes('\u001b]0;'));
  });

  test('is deterministic for a seed string and differs for another', async () => {
    assert.equal(fingerprint(await demoVaults()), fingerprint(vaults));
    assert.notEqual(fingerprint(await demoVaults('other')), fingerprint(vaults));
  });
});

/** A digest of every secret, key and certificate (certificate DER, CSRs, PFX and PEM secrets included). */
function fullFingerprint(vaults: VaultState[]): string {
  const hash = createHash('sha256');
  for (const vault of vaults) {
    for (const spec of [SECRETS, KEYS, CERTIFICATES]) {
      const store = vault.store(spec as typeof SECRETS);
      for (const { object } of store.listLatest()) hash.update(JSON.stringify(object));
      for (const entry of store.listDeleted()) hash.update(JSON.stringify(entry));
    }
  }
  return hash.digest('hex');
}

describe('demo seed bytes', () => {
  // Taken before the X.509 and JWT code moved to @peculiar/x509 and jose: the demo's keys,
  // certificates, CSRs and PFX files must stay byte-for-byte what they were.
  test('every secret, key and certificate of the demo is byte-for-byte the recorded one, for two seed strings', async () => {
    assert.equal(fullFingerprint(await demoVaults()), '3dd3100550d4a10ec88422b308699cfce41083cb24ba504d9141c0db953dc978');
    assert.equal(fullFingerprint(await demoVaults('other')), '30c6ee203afdcb68ca445dc7d4fc1c3c06a1524e7c5e59a7aac763714dc40aca');
  });
});

describe('through the SDK', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ vaults: ['contoso-prod'], seed: 'demo' });
  });
  after(async () => {
    await h?.stop();
  });

  test('a demo vault lists, pages and reads like a real one, and every response conforms', async () => {
    const props = await collect(h.secrets.listPropertiesOfSecrets());
    assert.ok(props.length >= 100);
    const deleted = await collect(h.secrets.listDeletedSecrets());
    assert.ok(deleted.length >= 4);
    const many = props.find((p) => p.tags?.['rotation-days']);
    assert.ok(many);
    const versions = await collect(h.secrets.listPropertiesOfSecretVersions(many.name));
    assert.ok(versions.length >= 1);
    const enabled = props.filter((p) => p.enabled).slice(0, 10);
    for (const p of enabled) assert.equal(typeof (await h.secrets.getSecret(p.name)).value, 'string');
    assert.deepEqual(h.recorder.validate().problems, []);
  });

  test('the empty seed leaves vaults empty', async () => {
    const empty = await startHarness({ vaults: ['nothing-here'], seed: 'empty' });
    try {
      assert.deepEqual(await collect(empty.secrets.listPropertiesOfSecrets()), []);
      assert.deepEqual(await collect(empty.secrets.listDeletedSecrets()), []);
    } finally {
      await empty.stop();
    }
  });
});

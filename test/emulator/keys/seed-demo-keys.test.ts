// The demo seed's keys, read back through KeyClient over HTTPS.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify } from 'node:crypto';
import type { KeyVaultKey } from '@azure/keyvault-keys';
import { CryptographyClient, KeyClient } from '@azure/keyvault-keys';
import type { Emulator } from '../../../src/emulator/index.js';
import { DEMO_VAULTS, startEmulator } from '../../../src/emulator/index.js';
import { KEYS } from '../../../src/emulator/keys/key-collection.js';
import { publicJwk } from '../../../src/emulator/keys/key-material.js';
import { seedDemoKeys } from '../../../src/emulator/keys/seed-demo-keys.js';
import { Prng } from '../../../src/emulator/prng.js';
import { VaultState } from '../../../src/emulator/vault-state.js';
import { TEST_TLS_CACHE, testCredential as credential } from '../support/emulator-harness.js';
import { ResponseRecorder } from '../support/response-recorder.js';

const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);

function describeKey(key: KeyVaultKey): string {
  const jwk = key.key;
  if (jwk?.kty?.startsWith('RSA')) return `${jwk.kty} ${(jwk.n?.length ?? 0) * 8}`;
  if (jwk?.kty?.startsWith('EC')) return `${jwk.kty} ${jwk.crv}`;
  return `${jwk?.kty}`;
}

function seedOnce(vaultName: string): VaultState {
  const vault = new VaultState(
    { name: vaultName, recoveryLevel: 'Recoverable+Purgeable', recoverableDays: 90, deleteDelayMs: 0, purgeDelayMs: 0 },
    () => NOW,
  );
  vault.url = `https://${vaultName}.test`;
  seedDemoKeys({ vault, role: 'prod', rng: new Prng(`demo:${vaultName}:keys`), now: NOW });
  return vault;
}

describe('demo seed: keys', () => {
  let emulator: Emulator;
  const recorder = new ResponseRecorder();
  const problems = () => recorder.validate().problems;
  const clients = new Map<string, KeyClient>();
  const options = () => ({
    tlsOptions: { ca: emulator.caPem },
    disableChallengeResourceVerification: true,
    additionalPolicies: [{ policy: recorder.policy(), position: 'perRetry' as const }],
  });

  before(async () => {
    emulator = await startEmulator({ seed: 'demo', seedNow: NOW, tlsCacheDir: TEST_TLS_CACHE });
    for (const v of emulator.vaults) clients.set(v.name, new KeyClient(v.url, credential, options()));
  });
  after(async () => {
    await emulator.stop();
  });

  it('every demo vault has keys of every type and size, and deleted keys', async () => {
    for (const { name } of DEMO_VAULTS) {
      const client = clients.get(name) as KeyClient;
      const kinds = new Set<string>();
      for await (const props of client.listPropertiesOfKeys()) kinds.add(describeKey(await client.getKey(props.name)));
      for (const expected of ['RSA 2048', 'RSA 3072', 'RSA 4096', 'RSA-HSM 3072', 'EC P-256', 'EC-HSM P-384', 'EC P-521', 'EC-HSM P-256K', 'oct-HSM']) {
        assert.ok(kinds.has(expected), `${name} has a ${expected} key (has ${[...kinds].join(', ')})`);
      }
      const deleted: string[] = [];
      for await (const item of client.listDeletedKeys()) deleted.push(item.name);
      assert.ok(deleted.length >= 3, `${name} has deleted keys`);
      const recovered = await (await client.beginRecoverDeletedKey(deleted[0], { intervalInMs: 20 })).pollUntilDone();
      assert.equal(recovered.name, deleted[0]);
    }
    assert.deepEqual(problems(), []);
  });

  it('seeded keys have real material: a seeded RSA 4096 and a P-521 key sign verifiably', async () => {
    const client = clients.get('contoso-payments') as KeyClient;
    for (const [name, alg, hash] of [
      ['settlement-signing', 'RS512', 'sha512'],
      ['document-signing', 'ES512', 'sha512'],
    ] as const) {
      const key = await client.getKey(name);
      const crypto = new CryptographyClient(key, credential, options());
      const data = Buffer.from(`signed by ${name}`);
      const { result } = await crypto.sign(alg, createHash(hash).update(data).digest());
      const jwk = key.key;
      const b64 = (b?: Uint8Array) => Buffer.from(b as Uint8Array).toString('base64url');
      const publicKey = jwk?.kty?.startsWith('RSA')
        ? createPublicKey({ key: { kty: 'RSA', n: b64(jwk.n), e: b64(jwk.e) }, format: 'jwk' })
        : createPublicKey({ key: { kty: 'EC', crv: jwk?.crv, x: b64(jwk?.x), y: b64(jwk?.y) }, format: 'jwk' });
      assert.ok(verify(hash, data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(result)));
    }
    assert.deepEqual(problems(), []);
  });

  it('a key with a rotation policy and a version history is there to look at', async () => {
    const client = clients.get('contoso-prod') as KeyClient;
    const policy = await client.getKeyRotationPolicy('sql-tde-protector');
    assert.equal(policy.expiresIn, 'P1Y');
    assert.equal(policy.lifetimeActions?.length, 2);
    let versions = 0;
    for await (const v of client.listPropertiesOfKeyVersions('jwt-signing')) versions += v.version ? 1 : 0;
    assert.equal(versions, 4);
    const expired = await client.getKey('archive-signing-4096');
    assert.ok((expired.properties.expiresOn as Date).getTime() < NOW);
    assert.deepEqual(problems(), []);
  });

  it('the same seed string and time build the same keys', () => {
    const render = (vault: VaultState) =>
      vault
        .store(KEYS)
        .listLatest()
        .flatMap(({ object }) => object.versions.map((v) => JSON.stringify([object.name, v.version, v.attributes, publicJwk(v.payload.material, '', v.payload.keyOps)])));
    const a = render(seedOnce('contoso-prod'));
    const b = render(seedOnce('contoso-prod'));
    assert.ok(a.length > 10);
    assert.deepEqual(a, b);
  });
});

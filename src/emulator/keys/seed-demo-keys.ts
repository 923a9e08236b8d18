// Demo keys with the look of a real app's vault: keys of every type and size (RSA 2048/3072/
// 4096, RSA-HSM, EC on all four curves, EC-HSM, oct-HSM 128/192/256), version histories, a
// rotation policy, expired / disabled / not-yet-valid ones, and a few recently deleted.
//
// Deterministic and fast: EC and oct material comes from the seed's PRNG (EC private scalars
// turned into points with ECDH), and RSA material is the fixed set in demo-rsa-material.ts,
// because node cannot seed RSA generation and a 4096-bit key takes about a second.
import type { Prng } from '../prng.js';
import type { SeedContext, VaultRole } from '../seed.js';
import type { KeyPayload, KeyStore } from './key-collection.js';
import { KEYS } from './key-collection.js';
import type { DemoRsaName } from './demo-rsa-material.js';
import { DEMO_RSA } from './demo-rsa-material.js';
import type { CurveName, KeyMaterial, KeyOperation } from './key-material.js';
import { CURVE_BYTES, defaultKeyOps, ecMaterialFromScalar } from './key-material.js';
import type { RotationPolicy } from './rotation-policy.js';

const DAY = 86400;

type MaterialSpec =
  | { kind: 'rsa'; from: DemoRsaName; hsm?: boolean }
  | { kind: 'ec'; curve: CurveName; hsm?: boolean }
  | { kind: 'oct'; bits: 128 | 192 | 256 };

type State = 'ok' | 'expired' | 'expiring' | 'disabled' | 'future';

interface DemoKey {
  name: string;
  /** One entry per version, oldest first. */
  versions: MaterialSpec[];
  keyOps?: KeyOperation[];
  tags?: Record<string, string>;
  state?: State;
  rotationPolicy?: Omit<RotationPolicy, 'created' | 'updated'>;
}

function rsa(from: DemoRsaName, hsm = false): MaterialSpec {
  return { kind: 'rsa', from, hsm };
}
function ec(curve: CurveName, hsm = false): MaterialSpec {
  return { kind: 'ec', curve, hsm };
}
function oct(bits: 128 | 192 | 256): MaterialSpec {
  return { kind: 'oct', bits };
}

const COMMON: readonly DemoKey[] = [
  {
    name: 'sql-tde-protector',
    versions: [rsa('rsa2048a'), rsa('rsa2048b'), rsa('rsa2048c')],
    keyOps: ['wrapKey', 'unwrapKey'],
    tags: { purpose: 'tde', service: 'sql' },
    rotationPolicy: {
      lifetimeActions: [
        { trigger: { timeAfterCreate: 'P180D' }, action: { type: 'Rotate' } },
        { trigger: { timeBeforeExpiry: 'P30D' }, action: { type: 'Notify' } },
      ],
      expiryTime: 'P1Y',
    },
  },
  { name: 'storage-cmk', versions: [rsa('rsa3072', true)], keyOps: ['wrapKey', 'unwrapKey'], tags: { purpose: 'customer-managed-key' } },
  { name: 'archive-signing-4096', versions: [rsa('rsa4096')], keyOps: ['sign', 'verify'], state: 'expired', tags: { purpose: 'archive' } },
  { name: 'jwt-signing', versions: [ec('P-256'), ec('P-256'), ec('P-256'), ec('P-256')], tags: { purpose: 'jwt', alg: 'ES256' }, state: 'expiring' },
  { name: 'webhook-signing', versions: [ec('P-384', true)], tags: { purpose: 'webhooks' } },
  { name: 'document-signing', versions: [ec('P-521'), ec('P-521')], tags: { purpose: 'documents' } },
  { name: 'chain-signer', versions: [ec('P-256K', true)], tags: { purpose: 'ledger-anchoring' }, state: 'disabled' },
  { name: 'data-encryption-key', versions: [oct(256), oct(256)], tags: { purpose: 'envelope-encryption' } },
  { name: 'field-encryption-key', versions: [oct(192)], tags: { purpose: 'column-encryption' } },
  { name: 'backup-wrap-key', versions: [oct(128)], keyOps: ['wrapKey', 'unwrapKey'], state: 'future' },
];

const BY_ROLE: Record<VaultRole, readonly DemoKey[]> = {
  prod: [
    { name: 'cosmos-cmk', versions: [rsa('rsa2048b', true), rsa('rsa2048c', true)], keyOps: ['wrapKey', 'unwrapKey'], tags: { service: 'cosmos' } },
    { name: 'service-bus-cmk', versions: [rsa('rsa3072')], keyOps: ['wrapKey', 'unwrapKey'], tags: { service: 'servicebus' } },
  ],
  dev: [
    { name: 'sandbox-rsa', versions: [rsa('rsa2048c')], tags: { owner: 'sandbox', note: '\u001b]0;title\u0007tag with escapes\u001b[31m' } },
    { name: 'load-test-signing', versions: [ec('P-256')], state: 'disabled' },
    { name: 'integration-test-rsa', versions: [rsa('rsa3072')], tags: { owner: 'qa' } },
  ],
  payments: [
    { name: 'card-data-kek', versions: [oct(256), oct(256), oct(256)], keyOps: ['wrapKey', 'unwrapKey'], tags: { pci: 'true' } },
    { name: 'pin-block-key', versions: [oct(128)], tags: { pci: 'true' } },
    { name: 'tokenization-rsa', versions: [rsa('rsa3072')], keyOps: ['encrypt', 'decrypt'], tags: { pci: 'true' } },
    { name: 'settlement-signing', versions: [rsa('rsa4096', true)], keyOps: ['sign', 'verify'], tags: { pci: 'true' } },
  ],
};

const DELETED: readonly DemoKey[] = [
  { name: 'old-jwt-signing', versions: [ec('P-256'), ec('P-256')], tags: { 'deleted-by': 'pipeline' } },
  { name: 'legacy-rsa-1', versions: [rsa('rsa2048a')], tags: { 'deleted-by': 'alice' } },
  { name: 'temp-wrap-key', versions: [oct(256)], keyOps: ['wrapKey', 'unwrapKey'] },
];

function seededEc(rng: Prng, curve: CurveName, hsm: boolean): KeyMaterial {
  const size = CURVE_BYTES[curve];
  for (;;) {
    const d = Buffer.from(rng.hex(size * 2), 'hex');
    if (curve === 'P-521') d[0] &= 0x01; // a 521-bit scalar
    try {
      return ecMaterialFromScalar(curve, d, hsm);
    } catch {
      // d was 0 or not below the curve order (odds ~2^-32 and less); draw again
    }
  }
}

function material(rng: Prng, spec: MaterialSpec): KeyMaterial {
  switch (spec.kind) {
    case 'rsa':
      return { hsm: spec.hsm ?? false, jwk: DEMO_RSA[spec.from] };
    case 'ec':
      return seededEc(rng, spec.curve, spec.hsm ?? false);
    case 'oct':
      return { hsm: true, jwk: { kty: 'oct', k: Buffer.from(rng.hex(spec.bits / 4), 'hex').toString('base64url') } };
  }
}

/** Versions of a demo key, oldest first, with creation dates spread over the past. */
function buildVersions(rng: Prng, key: DemoKey, nowS: number) {
  let created = nowS - rng.int(200, 700) * DAY;
  return key.versions.map((spec, i) => {
    const isLatest = i === key.versions.length - 1;
    const m = material(rng, spec);
    const payload: KeyPayload = { material: m, keyOps: key.keyOps ? [...key.keyOps] : defaultKeyOps(m) };
    const attributes: { enabled: boolean; created: number; updated: number; nbf?: number; exp?: number } = {
      enabled: true,
      created,
      updated: created,
    };
    if (!isLatest) attributes.exp = Math.min(created + 365 * DAY, nowS - DAY);
    if (isLatest) {
      if (key.rotationPolicy?.expiryTime) attributes.exp = nowS + rng.int(60, 300) * DAY;
      if (key.state === 'expired') attributes.exp = nowS - rng.int(5, 90) * DAY;
      if (key.state === 'expiring') attributes.exp = nowS + rng.int(3, 20) * DAY;
      if (key.state === 'disabled') attributes.enabled = false;
      if (key.state === 'future') attributes.nbf = nowS + rng.int(2, 14) * DAY;
    }
    const version = { version: rng.hex(32), payload, attributes, tags: { ...(key.tags ?? {}) } };
    created = Math.min(nowS - DAY, created + rng.int(30, 120) * DAY);
    return version;
  });
}

function addKey(store: KeyStore, rng: Prng, key: DemoKey, nowS: number): void {
  for (const version of buildVersions(rng, key, nowS)) {
    store.create(key.name, {
      payload: version.payload,
      attributes: version.attributes,
      tags: version.tags,
      versionId: version.version,
      createdAt: version.attributes.created,
    });
  }
  if (key.rotationPolicy) {
    const created = nowS - rng.int(30, 200) * DAY;
    store.setMeta(key.name, { rotationPolicy: { ...key.rotationPolicy, created, updated: created } });
  }
}

export function seedDemoKeys(ctx: SeedContext): void {
  const store = ctx.vault.store(KEYS);
  const nowS = Math.floor(ctx.now / 1000);
  for (const key of [...COMMON, ...BY_ROLE[ctx.role]]) addKey(store, ctx.rng, key, nowS);
  // Recently deleted keys, recoverable until their scheduled purge date.
  for (const key of DELETED) {
    store.insertDeleted({ name: key.name, versions: buildVersions(ctx.rng, key, nowS), meta: undefined }, nowS - ctx.rng.int(1, 20) * DAY);
  }
}

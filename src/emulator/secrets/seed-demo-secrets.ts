// Demo secrets with the look of a real app's vault: service credentials, connection strings,
// API keys and config blobs; some with long version histories, content types, tags,
// expired, soon-to-expire, not-yet-valid and disabled ones, and a few recently deleted.
import type { Prng } from '../prng.js';
import type { SeedContext, VaultRole } from '../seed.js';
import type { SecretPayload } from './secret-collection.js';
import { SECRETS } from './secret-collection.js';

const DAY = 86400;

const SERVICES: Record<VaultRole, readonly string[]> = {
  prod: ['orders-api', 'catalog-api', 'checkout', 'identity', 'search', 'notifications', 'inventory', 'shipping', 'reporting', 'web-frontend', 'admin-portal', 'recommendations'],
  dev: ['orders-api', 'catalog-api', 'checkout', 'identity', 'search', 'notifications', 'feature-flags', 'load-test', 'sandbox'],
  payments: ['payments-api', 'ledger', 'fraud-check', 'settlement', 'refunds', 'card-vault', 'payouts'],
};

/** Kinds of credential; each gives a name suffix, a content type and a value generator. */
interface SecretKind {
  suffix: string;
  contentType?: string;
  value(rng: Prng, ctx: { vault: string; service: string }): string;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = `${ALNUM}+/`;
const PUNCT = `${ALNUM}!#%*-_=+`;

const KINDS: readonly SecretKind[] = [
  { suffix: 'db-password', contentType: 'password', value: (r) => r.string(24, PUNCT) },
  {
    suffix: 'sql-connection-string',
    contentType: 'connection-string',
    value: (r, c) =>
      `Server=tcp:${c.vault}-sql.database.windows.net,1433;Database=${c.service.replace(/-/g, '_')};User ID=${c.service.replace(/-/g, '_')}_app;Password=${r.string(20, PUNCT)};Encrypt=True;Connection Timeout=30;`,
  },
  {
    suffix: 'storage-connection-string',
    contentType: 'connection-string',
    value: (r, c) =>
      `DefaultEndpointsProtocol=https;AccountName=${c.vault.replace(/-/g, '')}st;AccountKey=${r.string(86, B64)}==;EndpointSuffix=core.windows.net`,
  },
  {
    suffix: 'servicebus-connection',
    contentType: 'connection-string',
    value: (r, c) =>
      `Endpoint=sb://${c.vault}-bus.servicebus.windows.net/;SharedAccessKeyName=${c.service}-sender;SharedAccessKey=${r.string(43, B64)}=`,
  },
  { suffix: 'redis-key', contentType: 'text/plain', value: (r) => `${r.string(43, B64)}=` },
  { suffix: 'api-key', value: (r) => r.hex(32) },
  { suffix: 'client-secret', contentType: 'password', value: (r) => `${r.string(3, ALNUM)}8Q~${r.string(34, `${ALNUM}~_.-`)}` },
  { suffix: 'jwt-signing-key', contentType: 'text/plain', value: (r) => r.string(64, B64) },
  {
    suffix: 'config',
    contentType: 'application/json',
    value: (r, c) =>
      JSON.stringify({ service: c.service, timeoutMs: r.int(1, 30) * 1000, retries: r.int(1, 5), token: r.hex(24) }),
  },
  { suffix: 'webhook-secret', value: (r) => `whsec_${r.string(32, ALNUM)}` },
  { suffix: 'smtp-password', contentType: 'password', value: (r) => r.string(16, PUNCT) },
  { suffix: 'cosmos-key', contentType: 'text/plain', value: (r) => `${r.string(86, B64)}==` },
];

const SHARED_NAMES: Record<VaultRole, readonly string[]> = {
  prod: ['appinsights-connection-string', 'acr-pull-token', 'github-deploy-token', 'pagerduty-integration-key', 'datadog-api-key', 'tls-pfx-password', 'grafana-admin-password', 'sendgrid-api-key'],
  dev: ['appinsights-connection-string', 'acr-pull-token', 'github-deploy-token', 'local-dev-readme', 'test-user-password', 'ngrok-authtoken'],
  payments: ['psp-merchant-id', 'psp-api-secret', 'hsm-partition-password', 'pci-scan-token', 'bank-sftp-password', 'settlement-pgp-passphrase'],
};

const TEAMS = ['platform', 'checkout-team', 'identity-team', 'data', 'sre', 'payments-core'];

export function seedDemoSecrets(ctx: SeedContext): void {
  const { vault, role, rng } = ctx;
  const store = vault.store(SECRETS);
  const nowS = Math.floor(ctx.now / 1000);
  const env = role === 'dev' ? 'dev' : 'prod';
  const names: { name: string; kind?: SecretKind; service: string }[] = [];
  for (const service of SERVICES[role]) {
    for (const kind of rng.sample(KINDS, rng.int(role === 'prod' ? 8 : 6, KINDS.length))) {
      names.push({ name: `${service}-${kind.suffix}`, kind, service });
    }
  }
  for (const name of SHARED_NAMES[role]) names.push({ name, service: 'shared' });

  for (const entry of names) {
    const kind = entry.kind;
    // Most secrets have a few versions; some are rotated often and have a long history.
    const versionCount = rng.chance(0.1) ? rng.int(12, 40) : rng.int(1, 4);
    let created = nowS - rng.int(30, 720) * DAY;
    const rotationDays = rng.pick([30, 60, 90, 180]);
    const tags: Record<string, string> = {};
    if (rng.chance(0.8)) tags.env = env;
    if (rng.chance(0.6)) tags.owner = rng.pick(TEAMS);
    if (rng.chance(0.4)) tags['rotation-days'] = String(rotationDays);
    if (rng.chance(0.2)) tags['managed-by'] = rng.pick(['terraform', 'bicep', 'manual']);
    if (entry.service !== 'shared' && rng.chance(0.5)) tags.service = entry.service;

    for (let i = 0; i < versionCount; i++) {
      const isLatest = i === versionCount - 1;
      const payload: SecretPayload = {
        value: kind ? kind.value(rng, { vault: vault.name, service: entry.service }) : rng.string(rng.int(16, 40), PUNCT),
      };
      if (kind?.contentType) payload.contentType = kind.contentType;
      const attributes: { enabled?: boolean; nbf?: number; exp?: number } = {};
      // Older versions expire; the latest gets a mix of states worth seeing in the UI.
      if (!isLatest) {
        if (rng.chance(0.5)) attributes.exp = Math.min(created + rotationDays * DAY, nowS - DAY);
        if (rng.chance(0.3)) attributes.enabled = false;
      } else {
        const roll = rng.next();
        if (roll < 0.08) attributes.exp = nowS - rng.int(1, 120) * DAY; // expired
        else if (roll < 0.2) attributes.exp = nowS + rng.int(1, 29) * DAY + rng.int(0, DAY - 1); // expiring soon
        else if (roll < 0.5) attributes.exp = nowS + rng.int(31, 365) * DAY;
        if (rng.chance(0.06)) attributes.enabled = false;
        if (rng.chance(0.03)) attributes.nbf = nowS + rng.int(1, 14) * DAY; // not yet valid
      }
      if (attributes.nbf !== undefined && attributes.exp !== undefined && attributes.nbf > attributes.exp) {
        delete attributes.nbf;
      }
      store.create(entry.name, { payload, attributes, tags, versionId: rng.hex(32), createdAt: created });
      created = Math.min(nowS - 60, created + rng.int(1, Math.max(1, rotationDays)) * DAY);
    }
  }

  if (role === 'dev') {
    // Text from a vault can hold terminal escape sequences; the UI must show them inert.
    store.create('escape-sequence-sample', {
      payload: { value: 'before\u001b[31mRED\u001b[0m\u0007after\r\nline2', contentType: 'text/plain\u001b[2J' },
      tags: { note: '\u001b]0;window title\u0007tag value with escapes' },
      versionId: rng.hex(32),
      createdAt: nowS - 3 * DAY,
    });
  }

  // Recently deleted secrets, recoverable until their scheduled purge date.
  const deletedCount = role === 'prod' ? 6 : 4;
  for (let i = 0; i < deletedCount; i++) {
    const service = rng.pick(SERVICES[role]);
    const name = `${service}-old-${rng.pick(['api-key', 'db-password', 'token', 'cert-password'])}-${i + 1}`;
    const versionCount = rng.int(1, 3);
    let created = nowS - rng.int(100, 400) * DAY;
    const versions = [];
    for (let v = 0; v < versionCount; v++) {
      versions.push({
        version: rng.hex(32),
        payload: { value: rng.string(20, PUNCT) } as SecretPayload,
        attributes: { enabled: true, created, updated: created },
        tags: { env, 'deleted-by': rng.pick(['pipeline', 'alice', 'bob']) } as Record<string, string>,
      });
      created += rng.int(10, 60) * DAY;
    }
    store.insertDeleted({ name, versions, meta: undefined }, nowS - rng.int(1, 20) * DAY);
  }
}

// Loading many vaults' lists for :find and :expiring, against the emulator through the SDK.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { RequestLogEntry } from '../../src/emulator/index.js';
import type { StoreHarness } from './store-harness.js';
import { startStoreHarness } from './store-harness.js';

const VAULTS = ['scan-a', 'scan-b', 'scan-c', 'scan-d', 'scan-e'];
const isList = (e: RequestLogEntry) => e.method === 'GET' && /^\/(secrets|keys|certificates)\/?$/.test(e.path);

describe('scanVaults', () => {
  let h: StoreHarness;
  const log: RequestLogEntry[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const perVault = new Map<string, number>();
  let maxPerVault = 0;
  const userAgents: { kind: string; agent: string }[] = [];

  before(async () => {
    // Counts list requests in flight as the SDK pipeline sends them (until each response is back).
    const counter: PipelinePolicy = {
      name: 'count-lists',
      async sendRequest(request, next) {
        const url = new URL(request.url);
        const list = request.method === 'GET' && /^\/(secrets|keys|certificates)\/?$/.test(url.pathname);
        if (!list) return next(request);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const n = (perVault.get(url.host) ?? 0) + 1;
        perVault.set(url.host, n);
        maxPerVault = Math.max(maxPerVault, n);
        try {
          return await next(request);
        } finally {
          inFlight--;
          perVault.set(url.host, (perVault.get(url.host) ?? 1) - 1);
        }
      },
    };
    // The User-Agent each request leaves with (set by the pipeline before the retry phase).
    const agents: PipelinePolicy = {
      name: 'user-agents',
      sendRequest(request, next) {
        const kind = /^\/(secrets|keys|certificates)/.exec(new URL(request.url).pathname)?.[1];
        if (kind) userAgents.push({ kind, agent: request.headers.get('user-agent') ?? '' });
        return next(request);
      },
    };
    h = await startStoreHarness(
      { vaults: VAULTS, faults: { latencyMs: 15 }, onRequest: (e) => log.push(e) },
      {
        maxPageSize: 5,
        scanConcurrency: { overall: 3, perVault: 1 },
        additionalPolicies: [
          { policy: counter, position: 'perCall' },
          { policy: agents, position: 'perRetry' },
        ],
      },
    );
    for (const v of VAULTS) h.addSecrets(12, v, `${v}-secret`);
  });
  after(() => h?.stop());

  test('loads every kind of every open vault, never more lists at once than allowed overall and per vault', async () => {
    h.store.scanVaults();
    await h.until((s) => s.vaults.every((v) => v.collections.secrets.status === 'complete' && v.collections.keys.status === 'complete' && v.collections.certificates.status === 'complete'), 'every list', 30_000);
    for (const v of VAULTS) {
      assert.equal(h.collection('secrets', { vault: v }).items.length, 12);
      assert.equal(typeof h.collection('secrets', { vault: v }).loadedAt, 'number', 'a complete list says when it was loaded');
    }
    assert.ok(maxInFlight <= 3, `at most 3 lists at once, saw ${maxInFlight}`);
    assert.ok(maxInFlight >= 2, `lists load side by side, saw ${maxInFlight}`);
    assert.equal(maxPerVault, 1, 'one list of a vault at a time');
  });

  test('the clients of every vault send the same User-Agent: the options the SDK appends to in place are never shared', async () => {
    // KeyClient appends its name to the User-Agent prefix of the options it is given, in place;
    // options shared between clients grew the header with every vault (a 431 past 16 KB).
    h.store.scanVaults();
    await h.until((s) => s.vaults.every((v) => v.collections.secrets.status === 'complete' && v.collections.keys.status === 'complete' && v.collections.certificates.status === 'complete'), 'every list', 30_000);
    for (const kind of ['secrets', 'keys', 'certificates']) {
      const agents = new Set(userAgents.filter((u) => u.kind === kind).map((u) => u.agent));
      assert.equal(agents.size, 1, `${kind}: ${[...agents].join(' | ')}`);
      const [agent] = agents;
      assert.match(agent, /^kvx azsdk-js-keyvault-/, kind);
      assert.ok(agent.length < 300, `${kind}: ${agent.length} characters`);
    }
  });

  test('a second scan of complete lists sends nothing; refresh loads them again', async () => {
    const before = log.filter(isList).length;
    h.store.scanVaults();
    await h.until(() => h.store.getSnapshot().vaults.every((v) => v.collections.secrets.status === 'complete'), 'still complete');
    assert.equal(log.filter(isList).length, before, 'no list request for a cached vault');
    h.store.scanVaults({ vaults: [h.vault('scan-a').url], kinds: ['secrets'], refresh: true });
    await h.until((s) => s.vaults[0].collections.secrets.status === 'complete' && log.filter(isList).length > before, 'the refresh');
    assert.ok(log.filter(isList).every((e, i, all) => i < before || (e.vault === 'scan-a' && all[i].path.startsWith('/secrets'))), 'only scan-a secrets were asked again');
  });
});

describe('a refusing vault does not stop the others', () => {
  test('scan-b answers 403 on secrets list; the rest complete', async () => {
    const h = await startStoreHarness({ vaults: ['scan-a', 'scan-b', 'scan-c'], strict: true }, { maxPageSize: 25 });
    try {
      h.addSecrets(3, 'scan-a');
      h.addSecrets(3, 'scan-c');
      h.emulator.setAccessPolicies('scan-b', [{ identity: 'system', permissions: { secrets: ['get'], keys: ['list'], certificates: ['list'] } }]);
      h.store.scanVaults({ kinds: ['secrets'] });
      const s = await h.until((snap) => snap.vaults.every((v) => ['complete', 'error'].includes(v.collections.secrets.status)), 'every vault settled');
      assert.equal(s.vaults[1].collections.secrets.status, 'error');
      assert.equal(s.vaults[1].collections.secrets.error?.class, 'forbidden');
      assert.equal(s.vaults[0].collections.secrets.items.length, 3);
      assert.equal(s.vaults[2].collections.secrets.items.length, 3);
    } finally {
      await h.stop();
    }
  });
});

describe('loadRenewals', () => {
  test('reads each certificate policy once: issuer and whether it auto-renews', async () => {
    const log: RequestLogEntry[] = [];
    const h = await startStoreHarness({ vaults: ['renew-vault'], seed: 'demo', onRequest: (e) => log.push(e) });
    try {
      h.store.loadCollection(h.vault('renew-vault').url, 'certificates');
      const s = await h.until((snap) => snap.vaults[0].collections.certificates.status === 'complete', 'certificates');
      const certs = s.vaults[0].collections.certificates.items;
      assert.ok(certs.length >= 2);
      h.store.loadRenewals(certs);
      h.store.loadRenewals(certs);
      const done = await h.until((snap) => certs.every((c) => snap.renewals?.[c.id]?.status === 'done'), 'every renewal');
      const policyGets = log.filter((e) => e.method === 'GET' && /\/certificates\/[^/]+\/policy$/.test(e.path));
      assert.equal(policyGets.length, certs.length, 'one policy request per certificate, even when asked twice');
      for (const c of certs) {
        const r = done.renewals![c.id];
        assert.ok(r.status === 'done');
        assert.equal(typeof r.autoRenew, 'boolean');
        assert.ok(r.issuer, `issuer of ${c.name}`);
      }
    } finally {
      await h.stop();
    }
  });
});

describe('operations carry their az command', () => {
  test('a delete and a new secret name az commands that do the same, without the value', async () => {
    const h = await startStoreHarness({ vaults: ['az-vault'] }, { operationIntervalMs: 10 });
    try {
      const id = h.store.createSecret({ vault: h.vault('az-vault').url, name: 'db-password', value: 'canary-Value-123', contentType: 'text/plain', tags: { team: 'ops' } });
      await h.until((s) => s.operations.find((o) => o.id === id)?.state === 'succeeded', 'the create');
      const create = h.store.getSnapshot().operations.find((o) => o.id === id)!;
      assert.equal(create.az, 'az keyvault secret set --vault-name az-vault --name db-password --value "$VALUE" --content-type text/plain --tags team=ops');
      assert.ok(!JSON.stringify(h.store.getSnapshot().operations).includes('canary-Value-123'));
      const del = h.store.deleteItem({ kind: 'secrets', vaultUrl: h.emulator.vaults[0].url, name: 'db-password' });
      assert.equal(h.store.getSnapshot().operations.find((o) => o.id === del)?.az, 'az keyvault secret delete --vault-name az-vault --name db-password');
      await h.until((s) => s.operations.find((o) => o.id === del)?.state !== 'running', 'the delete');
    } finally {
      await h.stop();
    }
  });
});

describe('throttling backs off per vault', () => {
  test('a 429 on one vault waits out its Retry-After there while the other vaults load on', async () => {
    // Retry-After far beyond the test: thr-a stays throttled until the test asks again, so no timer is raced.
    const h = await startStoreHarness(
      { vaults: ['thr-a', 'thr-b', 'thr-c'], faults: { throttleRate: 1, maxFaults: 1, retryAfterMs: 600_000 } },
      { scanConcurrency: { overall: 1, perVault: 1 } },
    );
    try {
      for (const v of ['thr-a', 'thr-b', 'thr-c']) h.addSecrets(3, v);
      h.store.scanVaults({ kinds: ['secrets'] });
      // The first list (thr-a) is throttled; with one slot overall, the others still finish.
      const s = await h.until((snap) => snap.vaults[1].collections.secrets.status === 'complete' && snap.vaults[2].collections.secrets.status === 'complete', 'thr-b and thr-c');
      assert.equal(s.vaults[0].collections.secrets.status, 'error');
      assert.equal(s.vaults[0].collections.secrets.error?.class, 'throttled');
      // R: asking again loads thr-a now.
      h.store.scanVaults({ vaults: [h.vault('thr-a').url], kinds: ['secrets'], refresh: true });
      const done = await h.until((snap) => snap.vaults[0].collections.secrets.status === 'complete', 'thr-a after R');
      assert.equal(done.vaults[0].collections.secrets.items.length, 3);
    } finally {
      await h.stop();
    }
  });
});

describe('recent vaults', () => {
  test('a scan does not make the vaults it searched recent, nor write the remembered list for each of them', async () => {
    const persisted: string[][] = [];
    const h = await startStoreHarness(
      { vaults: ['mem-a', 'mem-b', 'mem-c'] },
      { memory: { recent: ['https://elsewhere.vault.azure.net'], persist: (lists) => persisted.push([...lists.recent]) } },
    );
    try {
      // The user opens mem-a: that is remembered, once.
      h.store.loadCollection(h.vault('mem-a').url, 'secrets');
      await h.until((s) => s.vaults[0].collections.secrets.status === 'complete', 'mem-a secrets');
      assert.deepEqual(persisted, [[h.vault('mem-a').url, 'https://elsewhere.vault.azure.net']]);
      h.store.scanVaults();
      await h.until((s) => s.vaults.every((v) => (['secrets', 'keys', 'certificates'] as const).every((k) => v.collections[k].status === 'complete')), 'every list');
      assert.equal(persisted.length, 1, `searching must not rewrite the recent list: ${JSON.stringify(persisted)}`);
    } finally {
      await h.stop();
    }
  });
});

// Leaving a list cancels its paging: with a vault of 1,000 secrets (40 pages) behind some
// latency, moving to another tab or vault stops the secret list requests — the emulator's
// request log gets at most the page already in flight, checked after later requests to the
// same vault have come back (a barrier, not a sleep). Coming back continues the list.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RequestLogEntry } from '../../src/emulator/server.js';
import { startUi } from '../helpers/ui-harness.js';

const LATENCY_MS = 25;

async function bigVault() {
  const requests: RequestLogEntry[] = [];
  const t = await startUi({ columns: 100, rows: 30, emulator: { latencyMs: LATENCY_MS, onRequest: (r) => requests.push(r) } });
  t.data.addSecrets(1000, 'contoso-prod', 'bulk');
  const prod = t.data.emulator.vaults[0].url;
  const secretPages = () => requests.filter((r) => r.vault === 'contoso-prod' && r.method === 'GET' && r.path === '/secrets' && r.status === 200).length;
  return { t, prod, requests, secretPages };
}

/** Requests that start after the move and come back: an uncancelled list would have fetched more pages meanwhile. */
async function barrier(t: Awaited<ReturnType<typeof bigVault>>['t'], vault: string): Promise<void> {
  for (let i = 0; i < 3; i++) {
    t.data.store.loadCollection(vault, 'certificates', { refresh: true });
    await t.data.until((s) => s.vaults.find((v) => v.url === vault)?.collections.certificates.status === 'complete', 'the certificates to load');
  }
}

describe('leaving a list cancels its paging', () => {
  it('switching to the keys tab stops the secret pages; coming back continues them', async () => {
    const { t, prod, secretPages } = await bigVault();
    try {
      await t.data.until((s) => s.vaults[0].collections.secrets.pagesLoaded >= 2, 'a few secret pages');
      await t.press('2');
      const atLeave = secretPages();
      await t.waitFor((f) => f.includes('contoso-prod ▸ keys'));
      await t.data.until((s) => s.vaults[0].collections.keys.status === 'complete', 'the keys to load');
      await barrier(t, prod);
      assert.ok(secretPages() <= atLeave + 1, `secret pages after leaving: ${secretPages() - atLeave} (at most the one in flight)`);
      const secrets = t.data.store.getSnapshot().vaults[0].collections.secrets;
      assert.equal(secrets.cancelled, true);
      assert.ok(secrets.items.length < 1000);
      await t.press('3');
      await t.data.until((s) => s.vaults[0].collections.secrets.status === 'complete', 'the secrets to finish', 30_000);
      assert.ok(t.data.store.getSnapshot().vaults[0].collections.secrets.items.length >= 1000);
    } finally {
      await t.stop();
    }
  });

  it('moving to another vault stops the first vault\'s secret pages', async () => {
    const { t, prod, secretPages } = await bigVault();
    try {
      await t.data.until((s) => s.vaults[0].collections.secrets.pagesLoaded >= 2, 'a few secret pages');
      await t.press('1', 'j');
      const atLeave = secretPages();
      await t.waitFor((f) => f.includes('contoso-dev ▸ secrets'));
      await t.data.until((s) => s.vaults[1].collections.secrets.status === 'complete', 'the other vault to load');
      await barrier(t, prod);
      assert.ok(secretPages() <= atLeave + 1, `secret pages after leaving: ${secretPages() - atLeave} (at most the one in flight)`);
      assert.equal(t.data.store.getSnapshot().vaults[0].collections.secrets.cancelled, true);
    } finally {
      await t.stop();
    }
  });
});

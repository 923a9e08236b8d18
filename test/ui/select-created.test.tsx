// A created item is in its list at once and selected: in a vault of 2,000 secrets whose list
// is still paging (its pages held at an emulator gate, so the test decides when they come),
// and in a list whose filter would hide it (the filter is cleared, and the status says so).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Gate } from '../../src/emulator/gates.js';
import { startUi } from '../helpers/ui-harness.js';

test('a secret created while a 2,000-secret list is still paging is listed at once and selected', async () => {
  let firstPage: Gate | undefined;
  const t = await startUi({
    columns: 100,
    rows: 30,
    beforeRender(data) {
      data.addSecrets(2000, 'contoso-prod', 'bulk');
      firstPage = data.emulator.gates.hold({ operation: 'request', vault: 'contoso-prod', method: 'GET', path: '/secrets' });
    },
  });
  const listPage = () => t.data.emulator.gates.hold({ operation: 'request', vault: 'contoso-prod', method: 'GET', path: '/secrets' });
  let rest: Gate | undefined;
  try {
    await firstPage!.caught();
    rest = listPage();
    firstPage!.release();
    await t.waitFor((f) => f.includes('acr-pull-token'));
    await rest.caught();
    // bulk-01000a sorts ~40 pages further on; the emulator holds the second page meanwhile.
    await t.press('n');
    await t.waitFor((f) => f.includes('New secret'));
    await t.type('bulk-01000a');
    await t.press('tab');
    await t.type('v1');
    await t.press('return');
    const frame = await t.waitFor((f) => f.includes('› bulk-01000a') && f.includes('secret bulk-01000a created'));
    assert.ok(!frame.includes('› acr-pull-token'), 'the cursor left the first row');
    const secrets = t.data.store.getSnapshot().vaults[0].collections.secrets;
    assert.equal(secrets.status, 'partial', 'the list is still paging');
    assert.equal(secrets.pagesLoaded, 1);
    assert.equal(rest.state().caught, 1, 'the list was not started over');
  } finally {
    firstPage?.release();
    rest?.release();
    await t.stop();
  }
});

test('a filter that would hide the created secret is cleared, the new row selected, and the status says why', async () => {
  const t = await startUi({ columns: 100, rows: 30 });
  try {
    await t.waitFor((f) => f.includes('acr-pull-token') && /\d items · /.test(f), 20_000);
    await t.press('/');
    await t.type('acr');
    await t.press('return');
    await t.waitFor((f) => f.includes('› acr-pull-token') && !f.includes('admin-portal-api-key'));
    await t.press('n');
    await t.waitFor((f) => f.includes('New secret'));
    await t.type('zz-hidden-by-filter');
    await t.press('tab');
    await t.type('v1');
    await t.press('return');
    const frame = await t.waitFor((f) => f.includes('› zz-hidden-by-filter'));
    // No "a" in it: /acr hid it.
    assert.ok(frame.includes('web-frontend-config'), 'the whole list shows again');
    assert.match(frame.replace(/\s+/g, ' '), /secret zz-hidden-by-filter created — the filter \/acr hid it and was cleared/);
  } finally {
    await t.stop();
  }
});

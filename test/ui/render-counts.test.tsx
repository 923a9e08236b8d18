// A key re-renders only what it changed: moving the cursor in the list renders the list, not
// the title bar, status line, vaults or operations panes; a list changing behind the help
// overlay does not render the overlay again. Counted with the render probe, not timed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SECRETS } from '../../src/emulator/secrets/secret-collection.js';
import { countRenders } from '../../src/ui/render-probe.js';
import { startUi } from '../helpers/ui-harness.js';

const loaded = (f: string) => f.includes('acr-pull-token');

function counter() {
  const counts = new Map<string, number>();
  const stop = countRenders((pane) => counts.set(pane, (counts.get(pane) ?? 0) + 1));
  return { of: (pane: string) => counts.get(pane) ?? 0, reset: () => counts.clear(), stop };
}


test('moving the cursor in the list renders the list only: not the title bar, status line, vaults or operations panes', async () => {
  const t = await startUi({ columns: 100, rows: 34 });
  const renders = counter();
  try {
    await t.waitFor(loaded);
    // An operation in the dock, finished, so the dock is on screen and quiet.
    t.data.store.createSecret({ vault: t.data.emulator.vaults[0].url, name: 'render-count-probe', value: 'x' });
    await t.waitFor((f) => /✓ create secret .*render-count-probe/.test(f) && f.includes('(0 running)'), 20_000);
    // The status line's "created" notice fades by itself: wait for it, it is not a cursor move.
    await t.waitFor((f) => !f.includes('secret render-count-probe created'), 20_000);
    // The list refreshes after the create: wait for that too.
    await t.data.until((s) => s.vaults[0].collections.secrets.items.some((i) => i.name === 'render-count-probe') && s.vaults[0].collections.secrets.status === 'complete', 'the list refreshed', 20_000);
    const rows = t
      .lastFrame()
      .split('\n')
      .filter((line) => line.includes('││'))
      .map((line) => /^ [› ] ([a-z0-9-]+) /.exec(line.split('││')[1])?.[1])
      .filter((name): name is string => Boolean(name));
    assert.ok(rows.length > 4, 'the list shows rows');
    renders.reset();
    for (let i = 1; i <= 4; i++) {
      await t.press('j');
      await t.waitFor((f) => f.includes(`› ${rows[i]}`));
    }
    for (let i = 3; i >= 0; i--) {
      await t.press('k');
      await t.waitFor((f) => f.includes(`› ${rows[i]}`));
    }
    assert.ok(renders.of('ItemsPane') >= 8, `the list rendered ${renders.of('ItemsPane')} times`);
    for (const pane of ['TitleBar', 'StatusLine', 'VaultsPane', 'OperationsDock']) assert.equal(renders.of(pane), 0, `${pane} rendered on cursor moves`);
  } finally {
    renders.stop();
    await t.stop();
  }
});

test('the help overlay is not rendered again while the list behind it reloads', async () => {
  const t = await startUi({ columns: 100, rows: 30 });
  const renders = counter();
  try {
    await t.waitFor(loaded);
    await t.press('?');
    await t.waitFor((f) => f.includes('Help · ? or Esc closes'));
    renders.reset();
    t.data.store.loadCollection(t.data.emulator.vaults[0].url, 'secrets', { refresh: true });
    await t.data.until((s) => s.vaults[0].collections.secrets.status === 'loading', 'the reload to start', 10_000);
    await t.data.until((s) => s.vaults[0].collections.secrets.status === 'complete', 'the reload to finish', 20_000);
    await new Promise((r) => setImmediate(r));
    assert.ok(renders.of('TitleBar') + renders.of('StatusLine') === 0);
    assert.equal(renders.of('HelpOverlay'), 0, 'help rendered again for a list it does not show');
  } finally {
    renders.stop();
    await t.stop();
  }
});

test('the details pane showing an item is not rendered again while the list reloads', async () => {
  const t = await startUi({ columns: 100, rows: 30 });
  const renders = counter();
  try {
    await t.waitFor(loaded);
    await t.press('return');
    await t.waitFor((f) => f.includes('Versions (') && f.includes('recovery'));
    await t.data.until(
      (s) => Object.values(s.details).every((d) => d.status === 'complete' && d.versions.status === 'complete'),
      'the details and versions to be in',
    );
    renders.reset();
    t.data.store.loadCollection(t.data.emulator.vaults[0].url, 'secrets', { refresh: true });
    await t.data.until((s) => s.vaults[0].collections.secrets.status === 'complete', 'the reload to finish', 20_000);
    await new Promise((r) => setImmediate(r));
    assert.equal(renders.of('DetailsPane'), 0, 'details rendered again for a list it does not show');
  } finally {
    renders.stop();
    await t.stop();
  }
});

test('a :find across 30 vaults draws the results about 10 times a second, not once for each page of each vault', async () => {
  const names = Array.from({ length: 30 }, (_, i) => `many-${String(i).padStart(2, '0')}`);
  const t = await startUi({ columns: 100, rows: 30, emulator: { seed: undefined, vaults: names, faults: { latencyMs: 5 } } });
  const renders = counter();
  try {
    for (const v of names) for (let i = 0; i < 100; i++) t.data.emulator.vault(v).store(SECRETS).create(`${v}-s-${i}`, { payload: { value: 'x' } });
    await t.waitFor((f) => f.includes('many-00-s-0'), 20_000);
    let snapshots = 0;
    const unsubscribe = t.data.store.subscribe(() => snapshots++);
    renders.reset();
    const started = performance.now();
    await t.press(':');
    await t.type('find s-1');
    await t.press('return');
    await t.waitFor((f) => f.includes('30 of 30 vaults searched'), 60_000);
    const elapsed = performance.now() - started;
    unsubscribe();
    // One draw per 100 ms of searching at most, and a few for opening the view.
    const allowed = Math.ceil(elapsed / 100) + 5;
    assert.ok(snapshots > 100, `the scan published ${snapshots} snapshots`);
    assert.ok(renders.of('FindPane') <= allowed, `the find pane rendered ${renders.of('FindPane')} times in ${elapsed.toFixed(0)} ms (${snapshots} snapshots); at most ${allowed}`);
  } finally {
    renders.stop();
    await t.stop();
  }
});

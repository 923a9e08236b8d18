// What the explorer shows first starts as soon as the runtime is there, not after React has
// mounted the explorer and run its effects: the first list's requests (or vault discovery)
// overlap that rendering. Observed through the real store on the emulator: what the store
// was asked to do before the explorer subscribed to it (its first commit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../src/store/types.js';
import { App } from '../../src/ui/app.js';
import { defaultKeymap } from '../../src/ui/keymap.js';
import { darkTheme } from '../../src/ui/theme.js';
import type { StoreHarness } from '../store/store-harness.js';
import { startStoreHarness } from '../store/store-harness.js';
import { renderTui } from '../helpers/render-harness.js';

/** The store, recording in order the loads and discoveries asked of it and the explorer's subscriptions. */
function recording(store: Store, events: string[]): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || !['subscribe', 'loadCollection', 'discoverVaults'].includes(String(prop))) return value;
      return (...args: unknown[]) => {
        events.push(prop === 'loadCollection' ? `loadCollection ${String(args[0])} ${String(args[1])}` : String(prop));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

async function showApp(data: StoreHarness, events: string[], settings: { vaults: { name: string; url: string; local: boolean }[]; armEndpoint?: string }) {
  const store = recording(data.store, events);
  return renderTui(
    <App
      settings={{ demo: false, readOnly: false, ...settings }}
      keymap={defaultKeymap}
      theme={darkTheme}
      loadRuntime={async () => ({ store, vaults: settings.vaults, dispose: async () => {} })}
    />,
    { columns: 100, rows: 30 },
  );
}

test("the first vault's list is asked for before the explorer mounts, and its rows show", async () => {
  const data = await startStoreHarness({ vaults: ['first-vault', 'second-vault'] });
  try {
    data.addSecrets(3, 'first-vault');
    const vaults = data.store.getSnapshot().vaults.map((v) => ({ name: v.name, url: v.url, local: v.local }));
    const events: string[] = [];
    const ui = await showApp(data, events, { vaults });
    await ui.waitFor((f) => f.includes('secret-00002'));
    const firstSubscribe = events.indexOf('subscribe');
    assert.ok(firstSubscribe > 0, `the explorer subscribed: ${events.join(', ')}`);
    assert.deepEqual(events.slice(0, firstSubscribe), [`loadCollection ${vaults[0].url} secrets`]);
    // The explorer's own effect found it running: the list was not started twice.
    assert.equal(events.filter((e) => e.startsWith('loadCollection')).length, 1, events.join(', '));
    ui.unmount();
  } finally {
    await data.stop();
  }
});

test('with no vault named, discovery is asked for before the explorer mounts', async () => {
  const data = await startStoreHarness({ vaults: ['found-vault'] }, {}, { arm: true, open: () => false });
  try {
    const events: string[] = [];
    const ui = await showApp(data, events, { vaults: [], armEndpoint: data.emulator.armEndpoint });
    await ui.waitFor((f) => f.includes('found-vault'));
    const firstSubscribe = events.indexOf('subscribe');
    assert.ok(firstSubscribe > 0, `the explorer subscribed: ${events.join(', ')}`);
    assert.deepEqual(events.slice(0, firstSubscribe), ['discoverVaults']);
    assert.equal(events.filter((e) => e === 'discoverVaults').length, 1, events.join(', '));
    ui.unmount();
  } finally {
    await data.stop();
  }
});

// Changes through the UI pieces against the emulator: keys in, frames out. A new-secret form
// that shows problems and a service 409 without losing what was typed, the operations panel
// following a delete live, and the purge confirmation that wants the name typed.
import assert from 'node:assert/strict';
import { useState } from 'react';
import { after, before, describe, it } from 'node:test';
import type { SecretInput } from '../../src/store/mutations/inputs.js';
import type { Store } from '../../src/store/types.js';
import { ConfirmTypeName } from '../../src/ui/confirm-type-name.js';
import { FormDialog } from '../../src/ui/forms/form-dialog.js';
import { buildSecret, secretFields } from '../../src/ui/forms/secret-form.js';
import { OperationsPanel } from '../../src/ui/operations-panel.js';
import { darkTheme } from '../../src/ui/theme.js';
import { useStore } from '../../src/ui/use-store.js';
import { renderTui } from '../helpers/render-harness.js';
import type { StoreHarness } from '../store/store-harness.js';
import { startStoreHarness } from '../store/store-harness.js';

function LivePanel({ store }: { store: Store }) {
  const operations = useStore(store, (s) => s.operations);
  const [now, setNow] = useState(Date.now());
  useStore(store, (s) => s.operations.length);
  // Elapsed time comes from the clock at each store change; enough for a test.
  if (Date.now() - now > 50) setNow(Date.now());
  return <OperationsPanel operations={operations} selected={0} focused width={90} height={8} now={now} theme={darkTheme} />;
}

describe('changes in the UI', () => {
  let h: StoreHarness;
  before(async () => {
    h = await startStoreHarness({ deleteDelayMs: 150 }, { operationIntervalMs: 10 });
  });
  after(() => h.stop());

  it('the new-secret form shows what is wrong and what is allowed, then sends', async () => {
    const url = h.vault().url;
    let done: { operationId?: string } | undefined;
    const ui = renderTui(
      <FormDialog<SecretInput>
        title="New secret"
        fields={secretFields('new')}
        initial={{ enabled: 'yes' }}
        store={h.store}
        build={(values) => buildSecret(values, url, undefined, Date.now())}
        submit={(input) => h.store.createSecret(input)}
        onDone={(r) => (done = r)}
        width={90}
        height={20}
        theme={darkTheme}
      />,
      { columns: 90, rows: 20 },
    );
    try {
      await ui.type('db_password');
      await ui.press('tab');
      await ui.type('hunter2');
      await ui.press('return');
      const frame = await ui.waitFor((f) => f.includes('only letters, digits and "-" are allowed'));
      assert.ok(frame.includes('db_password'), 'the typed name is still there');
      assert.ok(!frame.includes('hunter2'), 'the value is never shown');
      // The cursor is back on the name: fix it.
      await ui.press('backspace', 'backspace', 'backspace', 'backspace', 'backspace', 'backspace', 'backspace', 'backspace', 'backspace');
      await ui.type('-password');
      await ui.press('return');
      await ui.waitFor(() => done !== undefined);
      assert.ok(done?.operationId);
      const id = done?.operationId;
      await h.until((st) => st.operations.find((o) => o.id === id)?.state === 'succeeded', 'the create to finish');
    } finally {
      ui.unmount();
    }
  });

  it('a service rejection (deleted-but-recoverable name) shows in the form and keeps the text', async () => {
    const url = h.vault().url;
    h.addSecrets(1, undefined, 'gone');
    const del = h.store.deleteItem({ kind: 'secrets', name: 'gone-00000', vaultUrl: url });
    await h.until((s) => s.operations.find((o) => o.id === del)?.state === 'succeeded', 'the delete');
    const ui = renderTui(
      <FormDialog<SecretInput>
        title="New secret"
        fields={secretFields('new')}
        initial={{ enabled: 'yes' }}
        store={h.store}
        build={(values) => buildSecret(values, url, undefined, Date.now())}
        submit={(input) => h.store.createSecret(input)}
        onDone={() => assert.fail('the form must stay open')}
        width={100}
        height={22}
        theme={darkTheme}
      />,
      { columns: 100, rows: 22 },
    );
    try {
      await ui.type('gone-00000');
      await ui.press('tab');
      await ui.type('x');
      await ui.press('return');
      const frame = await ui.waitFor((f) => f.includes('recover it'));
      assert.ok(frame.replace(/[│\n]/g, ' ').replace(/\s+/g, ' ').includes('recover it or purge it before creating it again (D shows deleted items, then u recovers, P purges)'), frame);
      assert.ok(frame.includes('gone-00000'));
    } finally {
      ui.unmount();
    }
  });

  it('the operations panel follows a delete live: deleting, then deleted', async () => {
    const url = h.vault().url;
    h.addSecrets(1, undefined, 'live');
    h.store.clearFinishedOperations();
    const ui = renderTui(<LivePanel store={h.store} />, { columns: 90, rows: 8 });
    try {
      h.store.deleteItem({ kind: 'secrets', name: 'live-00000', vaultUrl: url });
      const running = await ui.waitFor((f) => f.includes('delete secret store-vault/live-00000  deleting'));
      assert.ok(running.includes('GET deletedsecrets/live-00000 → 404') || running.includes('deleting'));
      const finished = await ui.waitFor((f) => f.includes('✓') && f.includes('live-00000  deleted'));
      assert.ok(finished.includes('(0 running)'));
    } finally {
      ui.unmount();
    }
  });

  it('purge asks for the name typed exactly', async () => {
    let confirmed = false;
    const ui = renderTui(
      <ConfirmTypeName action="purge secret db-password" name="db-password" width={80} theme={darkTheme} onConfirm={() => (confirmed = true)} onCancel={() => undefined} />,
      { columns: 80, rows: 10 },
    );
    try {
      await ui.type('db-pass');
      await ui.press('return');
      await ui.waitFor((f) => f.includes('That is not the name; type db-password exactly'));
      assert.equal(confirmed, false);
      await ui.type('word');
      await ui.press('return');
      assert.equal(confirmed, true);
    } finally {
      ui.unmount();
    }
  });
});

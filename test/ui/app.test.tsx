import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Runtime } from '../../src/ui/use-runtime.js';
import { App } from '../../src/ui/app.js';
import { defaultKeymap } from '../../src/ui/keymap.js';
import { darkTheme } from '../../src/ui/theme.js';
import { renderTui } from '../helpers/render-harness.js';
import { fits } from '../helpers/ui-harness.js';

const never = () => new Promise<Runtime>(() => {});

test('with no vault and no --demo, one screen says how to point kvx at a vault', async () => {
  const t = renderTui(<App settings={{ vaults: [], demo: false, readOnly: false }} keymap={defaultKeymap} theme={darkTheme} loadRuntime={never} />, {
    columns: 80,
    rows: 24,
  });
  const frame = await t.waitFor((f) => f.includes('No vault to open'));
  assert.match(frame, /kvx my-vault/);
  assert.match(frame, /KEY_VAULT_NAME/);
  assert.match(frame, /AZURE_KEYVAULT_URL/);
  assert.match(frame, /--ca-file/);
  assert.match(frame, /kvx --demo/);
  assert.equal(fits(frame, 80, 24), undefined);
  // Nothing is cut off at 80 columns.
  assert.doesNotMatch(frame, /…\s*│/);
  await t.press('q');
  await t.waitUntilExit();
});

test('the first frame renders before the runtime is ready', async () => {
  const t = renderTui(<App settings={{ vaults: [], demo: true, readOnly: false }} keymap={defaultKeymap} theme={darkTheme} loadRuntime={never} />, {
    columns: 80,
    rows: 24,
  });
  await t.waitFor((f) => f.includes('starting the demo vaults'));
  await t.press('ctrl+c');
  await t.waitUntilExit();
});

test('a runtime that fails to start shows its message, not a stack trace', async () => {
  const failing = () => Promise.reject(new Error('no credential: \u001b[31mManagedIdentityCredential timed out'));
  const t = renderTui(
    <App settings={{ vaults: [{ name: 'v', url: 'https://v.vault.azure.net', local: false }], demo: false, readOnly: false }} keymap={defaultKeymap} theme={darkTheme} loadRuntime={failing} />,
    { columns: 80, rows: 24 },
  );
  const frame = await t.waitFor((f) => f.includes('could not start'));
  assert.match(frame, /\\e\[31mManagedIdentityCredential timed out/);
  assert.ok(!frame.includes('    at '));
  await t.press('q');
  await t.waitUntilExit();
});

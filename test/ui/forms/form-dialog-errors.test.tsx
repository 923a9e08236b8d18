// A refused form says the cause, also when the refusal comes from the other bundle's copy of
// ActionRefusedError (instanceof fails across bundles) or is no refusal at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../../src/store/types.js';
import { FormDialog } from '../../../src/ui/forms/form-dialog.js';
import { darkTheme } from '../../../src/ui/theme.js';
import { renderTui } from '../../helpers/render-harness.js';

const store = { getSnapshot: () => ({ operations: [] }), subscribe: () => () => {} } as unknown as Store;
const fields = [{ id: 'path', label: 'File', kind: 'text' as const }];

function render(thrown: unknown) {
  return renderTui(
    <FormDialog
      title="Save certificate"
      fields={fields as never}
      initial={{ path: '/tmp/x.pem' }}
      store={store}
      build={(values) => ({ ok: true, input: values })}
      submit={() => {
        throw thrown;
      }}
      onDone={() => {}}
      width={80}
      height={20}
      theme={darkTheme}
    />,
    { columns: 80, rows: 20 },
  );
}

test('a refusal from the other bundle (same name, not the same class) is shown at its field', async () => {
  const foreign = Object.assign(new Error('/tmp/x.pem already exists and was kept; choose another file.'), { name: 'ActionRefusedError', class: 'conflict', field: 'path' });
  const t = render(foreign);
  await t.waitFor((f) => f.includes('Save certificate'));
  await t.press('return');
  const frame = await t.waitFor((f) => f.includes('already exists and was kept'));
  assert.ok(!frame.includes('could not send'));
  t.unmount();
});

test('any other failure says its cause, not "could not send"', async () => {
  const t = render(Object.assign(new Error("EACCES: permission denied, open '/tmp/x.pem'"), { code: 'EACCES' }));
  await t.waitFor((f) => f.includes('Save certificate'));
  await t.press('return');
  const frame = await t.waitFor((f) => f.includes('permission denied'));
  assert.ok(!frame.includes('could not send'));
  t.unmount();
});

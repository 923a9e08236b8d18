// The other hints that used to name fixed keys now name the user's: the error view's close and
// scroll keys, the copy dialog's "copies nothing" key, the status messages after an operation
// ("o, then !, shows why", "R re-checks", "o follows it") and the 403's pointer to the access
// policies (a). Each is rendered with a remapped keymap and must name the remapped key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Operation } from '../../src/store/types.js';
import { forbiddenPolicyLine } from '../../src/ui/access-policy-text.js';
import { CopyDialog } from '../../src/ui/copy-dialog.js';
import { ErrorView } from '../../src/ui/error-view.js';
import { defaultKeymap, keyFor, remap } from '../../src/ui/keymap.js';
import { KeymapContext } from '../../src/ui/keymap-context.js';
import { acceptedNotice, operationNotice } from '../../src/ui/operation-notice.js';
import { darkTheme } from '../../src/ui/theme.js';
import { renderTui } from '../helpers/render-harness.js';

const { keymap } = remap(defaultKeymap, {
  back: ['ctrl+b'],
  'move.down': ['J', 'down'],
  'move.up': ['K', 'up'],
  'operations.focus': ['O'],
  'error.show': ['E'],
  refresh: ['ctrl+r'],
  'vault.policies': ['A'],
});

const op = (state: Operation['state']): Operation => ({
  id: 'op-1',
  kind: 'delete',
  collection: 'secrets',
  vault: 'v',
  vaultUrl: 'https://v',
  target: 'db-password',
  state,
  detail: 'delete accepted; could not confirm: 503',
  startedAt: 0,
  updatedAt: 0,
  cancellable: false,
  error: { class: 'network', message: 'no answer' },
});

test('status messages after an operation name the remapped operations, error-view and refresh keys', () => {
  assert.match(operationNotice(op('failed'), keymap)?.text ?? '', /\(O, then E, shows why\)$/);
  assert.match(operationNotice(op('unconfirmed'), keymap)?.text ?? '', /— \^R re-checks$/);
  assert.match(acceptedNotice({ ...op('running'), kind: 'create', collection: 'certificates' }, keymap), /— O follows it$/);
  assert.match(operationNotice(op('failed'))?.text ?? '', /\(o, then !, shows why\)$/, 'the defaults without a keymap');
});

test('the 403 line points at the access policies with the remapped key', () => {
  assert.match(forbiddenPolicyLine(undefined, undefined, keyFor(keymap, 'vault.policies')), /— A shows who may access this vault$/);
});

test('the error view names the remapped close and scroll keys, and answers to them', async () => {
  let closed = false;
  const error = { class: 'network' as const, message: Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ') };
  const ui = renderTui(
    <KeymapContext value={keymap}>
      <ErrorView title="test" error={error} width={30} height={8} theme={darkTheme} onClose={() => (closed = true)} />
    </KeymapContext>,
    { columns: 30, rows: 8 },
  );
  try {
    const frame = await ui.waitFor((f) => f.includes('closes'));
    assert.match(frame, /\^B closes {2}J\/K scroll/);
    await ui.press('J');
    await ui.waitFor((f) => /2–/.test(f));
    await ui.press('escape');
    assert.equal(closed, false, 'Esc is not back any more');
    await ui.press('\u0002');
    await ui.waitFor(() => closed);
  } finally {
    ui.unmount();
  }
});

test('the copy dialog names the remapped key that copies nothing', async () => {
  let choice: string | undefined = 'none yet';
  const ui = renderTui(
    <KeymapContext value={keymap}>
      <CopyDialog what="secret db-password" width={80} theme={darkTheme} onChoice={(part) => (choice = part)} />
    </KeymapContext>,
    { columns: 80, rows: 8 },
  );
  try {
    const frame = await ui.waitFor((f) => f.includes('copies nothing'));
    assert.match(frame, /\^B copies nothing\./);
    await ui.press('\u0002');
    await ui.waitFor(() => choice === undefined);
  } finally {
    ui.unmount();
  }
});

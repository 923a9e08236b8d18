// A render that throws shows one classified line and how to leave, never a stack trace, and
// q still quits (Ink restores the terminal on exit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../src/store/types.js';
import type { Runtime } from '../../src/ui/use-runtime.js';
import { App } from '../../src/ui/app.js';
import { defaultKeymap } from '../../src/ui/keymap.js';
import { darkTheme } from '../../src/ui/theme.js';
import { renderTui } from '../helpers/render-harness.js';

test('an error thrown while drawing shows a classified message without a stack trace, and q quits', async () => {
  // A store whose snapshot cannot be read: the explorer throws in its first render.
  const broken = new Proxy({} as Store, {
    get(_target, prop) {
      if (prop === 'subscribe') return () => () => {};
      return () => {
        throw new TypeError('snapshot \u001b[2Jexploded');
      };
    },
  });
  const runtime: Runtime = { store: broken, vaults: [{ name: 'v', url: 'https://127.0.0.1:1', local: true }], dispose: async () => {} };
  const caught: unknown[] = [];
  const t = renderTui(
    <App settings={{ vaults: runtime.vaults, demo: false, readOnly: false }} keymap={defaultKeymap} theme={darkTheme} loadRuntime={async () => runtime} onInternalError={(e) => caught.push(e)} />,
    { columns: 80, rows: 24 },
  );
  const frame = await t.waitFor((f) => f.includes('internal error'));
  assert.match(frame, /snapshot \\e\[2Jexploded/, 'the message, escaped');
  assert.ok(!/\bat \S+ \(/.test(frame) && !frame.includes('.tsx:'), `no stack trace:\n${frame}`);
  assert.equal(caught.length, 1);
  await t.press('q');
  await t.waitUntilExit();
});

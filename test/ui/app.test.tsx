import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App } from '../../src/ui/app.js';
import { defaultKeymap } from '../../src/ui/keymap.js';
import { darkTheme } from '../../src/ui/theme.js';
import { renderTui } from '../helpers/render-harness.js';

const app = (readOnly = false) => <App keymap={defaultKeymap} theme={darkTheme} readOnly={readOnly} />;

function assertFits(frame: string, columns: number, rows: number) {
  const lines = frame.split('\n');
  assert.ok(lines.length <= rows, `frame has ${lines.length} lines, terminal has ${rows}`);
  for (const line of lines) {
    assert.ok([...line].length <= columns, `line wider than ${columns}: "${line}"`);
  }
}

test('the shell shows a title bar, the vaults and items panes and key hints', async () => {
  const t = renderTui(app(), { columns: 100, rows: 30 });
  const frame = await t.waitFor((f) => f.includes('Vaults'));
  assert.match(frame, /kvx/);
  assert.match(frame, /Items/);
  assert.match(frame, /\? help/);
  assert.match(frame, /q quit/);
  t.unmount();
});

test('? opens the help overlay generated from the keymap and ? closes it', async () => {
  const t = renderTui(app(), { columns: 100, rows: 30 });
  await t.waitFor((f) => f.includes('Vaults'));
  await t.press('?');
  const help = await t.waitFor((f) => f.includes('Help'));
  for (const binding of defaultKeymap.filter((b) => b.section === 'Move' || b.section === 'Panes')) {
    assert.ok(help.includes(binding.description), `help lists "${binding.description}"`);
  }
  await t.press('?');
  await t.waitFor((f) => !f.includes('Help ·') && f.includes('Vaults'));
  t.unmount();
});

test('Esc closes the help overlay too', async () => {
  const t = renderTui(app(), { columns: 100, rows: 30 });
  await t.waitFor((f) => f.includes('Vaults'));
  await t.press('?');
  await t.waitFor((f) => f.includes('Help ·'));
  await t.press('escape');
  await t.waitFor((f) => !f.includes('Help ·'));
  t.unmount();
});

test('help scrolls sideways when the terminal is too small to list every key', async () => {
  const t = renderTui(app(), { columns: 80, rows: 12 });
  await t.press('?');
  const first = await t.waitFor((f) => f.includes('Help ·'));
  assert.match(first, /more/);
  assert.ok(!first.includes('operations panel'));
  for (let i = 0; i < 6; i++) await t.press('right');
  await t.waitFor((f) => f.includes('operations panel'));
  assertFits(t.lastFrame(), 80, 12);
  t.unmount();
});

test('read-only mode marks changing commands as disabled in help', async () => {
  const t = renderTui(app(true), { columns: 100, rows: 40 });
  await t.press('?');
  const frame = await t.waitFor((f) => f.includes('Help ·'));
  assert.match(frame, /delete \(asks first\) \(read-only\)/);
  assert.match(frame, /read-only/);
  t.unmount();
});

test('q quits', async () => {
  const t = renderTui(app());
  await t.waitFor((f) => f.includes('Vaults'));
  await t.press('q');
  await t.waitUntilExit();
});

test('Ctrl-C quits', async () => {
  const t = renderTui(app());
  await t.waitFor((f) => f.includes('Vaults'));
  await t.press('ctrl+c');
  await t.waitUntilExit();
});

test('at 80x24 every line fits in 80 columns and the frame in 24 rows', async () => {
  const t = renderTui(app(), { columns: 80, rows: 24 });
  const frame = await t.waitFor((f) => f.includes('Vaults'));
  assertFits(frame, 80, 24);
  await t.press('?');
  assertFits(await t.waitFor((f) => f.includes('Help ·')), 80, 24);
  t.unmount();
});

test('a resize redraws the frame at the new size', async () => {
  const t = renderTui(app(), { columns: 120, rows: 40 });
  await t.waitFor((f) => f.includes('Vaults'));
  assert.equal(t.lastFrame().split('\n').length, 40);
  await t.resize(80, 24);
  const frame = await t.waitFor((f) => f.split('\n').length === 24);
  assertFits(frame, 80, 24);
  await t.resize(50, 15);
  assertFits(await t.waitFor((f) => f.split('\n').length === 15), 50, 15);
  t.unmount();
});

test('Tab moves focus between the panes', async () => {
  const t = renderTui(app(), { columns: 100, rows: 30 });
  // Focus is marked without colour too, so it shows under NO_COLOR.
  await t.waitFor((f) => f.includes('▸ Vaults') && !f.includes('▸ Items'));
  await t.press('tab');
  await t.waitFor((f) => f.includes('▸ Items') && !f.includes('▸ Vaults'));
  await t.press('1');
  await t.waitFor((f) => f.includes('▸ Vaults'));
  t.unmount();
});

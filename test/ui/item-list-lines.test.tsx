// The rows in view are lines updated in place: a filter character or a page down that brings
// other items into view changes what the lines show, it does not unmount them and mount new
// ones (which costs Ink and layout nodes per row, on every such key).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import type { ItemSummary } from '../../src/store/types.js';
import { ItemList } from '../../src/ui/item-list.js';
import { countRenders } from '../../src/ui/render-probe.js';
import { plainTheme } from '../../src/ui/theme.js';

const item = (name: string): ItemSummary => ({ kind: 'secrets', id: `https://v/secrets/${name}`, name, vaultUrl: 'https://v', tags: {} });
const rowsOf = (names: string[]) => names.map((name) => ({ item: item(name), indices: [] as number[] }));

function list(names: string[], query = '') {
  return <ItemList rows={rowsOf(names)} cursor={0} kind="secrets" deleted={false} width={60} height={5} focused now={0} theme={plainTheme} query={query} />;
}

test('other items coming into view update the lines in place instead of mounting new rows', () => {
  let mounted = 0;
  const stop = countRenders((what) => {
    if (what === 'ItemRow mounted') mounted++;
  });
  try {
    const before = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
    const after = ['papa', 'pay-db', 'pay-api', 'pepper', 'pip'];
    const ui = render(list(before));
    assert.equal(mounted, 5, 'the first frame mounts one row per line');
    ui.rerender(list(after, 'p'));
    const frame = ui.lastFrame() ?? '';
    for (const name of after) assert.ok(frame.includes(name), `${name} is shown`);
    for (const name of before) assert.ok(!frame.includes(name), `${name} is gone`);
    assert.equal(mounted, 5, 'no row was mounted for the new items');
    // Fewer matches: the lines beyond them go, the rest stay.
    ui.rerender(list(['pay-db', 'pay-api'], 'pay'));
    assert.equal(mounted, 5);
    assert.ok(!(ui.lastFrame() ?? '').includes('papa'));
    ui.unmount();
  } finally {
    stop();
  }
});

// The bundle rewrites how Ink compares an element's old and new props (scripts/bundle.js,
// inkReconcilerPatch: loops over own properties instead of Object.keys/Object.entries arrays).
// Ink bundled with and without kvx's patches, each driven by ink-testing-library through the
// same renders, draws the same frames: props and styles that change, appear and disappear.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type { ReactElement } from 'react';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Bundled {
  React: { createElement(type: unknown, props: Record<string, unknown> | null, ...children: unknown[]): ReactElement };
  Box: unknown;
  Text: unknown;
  render(element: ReactElement): { rerender(element: ReactElement): void; lastFrame(): string | undefined; unmount(): void };
}

/** Ink's DEV=true bridge, never installed (the bundle marks it external; here it is an empty module). */
const noDevtools: Plugin = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'no-devtools' }));
    b.onLoad({ filter: /.*/, namespace: 'no-devtools' }, () => ({ contents: 'export default {};', loader: 'js' }));
  },
};

async function bundled(plugins: Plugin[]): Promise<Bundled> {
  const result = await build({
    stdin: { contents: "export { Box, Text } from 'ink'; export { render } from 'ink-testing-library'; export { default as React } from 'react';", resolveDir: root, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    define: { 'process.env.NODE_ENV': '"production"' },
    // CommonJS parts (React) require() Node built-ins; a data: URL has no path to require from.
    banner: { js: `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(path.join(root, 'package.json'))});` },
    plugins: [...plugins, noDevtools],
    logLevel: 'silent',
  });
  return (await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`)) as Bundled;
}

/** Frame i of a screen whose elements change props and styles from one frame to the next. */
function screen(ink: Bundled, i: number): ReactElement {
  const h = ink.React.createElement;
  const rows = Array.from({ length: 6 }, (_, r) => {
    const selected = r === i % 6;
    const props: Record<string, unknown> = { key: r, wrap: 'truncate' };
    if (selected) props.inverse = true;
    if (r % 2 === i % 2) props.color = i % 3 === 0 ? 'green' : 'red';
    if (i % 4 === 1) props.bold = true;
    return h(ink.Text, props, `row ${r} of frame ${i}${selected ? ' ‹' : ''}`);
  });
  const box: Record<string, unknown> = { flexDirection: 'column', paddingX: i % 2 };
  if (i % 3 === 1) box.borderStyle = 'round';
  if (i % 5 !== 0) box.width = 30 + (i % 4) * 5;
  if (i % 2 === 0) box.borderColor = 'blue';
  return h(ink.Box, box, h(ink.Text, i % 3 === 2 ? { dimColor: true } : null, `title ${i}`), ...rows);
}

describe("the bundle's patch of Ink's prop comparison", () => {
  let ink: Bundled;
  let patched: Bundled;

  before(async () => {
    const { inkReconcilerPatch, inkOutputPatch } = (await import(pathToFileURL(path.join(root, 'scripts/bundle.js')).href)) as Record<string, Plugin>;
    [ink, patched] = await Promise.all([bundled([]), bundled([inkReconcilerPatch, inkOutputPatch])]);
  });

  test('draws the same 40 frames as Ink while props and styles change, appear and disappear', () => {
    const a = ink.render(screen(ink, 0));
    const b = patched.render(screen(patched, 0));
    try {
      for (let i = 0; i < 40; i++) {
        a.rerender(screen(ink, i));
        b.rerender(screen(patched, i));
        const expected = a.lastFrame();
        assert.ok(expected?.includes(`title ${i}`), `frame ${i} drawn`);
        assert.equal(b.lastFrame(), expected, `frame ${i}`);
      }
    } finally {
      a.unmount();
      b.unmount();
    }
  });
});

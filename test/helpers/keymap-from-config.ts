// The keymap the CLI builds from a config file holding these remaps (through the real flag,
// settings and keymap-check code), for tests of hints that follow the user's keymap.
import assert from 'node:assert/strict';
import { appFlags, parseArgs } from '../../src/config/flags.js';
import { loadSettings } from '../../src/config/settings.js';
import type { Binding } from '../../src/ui/keymap.js';
import { defaultKeymap, remap } from '../../src/ui/keymap.js';
import { keymapProblems } from '../../src/ui/keymap-check.js';

export function keymapFromConfig(keys: Record<string, string[]>): readonly Binding[] {
  const settings = loadSettings(parseArgs(['--config', '/config.json', 'my-vault'], appFlags), {}, {
    readFile: (file) => (file === '/config.json' ? JSON.stringify({ keys }) : undefined),
    homeDir: () => '/home/nobody',
  });
  const { keymap, unknown } = remap(defaultKeymap, settings.keys);
  assert.deepEqual(unknown, []);
  assert.deepEqual(keymapProblems(keymap, Object.keys(keys)), [], 'the CLI accepts this config');
  return keymap;
}

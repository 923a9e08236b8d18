// The explorer on a real store against an emulator started for the test: HTTPS through the
// real SDK clients, rendered by Ink into the render harness at a chosen size.
import type { EmulatorOptions } from '../../src/emulator/index.js';
import type { StoreOptions } from '../../src/store/create-store.js';
import { App } from '../../src/ui/app.js';
import type { ClipboardOptions } from '../../src/ui/use-clipboard.js';
import type { EditTextOptions } from '../../src/ui/edit-text.js';
import type { Binding } from '../../src/ui/keymap.js';
import { defaultKeymap } from '../../src/ui/keymap.js';
import type { Theme } from '../../src/ui/theme.js';
import { darkTheme } from '../../src/ui/theme.js';
import type { HarnessExtras, StoreHarness } from '../store/store-harness.js';
import { startStoreHarness } from '../store/store-harness.js';
import type { Harness } from './render-harness.js';
import { renderTui } from './render-harness.js';

/** A fixed moment for relative times; the demo seed is generated around it. */
export const FROZEN_NOW = Date.UTC(2025, 5, 2, 9, 30, 0);

export interface UiHarness extends Harness {
  data: StoreHarness;
  stop(): Promise<void>;
}

export interface UiOptions {
  columns?: number;
  rows?: number;
  emulator?: EmulatorOptions;
  store?: Partial<StoreOptions> & { identity?: string };
  keymap?: readonly Binding[];
  theme?: Theme;
  readOnly?: boolean;
  clipboard?: ClipboardOptions;
  editor?: EditTextOptions;
  /** Quitting disposes the store, as the CLI's runtime does (aborting what is in flight). */
  disposeOnExit?: boolean;
  /** The name shown for an emulator vault, which vaults open at start, ARM on (see startStoreHarness). */
  extras?: HarnessExtras;
  /** Runs once the emulator and store are up, before the app starts loading: add data, close gates. */
  beforeRender?: (data: StoreHarness) => void;
}

/** Starts an emulator with the demo seed (unless told otherwise), a store on it, and the app. */
export async function startUi(options: UiOptions = {}): Promise<UiHarness> {
  const data = await startStoreHarness(
    { seed: 'demo', vaults: ['contoso-prod', 'contoso-dev', 'contoso-payments'], seedNow: FROZEN_NOW, ...options.emulator },
    { now: () => FROZEN_NOW, readOnly: options.readOnly ?? false, ...options.store },
    options.extras,
  );
  options.beforeRender?.(data);
  const vaults = data.store.getSnapshot().vaults.map((v) => ({ name: v.name, url: v.url, local: v.local }));
  const ui = renderTui(
    <App
      settings={{ vaults, demo: false, readOnly: options.readOnly ?? false, ...(options.extras?.arm ? { armEndpoint: data.emulator.armEndpoint } : {}) }}
      keymap={options.keymap ?? defaultKeymap}
      theme={options.theme ?? darkTheme}
      loadRuntime={async () => ({ store: data.store, vaults, dispose: options.disposeOnExit ? () => data.store.dispose() : async () => {} })}
      now={() => FROZEN_NOW}
      clipboard={{ env: {}, useLocal: false, ...options.clipboard }}
      editor={options.editor}
    />,
    { columns: options.columns ?? 100, rows: options.rows ?? 30 },
  );
  return {
    ...ui,
    data,
    async stop() {
      ui.unmount();
      await data.stop();
    },
  };
}

/** Every line fits the terminal and there are no more lines than rows. */
export function fits(frame: string, columns: number, rows: number): string | undefined {
  const lines = frame.split('\n');
  if (lines.length > rows) return `frame has ${lines.length} lines, terminal has ${rows}`;
  const wide = lines.find((l) => [...l].length > columns);
  return wide === undefined ? undefined : `line wider than ${columns}: "${wide}"`;
}

import { useRef, useState } from 'react';
import { Box, Text, useApp, useWindowSize } from 'ink';
import type { InputSink } from './use-explorer-input.js';
import type { Settings } from '../config/settings.js';
import type { Binding } from './keymap.js';
import { keyFor, keyName, resolveCommand } from './keymap.js';
import type { KeyPress } from './split-keys.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { TitleBar } from './title-bar.js';
import { StatusLine } from './status-line.js';
import { Explorer } from './explorer.js';
import { ErrorBoundary } from './error-boundary.js';
import { NoVaultScreen } from './no-vault-screen.js';
import type { Runtime, RuntimeState } from './use-runtime.js';
import { useRuntime } from './use-runtime.js';
import { startFirstView } from './first-view.js';
import { useKeyInput } from './use-key-input.js';
import type { KeyRouter } from './key-router.js';
import { createKeyRouter, KeyRouting } from './key-router.js';
import { KeymapContext } from './keymap-context.js';
import { escapeControl } from '../text/escape-control.js';
import type { ClipboardOptions } from './use-clipboard.js';
import type { EditTextOptions } from './edit-text.js';

export interface AppProps {
  settings: Pick<Settings, 'vaults' | 'demo' | 'readOnly'> & Partial<Pick<Settings, 'armEndpoint' | 'pinned' | 'recent'>>;
  keymap: readonly Binding[];
  theme: Theme;
  /** Starts the store (and the demo emulator); called after the first frame. */
  loadRuntime: () => Promise<Runtime>;
  /** The clock for relative times; screenshots freeze it. */
  now?: () => number;
  /** Clipboard and $EDITOR settings (tests keep the local clipboard and the temp dir to themselves). */
  clipboard?: ClipboardOptions;
  editor?: EditTextOptions;
  /** An error the app caught while drawing (shown classified, without its stack): e.g. for the --log file. */
  onInternalError?(error: unknown): void;
}

function Message({ lines, tone, width, height, theme }: { lines: string[]; tone: 'muted' | 'error'; width: number; height: number; theme: Theme }) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color(theme.border)} width={width} height={height} paddingX={1} overflow="hidden">
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end" color={color(tone === 'error' && i === 0 ? theme.error : theme.muted)}>
          {l}
        </Text>
      ))}
    </Box>
  );
}

/**
 * The app's one input hook, mounted with the first frame: every key goes through the key
 * router, which forwards it to the explorer once that has installed its handler (q / Ctrl-C
 * quit before then) and to the open dialog, holding keys while a dialog is being mounted.
 */
function InputRouter({ router, keymap }: { router: KeyRouter; keymap: readonly Binding[] }) {
  // One key at a time: tmux sends "jj" or "name\r" as one chunk, and Esc with the key after it
  // as one meta key unless the keymap binds that meta key (split-keys.ts).
  const isBoundMeta = (press: KeyPress) => {
    const name = keyName(press.input, press.key);
    return name.startsWith('meta+') && keymap.some((b) => b.keys.includes(name));
  };
  useKeyInput((input, key) => router.dispatch(input, key), { isBoundMeta });
  return null;
}

const startRuntime = (runtime: Runtime) => startFirstView(runtime.store);

/** Two Ctrl-C within this long quit without asking, whatever is open. */
export const CTRL_C_TWICE_MS = 2000;

/** The app: "connecting…" at once, then the explorer on the store, or how to start when no vault is given. */
export function App({ settings, keymap, theme, loadRuntime, now = Date.now, clipboard, editor, onInternalError }: AppProps) {
  const { exit } = useApp();
  const { columns, rows } = useWindowSize();
  // Nothing to open and no ARM to find vaults through: explain how to start.
  const noVault = settings.vaults.length === 0 && !settings.demo && !settings.armEndpoint && !settings.pinned?.length && !settings.recent?.length;
  const runtime = useRuntime(noVault ? undefined : loadRuntime, startRuntime);
  const sink: InputSink = useRef(undefined);
  const lastCtrlC = useRef(-Infinity);
  const [router] = useState(() =>
    createKeyRouter((input, key) => {
      const name = keyName(input, key);
      if (name === 'ctrl+c') {
        // The first Ctrl-C closes a form or asks about running operations; the second leaves.
        const at = Date.now();
        if (at - lastCtrlC.current < CTRL_C_TWICE_MS) return exit();
        lastCtrlC.current = at;
      }
      const forward = sink.current;
      if (forward) forward(input, key);
      else if (name === 'ctrl+c' || resolveCommand(keymap, name, [])?.command === 'quit') exit();
    }),
  );
  return (
    <>
      {/* Outside the provider: it reads Ink itself and feeds the router. */}
      <InputRouter router={router} keymap={keymap} />
      <KeyRouting value={router}>
        <KeymapContext value={keymap}>
          <ErrorBoundary theme={theme} width={columns} height={rows} onError={onInternalError}>
            {runtime.status === 'ready' ? (
              <Explorer sink={sink} store={runtime.runtime.store} keymap={keymap} theme={theme} readOnly={settings.readOnly} clock={now} columns={columns} rows={rows} clipboard={clipboard} editor={editor} />
            ) : (
              <StartScreen settings={settings} keymap={keymap} theme={theme} runtime={runtime} noVault={noVault} columns={columns} rows={rows} />
            )}
          </ErrorBoundary>
        </KeymapContext>
      </KeyRouting>
    </>
  );
}

function StartScreen({
  settings,
  keymap,
  theme,
  runtime,
  noVault,
  columns,
  rows,
}: Pick<AppProps, 'settings' | 'keymap' | 'theme'> & { runtime: RuntimeState; noVault: boolean; columns: number; rows: number }) {
  const body = Math.max(1, rows - 2);
  return (
    <Box flexDirection="column" width={columns} height={rows} overflow="hidden">
      <TitleBar width={columns} crumbs={noVault ? [] : [settings.demo ? 'demo' : settings.vaults.map((v) => v.name).join(', ') || 'finding vaults'].filter(Boolean)} readOnly={settings.readOnly} theme={theme} />
      {noVault ? (
        <NoVaultScreen width={columns} height={body} theme={theme} />
      ) : runtime.status === 'failed' ? (
        <Message lines={[`could not start: ${escapeControl(runtime.message)}`, `${keyFor(keymap, 'quit')} quits`]} tone="error" width={columns} height={body} theme={theme} />
      ) : (
        <Message lines={[settings.demo ? 'starting the demo vaults…' : 'connecting…']} tone="muted" width={columns} height={body} theme={theme} />
      )}
      <StatusLine width={columns} keymap={keymap.filter((b) => b.command === 'quit')} active={[]} readOnly={settings.readOnly} theme={theme} />
    </Box>
  );
}

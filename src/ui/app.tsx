import { useState } from 'react';
import { Box, Text, useApp, useWindowSize } from 'ink';
import type { Binding, Context } from './keymap.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { TitleBar } from './title-bar.js';
import { StatusLine } from './status-line.js';
import { HelpOverlay } from './help-overlay.js';
import { useKeymapInput } from './use-keymap-input.js';

export interface AppProps {
  keymap: readonly Binding[];
  theme: Theme;
  readOnly: boolean;
}

type Pane = 'vaults' | 'items';

/** The empty shell: title bar, vaults and items panes, status line, help overlay. */
export function App({ keymap, theme, readOnly }: AppProps) {
  const { exit } = useApp();
  const { columns, rows } = useWindowSize();
  const [focus, setFocus] = useState<Pane>('vaults');
  const [help, setHelp] = useState<{ open: boolean; offset: number }>({ open: false, offset: 0 });

  const active: Context[] = help.open ? [] : ['list', focus];
  useKeymapInput(
    keymap,
    active,
    (command) => {
      if (help.open) {
        if (command === 'help' || command === 'back') setHelp({ open: false, offset: 0 });
        else if (command === 'quit') exit();
        return;
      }
      switch (command) {
        case 'quit':
          exit();
          break;
        case 'help':
          setHelp({ open: true, offset: 0 });
          break;
        case 'pane.next':
        case 'pane.prev':
          setFocus((f) => (f === 'vaults' ? 'items' : 'vaults'));
          break;
        case 'pane.vaults':
          setFocus('vaults');
          break;
        case 'pane.keys':
        case 'pane.secrets':
        case 'pane.certificates':
          setFocus('items');
          break;
      }
    },
    {
      onOther: (name) => {
        if (!help.open) return;
        if (name === 'right' || name === 'l' || name === 'pagedown') setHelp((h) => ({ ...h, offset: h.offset + 1 }));
        if (name === 'left' || name === 'h' || name === 'pageup') setHelp((h) => ({ ...h, offset: Math.max(0, h.offset - 1) }));
      },
    },
  );

  const bodyHeight = Math.max(1, rows - 2);
  const narrow = columns < 60;
  const vaultWidth = narrow ? columns : Math.min(30, Math.max(18, Math.floor(columns / 4)));
  return (
    <Box flexDirection="column" width={columns} height={rows} overflow="hidden">
      <TitleBar width={columns} crumbs={[]} readOnly={readOnly} theme={theme} />
      {help.open ? (
        <HelpOverlay keymap={keymap} readOnly={readOnly} width={columns} height={bodyHeight} offset={help.offset} theme={theme} />
      ) : (
        <Box flexDirection={narrow ? 'column' : 'row'} height={bodyHeight} overflow="hidden">
          <Box
            borderStyle="round"
            borderColor={color(focus === 'vaults' ? theme.focusBorder : theme.border)}
            width={vaultWidth}
            height={narrow ? Math.max(3, Math.floor(bodyHeight / 3)) : bodyHeight}
            flexDirection="column"
            paddingX={1}
          >
            <Text bold color={color(focus === 'vaults' ? theme.accent : theme.text)}>{focus === 'vaults' ? '▸ ' : '  '}Vaults</Text>
            <Text color={color(theme.muted)} wrap="truncate">
              No vaults open
            </Text>
          </Box>
          <Box
            borderStyle="round"
            borderColor={color(focus === 'items' ? theme.focusBorder : theme.border)}
            flexGrow={1}
            flexDirection="column"
            paddingX={1}
          >
            <Text bold color={color(focus === 'items' ? theme.accent : theme.text)}>{focus === 'items' ? '▸ ' : '  '}Items</Text>
            <Text color={color(theme.muted)} wrap="truncate">
              Open a vault: kvx NAME or kvx --demo
            </Text>
          </Box>
        </Box>
      )}
      <StatusLine width={columns} keymap={keymap} active={active} readOnly={readOnly} theme={theme} />
    </Box>
  );
}

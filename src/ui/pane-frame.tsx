import type { ReactNode } from 'react';
import { Box } from 'ink';
import type { Theme } from './theme.js';
import { color } from './theme.js';

/** The rounded frame every pane sits in; its border (colour, or double without colours) shows which pane has the keys. */
export function PaneFrame({ focused, width, height, theme, children }: { focused: boolean; width: number; height: number; theme: Theme; children: ReactNode }) {
  return (
    <Box
      flexDirection="column"
      // Without colours the focused pane is told apart by a double border.
      borderStyle={focused && !theme.colors ? 'double' : 'round'}
      borderColor={color(focused ? theme.focusBorder : theme.border)}
      width={width}
      height={height}
      paddingX={1}
      overflow="hidden"
    >
      {children}
    </Box>
  );
}

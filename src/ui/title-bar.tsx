import { memo } from 'react';
import { Box, Text } from 'ink';
import { rendered } from './render-probe.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { escapeControl } from '../text/escape-control.js';

interface Props {
  width: number;
  /** Breadcrumb parts, e.g. ["prod", "secrets", "db-password"]; shown as vault ▸ collection ▸ item. */
  crumbs: readonly string[];
  /** The signed-in identity when known. */
  identity?: string;
  readOnly?: boolean;
  theme: Theme;
}

export const TitleBar = memo(function TitleBar({ width, crumbs, identity, readOnly, theme }: Props) {
  rendered('TitleBar');
  const right = [readOnly ? 'read-only' : '', identity ? escapeControl(identity) : ''].filter(Boolean).join(' · ');
  const path = crumbs.map(escapeControl).join(' ▸ ');
  return (
    <Box width={width} height={1} flexDirection="row">
      <Text bold color={color(theme.title)}>
        {' kvx '}
      </Text>
      <Box flexGrow={1} flexShrink={1} overflow="hidden">
        <Text wrap="truncate-end">{path}</Text>
      </Box>
      {right ? (
        <Box flexShrink={0} marginLeft={1}>
          <Text color={color(readOnly ? theme.warning : theme.muted)} wrap="truncate">
            {right}{' '}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
});

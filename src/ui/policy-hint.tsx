import { Box, Text } from 'ink';
import type { Store } from '../store/types.js';
import { forbiddenPolicyLine } from './access-policy-text.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { useStore } from './use-store.js';
import { keyFor } from './keymap.js';
import { useKeymap } from './keymap-context.js';

export const POLICY_HINT_LINES = 2;

/** Under a 403: who you are and what this vault's access policies give you; `a` opens them. */
export function PolicyHint({ store, vault, theme }: { store: Store; vault: string; theme: Theme }) {
  const state = useStore(store, (s) => s.vaults.find((v) => v.url === vault));
  const identity = useStore(store, (s) => s.identity);
  const keymap = useKeymap();
  return (
    <Box height={POLICY_HINT_LINES} overflow="hidden">
      <Text color={color(theme.muted)} wrap="wrap">
        {forbiddenPolicyLine(state, identity, keyFor(keymap, 'vault.policies'))}
      </Text>
    </Box>
  );
}

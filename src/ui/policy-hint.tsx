import { Text } from 'ink';
import type { Store } from '../store/types.js';
import { forbiddenPolicyLine } from './access-policy-text.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { useStore } from './use-store.js';

/** Under a 403: who you are and what this vault's access policies give you; `a` opens them. */
export function PolicyHint({ store, vault, theme }: { store: Store; vault: string; theme: Theme }) {
  const state = useStore(store, (s) => s.vaults.find((v) => v.url === vault));
  const identity = useStore(store, (s) => s.identity);
  return (
    <Text color={color(theme.muted)} wrap="truncate-end">
      {forbiddenPolicyLine(state, identity)}
    </Text>
  );
}

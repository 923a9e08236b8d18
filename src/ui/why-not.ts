// Why a key did nothing: it is bound, but not where the user is. The status line then says
// where it works ("v (reveal a secret value) works on secrets: 3 shows them") instead of
// staying silent. Keys come from the user's keymap.
import type { CollectionKind, StoreSnapshot } from '../store/types.js';
import type { Binding, CommandId, Context } from './keymap.js';
import { describeBinding, displayKey, keyFor } from './keymap.js';
import type { NavState } from './navigation.js';
import { escapeControl } from '../text/escape-control.js';
import { targetItem } from './change-commands.js';

const KIND_OF: Partial<Record<Context, { kind: CollectionKind; plural: string; pane: CommandId }>> = {
  secret: { kind: 'secrets', plural: 'secrets', pane: 'pane.secrets' },
  key: { kind: 'keys', plural: 'keys', pane: 'pane.keys' },
  certificate: { kind: 'certificates', plural: 'certificates', pane: 'pane.certificates' },
};

export function whyNot(keymap: readonly Binding[], name: string, nav: NavState, snapshot: StoreSnapshot): string | undefined {
  const binding = keymap.find((b) => b.keys.includes(name) && !b.contexts.includes('dialog') && !b.contexts.includes('input'));
  if (!binding) return undefined;
  const k = (c: CommandId) => keyFor(keymap, c);
  const what = `${displayKey(name)} (${describeBinding(keymap, binding)})`;
  const kindContext = binding.contexts.map((c) => KIND_OF[c]).find(Boolean);
  if (kindContext) {
    const item = targetItem(snapshot, nav)?.item;
    if (binding.command === 'key.rotate' && item?.kind === 'keys' && item.managed) {
      return `key ${escapeControl(item.name)} belongs to certificate ${escapeControl(item.name)}: renew the certificate to get a new key`;
    }
    if (nav.kind !== kindContext.kind) return `${what} works on ${kindContext.plural}: ${k(kindContext.pane)} shows them`;
    if (nav.deleted) return `${what} works on live ${kindContext.plural}: ${k('deleted.toggle')} goes back to them`;
    return `${what} works on a ${kindContext.plural.slice(0, -1)} in the list or its details`;
  }
  if (binding.contexts.includes('vaults') && !binding.contexts.includes('items')) return `${what} works in the vaults pane: ${k('pane.vaults')} focuses it`;
  if (binding.contexts.includes('operations')) return `${what} works in the operations panel: ${k('operations.focus')} focuses it`;
  if (binding.contexts.includes('items') || binding.contexts.includes('details')) {
    return `${what} works on an item: ${k('pane.next')} or ${k('open')} goes to the list`;
  }
  return undefined;
}

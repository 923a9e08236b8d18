// Who may access a vault (a): its access policies — each identity (the signed-in one by
// name, others by object id) with its permissions per collection — or, for an Azure RBAC
// vault, a note that roles govern it. n adds a policy, e changes the selected one, d removes
// it (asks); each goes through the store as an operation. Esc closes. Those are the user's
// item.new / item.edit / item.delete / back keys, and the hints name them from the keymap.
import { useEffect, useState } from 'react';
import { Box, Text } from 'ink';
import { isActionRefused } from '../store/operations-errors.js';
import type { AccessPolicyEntry, AccessPolicyInput, Store } from '../store/types.js';
import { escapeControl } from '../text/escape-control.js';
import { policyGrants, policyWho } from './access-policy-text.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { FormDialog } from './forms/form-dialog.js';
import { buildPolicy, policyFields, policyValues } from './forms/policy-form.js';
import type { CommandId } from './keymap.js';
import { isKeyOf, keyFor, keyName } from './keymap.js';
import { useKeymap } from './keymap-context.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { useKeyInput } from './use-key-input.js';
import { useStore } from './use-store.js';

interface Props {
  store: Store;
  vaultUrl: string;
  width: number;
  height: number;
  theme: Theme;
  close(): void;
  say(text: string, tone: 'info' | 'warning' | 'error'): void;
}

type Mode = { type: 'list' } | { type: 'add' } | { type: 'edit'; policy: AccessPolicyEntry } | { type: 'remove'; policy: AccessPolicyEntry };

export function AccessPoliciesView({ store, vaultUrl, width, height, theme, close, say }: Props) {
  const vault = useStore(store, (s) => s.vaults.find((v) => v.url === vaultUrl));
  const identity = useStore(store, (s) => s.identity);
  const discovery = useStore(store, (s) => s.discovery);
  const [mode, setMode] = useState<Mode>({ type: 'list' });
  const [cursor, setCursor] = useState(0);
  useEffect(() => store.refreshVaultArm(vaultUrl), [store, vaultUrl]);
  const policies = vault?.arm?.accessPolicies ?? [];
  const selected = policies[Math.min(cursor, Math.max(0, policies.length - 1))];
  const keymap = useKeymap();
  const k = (command: CommandId) => keyFor(keymap, command);

  useKeyInput(
    (input, key) => {
      const name = keyName(input, key);
      const is = (command: CommandId) => isKeyOf(keymap, command, name);
      if (is('back') || is('quit')) return close();
      if (is('move.down')) setCursor((c) => Math.min(c + 1, Math.max(0, policies.length - 1)));
      else if (is('move.up')) setCursor((c) => Math.max(0, c - 1));
      else if (is('item.new')) setMode({ type: 'add' });
      else if (is('item.edit') && selected) setMode({ type: 'edit', policy: selected });
      else if (is('item.delete') && selected) setMode({ type: 'remove', policy: selected });
    },
    { isActive: mode.type === 'list' },
  );

  const send = (kind: 'add' | 'replace' | 'remove', input: AccessPolicyInput) => store.updateAccessPolicy(vaultUrl, kind, input);
  const done = (result: { operationId?: string }) => {
    setMode({ type: 'list' });
    if (result.operationId) say(`access policy change started — ${k('operations.focus')} shows the operations panel`, 'info');
  };
  const dialogWidth = Math.min(width, 100);
  if (mode.type === 'add' || mode.type === 'edit') {
    const editing = mode.type === 'edit' ? mode.policy : undefined;
    return (
      <FormDialog<AccessPolicyInput>
        store={store}
        title={editing ? `Change the access policy of ${policyWho(editing, identity)}` : 'Add an access policy'}
        fields={policyFields(Boolean(editing))}
        initial={policyValues(editing)}
        build={(values) => buildPolicy(values, editing?.objectId)}
        submit={(input) => send(editing ? 'replace' : 'add', editing ? { ...input, tenantId: editing.tenantId } : input)}
        onDone={done}
        width={dialogWidth}
        height={height}
        theme={theme}
      />
    );
  }
  if (mode.type === 'remove') {
    const policy = mode.policy;
    return (
      <ConfirmDialog
        title={`Remove the access policy of ${policyWho(policy, identity)}?`}
        lines={[`It grants ${policyGrants(policy)}; without it this identity may do nothing here.`]}
        width={dialogWidth}
        theme={theme}
        onAnswer={(yes) => {
          setMode({ type: 'list' });
          if (!yes) return;
          try {
            send('remove', { objectId: policy.objectId, tenantId: policy.tenantId, permissions: policy.permissions });
            say(`removing the access policy — ${k('operations.focus')} shows the operations panel`, 'info');
          } catch (error) {
            say(escapeControl(isActionRefused(error) ? error.message : String(error)), 'error');
          }
        }}
      />
    );
  }

  const name = escapeControl(vault?.name ?? vaultUrl);
  const lines: { text: string; tone: 'text' | 'muted' | 'accent'; current?: boolean }[] = [];
  if (!vault?.arm) {
    lines.push({
      text: discovery.status === 'error' ? `ARM refused: ${escapeControl(discovery.error?.message ?? '')}` : 'finding the vault in Azure Resource Manager…',
      tone: 'muted',
    });
  } else if (vault.arm.permissionModel === 'rbac') {
    lines.push({ text: 'Azure RBAC governs this vault: role assignments (Key Vault Secrets User, …), not access policies, decide who may do what.', tone: 'muted' });
  } else if (policies.length === 0) {
    lines.push({ text: `no access policies: nobody may use this vault (${k('item.new')} adds one)`, tone: 'muted' });
  } else {
    policies.forEach((p) => {
      const current = p === selected;
      lines.push({ text: `${current ? '›' : ' '} ${policyWho(p, identity)}`, tone: current ? 'accent' : 'text', current });
      lines.push({ text: `    ${policyGrants(p)}`, tone: 'muted' });
    });
  }
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color(theme.focusBorder)} width={dialogWidth} height={height} paddingX={1} overflow="hidden">
      <Text bold color={color(theme.title)} wrap="truncate">
        Access policies · {name}
      </Text>
      {lines.slice(0, Math.max(1, height - 4)).map((l, i) => (
        <Text key={i} wrap="truncate-end" bold={l.current} color={color(l.tone === 'accent' ? theme.accent : l.tone === 'muted' ? theme.muted : theme.text)}>
          {l.text}
        </Text>
      ))}
      <Box flexGrow={1} />
      <Text color={color(theme.muted)} wrap="truncate">
        {k('move.down')}/{k('move.up')} move  {k('item.new')} add  {k('item.edit')} change  {k('item.delete')} remove  {k('back')} close
      </Text>
    </Box>
  );
}

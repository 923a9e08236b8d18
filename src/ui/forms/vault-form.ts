// The new-vault form: name (checked with the service as you type, see use-name-check.ts),
// subscription, resource group, location, SKU, soft-delete retention, purge protection and
// the permission model. build() says what is wrong per field before anything is sent.
import { vaultNameProblem } from '../../config/vault-address.js';
import type { SubscriptionInfo, VaultCreateInput } from '../../store/types.js';
import { escapeControl } from '../../text/escape-control.js';
import type { Built } from './form-checks.js';
import type { FieldSpec } from './form-model.js';

const MODELS = ['access policies', 'Azure RBAC'] as const;

/** How a subscription is offered: its name and the start of its id (names can repeat). */
export function subscriptionOption(s: SubscriptionInfo): string {
  return `${escapeControl(s.name).slice(0, 40)} (${s.id.slice(0, 8)})`;
}

export function vaultFields(subscriptions: readonly SubscriptionInfo[]): FieldSpec[] {
  return [
    { id: 'name', label: 'name', kind: 'text', hint: '3–24 of a-z 0-9 -, unique in Azure' },
    { id: 'subscription', label: 'subscription', kind: 'choice', options: subscriptions.map(subscriptionOption) },
    { id: 'resourceGroup', label: 'resource group', kind: 'text', hint: 'an existing group' },
    { id: 'location', label: 'location', kind: 'text', hint: 'e.g. westeurope' },
    { id: 'sku', label: 'SKU', kind: 'choice', options: ['standard', 'premium'] },
    { id: 'retentionDays', label: 'retention days', kind: 'text', hint: 'soft-delete, 7–90' },
    { id: 'purgeProtection', label: 'purge protection', kind: 'toggle', hint: 'cannot be turned off later' },
    { id: 'permissionModel', label: 'permissions', kind: 'choice', options: [...MODELS] },
  ];
}

export function vaultValues(defaults: { resourceGroup?: string; location?: string }): Record<string, string> {
  return { resourceGroup: defaults.resourceGroup ?? '', location: defaults.location ?? 'westeurope', retentionDays: '90', purgeProtection: 'no' };
}

export function buildVault(values: Readonly<Record<string, string>>, subscriptions: readonly SubscriptionInfo[]): Built<VaultCreateInput> {
  const problems: Record<string, string> = {};
  const name = (values.name ?? '').trim();
  const nameProblem = vaultNameProblem(name);
  if (nameProblem) problems.name = nameProblem;
  const subscription = subscriptions.find((s) => subscriptionOption(s) === values.subscription);
  if (!subscription) problems.subscription = subscriptions.length === 0 ? 'No subscription is known: :vaults lists them first.' : 'Choose a subscription (←/→).';
  const resourceGroup = (values.resourceGroup ?? '').trim();
  if (!/^[-\w._()]{1,90}$/.test(resourceGroup) || resourceGroup.endsWith('.')) problems.resourceGroup = 'Resource group: 1–90 of letters, digits, - _ . ( ), not ending with a period.';
  const location = (values.location ?? '').trim().toLowerCase().replace(/\s+/g, '');
  if (!/^[a-z0-9]{2,40}$/.test(location)) problems.location = 'Location: a region name like westeurope.';
  const days = Number((values.retentionDays ?? '').trim());
  if (!Number.isInteger(days) || days < 7 || days > 90) problems.retentionDays = 'Retention: a whole number of days from 7 to 90.';
  if (Object.keys(problems).length > 0 || !subscription) return { ok: false, problems };
  return {
    ok: true,
    input: {
      subscriptionId: subscription.id,
      resourceGroup,
      name,
      location,
      sku: values.sku === 'premium' ? 'premium' : 'standard',
      retentionDays: days,
      purgeProtection: values.purgeProtection === 'yes',
      permissionModel: values.permissionModel === 'Azure RBAC' ? 'rbac' : 'accessPolicies',
    },
  };
}

// Key changes as operation runs: create (RSA with a size, EC with a curve, oct-HSM), rotate,
// and attribute/tag/operation updates.
import type { KeyCurveName, KeyOperation } from '@azure/keyvault-keys';
import { describeKeyType } from '../enrich-items.js';
import { asListed, keySummary } from '../item-summary.js';
import type { OperationRun } from '../operations.js';
import { ActionRefusedError } from '../operations-errors.js';
import { callOptions } from '../operations-poller.js';
import type { KeyInput, PropertiesUpdate } from './inputs.js';
import type { VaultClients } from './vault-clients.js';

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

export function createKeyRun(clients: VaultClients, input: KeyInput): OperationRun {
  return async (context) => {
    context.progress('creating');
    const client = clients.keys();
    const exists = await client.getKey(input.name, callOptions(context)).then(
      () => true,
      (error: unknown) => {
        if (statusOf(error) === 404) return false;
        throw error;
      },
    );
    if (exists) throw new ActionRefusedError('conflict', `a key named "${input.name}" already exists; rotate it (a new version) or choose another name`, 'name');
    const common = {
      enabled: input.enabled,
      notBefore: input.notBefore,
      expiresOn: input.expiresOn,
      tags: input.tags,
      keyOps: input.keyOps as KeyOperation[] | undefined,
      ...callOptions(context),
    };
    const key =
      input.keyType === 'RSA'
        ? await client.createRsaKey(input.name, { ...common, keySize: input.keySize })
        : input.keyType === 'EC'
          ? await client.createEcKey(input.name, { ...common, curve: input.curve as KeyCurveName | undefined })
          : await client.createOctKey(input.name, { ...common, keySize: input.keySize, hsm: true });
    context.listed(asListed(keySummary(clients.info.url, key.properties, describeKeyType(key))));
    return { detail: 'created' };
  };
}

export function rotateKeyRun(clients: VaultClients, name: string): OperationRun {
  return async (context) => {
    context.progress('rotating');
    const key = await clients.keys().rotateKey(name, callOptions(context));
    context.listed(asListed(keySummary(clients.info.url, key.properties, describeKeyType(key))));
    return { detail: `rotated: version ${(key.properties.version ?? '').slice(0, 8)}` };
  };
}

export function updateKeyRun(clients: VaultClients, name: string, update: PropertiesUpdate): OperationRun {
  return async (context) => {
    context.progress('updating');
    const client = clients.keys();
    const version = update.version ?? (await client.getKey(name, callOptions(context))).properties.version ?? '';
    const updated = await client.updateKeyProperties(name, version, {
      enabled: update.enabled,
      notBefore: update.notBefore,
      expiresOn: update.expiresOn,
      tags: update.tags,
      keyOps: update.keyOps as KeyOperation[] | undefined,
      ...callOptions(context),
    });
    // The list row shows the latest version: an older one's change does not go there.
    if (update.version === undefined) context.listed(asListed(keySummary(clients.info.url, updated.properties, describeKeyType(updated))));
    return { detail: 'updated' };
  };
}

// Secret changes as operation runs: a new secret (refused when the name is taken, so nobody
// adds a version by accident), a new version of an existing one, and attribute/tag updates.
import { asListed, secretSummary } from '../item-summary.js';
import type { OperationRun } from '../operations.js';
import { ActionRefusedError } from '../operations-errors.js';
import { callOptions } from '../operations-poller.js';
import type { PropertiesUpdate, SecretInput } from './inputs.js';
import type { VaultClients } from './vault-clients.js';

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function setOptions(input: SecretInput) {
  return {
    contentType: input.contentType,
    enabled: input.enabled,
    notBefore: input.notBefore,
    expiresOn: input.expiresOn,
    tags: input.tags,
  };
}

export function createSecretRun(clients: VaultClients, input: SecretInput): OperationRun {
  return async (context) => {
    context.progress('creating');
    const client = clients.secrets();
    // Only the answer's status matters here; the value that comes back is dropped at once.
    const exists = await client.getSecret(input.name, callOptions(context)).then(
      () => true,
      (error: unknown) => {
        // 403 SecretDisabled: it exists. 404: free (or deleted; the create then says so).
        if (statusOf(error) === 404) return false;
        if (statusOf(error) === 403) return true;
        throw error;
      },
    );
    if (exists) {
      throw new ActionRefusedError('conflict', `a secret named "${input.name}" already exists; to change its value add a new version (n on the secret)`, 'name');
    }
    const secret = await client.setSecret(input.name, input.value, { ...setOptions(input), ...callOptions(context) });
    // Only the properties: the value in the answer goes no further.
    context.listed(asListed(secretSummary(clients.info.url, secret.properties)));
    return { detail: 'created' };
  };
}

export function setSecretVersionRun(clients: VaultClients, input: SecretInput): OperationRun {
  return async (context) => {
    context.progress('creating version');
    const secret = await clients.secrets().setSecret(input.name, input.value, { ...setOptions(input), ...callOptions(context) });
    context.listed(asListed(secretSummary(clients.info.url, secret.properties)));
    return { detail: `created version ${(secret.properties.version ?? '').slice(0, 8)}` };
  };
}

export function updateSecretRun(clients: VaultClients, name: string, update: PropertiesUpdate): OperationRun {
  return async (context) => {
    context.progress('updating');
    const client = clients.secrets();
    const version = update.version ?? (await client.getSecret(name, callOptions(context))).properties.version ?? '';
    const updated = await client.updateSecretProperties(name, version, {
      enabled: update.enabled,
      notBefore: update.notBefore,
      expiresOn: update.expiresOn,
      tags: update.tags,
      contentType: update.contentType,
      ...callOptions(context),
    });
    // The list row shows the latest version: an older one's change does not go there.
    if (update.version === undefined) context.listed(asListed(secretSummary(clients.info.url, updated)));
    return { detail: 'updated' };
  };
}

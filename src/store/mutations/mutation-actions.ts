// The store's mutating actions. Each one is refused in read-only mode, checks its input (the
// same checks the forms use), and then starts an operation that does the work; it returns the
// operation's id. Refusals throw an ActionRefusedError (a ClassifiedError) before anything is
// sent, naming the field when a form field is at fault.
import { ActionRefusedError, isActionRefused, valueOf } from '../operations-errors.js';
import type { OperationInit, OperationRun, OperationTracker } from '../operations.js';
import type { ReadOnlyGuard } from '../read-only-guard.js';
import type { ClassifiedError, CollectionKind, OperationKind } from '../types.js';
import { OPERATION_VERB } from '../types.js';
import {
  EC_CURVES,
  LATEST_DATE,
  RSA_KEY_SIZES,
  checkContentType,
  checkDnsNames,
  checkKeyOps,
  checkKeyShape,
  checkName,
  checkSecretValue,
  checkSubject,
  checkTags,
  checkValidity,
} from '../validate-input.js';
import { readCertificateFile } from './certificate-files.js';
import { downloadCertificate } from './certificate-download.js';
import { createCertificateRun, importCertificateRun, updateCertificateRun } from './certificate-mutations.js';
import type { AttributeInput, CertificateImportInput, CertificateInput, DownloadRequest, KeyInput, PropertiesUpdate, SecretInput } from './inputs.js';
import { createKeyRun, rotateKeyRun, updateKeyRun } from './key-mutations.js';
import { deleteAndPurgeRun, deleteRun, purgeRun, recoverRun } from './lifecycle.js';
import { createSecretRun, setSecretVersionRun, updateSecretRun } from './secret-mutations.js';
import type { ItemRef, VaultClients } from './vault-clients.js';
import { SINGULAR } from './vault-clients.js';
import type { AzAction, AzSecretSet } from '../az-command.js';
import { azCommand } from '../az-command.js';

/** The mutating part of the Store interface. */
export interface MutationActions {
  /** A new secret; fails (conflict) when the name is taken, also by a deleted-but-recoverable secret. */
  createSecret(input: SecretInput): string;
  /** A new version of an existing secret (its value and attributes). */
  setSecretVersion(input: SecretInput): string;
  /** Attributes and tags of one version (latest when `update.version` is absent). */
  updateProperties(item: ItemRef, update: PropertiesUpdate): string;
  /** Soft-deletes; the operation follows the service until the delete has finished (`deleted`). */
  deleteItem(item: ItemRef): string;
  /** Recovers a deleted item; `recovering` → `recovered`. */
  recoverItem(item: ItemRef): string;
  /** Purges a deleted item and follows it until the deleted item is gone (`purged`). */
  purgeItem(item: ItemRef): string;
  /** Deletes, waits until the delete has finished, then purges (one operation). */
  deleteAndPurge(item: ItemRef): string;
  createKey(input: KeyInput): string;
  /** A new version of a key (the service's rotate). */
  rotateKey(item: ItemRef): string;
  /** A self-signed certificate; the operation shows the service's `inProgress` → `completed`. Cancellable. */
  createCertificate(input: CertificateInput): string;
  /** Reads and checks the file first (PEM with key, or PFX opened with the password). */
  importCertificate(input: CertificateImportInput): Promise<string>;
  /** Writes the public certificate to a file (allowed in read-only mode: the vault is unchanged). */
  downloadCertificate(item: ItemRef, request: DownloadRequest): Promise<{ path: string; bytes: number }>;
  /** Cancels a certificate creation at the service; other operations refuse (abandon them instead). */
  cancelOperation(id: string): Promise<void>;
  /** Stops watching an operation; the service finishes it anyway. */
  abandonOperation(id: string): void;
  /** Removes every operation that is no longer running. */
  clearFinishedOperations(): void;
  /** Operations the service accepted but kvx could not follow to the end (`unconfirmed`) run again until they know. */
  recheckOperations(): void;
}

export interface MutationDeps {
  clientsFor(vault: string): VaultClients;
  tracker: OperationTracker;
  guard: ReadOnlyGuard;
  classify: (error: unknown) => ClassifiedError;
}

function checkDates(input: AttributeInput): void {
  for (const [field, date] of [
    ['notBefore', input.notBefore],
    ['expiresOn', input.expiresOn],
  ] as const) {
    if (date === undefined) continue;
    if (Number.isNaN(date.getTime())) throw new ActionRefusedError('invalid', `${field} is not a valid date.`, field);
    if (date.getTime() > LATEST_DATE.getTime()) {
      throw new ActionRefusedError('invalid', `${field} is after 2038-01-19T03:14:07Z, the latest date the Key Vault client can send; choose an earlier date.`, field);
    }
  }
  valueOf(checkValidity(input.notBefore, input.expiresOn));
}

function checkAttributes(input: AttributeInput): void {
  checkDates(input);
  if (input.tags) valueOf(checkTags(input.tags));
}

function checkSecret(input: SecretInput): void {
  valueOf(checkName(input.name));
  valueOf(checkSecretValue(input.value));
  if (input.contentType !== undefined) valueOf(checkContentType(input.contentType));
  checkAttributes(input);
}

function checkKey(input: KeyInput): void {
  valueOf(checkName(input.name));
  const sizeOrCurve = input.keyType === 'EC' ? (input.curve ?? '') : input.keySize === undefined ? '' : String(input.keySize);
  valueOf(checkKeyShape(input.keyType, sizeOrCurve));
  if (input.keyOps) valueOf(checkKeyOps(input.keyOps.join(' ')));
  checkAttributes(input);
}

function checkCertificate(input: CertificateInput): void {
  valueOf(checkName(input.name));
  valueOf(checkSubject(input.subject));
  valueOf(checkDnsNames(input.dnsNames.join(' ')));
  if (!Number.isInteger(input.validityInMonths) || input.validityInMonths < 1 || input.validityInMonths > 1200) {
    throw new ActionRefusedError('invalid', 'Validity must be whole months from 1 to 1200.', 'validityMonths');
  }
  if (input.keyType === 'RSA' && input.keySize !== undefined && !(RSA_KEY_SIZES as readonly number[]).includes(input.keySize)) {
    throw new ActionRefusedError('invalid', `RSA key size ${input.keySize} is not allowed; choose ${RSA_KEY_SIZES.join(', ')}.`, 'keySize');
  }
  if (input.keyType === 'EC' && input.curve !== undefined && !(EC_CURVES as readonly string[]).includes(input.curve)) {
    throw new ActionRefusedError('invalid', `Curve ${input.curve} is not allowed; choose ${EC_CURVES.join(', ')}.`, 'curve');
  }
  if (input.keyType !== 'RSA' && input.keyType !== 'EC') throw new ActionRefusedError('invalid', 'Key type must be RSA or EC.', 'keyType');
  if (input.format !== 'PEM' && input.format !== 'PFX') throw new ActionRefusedError('invalid', 'Format must be PEM or PFX.', 'contentType');
  if (input.tags) valueOf(checkTags(input.tags));
}

function checkUpdate(item: ItemRef, update: PropertiesUpdate): void {
  checkAttributes(update);
  if (update.contentType !== undefined) valueOf(checkContentType(update.contentType));
  if (update.keyOps) valueOf(checkKeyOps(update.keyOps.join(' ')));
  if (item.kind === 'certificates' && (update.notBefore || update.expiresOn)) {
    throw new ActionRefusedError('invalid', 'A certificate takes its validity from the certificate itself; only enabled and tags can change.', 'expiresOn');
  }
}

/** A secret's az action without its value: the CLI command gets the placeholder "$VALUE". */
function secretAz(input: SecretInput): Omit<AzSecretSet, 'op' | 'vault'> {
  return { name: input.name, contentType: input.contentType, enabled: input.enabled, notBefore: input.notBefore, expiresOn: input.expiresOn, tags: input.tags };
}

export function createMutationActions(deps: MutationDeps): MutationActions {
  const { tracker, guard } = deps;

  function start(
    kind: OperationKind,
    collection: CollectionKind,
    vault: string,
    target: string,
    detail: string,
    run: (clients: VaultClients) => OperationRun,
    cancellable = false,
    az?: (vaultName: string) => AzAction,
  ): string {
    const clients = deps.clientsFor(vault);
    const init: OperationInit = { kind, collection, vault: { name: clients.info.name, url: clients.info.url }, target, cancellable, detail };
    if (az) init.az = azCommand(az(clients.info.name));
    return tracker.start(init, run(clients));
  }

  function guardFor(kind: OperationKind, collection: CollectionKind): void {
    guard.assertWritable(`${OPERATION_VERB[kind]} ${collection}`);
  }

  function itemOperation(kind: OperationKind, item: ItemRef, detail: string, run: (clients: VaultClients, ref: ItemRef) => OperationRun): string {
    guardFor(kind, item.kind);
    valueOf(checkName(item.name));
    const az = (vault: string): AzAction =>
      kind === 'rotate' ? { op: 'rotate', vault, name: item.name } : { op: kind as 'delete' | 'recover' | 'purge' | 'deleteAndPurge', kind: item.kind, vault, name: item.name };
    return start(kind, item.kind, item.vaultUrl, item.name, detail, (clients) => run(clients, item), false, az);
  }

  return {
    createSecret(input) {
      guardFor('create', 'secrets');
      checkSecret(input);
      return start('create', 'secrets', input.vault, input.name, 'creating', (c) => createSecretRun(c, input), false, (vault) => ({ ...secretAz(input), op: 'createSecret', vault }));
    },

    setSecretVersion(input) {
      guardFor('create', 'secrets');
      checkSecret(input);
      return start('create', 'secrets', input.vault, input.name, 'creating version', (c) => setSecretVersionRun(c, input), false, (vault) => ({ ...secretAz(input), op: 'setSecretVersion', vault }));
    },

    updateProperties(item, update) {
      guardFor('update', item.kind);
      valueOf(checkName(item.name));
      checkUpdate(item, update);
      const run = item.kind === 'secrets' ? updateSecretRun : item.kind === 'keys' ? updateKeyRun : updateCertificateRun;
      return start('update', item.kind, item.vaultUrl, item.name, 'updating', (c) => run(c, item.name, update), false, (vault) => ({
        op: 'update',
        kind: item.kind,
        vault,
        name: item.name,
        version: update.version,
        enabled: update.enabled,
        notBefore: update.notBefore,
        expiresOn: update.expiresOn,
        tags: update.tags,
        contentType: update.contentType,
        keyOps: update.keyOps,
      }));
    },

    deleteItem: (item) => itemOperation('delete', item, 'deleting', deleteRun),
    recoverItem: (item) => itemOperation('recover', item, 'recovering', recoverRun),
    purgeItem: (item) => itemOperation('purge', item, 'purging', purgeRun),
    deleteAndPurge: (item) => itemOperation('deleteAndPurge', item, 'deleting', deleteAndPurgeRun),

    createKey(input) {
      guardFor('create', 'keys');
      checkKey(input);
      return start('create', 'keys', input.vault, input.name, 'creating', (c) => createKeyRun(c, input), false, (vault) => ({
        op: 'createKey',
        vault,
        name: input.name,
        keyType: input.keyType,
        keySize: input.keySize,
        curve: input.curve,
        keyOps: input.keyOps,
        enabled: input.enabled,
        notBefore: input.notBefore,
        expiresOn: input.expiresOn,
        tags: input.tags,
      }));
    },

    rotateKey(item) {
      if (item.kind !== 'keys') throw new ActionRefusedError('invalid', `only keys rotate; "${item.name}" is a ${SINGULAR[item.kind]}`);
      return itemOperation('rotate', item, 'rotating', (c, ref) => rotateKeyRun(c, ref.name));
    },

    createCertificate(input) {
      guardFor('create', 'certificates');
      checkCertificate(input);
      return start('create', 'certificates', input.vault, input.name, 'creating', (c) => createCertificateRun(c, input), true, (vault) => ({
        op: 'createCertificate',
        vault,
        name: input.name,
        subject: input.subject,
        dnsNames: input.dnsNames,
        validityInMonths: input.validityInMonths,
        keyType: input.keyType,
        keySize: input.keySize,
        curve: input.curve,
        format: input.format,
        enabled: input.enabled,
        tags: input.tags,
      }));
    },

    async importCertificate(input) {
      guardFor('import', 'certificates');
      valueOf(checkName(input.name));
      if (input.tags) valueOf(checkTags(input.tags));
      const file = valueOf(await readCertificateFile(input.file, input.password));
      return start('import', 'certificates', input.vault, input.name, 'importing', (c) => importCertificateRun(c, input, file), false, (vault) => ({
        op: 'importCertificate',
        vault,
        name: input.name,
        file: input.file,
        password: Boolean(input.password),
        enabled: input.enabled,
        tags: input.tags,
      }));
    },

    async downloadCertificate(item, request) {
      if (item.kind !== 'certificates') throw new ActionRefusedError('invalid', `only certificates download; "${item.name}" is a ${SINGULAR[item.kind]}`);
      try {
        return await downloadCertificate(deps.clientsFor(item.vaultUrl), item.name, request);
      } catch (error) {
        if (isActionRefused(error)) throw error;
        const classified = deps.classify(error);
        throw new ActionRefusedError(classified.class, classified.message);
      }
    },

    cancelOperation: (id) => tracker.cancel(id),
    abandonOperation: (id) => tracker.abandon(id),
    clearFinishedOperations: () => tracker.clearFinished(),
    recheckOperations: () => tracker.recheck(),
  };
}

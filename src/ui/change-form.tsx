// The form for one FormKind: which fields, what they start with, how text becomes store input,
// and which store action sends it. Components hold no SDK calls: everything goes through the store.
import type { CertificateImportInput, CertificateInput, DownloadRequest, KeyInput, PropertiesUpdate, SecretInput } from '../store/mutations/inputs.js';
import type { ItemSummary, KeyDetails, Store } from '../store/types.js';
import { formatTags } from '../store/validate-input.js';
import {
  buildCertificate,
  buildCertificateImport,
  buildCertificateUpdate,
  buildDownload,
  certificateCreateFields,
  certificateDownloadFields,
  certificateEditFields,
  certificateImportFields,
} from './forms/certificate-form.js';
import { FormDialog } from './forms/form-dialog.js';
import { buildKey, buildKeyUpdate, keyFields, keyValues } from './forms/key-form.js';
import { buildSecret, buildSecretUpdate, secretFields, secretValues } from './forms/secret-form.js';
import type { FormKind } from './modal.js';
import { escapeControl } from '../text/escape-control.js';
import type { Theme } from './theme.js';

export interface ChangeFormProps {
  form: FormKind;
  store: Store;
  /** The current vault's URL. */
  vault: string;
  item?: ItemSummary;
  version?: string;
  /** The item's key details when loaded (edit key: its operations). */
  keyDetails?: KeyDetails;
  now: () => number;
  width: number;
  height: number;
  theme: Theme;
  onDone(result: { operationId?: string; cancelled?: boolean }): void;
  /** A line for the status bar (download finished). */
  onMessage(text: string): void;
  editField?(id: string, current: string): Promise<string | undefined>;
}

export function ChangeForm(props: ChangeFormProps) {
  const { form, store, vault, item, version, now, width, height, theme, onDone, editField } = props;
  const common = { store, onDone, editField, width, height, theme };
  const label = item ? escapeControl(item.name) : '';
  const at = version ? `@${version.slice(0, 8)}` : '';
  const ref = item ? { kind: item.kind, name: item.name, vaultUrl: item.vaultUrl } : undefined;
  switch (form) {
    case 'secret.new':
      return (
        <FormDialog<SecretInput>
          {...common}
          title="New secret"
          fields={secretFields('new')}
          initial={secretValues()}
          build={(v) => buildSecret(v, vault, undefined, now())}
          submit={(input) => store.createSecret(input)}
        />
      );
    case 'secret.version':
      return (
        <FormDialog<SecretInput>
          {...common}
          title={`New version of secret ${label}`}
          fields={secretFields('version')}
          initial={{ ...secretValues(item), notBefore: '', expiresOn: '' }}
          build={(v) => buildSecret(v, vault, item?.name, now())}
          submit={(input) => store.setSecretVersion(input)}
        />
      );
    case 'secret.edit':
      return (
        <FormDialog<PropertiesUpdate>
          {...common}
          title={`Edit secret ${label}${at}`}
          fields={secretFields('edit')}
          initial={secretValues(item)}
          build={(v) => buildSecretUpdate(v, version, now())}
          submit={(input) => store.updateProperties(ref!, input)}
        />
      );
    case 'key.new':
      return (
        <FormDialog<KeyInput>
          {...common}
          title="New key"
          fields={keyFields('new')}
          initial={keyValues()}
          build={(v) => buildKey(v, vault, now())}
          submit={(input) => store.createKey(input)}
        />
      );
    case 'key.edit':
      return (
        <FormDialog<PropertiesUpdate>
          {...common}
          title={`Edit key ${label}${at}`}
          fields={keyFields('edit')}
          initial={keyValues(item, props.keyDetails?.keyOps)}
          build={(v) => buildKeyUpdate(v, version, now())}
          submit={(input) => store.updateProperties(ref!, input)}
        />
      );
    case 'certificate.new':
      return (
        <FormDialog<CertificateInput>
          {...common}
          title="New self-signed certificate"
          fields={certificateCreateFields}
          initial={{ validity: '12', enabled: 'yes' }}
          build={(v) => buildCertificate(v, vault)}
          submit={(input) => store.createCertificate(input)}
        />
      );
    case 'certificate.edit':
      return (
        <FormDialog<PropertiesUpdate>
          {...common}
          title={`Edit certificate ${label}${at}`}
          fields={certificateEditFields}
          initial={{ tags: formatTags(item?.tags ?? {}), enabled: item?.enabled === false ? 'no' : 'yes' }}
          build={(v) => buildCertificateUpdate(v, version)}
          submit={(input) => store.updateProperties(ref!, input)}
        />
      );
    case 'certificate.import':
      return (
        <FormDialog<CertificateImportInput>
          {...common}
          title="Import a certificate (PEM with its key, or PFX)"
          fields={certificateImportFields}
          initial={{ enabled: 'yes' }}
          build={(v) => buildCertificateImport(v, vault)}
          submit={(input) => store.importCertificate(input)}
        />
      );
    case 'certificate.download':
      return (
        <FormDialog<DownloadRequest>
          {...common}
          title={`Save certificate ${label}${at} to a file`}
          fields={certificateDownloadFields}
          initial={{ path: `${item?.name ?? 'certificate'}.pem` }}
          build={(v) => buildDownload(v, version)}
          submit={async (request) => {
            const written = await store.downloadCertificate(ref!, request);
            props.onMessage(`wrote certificate ${label} to ${escapeControl(written.path)} (${written.bytes} bytes)`);
          }}
        />
      );
  }
}

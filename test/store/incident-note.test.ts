import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { incidentNote } from '../../src/store/incident-note.js';
import type { ItemDetails, Operation } from '../../src/store/types.js';

const NOW = Date.UTC(2026, 10, 30, 1, 2, 3);

describe('incidentNote', () => {
  it('summarises a certificate and the session\'s changes with their az commands, escaping what came from the vault', () => {
    const item: ItemDetails = {
      kind: 'certificates',
      id: 'https://contoso-prod.vault.azure.net/certificates/web',
      name: 'web',
      vaultUrl: 'https://contoso-prod.vault.azure.net',
      version: 'abc',
      enabled: true,
      expiresOn: new Date(NOW - 1000),
      tags: { owner: 'team`\u001b[31m' },
      certificate: { subject: 'CN=web', sans: ['DNS:web.contoso.com'], thumbprintSha1: 'AA11', keyUsage: [], extendedKeyUsage: [], policy: [], validFrom: new Date(NOW - 10_000), validTo: new Date(NOW - 1000) },
    };
    const op: Operation = { id: 'op-1', kind: 'deleteAndPurge', collection: 'secrets', vault: 'contoso-prod', vaultUrl: 'https://contoso-prod.vault.azure.net', target: 'old', state: 'succeeded', detail: 'purged', startedAt: NOW - 60_000, updatedAt: NOW, cancellable: false, az: 'az keyvault secret delete --vault-name contoso-prod --name old\naz keyvault secret purge --vault-name contoso-prod --name old' };
    const note = incidentNote({ item, vaultName: 'contoso-prod', identity: { display: 'kvx-vm' }, operations: [op], now: NOW });
    assert.match(note, /^### kvx note — 2026-11-30 01:02:03Z/);
    assert.match(note, /\*\*certificate\*\* `web` in vault `contoso-prod`/);
    assert.match(note, /- expires: .*\(\*\*expired\*\*\)/);
    assert.match(note, /- SANs: `DNS:web.contoso.com`/);
    assert.match(note, /- thumbprint \(SHA-1\): `AA11`/);
    assert.match(note, /- tags: `owner=teamˋ\\e\[31m`/, 'backticks cannot close the code span; escapes are shown, not run');
    assert.match(note, /delete and purge secret `contoso-prod\/old`: succeeded \(purged\)\n {2}```sh\n {2}az keyvault secret delete .*\n {2}az keyvault secret purge .*\n {2}```/);
    // eslint-disable-next-line no-control-regex -- asserting there are none
    assert.doesNotMatch(note, /[\u0000-\u0009\u000b-\u001f]/);
  });

  it('says when nothing is open and nothing was changed', () => {
    const note = incidentNote({ operations: [], now: NOW });
    assert.match(note, /_No item open._/);
    assert.match(note, /_No changes made with kvx this session._/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AzAction } from '../../src/store/az-command.js';
import { azCommand, shellQuote } from '../../src/store/az-command.js';

const V = 'contoso-prod';
const EXP = new Date('2027-01-31T00:00:00.000Z');

// Each action kind kvx performs, with the command that does the same (checked against the
// CLI's reference: `az keyvault secret set|set-attributes|delete|recover|purge|show`, …).
const TABLE: readonly [string, AzAction, string][] = [
  ['show a secret keeps the value off the screen', { op: 'show', kind: 'secrets', vault: V, name: 'db-password' },
    `az keyvault secret show --vault-name contoso-prod --name db-password --query '{id:id, attributes:attributes, contentType:contentType, tags:tags}'`],
  ['show one version of a key', { op: 'show', kind: 'keys', vault: V, name: 'signing', version: 'abc123' },
    'az keyvault key show --vault-name contoso-prod --name signing --version abc123'],
  ['show a deleted certificate', { op: 'show', kind: 'certificates', vault: V, name: 'web', deleted: true },
    'az keyvault certificate show-deleted --vault-name contoso-prod --name web'],
  ['create a secret: the value is a placeholder', { op: 'createSecret', vault: V, name: 'api-key', contentType: 'text/plain', expiresOn: EXP, tags: { team: 'ops' } },
    'az keyvault secret set --vault-name contoso-prod --name api-key --value "$VALUE" --content-type text/plain --expires 2027-01-31T00:00:00Z --tags team=ops'],
  ['a new secret version that starts disabled', { op: 'setSecretVersion', vault: V, name: 'api-key', enabled: false },
    'az keyvault secret set --vault-name contoso-prod --name api-key --value "$VALUE" --disabled true'],
  ['disable a secret', { op: 'update', kind: 'secrets', vault: V, name: 'x', enabled: false },
    'az keyvault secret set-attributes --vault-name contoso-prod --name x --enabled false'],
  ['clear a key\'s tags and set its operations', { op: 'update', kind: 'keys', vault: V, name: 'k', tags: {}, keyOps: ['sign', 'verify'] },
    "az keyvault key set-attributes --vault-name contoso-prod --name k --tags '' --ops sign verify"],
  ['tag a certificate version', { op: 'update', kind: 'certificates', vault: V, name: 'web', version: 'v1', tags: { owner: 'web team' } },
    "az keyvault certificate set-attributes --vault-name contoso-prod --name web --version v1 --tags 'owner=web team'"],
  ['delete a secret', { op: 'delete', kind: 'secrets', vault: V, name: 'old' }, 'az keyvault secret delete --vault-name contoso-prod --name old'],
  ['recover a key', { op: 'recover', kind: 'keys', vault: V, name: 'k' }, 'az keyvault key recover --vault-name contoso-prod --name k'],
  ['purge a certificate', { op: 'purge', kind: 'certificates', vault: V, name: 'web' }, 'az keyvault certificate purge --vault-name contoso-prod --name web'],
  ['delete and purge is two steps', { op: 'deleteAndPurge', kind: 'secrets', vault: V, name: 'old' },
    'az keyvault secret delete --vault-name contoso-prod --name old\n# then, once the delete has finished (show-deleted answers):\naz keyvault secret purge --vault-name contoso-prod --name old'],
  ['rotate a key', { op: 'rotate', vault: V, name: 'k' }, 'az keyvault key rotate --vault-name contoso-prod --name k'],
  ['create an RSA key', { op: 'createKey', vault: V, name: 'k', keyType: 'RSA', keySize: 3072, keyOps: ['sign'] },
    'az keyvault key create --vault-name contoso-prod --name k --kty RSA --size 3072 --ops sign'],
  ['create an EC key', { op: 'createKey', vault: V, name: 'k', keyType: 'EC', curve: 'P-384' },
    'az keyvault key create --vault-name contoso-prod --name k --kty EC --curve P-384'],
  ['create a self-signed certificate with its policy', {
    op: 'createCertificate', vault: V, name: 'web', subject: 'CN=web.contoso.com', dnsNames: ['web.contoso.com'], validityInMonths: 12, keyType: 'RSA', keySize: 2048, format: 'PEM',
  }, `az keyvault certificate create --vault-name contoso-prod --name web --policy '{"issuerParameters":{"name":"Self"},"keyProperties":{"keyType":"RSA","keySize":2048,"exportable":true,"reuseKey":false},"secretProperties":{"contentType":"application/x-pem-file"},"x509CertificateProperties":{"subject":"CN=web.contoso.com","subjectAlternativeNames":{"dnsNames":["web.contoso.com"]},"validityInMonths":12}}'`],
  ['import a PFX: the password is a placeholder', { op: 'importCertificate', vault: V, name: 'web', file: '/tmp/my cert.pfx', password: true },
    `az keyvault certificate import --vault-name contoso-prod --name web --file '/tmp/my cert.pfx' --password "$PASSWORD"`],
  ['download as DER', { op: 'downloadCertificate', vault: V, name: 'web', format: 'der', path: 'web.cer' },
    'az keyvault certificate download --vault-name contoso-prod --name web --file web.cer --encoding DER'],
  ['cancel a certificate request (no CLI verb: the REST call)', { op: 'cancelCertificate', vaultUrl: 'https://contoso-prod.vault.azure.cn/', name: 'web' },
    `az rest --method patch --url 'https://contoso-prod.vault.azure.cn/certificates/web/pending?api-version=7.4' --resource https://vault.azure.cn --body '{"cancellation_requested": true}'`],
];

describe('azCommand', () => {
  for (const [name, action, expected] of TABLE) {
    it(name, () => assert.equal(azCommand(action), expected));
  }

  it('covers every action kind kvx performs', () => {
    const ops = new Set(TABLE.map(([, a]) => a.op));
    for (const op of ['show', 'createSecret', 'setSecretVersion', 'update', 'delete', 'recover', 'purge', 'deleteAndPurge', 'rotate', 'createKey', 'createCertificate', 'importCertificate', 'downloadCertificate', 'cancelCertificate']) {
      assert.ok(ops.has(op as AzAction['op']), op);
    }
  });
});

describe('shellQuote', () => {
  it('leaves plain words alone and single-quotes the rest', () => {
    assert.equal(shellQuote('abc-1.2'), 'abc-1.2');
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
    assert.equal(shellQuote(''), "''");
    assert.equal(shellQuote('$HOME'), "'$HOME'");
  });

  it('writes control characters from a vault as $\'\\xNN\' so pasting is exact and showing is safe', () => {
    const quoted = shellQuote('team=\u001b]52;c;x\u0007');
    assert.equal(quoted, "$'team=\\x1b]52;c;x\\x07'");
    // eslint-disable-next-line no-control-regex -- asserting there are none
    assert.doesNotMatch(quoted, /[\u0000-\u001f]/);
  });
});

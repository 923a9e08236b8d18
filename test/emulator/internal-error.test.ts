// A handler that fails is answered 500 in the service's shape, and the warning it leaves on
// stderr (kvx's own screen in --demo) shows request text with its control characters escaped.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AccessControl } from '../../src/emulator/access/access-control.js';
import { AccessPolicyStore } from '../../src/emulator/access/access-policies.js';
import { FaultController } from '../../src/emulator/faults.js';
import { Router } from '../../src/emulator/router.js';
import type { VaultServer } from '../../src/emulator/server.js';
import { createVaultServer } from '../../src/emulator/server.js';
import { VaultState } from '../../src/emulator/vault-state.js';
import { createTlsBundle } from '../../src/emulator/x509/tls-bundle.js';
import { rawRequest } from './support/raw-request.js';

const tls = await createTlsBundle();
let server: VaultServer;
let url: string;
const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(warning.message);

before(async () => {
  const vault = new VaultState({ name: 'broken-vault', recoveryLevel: 'Recoverable+Purgeable', recoverableDays: 90, deleteDelayMs: 0, purgeDelayMs: 0, certificateIssueDelayMs: 0 });
  const router = new Router([
    {
      name: 'broken',
      routes: [
        {
          method: 'GET',
          pattern: '/secrets/{name}',
          permission: 'secrets/get',
          // A bug whose message quotes the request, as a TypeError naming its input does.
          handler: (req) => {
            throw new TypeError(`Invalid input: ${req.params.name}`);
          },
        },
      ],
    },
  ]);
  server = createVaultServer({
    vault,
    router,
    adminRouter: new Router([]),
    faults: new FaultController(),
    access: new AccessControl({ strict: false, verifyToken: async () => null, issuer: 'https://sts.windows.net/t/', policies: new AccessPolicyStore(), location: 'westeurope' }),
    tenantId: '00000000-0000-0000-0000-000000000000',
    location: 'westeurope',
    tls: { key: tls.keyPem, cert: tls.certPem },
    adminToken: 'admin-token',
  });
  url = `https://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  process.on('warning', onWarning);
});

after(async () => {
  process.off('warning', onWarning);
  await server.close();
});

test('a failing handler is a 500 in the service shape, and its warning escapes control and invisible characters', async () => {
  const res = await rawRequest(`${url}/secrets/x%1B%5D0%3BPWNED%07%1B%5B2Jpa%E2%80%8Bss?api-version=7.4`, { ca: tls.caPem });
  assert.equal(res.status, 500);
  assert.deepEqual(res.json, { error: { code: 'InternalServerError', message: 'The emulator failed to process the request.' } });
  await new Promise((resolve) => setImmediate(resolve));
  const warning = warnings.find((w) => w.includes('internal error'));
  assert.ok(warning, `a warning was emitted: ${JSON.stringify(warnings)}`);
  assert.ok(warning.includes('Invalid input: x\\e]0;PWNED\\u{7}\\e[2Jpa⟨U+200B⟩ss'), warning);
  // eslint-disable-next-line no-control-regex -- no raw control or invisible character may reach the terminal
  assert.doesNotMatch(warning, /[\u0000-\u001f\u007f-\u009f\u200b]/);
});

// Error classification from the shapes the SDK and identity library throw. The service's own
// errors are also checked end to end against the emulator in collections/details tests.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RestError, createHttpHeaders } from '@azure/core-rest-pipeline';
import { AggregateAuthenticationError, CredentialUnavailableError } from '@azure/identity';
import { classifyError, parseForbidden, retryAfterMs } from '../../src/store/classify-error.js';

function restError(status: number, message: string, options: { code?: string; inner?: string; headers?: Record<string, string> } = {}) {
  const err = new RestError(message, {
    statusCode: status,
    code: options.code,
    response: { headers: createHttpHeaders(options.headers ?? {}), status, request: undefined as never },
  });
  if (options.inner) err.details = { error: { code: options.code, message, innerError: { code: options.inner } } };
  return err;
}

describe('forbidden', () => {
  test('access-policy wording: the permission and the caller (without the issuer)', () => {
    const msg =
      "The user, group or application 'appid=1950a258-227b-4e31-a9cf-717495945fc2;oid=9b1c2d3e-0000-0000-0000-000000000000;iss=https://sts.windows.net/72f988bf/' does not have secrets list permission on key vault 'contoso-prod;location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287";
    const c = classifyError(restError(403, msg, { code: 'Forbidden', inner: 'AccessDenied' }));
    assert.equal(c.class, 'forbidden');
    assert.deepEqual(c.permission, { action: 'list', collection: 'secrets' });
    assert.equal(c.caller, 'appid=1950a258-227b-4e31-a9cf-717495945fc2;oid=9b1c2d3e-0000-0000-0000-000000000000');
    assert.equal(c.innerCode, 'AccessDenied');
    assert.equal(c.message, `forbidden: no list permission on secrets for ${c.caller}`);
  });

  test('RBAC wording: the action names the collection and operation', () => {
    const msg =
      "Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: appid=abc;oid=def;iss=https://sts.windows.net/t/\r\nAction: 'Microsoft.KeyVault/vaults/keys/read'\r\nAction: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'\r\nResource: '/subscriptions/…'\r\n";
    assert.deepEqual(parseForbidden(msg), { caller: 'appid=abc;oid=def', permission: { action: 'get', collection: 'secrets' } });
  });

  test('a 403 without a recognisable wording still says access denied, with the inner code', () => {
    const c = classifyError(restError(403, 'Operation get is not allowed on a disabled secret.', { code: 'Forbidden', inner: 'SecretDisabled' }));
    assert.equal(c.message, 'forbidden: access denied (SecretDisabled)');
  });
});

describe('throttled', () => {
  test('Retry-After in seconds, milliseconds or as a date', () => {
    const h = (o: Record<string, string>) => createHttpHeaders(o);
    assert.equal(retryAfterMs(h({ 'retry-after': '7' })), 7000);
    assert.equal(retryAfterMs(h({ 'retry-after': '2', 'retry-after-ms': '1500' })), 1500);
    assert.equal(retryAfterMs(h({ 'retry-after': new Date(10_000).toUTCString() }), 4_000), 6_000);
    assert.equal(retryAfterMs(h({})), undefined);
  });

  test('the message rounds up to whole seconds', () => {
    const c = classifyError(restError(429, 'Too many requests', { code: 'Throttled', headers: { 'retry-after': '3' } }));
    assert.deepEqual([c.class, c.retryAfterMs, c.message], ['throttled', 3000, 'throttled, retrying in 3s']);
  });
});

describe('conflict, not found, invalid', () => {
  test('409 with ObjectIsDeletedButRecoverable or ObjectIsBeingDeleted says what to do', () => {
    const recoverable = classifyError(restError(409, "Secret x is currently in a deleted but recoverable state…", { code: 'Conflict', inner: 'ObjectIsDeletedButRecoverable' }));
    assert.equal(recoverable.class, 'conflict');
    assert.match(recoverable.message, /recover or purge it first/);
    const deleting = classifyError(restError(409, 'Secret is currently being deleted.', { code: 'Conflict', inner: 'ObjectIsBeingDeleted' }));
    assert.match(deleting.message, /still being deleted/);
  });

  test('404 and 400 keep the service text, on one line with control characters escaped', () => {
    const nf = classifyError(restError(404, 'A secret with (name/id) evil\u001b]52;c;aGk=\u0007\nname was not found in this key vault.', { code: 'SecretNotFound' }));
    assert.equal(nf.class, 'notFound');
    assert.equal(nf.code, 'SecretNotFound');
    assert.ok(![...nf.message].some((ch) => ch.charCodeAt(0) < 0x20), nf.message);
    assert.match(nf.message, /evil\\e\]52;c;aGk=\\u\{7\} name was not found/);
    assert.equal(classifyError(restError(400, 'Bad value', { code: 'BadParameter' })).class, 'invalid');
  });
});

describe('network and auth', () => {
  test('connection failures and untrusted TLS are network errors naming the host', () => {
    const refused = new RestError('connect ECONNREFUSED 127.0.0.1:9', { code: 'ECONNREFUSED', request: { url: 'https://127.0.0.1:9/secrets' } as never });
    assert.deepEqual([classifyError(refused).class, classifyError(refused).message], ['network', 'network: cannot reach 127.0.0.1:9 (ECONNREFUSED)']);
    const tls = new RestError('self-signed certificate in certificate chain', { code: 'SELF_SIGNED_CERT_IN_CHAIN', request: { url: 'https://127.0.0.1:9' } as never });
    assert.match(classifyError(tls).message, /TLS certificate is not trusted .*--ca-file/);
    assert.equal(classifyError(new RestError('getaddrinfo ENOTFOUND x.vault.azure.net', { code: 'ENOTFOUND' })).class, 'network');
  });

  test("a failed sign-in names the credential and each source's first line", () => {
    const err = new AggregateAuthenticationError(
      [
        new CredentialUnavailableError('EnvironmentCredential is unavailable. No underlying credential could be used.\nTo troubleshoot, visit https://aka.ms/x'),
        new CredentialUnavailableError('ManagedIdentityCredential: Network unreachable. Message: connect EHOSTUNREACH 169.254.169.254:80'),
      ],
      'ChainedTokenCredential authentication failed.',
    );
    const c = classifyError(err, { credential: 'DefaultAzureCredential' });
    assert.equal(c.class, 'auth');
    assert.equal(c.credential, 'DefaultAzureCredential');
    assert.equal(
      c.message,
      'sign-in failed (DefaultAzureCredential): EnvironmentCredential is unavailable. No underlying credential could be used.; ManagedIdentityCredential: Network unreachable. Message: connect EHOSTUNREACH 169.254.169.254:80',
    );
  });

  test("a failed sign-in keeps every credential's whole reason, named even when the message does not say the class", () => {
    const longReason = `Authentication failed. ${'x'.repeat(300)} end-of-reason`;
    const err = new AggregateAuthenticationError(
      [
        new CredentialUnavailableError('EnvironmentCredential is unavailable. No underlying credential could be used. To troubleshoot, visit https://aka.ms/x.'),
        new CredentialUnavailableError(`ManagedIdentityCredential: ${longReason}`),
        new CredentialUnavailableError("Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions and then, once installed, authenticate to your Azure account using 'az login'."),
        new CredentialUnavailableError('Azure Developer CLI couldn\'t be found.'),
        new CredentialUnavailableError('Something \u001b]0;evil\u0007 else'),
      ],
      'ChainedTokenCredential authentication failed.',
    );
    const c = classifyError(err, { credential: 'DefaultAzureCredential' });
    assert.deepEqual(
      c.reasons?.map((r) => r.credential),
      ['EnvironmentCredential', 'ManagedIdentityCredential', 'AzureCliCredential', 'AzureDeveloperCliCredential', 'credential 5'],
    );
    assert.ok(c.reasons?.[1].reason.endsWith('end-of-reason'), 'not cut');
    assert.ok(!c.reasons?.[0].reason.includes('troubleshoot'));
    assert.ok(!c.reasons?.[4].reason.includes('\u001b'), 'escaped');
  });

  test('a service error keeps the request (method, path, status, x-ms-request-id) and its whole text', () => {
    const long = `Operation get is not allowed. ${'detail '.repeat(60)}the end`;
    const err = new RestError(long, {
      statusCode: 403,
      code: 'Forbidden',
      request: { method: 'GET', url: 'https://v.vault.azure.net/secrets/db%2Dpassword/?api-version=2025-07-01' } as never,
      response: { headers: createHttpHeaders({ 'x-ms-request-id': 'req-123' }), status: 403, request: undefined as never },
    });
    const c = classifyError(err);
    assert.deepEqual(c.request, { method: 'GET', path: '/secrets/db-password/', host: 'v.vault.azure.net', status: 403, requestId: 'req-123' });
    assert.ok(c.message.length <= 240);
    assert.ok(c.fullMessage?.endsWith('the end'));
  });

  test('anything else is unknown, still one line', () => {
    assert.deepEqual(classifyError('boom'), { class: 'unknown', message: 'boom' });
    assert.equal(classifyError(restError(503, 'down\nnow', { code: 'ServiceUnavailable' })).message, '503 ServiceUnavailable: down now');
  });
});

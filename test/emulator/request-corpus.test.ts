// Odd request targets, methods and headers, sent verbatim over raw sockets to every port of
// one emulator (vault, admin API, identity, ARM): each gets an answer below 500 in its
// service's error shape, and the emulator keeps serving afterwards.
import assert from 'node:assert/strict';
import net from 'node:net';
import tls from 'node:tls';
import { after, before, describe, test } from 'node:test';
import type { Emulator } from '../../src/emulator/index.js';
import { startEmulator } from '../../src/emulator/index.js';
import { TEST_TLS_CACHE } from './support/emulator-harness.js';
import { rawRequest } from './support/raw-request.js';

interface Port {
  name: string;
  host: string;
  port: number;
  secure: boolean;
  /** A path this server serves, for the method and header cases. */
  path: string;
  /** Checks the JSON error body is in this service's shape. */
  shape: (body: Record<string, unknown>) => boolean;
}

interface RawAnswer {
  status: number;
  head: string;
  body: string;
}

const serviceShape = (body: Record<string, unknown>): boolean => {
  const error = body.error as { code?: unknown; message?: unknown } | undefined;
  return typeof error?.code === 'string' && typeof error.message === 'string';
};
const imdsShape = (body: Record<string, unknown>): boolean =>
  typeof body.error === 'string' || typeof body.message === 'string' || typeof body.error_description === 'string';

const TARGETS = [
  '//',
  '//[',
  'http://[',
  '//a:99999/',
  'http://a/secrets',
  '*',
  'x',
  '/%',
  '/%zz/%',
  '/subscriptions/%',
  '/subscriptions/%E0%A4%A',
  '/_emulator/%',
  '/_emulator//faults',
  '/secrets/%00?api-version=7.4',
  '/secrets?api-version=%',
  '/metadata/identity/oauth2/token/%?api-version=%',
  `/${'a'.repeat(8000)}`,
  `/?${'&'.repeat(2000)}`,
  '/../../etc/passwd',
  '/\u00ff\u00fe',
];

/** Whole requests, {path} filled in with a path the port serves. */
const REQUESTS = [
  ...['HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'PURGE', 'LINK', 'SEARCH'].map((m) => `${m} {path} HTTP/1.1\r\nHost: x\r\n\r\n`),
  'CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n\r\n',
  'get {path} HTTP/1.1\r\nHost: x\r\n\r\n',
  'G\u0001T {path} HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET {path} HTTP/9.9\r\nHost: x\r\n\r\n',
  'GET {path}\r\n\r\n',
  'GET {path} HTTP/1.1\r\n\r\n',
  'GET {path} HTTP/1.0\r\n\r\n',
  'GET {path} HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n',
  'GET {path} HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
  'POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
  'POST {path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n',
  'POST {path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n',
  'POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n{"a":',
  'GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer\r\n\r\n',
  'GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a.b.c\r\nMetadata: true\r\n\r\n',
  'GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \u00ff\u00fe.\u0080.x\r\n\r\n',
  'GET {path} HTTP/1.1\r\nHost: x\r\nX-IDENTITY-HEADER: \u00ff\r\nx-ms-client-request-id: \u00e9\u00e9\r\n\r\n',
  'GET {path} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
  'GET {path} HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n',
  `GET {path} HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
  'GET {path} HTTP/1.1\r\nHost: x\r\nX-Nul: a\u0000b\r\n\r\n',
  'GET {path} HTTP/1.1\r\nHost: x\r\n Folded: continuation\r\n\r\n',
  '\u0016\u0003\u0001\u0000\u00a5garbage\r\n\r\n',
];

/** Sends `request` byte for byte (latin1) and reads until the server closes or a full answer arrived. */
function send(port: Port, request: string, ca: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = port.secure
      ? tls.connect({ host: port.host, port: port.port, ca })
      : net.connect({ host: port.host, port: port.port });
    const chunks: Buffer[] = [];
    const finish = () => {
      // An interim `100 Continue` comes before the answer.
      const text = Buffer.concat(chunks).toString('latin1').replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      if (!status) {
        reject(new Error(`${port.name}: no HTTP answer to ${JSON.stringify(request.slice(0, 80))}: got ${JSON.stringify(text.slice(0, 200))}`));
        return;
      }
      const split = text.indexOf('\r\n\r\n');
      const head = text.slice(0, split);
      const length = /\r\ncontent-length: (\d+)/i.exec(head);
      // Only the first answer: a parser error may follow it on the same connection.
      const body = length ? text.slice(split + 4, split + 4 + Number(length[1])) : text.slice(split + 4);
      resolve({ status: Number(status[1]), head, body });
    };
    const complete = (): boolean => {
      const text = Buffer.concat(chunks).toString('latin1').replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) return false;
      const length = /\r\ncontent-length: (\d+)/i.exec(text.slice(0, split));
      return length !== null && Buffer.byteLength(text.slice(split + 4), 'latin1') >= Number(length[1]);
    };
    socket.setTimeout(10_000, () => {
      socket.destroy();
      reject(new Error(`${port.name}: no answer within 10 s to ${JSON.stringify(request.slice(0, 80))}`));
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // HEAD answers carry a Content-Length but no body.
      if (complete() || (request.startsWith('HEAD') && Buffer.concat(chunks).includes('\r\n\r\n'))) {
        socket.destroy();
        finish();
      }
    });
    socket.on('error', () => {
      // A reset after the answer is fine; without one, `close` reports it.
    });
    socket.on('close', () => {
      if (chunks.length > 0) finish();
      else reject(new Error(`${port.name}: connection closed without an answer to ${JSON.stringify(request.slice(0, 80))}`));
    });
    socket.write(Buffer.from(request, 'latin1'));
  });
}

function checkAnswer(port: Port, request: string, answer: RawAnswer): void {
  const what = `${port.name} ${JSON.stringify(request.slice(0, 60))} → ${answer.status}`;
  assert.ok(answer.status >= 200 && answer.status < 500, `${what}: expected a 2xx–4xx answer; body ${answer.body.slice(0, 200)}`);
  if (request.startsWith('HEAD')) return;
  assert.match(answer.head, /\r\ncontent-type: application\/json/i, `${what}: JSON body`);
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(answer.body) as Record<string, unknown>;
  } catch {
    assert.fail(`${what}: body is not JSON: ${answer.body.slice(0, 200)}`);
  }
  if (answer.status >= 400) assert.ok(port.shape(body), `${what}: error in the service's shape, got ${answer.body.slice(0, 200)}`);
}

for (const strict of [false, true]) describe(`odd requests on every port${strict ? ' (strict mode: tokens verified)' : ''}`, () => {
  let emu: Emulator;
  let ports: Port[];

  before(async () => {
    emu = await startEmulator({ vaults: ['corpus-vault'], tlsCacheDir: TEST_TLS_CACHE, strict });
    const at = (url: string) => new URL(url);
    const vault = at(emu.vaults[0].url);
    const identity = at(emu.identityEndpoint);
    const arm = at(emu.armEndpoint);
    ports = [
      { name: 'vault', host: vault.hostname, port: Number(vault.port), secure: true, path: '/secrets?api-version=7.4', shape: serviceShape },
      { name: 'admin', host: vault.hostname, port: Number(vault.port), secure: true, path: '/_emulator/faults', shape: serviceShape },
      {
        name: 'identity',
        host: identity.hostname,
        port: Number(identity.port),
        secure: false,
        path: '/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://vault.azure.net',
        shape: imdsShape,
      },
      { name: 'arm', host: arm.hostname, port: Number(arm.port), secure: true, path: '/subscriptions?api-version=2022-12-01', shape: serviceShape },
    ];
  });

  after(async () => {
    await emu?.stop();
  });

  test('request targets that are not plain paths (//, //[, http://[, //a:99999/, bad escapes) get a 400 or 404, never a crash or 500', async () => {
    for (const port of ports) {
      for (const target of TARGETS) {
        const request = `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`;
        checkAnswer(port, request, await send(port, request, emu.caPem));
      }
    }
  });

  test('odd methods, versions, framing and headers get an answer in the service error shape', async () => {
    for (const port of ports) {
      for (const template of REQUESTS) {
        const request = template.replace('{path}', port.path);
        checkAnswer(port, request, await send(port, request, emu.caPem));
      }
    }
  });

  test('targets that are not a path are answered 400 with a message saying what a target must be', async () => {
    for (const port of ports) {
      for (const target of ['http://[', '*', 'x']) {
        const answer = await send(port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, emu.caPem);
        assert.equal(answer.status, 400, `${port.name} ${target}: ${answer.body}`);
        assert.match(answer.body, /path starting with a single \//, `${port.name} ${target}`);
      }
    }
    const answer = await send(ports[0], 'GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', emu.caPem);
    assert.match(answer.body, /^\{"error":\{"code":"BadParameter"/);
  });

  test('a path like //a:99999/ is a path, not an authority: the vault answers its challenge, the identity endpoint its 404', async () => {
    const vault = await send(ports[0], 'GET //a:99999/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', emu.caPem);
    assert.equal(vault.status, 401);
    const identity = await send(ports[2], 'GET //a:99999/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', emu.caPem);
    assert.equal(identity.status, 404);
    assert.match(identity.body, /No endpoint at '\/\/a:99999\/'/);
  });

  test('garbage pipelined after a good request does not cut into that request\'s answer', async () => {
    for (const port of ports) {
      const answer = await send(port, `GET ${port.path} HTTP/1.1\r\nHost: x\r\n\r\n{"not":"a request"}\r\n\r\n`, emu.caPem);
      assert.doesNotMatch(answer.body, /could not be parsed/, `${port.name}: the first answer belongs to the GET`);
      checkAnswer(port, 'GET', answer);
    }
  });

  test('every server still answers after the corpus', async () => {
    const vaultToken = strict ? (await emu.identity.mintToken('kvx-app', 'https://vault.azure.net')).token : undefined;
    const vault = await rawRequest(`${emu.vaults[0].url}/secrets?api-version=7.4`, { ca: emu.caPem, token: vaultToken });
    assert.equal(vault.status, 200);
    const token = await fetch(`${emu.identityEndpoint}/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://vault.azure.net`, {
      headers: { Metadata: 'true' },
    });
    assert.equal(token.status, 200);
    const armToken = strict ? (await emu.identity.mintToken('kvx-app', 'https://management.azure.com')).token : undefined;
    const arm = await rawRequest(`${emu.armEndpoint}/subscriptions?api-version=2022-12-01`, { ca: emu.caPem, token: armToken });
    assert.equal(arm.status, 200);
  });
});

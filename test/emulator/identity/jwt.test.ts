import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TokenIssuer } from '../../../src/emulator/identity/jwt.js';
import { createTokenIssuer, decodeJwtClaims } from '../../../src/emulator/identity/jwt.js';
import { createIdentityRegistry } from '../../../src/emulator/identity/registry.js';

const registry = createIdentityRegistry();

describe('token issuer', () => {
  let issuer: TokenIssuer;
  before(async () => {
    issuer = await createTokenIssuer(registry.tenantId);
  });

  it('mints RS256 JWTs whose claims say who the identity is', async () => {
    const app = registry.byName('kvx-app');
    const { token, claims, expiresOn } = await issuer.mintToken(app, 'https://vault.azure.net');
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as Record<string, unknown>;
    assert.equal(header.alg, 'RS256');
    assert.equal(header.typ, 'JWT');
    assert.deepEqual(decodeJwtClaims(token), claims);
    assert.equal(claims.iss, `https://sts.windows.net/${registry.tenantId}/`);
    assert.equal(claims.oid, app.objectId);
    assert.equal(claims.appid, app.clientId);
    assert.equal(claims.xms_mirid, app.resourceId);
    assert.equal(expiresOn - claims.iat, 24 * 3600);
  });

  it('verifies its own valid tokens and rejects tampered, expired, foreign and wrong-audience ones', async () => {
    const { token } = await issuer.mintToken(registry.system, 'https://vault.azure.net');
    assert.ok(await issuer.verifyToken(token));
    assert.ok(await issuer.verifyToken(token, 'https://vault.azure.net/'), 'a trailing slash does not matter');
    assert.equal(await issuer.verifyToken(token, 'https://management.azure.com'), null);

    const [head, , sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decodeJwtClaims(token), oid: 'someone-else' })).toString('base64url');
    assert.equal(await issuer.verifyToken(`${head}.${forged}.${sig}`), null);

    const longAgo = Math.floor(Date.now() / 1000) - 2 * 3600;
    assert.equal(await issuer.verifyToken((await issuer.mintToken(registry.system, 'r', { issuedAt: longAgo, lifetimeSeconds: 60 })).token), null);

    const other = await createTokenIssuer(registry.tenantId);
    assert.equal(await issuer.verifyToken((await other.mintToken(registry.system, 'r')).token), null);
    assert.equal(await issuer.verifyToken('not.a.jwt'), null);
    assert.equal(await issuer.verifyToken(''), null);
  });

  it('reads base64url strictly: a signature with a character appended, padding, or non-canonical trailing bits is refused', async () => {
    const { token } = await issuer.mintToken(registry.system, 'https://vault.azure.net');
    assert.ok(await issuer.verifyToken(token));
    for (const suffix of ['=', '==', '!', '%', '+', '/', '\u00e9', 'A', 'AA']) {
      assert.equal(await issuer.verifyToken(token + suffix), null, `signature + ${JSON.stringify(suffix)}`);
    }
    const [head, body, sig] = token.split('.');
    assert.equal(await issuer.verifyToken(`${head}=.${body}.${sig}`), null, 'padded header');
    assert.equal(await issuer.verifyToken(`${head}.${body}!.${sig}`), null, 'junk in the claims');
    // 256 signature bytes end in a character that carries 2 bits; flipping its 4 unused bits decodes to the same bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(sig.at(-1) ?? '');
    const twin = `${sig.slice(0, -1)}${alphabet[last ^ 0b0001]}`;
    assert.deepEqual(Buffer.from(twin, 'base64url'), Buffer.from(sig, 'base64url'), 'the twin decodes to the same bytes leniently');
    assert.equal(await issuer.verifyToken(`${head}.${body}.${twin}`), null, 'non-canonical signature');
  });

  it('gives user identities upn, name and a delegated scope', async () => {
    const user = registry.all.find((i) => i.kind === 'user');
    assert.ok(user);
    const { claims } = await issuer.mintToken(user, 'https://vault.azure.net');
    assert.equal(claims.upn, 'alice@kvx.example');
    assert.equal(claims.name, 'Alice');
    assert.equal(claims.scp, 'user_impersonation');
    assert.equal(claims.idtyp, 'user');
  });

  it('explains bad mint input', async () => {
    await assert.rejects(issuer.mintToken(registry.system, ''), /needs a resource/);
    await assert.rejects(issuer.mintToken(registry.system, 'r', { lifetimeSeconds: 0 }), /must be positive/);
  });
});

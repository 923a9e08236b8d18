import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bmpPassword, pkcs12Kdf } from '../../../src/emulator/x509/pbe.js';

describe('PKCS#12 key derivation', () => {
  it('encodes passwords as UTF-16BE with a terminator', () => {
    assert.equal(bmpPassword('ab').toString('hex'), '006100620000');
    assert.equal(bmpPassword('').toString('hex'), '0000');
  });

  it('matches the published test vectors (BouncyCastle PKCS12 KDF)', () => {
    const smegSalt = Buffer.from('0A58CF64530D823F', 'hex');
    assert.equal(pkcs12Kdf(bmpPassword('smeg'), smegSalt, 1, 1, 24, 'sha1').toString('hex').toUpperCase(), '8AAAE6297B6CB04642AB5B077851284EB7128F1A2A7FBCA3');
    assert.equal(pkcs12Kdf(bmpPassword('smeg'), smegSalt, 2, 1, 8, 'sha1').toString('hex').toUpperCase(), '79993DFE048D3B76');
    const queegSalt = Buffer.from('1682C0FC5B3F7EC5', 'hex');
    assert.equal(pkcs12Kdf(bmpPassword('queeg'), queegSalt, 1, 1000, 24, 'sha1').toString('hex').toUpperCase(), '483DD6E919D7DE2E8E648BA8F862F3FBFBDC2BCB2C02957F');
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fromPem, toPem } from '../../../src/emulator/x509/pem.js';

describe('pem', () => {
  it('round-trips PEM armour and says which label is missing', () => {
    const der = Buffer.from('3003020101', 'hex'); // SEQUENCE { INTEGER 1 }
    const pem = toPem(der, 'THING');
    assert.match(pem, /^-----BEGIN THING-----\n/);
    assert.deepEqual(fromPem(pem, 'THING'), der);
    assert.throws(() => fromPem(pem, 'CERTIFICATE'), /BEGIN CERTIFICATE/);
  });
});

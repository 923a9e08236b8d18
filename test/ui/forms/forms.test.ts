import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCertificate } from '../../../src/ui/forms/certificate-form.js';
import { createForm, formKey, formReducer, isChanged } from '../../../src/ui/forms/form-model.js';
import type { FormState } from '../../../src/ui/forms/form-model.js';
import { buildKey } from '../../../src/ui/forms/key-form.js';
import { buildSecret, secretFields } from '../../../src/ui/forms/secret-form.js';

const now = Date.parse('2025-03-01T00:00:00Z');

function typeInto(state: FormState, text: string): FormState {
  let s = state;
  for (const ch of text) s = formReducer(s, formKey(ch, ch, s.fields[s.focus])!);
  return s;
}

describe('form editing', () => {
  it('types into the focused field, moves with Tab, toggles and keeps text after problems', () => {
    let s = createForm(secretFields('new'), { enabled: 'yes' });
    s = typeInto(s, 'db_pass');
    s = formReducer(s, { type: 'next' });
    s = typeInto(s, 'v');
    const built = buildSecret(s.values, 'vault', undefined, now);
    assert.equal(built.ok, false);
    s = formReducer(s, { type: 'problems', problems: built.ok ? {} : built.problems });
    assert.equal(s.focus, 0, 'the cursor goes to the first wrong field');
    assert.match(s.problems.name, /only letters, digits and "-"/);
    assert.equal(s.values.name, 'db_pass', 'what was typed stays');
    s = formReducer(s, { type: 'backspace' });
    assert.equal(s.problems.name, undefined, 'editing the field clears its problem');
    const enabled = s.fields.findIndex((f) => f.id === 'enabled');
    s = { ...s, focus: enabled };
    s = formReducer(s, formKey(' ', ' ', s.fields[enabled])!);
    assert.equal(s.values.enabled, 'no');
  });
});

describe('building inputs', () => {
  it('a secret with tags and dates', () => {
    const built = buildSecret({ name: 'api-key', value: 'x', contentType: 'text/plain', tags: 'env=prod', enabled: 'yes', notBefore: '', expiresOn: '+30d' }, 'v', undefined, now);
    assert.ok(built.ok);
    assert.deepEqual(built.input.tags, { env: 'prod' });
    assert.equal(built.input.expiresOn?.toISOString(), '2025-03-31T00:00:00.000Z');
  });
  it('reports every wrong field at once', () => {
    const built = buildSecret({ name: '', value: '', tags: 'x', notBefore: 'soon', expiresOn: '2040-01-01' }, 'v', undefined, now);
    assert.equal(built.ok, false);
    assert.deepEqual(Object.keys(built.ok ? {} : built.problems).sort(), ['expiresOn', 'name', 'notBefore', 'tags', 'value']);
  });
  it('a key and a certificate', () => {
    const key = buildKey({ name: 'k', keyType: 'EC', size: 'P-384', keyOps: 'sign verify', tags: '', enabled: 'yes' }, 'v', now);
    assert.ok(key.ok);
    assert.deepEqual([key.input.keyType, key.input.curve, key.input.keyOps], ['EC', 'P-384', ['sign', 'verify']]);
    const cert = buildCertificate({ name: 'c', subject: 'CN=a.contoso.com', dnsNames: 'a.contoso.com', validity: '12', keyType: 'RSA', size: '', format: 'PFX', tags: '' }, 'v');
    assert.ok(cert.ok);
    assert.deepEqual([cert.input.keySize, cert.input.format, cert.input.dnsNames], [2048, 'PFX', ['a.contoso.com']]);
  });
});

describe('text fields edit like a shell line', () => {
  const press = (s: ReturnType<typeof createForm>, name: string, input = '') => formReducer(s, formKey(name, input, s.fields[s.focus])!);
  const typed = (s: ReturnType<typeof createForm>, text: string) => {
    for (const ch of text) s = press(s, ch, ch);
    return s;
  };
  const name = (s: ReturnType<typeof createForm>) => s.values[s.fields[s.focus].id];

  it('←/→/Home/End move the cursor and typing inserts there; Delete removes under the cursor', () => {
    let s = typed(createForm(secretFields('new'), {}), 'db-pass');
    s = press(s, 'left');
    s = press(s, 'left');
    s = typed(s, 'XY');
    assert.equal(name(s), 'db-paXYss');
    s = press(s, 'home');
    s = typed(s, 'A');
    assert.equal(name(s), 'Adb-paXYss');
    s = press(s, 'delete');
    assert.equal(name(s), 'Ab-paXYss');
    s = press(s, 'end');
    s = press(s, 'backspace');
    assert.equal(name(s), 'Ab-paXYs');
    s = press(s, 'right');
    assert.equal(s.cursor, 8, 'the cursor stops at the end');
  });

  it('^W deletes the word before the cursor, ^U clears the field; other fields keep their text', () => {
    let s = typed(createForm(secretFields('new'), {}), 'app db-pass');
    s = press(s, 'ctrl+w', 'w');
    assert.equal(name(s), 'app ');
    s = press(s, 'ctrl+w', 'w');
    assert.equal(name(s), '');
    s = typed(s, 'keep');
    s = formReducer(s, { type: 'next' });
    s = typed(s, 'value');
    s = press(s, 'ctrl+u', 'u');
    assert.equal(s.values.value, '');
    assert.equal(s.values.name, 'keep');
  });

  it('a field focused again has the cursor at its end; the form knows when it was changed', () => {
    let s = createForm(secretFields('new'), { name: 'abc' });
    assert.equal(isChanged(s), false);
    s = formReducer(s, { type: 'next' });
    s = formReducer(s, { type: 'prev' });
    assert.equal(s.cursor, 3);
    s = typed(s, 'd');
    assert.equal(isChanged(s), true);
  });
});

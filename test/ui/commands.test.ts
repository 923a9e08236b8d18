import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete, completions, parseCommand } from '../../src/ui/commands.js';

test('commands parse to actions', () => {
  assert.deepEqual(parseCommand('keys'), { kind: 'collection', collection: 'keys' });
  assert.deepEqual(parseCommand(':certs'), { kind: 'collection', collection: 'certificates' });
  assert.deepEqual(parseCommand('secrets'), { kind: 'collection', collection: 'secrets' });
  assert.deepEqual(parseCommand('deleted'), { kind: 'deleted' });
  assert.deepEqual(parseCommand('vault  kvx-demo-dev '), { kind: 'vault', name: 'kvx-demo-dev' });
  assert.deepEqual(parseCommand('filter db pass'), { kind: 'filter', text: 'db pass' });
  assert.deepEqual(parseCommand('q'), { kind: 'quit' });
  assert.deepEqual(parseCommand('sort expires'), { kind: 'sort', key: 'expires' });
});

test(':secret NAME, :key NAME and :cert NAME open that item by name', () => {
  assert.deepEqual(parseCommand('cert api-gateway-tls'), { kind: 'open', collection: 'certificates', name: 'api-gateway-tls' });
  assert.deepEqual(parseCommand(':secret db-password'), { kind: 'open', collection: 'secrets', name: 'db-password' });
  assert.deepEqual(parseCommand('key  signing-key '), { kind: 'open', collection: 'keys', name: 'signing-key' });
  // The optional NAME gets no space on completion: Enter on "certs" still just shows the list.
  assert.equal(complete('ce', []), 'certs');
});

test('unknown commands and missing arguments say what is wrong', () => {
  const unknown = parseCommand('sekrets');
  assert.equal(unknown.kind, 'error');
  assert.match(unknown.kind === 'error' ? unknown.message : '', /unknown command :sekrets \(try :secrets, :sort\)/);
  assert.deepEqual(parseCommand('vault'), { kind: 'error', message: ':vault needs a NAME or URL' });
});

test('Tab completes command names and vault names', () => {
  assert.equal(complete('se', []), 'secrets');
  assert.equal(complete('ce', []), 'certs');
  // :vault and :vaults share the prefix: Tab goes as far as they agree.
  assert.equal(complete('v', []), 'vault');
  assert.equal(complete('vaults', []), 'vaults');
  assert.equal(complete('vault ', []), 'vault ');
  assert.deepEqual(completions('s', []), ['secrets', 'sort ']);
  assert.equal(complete('s', []), 's');
  assert.equal(complete('vault kvx-demo-p', ['kvx-demo-prod', 'kvx-demo-dev']), 'vault kvx-demo-prod');
  assert.equal(complete('vault kvx', ['kvx-demo-prod', 'kvx-demo-dev']), 'vault kvx-demo-');
  assert.equal(complete('zz', []), 'zz');
});

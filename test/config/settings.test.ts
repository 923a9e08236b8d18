// Settings from flags, environment and config file: precedence, defaults and the messages for bad values.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appFlags, parseArgs, UsageError } from '../../src/config/flags.js';
import type { SettingsIo } from '../../src/config/settings-io.js';
import { parseConfigFile } from '../../src/config/config-file.js';
import { loadSettings } from '../../src/config/settings.js';
import { nodeIo } from '../../src/config/settings-io.js';
import { isLoopbackHost, parseVaultAddress } from '../../src/config/vault-address.js';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function io(files: Record<string, string> = {}): SettingsIo {
  return { readFile: (file) => files[file], homeDir: () => '/home/u' };
}

function settings(argv: string[], env: NodeJS.ProcessEnv = {}, files: Record<string, string> = {}) {
  return loadSettings(parseArgs(argv, appFlags), env, io(files));
}

function usageError(pattern: RegExp) {
  return (error: unknown) => error instanceof UsageError && pattern.test(error.message);
}

describe('vault addresses', () => {
  test('a bare name means https://NAME.vault.azure.net', () => {
    assert.deepEqual(parseVaultAddress('Contoso-Prod'), { name: 'Contoso-Prod', url: 'https://contoso-prod.vault.azure.net', local: false });
  });

  test('a URL at the root of its origin is kept, with or without a trailing slash', () => {
    assert.deepEqual(parseVaultAddress('https://contoso.vault.azure.net/'), { name: 'contoso', url: 'https://contoso.vault.azure.net', local: false });
    assert.equal(parseVaultAddress('contoso.vault.azure.cn').url, 'https://contoso.vault.azure.cn');
  });

  test('a loopback URL is local, may use http, and is named by host and port', () => {
    assert.deepEqual(parseVaultAddress('https://127.0.0.1:8443'), { name: '127.0.0.1:8443', url: 'https://127.0.0.1:8443', local: true });
    assert.equal(parseVaultAddress('http://localhost:9000').local, true);
    assert.equal(parseVaultAddress('https://[::1]:8443').url, 'https://[::1]:8443');
  });

  test('bad names and URLs say what is wrong and what is allowed', () => {
    assert.throws(() => parseVaultAddress('ab'), usageError(/"ab" is not a vault name: use 3 to 24 letters, digits and "-"/));
    assert.throws(() => parseVaultAddress('1vault'), usageError(/starting with a letter/));
    assert.throws(() => parseVaultAddress('my--vault'), usageError(/without "--"/));
    assert.throws(() => parseVaultAddress('a'.repeat(25)), usageError(/is not a vault name/));
    assert.throws(() => parseVaultAddress('http://contoso.vault.azure.net'), usageError(/must use https:\/\/ \(http:\/\/ is allowed only for loopback/));
    assert.throws(() => parseVaultAddress('https://contoso.vault.azure.net/secrets/x'), usageError(/must be the root of its origin/));
    assert.throws(() => parseVaultAddress('https://contoso.vault.azure.net/?a=1'), usageError(/root of its origin/));
    assert.throws(() => parseVaultAddress('bad\u001b[2Jname', 'KEY_VAULT_NAME'), (e: Error) => e.message.startsWith('KEY_VAULT_NAME: ') && !e.message.includes('\u001b'));
  });

  test('a vault URL is held to the vault-name rules for its first DNS label (loopback aside)', () => {
    assert.throws(() => parseVaultAddress('https://ab.vault.azure.net'), usageError(/"https:\/\/ab.vault.azure.net" names no vault: "ab" is not a vault name/));
    assert.throws(() => parseVaultAddress('https://my--vault.vault.azure.net'), usageError(/names no vault: .*without "--"/));
    assert.throws(() => parseVaultAddress('https://1vault.vault.azure.net'), usageError(/names no vault/));
    assert.throws(() => parseVaultAddress(`https://${'a'.repeat(25)}.vault.azure.net`), usageError(/names no vault/));
    assert.throws(() => parseVaultAddress('contoso-.vault.azure.net'), usageError(/names no vault/));
    assert.equal(parseVaultAddress('https://contoso-prod.vault.azure.net').name, 'contoso-prod');
    assert.equal(parseVaultAddress('https://contoso.vault.azure.cn/').url, 'https://contoso.vault.azure.cn');
    assert.equal(parseVaultAddress('http://127.0.0.1:8443').local, true);
  });

  test('loopback means 127.0.0.0/8, ::1 and localhost, nothing else', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['10.0.0.1', 'example.com', '127.0.0.1.nip.io', '0.0.0.0']) assert.equal(isLoopbackHost(host), false, host);
  });
});

describe('loadSettings', () => {
  test('vault arguments come first, then KEY_VAULT_NAME, then AZURE_KEYVAULT_URL, then the config file', () => {
    const config = { '/home/u/.config/kvx/config.json': JSON.stringify({ vaults: ['from-config'] }) };
    const env = { KEY_VAULT_NAME: 'from-name', AZURE_KEYVAULT_URL: 'https://from-url.vault.azure.net' };
    assert.deepEqual(settings(['arg-vault', 'https://second.vault.azure.net'], env, config).vaults.map((v) => v.name), ['arg-vault', 'second']);
    assert.deepEqual(settings([], env, config).vaults.map((v) => v.name), ['from-name']);
    assert.deepEqual(settings([], { AZURE_KEYVAULT_URL: env.AZURE_KEYVAULT_URL }, config).vaults.map((v) => v.name), ['from-url']);
    assert.deepEqual(settings([], {}, config).vaults.map((v) => v.name), ['from-config']);
  });

  test('with neither vaults nor --demo there is nothing to open, and the UI can tell', () => {
    const s = settings([]);
    assert.deepEqual(s.vaults, []);
    assert.equal(s.demo, false);
  });

  test('--demo opens no real vaults and refuses vault arguments', () => {
    const s = settings(['--demo'], { KEY_VAULT_NAME: 'ignored' });
    assert.equal(s.demo, true);
    assert.deepEqual(s.vaults, []);
    assert.throws(() => settings(['--demo', 'x-vault']), usageError(/either --demo or vault names/));
  });

  test('--demo-identity picks a demo identity by name, and only with --demo', () => {
    assert.equal(settings(['--demo', '--demo-identity', 'kvx-reader']).demoIdentity, 'kvx-reader');
    assert.equal(settings(['--demo']).demoIdentity, undefined);
    assert.throws(() => settings(['--demo', '--demo-identity', 'mallory']), usageError(/must be one of system, kvx-app, kvx-reader, alice, not "mallory"/));
    assert.throws(() => settings(['some-vault', '--demo-identity', 'alice']), usageError(/works only with --demo/));
  });

  test('the same vault given twice opens once', () => {
    assert.equal(settings(['contoso', 'https://contoso.vault.azure.net']).vaults.length, 1);
  });

  test('a bad vault argument names where it came from', () => {
    assert.throws(() => settings([], { KEY_VAULT_NAME: 'x' }), usageError(/^KEY_VAULT_NAME: "x" is not a vault name/));
    assert.throws(() => settings(['x']), usageError(/^vault argument: "x"/));
  });

  test('--ca-file, then NODE_EXTRA_CA_CERTS, give the CA for loopback vaults', () => {
    assert.equal(settings(['--ca-file', '/ca.pem'], {}, { '/ca.pem': CA }).ca, CA);
    const fromEnv = settings([], { NODE_EXTRA_CA_CERTS: '/env.pem' }, { '/env.pem': CA });
    assert.equal(fromEnv.ca, CA);
    assert.equal(fromEnv.caFile, '/env.pem');
    assert.throws(() => settings(['--ca-file', '/missing.pem']), usageError(/^--ca-file: no file at \/missing.pem/));
    assert.throws(() => settings(['--ca-file', '/x.pem'], {}, { '/x.pem': 'hello' }), usageError(/holds no PEM certificate/));
    assert.throws(() => settings([], { NODE_EXTRA_CA_CERTS: '/none' }), usageError(/^NODE_EXTRA_CA_CERTS: no file/));
  });

  test('tenant and client id come from flags or AZURE_TENANT_ID / AZURE_CLIENT_ID and are checked', () => {
    const guid = '11111111-2222-3333-4444-555555555555';
    assert.equal(settings(['--client-id', guid]).clientId, guid);
    assert.equal(settings([], { AZURE_CLIENT_ID: guid, AZURE_TENANT_ID: 'contoso.onmicrosoft.com' }).tenantId, 'contoso.onmicrosoft.com');
    assert.equal(settings(['--tenant', guid], { AZURE_TENANT_ID: 'other.example' }).tenantId, guid);
    assert.throws(() => settings(['--client-id', 'not-a-guid']), usageError(/^--client-id: "not-a-guid" is not valid; use the client id \(a GUID\)/));
    assert.throws(() => settings([], { AZURE_TENANT_ID: 'bad tenant!' }), usageError(/^AZURE_TENANT_ID:/));
  });

  test('NO_COLOR or --no-color picks the plain theme; read-only comes from the flag or the config file', () => {
    assert.equal(settings([], { NO_COLOR: '1' }).theme, 'plain');
    assert.equal(settings(['--no-color']).noColor, true);
    assert.equal(settings([], { NO_COLOR: '' }).theme, 'dark');
    assert.equal(settings(['--read-only']).readOnly, true);
    assert.equal(settings([], {}, { '/c.json': '{"readOnly": true, "theme": "plain"}' }).readOnly, false, 'only the default path is read without --config');
    const s = settings(['--config', '/c.json'], {}, { '/c.json': '{"readOnly": true, "theme": "plain"}' });
    assert.equal(s.readOnly, true);
    assert.equal(s.theme, 'plain');
    assert.equal(s.configFile, '/c.json');
  });

  test('the config file lives under XDG_CONFIG_HOME when set; --config must exist', () => {
    assert.deepEqual(settings([], { XDG_CONFIG_HOME: '/xdg' }, { '/xdg/kvx/config.json': '{"vaults": ["xdg-vault"]}' }).vaults.map((v) => v.name), ['xdg-vault']);
    assert.throws(() => settings(['--config', '/nope.json']), usageError(/^--config: no file at \/nope.json/));
  });
});

describe('config file on disk', () => {
  test('a config path that is a directory is a usage error naming it, not an EISDIR crash', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kvx-config-dir-'));
    try {
      assert.throws(() => loadSettings(parseArgs(['--config', dir], appFlags), {}), usageError(/^--config: .* is a directory; give the path of a file/));
      assert.throws(() => loadSettings(parseArgs([], appFlags), { XDG_CONFIG_HOME: dir }, { ...nodeIo, readFile: () => { throw Object.assign(new Error('x'), { code: 'EISDIR' }); } }), usageError(/^config: .* is a directory/));
      assert.throws(() => loadSettings(parseArgs(['--ca-file', dir], appFlags), {}), usageError(/^--ca-file: .* is a directory/));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a config file saved with a UTF-8 byte order mark is read', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kvx-config-bom-'));
    try {
      const file = path.join(dir, 'config.json');
      writeFileSync(file, '\ufeff{"vaults": ["bom-vault"], "readOnly": true}');
      const loaded = loadSettings(parseArgs(['--config', file], appFlags), {});
      assert.deepEqual(loaded.vaults.map((v) => v.name), ['bom-vault']);
      assert.equal(loaded.readOnly, true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('config file', () => {
  test('keymap overrides map command ids to key lists', () => {
    assert.deepEqual(parseConfigFile('{"keys": {"move.down": ["j", "down"]}}', 'c.json').keys, { 'move.down': ['j', 'down'] });
  });

  test('every bad field is named with what is allowed', () => {
    const cases: [string, RegExp][] = [
      ['{', /^c.json: not valid JSON/],
      ['[]', /^c.json: must hold a JSON object/],
      ['{"colour": 1}', /^c.json: unknown field "colour"; allowed: vaults, readOnly, theme, keys/],
      ['{"vaults": "x"}', /"vaults" must be a list of vault names or URLs/],
      ['{"readOnly": "yes"}', /"readOnly" must be true or false/],
      ['{"theme": "neon"}', /"theme" must be one of dark, plain/],
      ['{"keys": []}', /"keys" must map command ids to lists of keys/],
      ['{"keys": {"quit": []}}', /"keys.quit" must be a non-empty list of key names/],
      ['{"keys": {"quit": [1]}}', /"keys.quit" must be a non-empty list/],
      ['{"tenantId": ""}', /"tenantId" must be a non-empty string/],
    ];
    for (const [text, pattern] of cases) assert.throws(() => parseConfigFile(text, 'c.json'), usageError(pattern), text);
  });

  test('a bad vault in the config file names the file and the field', () => {
    assert.throws(() => settings([], {}, { '/home/u/.config/kvx/config.json': '{"vaults": ["x"]}' }), usageError(/config.json: "vaults": "x" is not a vault name/));
  });
});

describe('clipboard clearing and --log', () => {
  test('a copied secret value is cleared after 30 s by default; the flag beats the config file; 0 turns it off', () => {
    assert.equal(settings(['--demo']).clipboardClearMs, 30_000);
    const files = { '/home/u/.config/kvx/config.json': '{"clipboardClearSeconds": 0}' };
    assert.equal(settings(['--demo'], {}, files).clipboardClearMs, 0);
    assert.equal(settings(['--demo', '--clipboard-clear', '5'], {}, files).clipboardClearMs, 5000);
    assert.throws(() => settings(['--demo', '--clipboard-clear', '-1']), usageError(/--clipboard-clear must be between 0 and 86400/));
    assert.throws(() => parseConfigFile('{"clipboardClearSeconds": "30"}', 'c.json'), usageError(/"clipboardClearSeconds" must be a whole number of seconds from 0/));
  });

  test('--log names the file; AZURE_LOG_LEVEL is kept for the runtime to route there', () => {
    const s = settings(['--demo', '--log', '/tmp/kvx.log'], { AZURE_LOG_LEVEL: 'verbose' });
    assert.equal(s.logFile, '/tmp/kvx.log');
    assert.equal(s.azureLogLevel, 'verbose');
  });
});

describe('clouds and ARM', () => {
  const load = (argv: string[], files: Record<string, string> = {}) =>
    loadSettings(parseArgs(argv, appFlags), {}, { readFile: (f) => files[f], homeDir: () => '/home/x' });

  test('--cloud picks the ARM endpoint, sign-in authority and vault DNS suffix, so a bare name opens there', () => {
    const gov = load(['--cloud', 'azureusgovernment', 'payments']);
    assert.equal(gov.cloud, 'AzureUSGovernment');
    assert.equal(gov.vaults[0].url, 'https://payments.vault.usgovcloudapi.net');
    assert.equal(gov.armEndpoint, 'https://management.usgovcloudapi.net');
    assert.equal(gov.authorityHost, 'https://login.microsoftonline.us');
    const china = load(['--config', '/c.json', 'app'], { '/c.json': '{"cloud": "AzureChinaCloud"}' });
    assert.equal(china.vaults[0].url, 'https://app.vault.azure.cn');
    const plain = load(['app']);
    assert.equal(plain.armEndpoint, 'https://management.azure.com');
    assert.throws(() => load(['--cloud', 'Mars']), /--cloud: unknown cloud "Mars"; use one of AzureCloud, AzureUSGovernment, AzureChinaCloud/);
  });

  test('--arm-endpoint points discovery at any ARM; it must be an https origin', () => {
    assert.equal(load(['--arm-endpoint', 'https://127.0.0.1:41235/']).armEndpoint, 'https://127.0.0.1:41235');
    assert.throws(() => load(['--arm-endpoint', 'http://127.0.0.1:1']), /--arm-endpoint: "http:\/\/127\.0\.0\.1:1" must use https:\/\//);
    assert.throws(() => load(['--arm-endpoint', 'https://x/api']), /must be an origin/);
  });

  test('pinned and recent vaults come from the config file, by URL', () => {
    const s = load(['--config', '/c.json'], { '/c.json': '{"pinned": ["https://pin-vault.vault.azure.net"], "recent": ["r-vault"]}' });
    assert.deepEqual(s.pinned?.map((v) => v.url), ['https://pin-vault.vault.azure.net']);
    assert.deepEqual(s.recent?.map((v) => v.url), ['https://r-vault.vault.azure.net']);
    assert.throws(() => load(['--config', '/c.json'], { '/c.json': '{"pinned": "x"}' }), /"pinned" must be a list of vault URLs/);
  });
});

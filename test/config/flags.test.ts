import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appFlags, formatFlagHelp, parseArgs, UsageError, type FlagSpec } from '../../src/config/flags.js';

const specs: FlagSpec[] = [
  { name: 'demo', type: 'boolean', description: 'demo' },
  { name: 'port', type: 'number', value: 'N', description: 'port', min: 0, max: 65535 },
  { name: 'vault', type: 'string', value: 'NAME', description: 'vault', repeatable: true },
  { name: 'help', short: 'h', type: 'boolean', description: 'help' },
];

test('flags and positionals are parsed, with --flag=value and repeats', () => {
  const { flags, positionals } = parseArgs(['--demo', 'prod', '--port=8443', '--vault', 'a', '--vault=b', '-h', '--', '--x'], specs);
  assert.deepEqual(flags, { demo: true, port: 8443, vault: ['a', 'b'], help: true });
  assert.deepEqual(positionals, ['prod', '--x']);
});

test('an unknown flag is named and the allowed ones listed', () => {
  assert.throws(() => parseArgs(['--bogus'], specs), (e: unknown) => {
    assert.ok(e instanceof UsageError);
    assert.match(e.message, /unknown flag --bogus/);
    assert.match(e.message, /--demo, --port, --vault, --help/);
    return true;
  });
});

test('a bad number says what is wrong and what is allowed', () => {
  assert.throws(() => parseArgs(['--port', 'abc'], specs), /--port takes a whole number, not "abc"/);
  assert.throws(() => parseArgs(['--port', '70000'], specs), /--port must be between 0 and 65535, not 70000/);
  assert.throws(() => parseArgs(['--port'], specs), /--port needs a value \(N\)/);
  assert.throws(() => parseArgs(['--demo=yes'], specs), /--demo takes no value/);
});

test('help lists every app flag with its description on one line', () => {
  const help = formatFlagHelp(appFlags);
  const lines = help.split('\n');
  assert.equal(lines.length, appFlags.length);
  for (const spec of appFlags) {
    const line = lines.find((l) => l.includes(`--${spec.name}`));
    assert.ok(line?.includes(spec.description), `--${spec.name} has its description`);
  }
});

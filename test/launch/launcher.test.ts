// The launcher runs a script with V8's code cache of it, taken when the script says so (kvx
// does once its first rows are shown: save-code-cache.ts). Each start here is a Node process
// of its own, as kvx's are: V8 takes or refuses the cache there.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { SCRIPT_HASH_PREFIX, scriptHash } from '../../src/launch/launcher.js';

const launcher = pathToFileURL(fileURLToPath(new URL('../../src/launch/launcher.ts', import.meta.url))).href;
const work = mkdtempSync(path.join(tmpdir(), 'kvx-launcher-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** A script as the build writes it (one wrapped function): some functions to compile, its body, the cache taken if offered, then its hash line. */
function writeScript(name: string, body: string): string {
  const file = path.join(work, name);
  const text = `(function (exports, require, module, __filename, __dirname) {'use strict';\nfunction shout(s) { return s.toUpperCase(); }\n${body}\nglobalThis[Symbol.for('kvx.codeCache')]?.save();\n})\n`;
  writeFileSync(file, `${text}${SCRIPT_HASH_PREFIX}${createHash('sha256').update(text).digest('hex').slice(0, 32)}\n`);
  return file;
}

interface Run {
  cache: string;
  cacheFile?: string;
  saved?: boolean;
  said: string;
}

/** Starts a Node process that launches `script` and reports what became of the cache. */
async function start(script: string, env: Record<string, string>): Promise<Run> {
  const code = `
    const { launch } = await import(${JSON.stringify(launcher)});
    const out = [];
    const write = process.stdout.write.bind(process.stdout);
    globalThis.say = (s) => out.push(s);
    const r = launch(${JSON.stringify(script)});
    const saved = r.saved ? await r.saved : undefined;
    write(JSON.stringify({ cache: r.cache, cacheFile: r.cacheFile, saved, said: out.join() }));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    env: { PATH: process.env.PATH ?? '', HOME: path.join(work, 'home'), ...env },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as Run;
}

describe('launch', () => {
  test('runs the script as a CommonJS main module: require, module, __filename and __dirname are its own', async () => {
    const script = writeScript('main.cjs', 'say(shout(path()) + " " + typeof module.exports + " " + require("node:path").basename(__filename) + " " + (__dirname === require("node:path").dirname(__filename)));\nfunction path() { return "ran"; }');
    const run = await start(script, { XDG_CACHE_HOME: path.join(work, 'main-cache') });
    assert.equal(run.said, 'RAN object main.cjs true');
  });

  test('a first start leaves a cache (0600 in a 0700 directory) that the next start takes, and does not write again', async () => {
    const script = writeScript('first.cjs', 'say(shout("one"));');
    const env = { XDG_CACHE_HOME: path.join(work, 'first-cache') };
    const first = await start(script, env);
    assert.deepEqual({ cache: first.cache, saved: first.saved, said: first.said }, { cache: 'missing', saved: true, said: 'ONE' });
    assert.ok(first.cacheFile?.startsWith(path.join(work, 'first-cache', 'kvx', 'code-cache') + path.sep));
    assert.equal(statSync(first.cacheFile ?? '').mode & 0o777, 0o600);
    assert.equal(statSync(path.dirname(first.cacheFile ?? '')).mode & 0o777, 0o700);
    const second = await start(script, env);
    assert.deepEqual({ cache: second.cache, saved: second.saved, said: second.said, file: second.cacheFile }, { cache: 'accepted', saved: undefined, said: 'ONE', file: first.cacheFile });
  });

  test('offers the taking of the cache to the script once, and not at all when V8 took the cache', async () => {
    const script = writeScript('offered.cjs', `const hook = () => globalThis[Symbol.for('kvx.codeCache')];\nsay(typeof hook());\nconst h = hook();\nif (h) { say(String(h.save())); say(typeof hook()); say(String(h.save())); }`);
    const env = { XDG_CACHE_HOME: path.join(work, 'offered-cache') };
    const first = await start(script, env);
    assert.deepEqual({ said: first.said, saved: first.saved }, { said: 'object,true,undefined,false', saved: true });
    assert.deepEqual((await start(script, env)).said, 'undefined');
  });

  test('a script that never takes the cache leaves none', async () => {
    const file = path.join(work, 'never.cjs');
    const text = '(function () { say("never"); })\n';
    writeFileSync(file, `${text}${SCRIPT_HASH_PREFIX}${createHash('sha256').update(text).digest('hex').slice(0, 32)}\n`);
    const env = { XDG_CACHE_HOME: path.join(work, 'never-cache') };
    const code = `const { launch } = await import(${JSON.stringify(launcher)}); globalThis.say = () => {}; const r = launch(${JSON.stringify(file)}); process.stdout.write(r.cache);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 });
    assert.equal(stdout, 'missing');
    assert.equal(existsSync(path.join(work, 'never-cache')), false);
  });

  test('a cache V8 refuses (not a code cache at all) is replaced by a good one', async () => {
    const script = writeScript('refused.cjs', 'say(shout("two"));');
    const env = { XDG_CACHE_HOME: path.join(work, 'refused-cache') };
    const { cacheFile } = await start(script, env);
    assert.ok(cacheFile);
    writeFileSync(cacheFile, 'not a code cache', { mode: 0o600 });
    const refused = await start(script, env);
    assert.deepEqual({ cache: refused.cache, saved: refused.saved, said: refused.said }, { cache: 'rejected', saved: true, said: 'TWO' });
    assert.notEqual(readFileSync(cacheFile, 'utf8'), 'not a code cache');
    assert.equal((await start(script, env)).cache, 'accepted');
  });

  test('a changed script has a cache of its own', async () => {
    const env = { XDG_CACHE_HOME: path.join(work, 'changed-cache') };
    const before = await start(writeScript('changed.cjs', 'say(shout("three"));'), env);
    const changed = await start(writeScript('changed.cjs', 'say(shout("four"));'), env);
    assert.deepEqual([before.cache, changed.cache, changed.said], ['missing', 'missing', 'FOUR']);
    assert.notEqual(before.cacheFile, changed.cacheFile);
  });

  test('a script edited in place, its hash line kept and its length the same, does not meet the cache of the one before', async () => {
    const env = { XDG_CACHE_HOME: path.join(work, 'edited-cache') };
    const file = writeScript('edited.cjs', 'say(shout("eight"));');
    const before = await start(file, env);
    assert.equal((await start(file, env)).cache, 'accepted');
    // V8 would take the old cache for text of the same length.
    writeFileSync(file, readFileSync(file, 'utf8').replace('"eight"', '"EIGHT"'));
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    const edited = await start(file, env);
    assert.deepEqual({ cache: edited.cache, said: edited.said }, { cache: 'missing', said: 'EIGHT' });
    assert.notEqual(edited.cacheFile, before.cacheFile);
  });

  test('a cache file others may write, or a symbolic link in its place, is not read (and is replaced)', async () => {
    const script = writeScript('others.cjs', 'say(shout("five"));');
    const env = { XDG_CACHE_HOME: path.join(work, 'others-cache') };
    const { cacheFile } = await start(script, env);
    assert.ok(cacheFile);
    chmodSync(cacheFile, 0o666);
    const writable = await start(script, env);
    assert.deepEqual([writable.cache, writable.saved], ['missing', true]);
    assert.equal(statSync(cacheFile).mode & 0o777, 0o600);
    const elsewhere = path.join(work, 'elsewhere.v8');
    writeFileSync(elsewhere, readFileSync(cacheFile), { mode: 0o600 });
    rmSync(cacheFile);
    symlinkSync(elsewhere, cacheFile);
    assert.equal((await start(script, env)).cache, 'missing');
  });

  test('no cache when Node is told to keep none (NODE_DISABLE_COMPILE_CACHE), or when the script has no hash line: it runs all the same', async () => {
    const script = writeScript('off.cjs', 'say(shout("six"));');
    const off = await start(script, { XDG_CACHE_HOME: path.join(work, 'off-cache'), NODE_DISABLE_COMPILE_CACHE: '1' });
    assert.deepEqual(off, { cache: 'off', said: 'SIX' });
    const bare = path.join(work, 'bare.cjs');
    writeFileSync(bare, '(function () { say("bare"); })\n');
    assert.deepEqual(await start(bare, { XDG_CACHE_HOME: path.join(work, 'off-cache') }), { cache: 'off', said: 'bare' });
    assert.equal(existsSync(path.join(work, 'off-cache')), false);
  });

  test('a cache directory that cannot be made costs the cache, not the start', async () => {
    const blocker = path.join(work, 'a-file');
    writeFileSync(blocker, '');
    const run = await start(writeScript('blocked.cjs', 'say(shout("seven"));'), { XDG_CACHE_HOME: path.join(blocker, 'below') });
    assert.deepEqual({ cache: run.cache, saved: run.saved, said: run.said }, { cache: 'missing', saved: false, said: 'SEVEN' });
  });
});

test("a script of megabytes is compiled from text kept outside V8's heap, not from a copy inside it", async () => {
  const file = writeScript('large.cjs', `say("large");\n/* ${'x'.repeat(3 * 1024 * 1024)} */`);
  const code = `
    const v8 = await import('node:v8');
    const { launch } = await import(${JSON.stringify(launcher)});
    globalThis.say = () => {};
    const external = () => v8.getHeapCodeStatistics().external_script_source_size;
    const inHeap = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'large_object_space').space_used_size;
    const before = { external: external(), inHeap: inHeap() };
    launch(${JSON.stringify(file)});
    process.stdout.write(JSON.stringify({ external: external() - before.external, inHeap: inHeap() - before.inHeap }));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    env: { PATH: process.env.PATH ?? '', HOME: path.join(work, 'home'), XDG_CACHE_HOME: path.join(work, 'large-cache') },
    timeout: 60_000,
  });
  const grew = JSON.parse(stdout) as { external: number; inHeap: number };
  assert.ok(grew.external >= 3 * 1024 * 1024, `outside the heap: +${grew.external} bytes`);
  assert.ok(grew.inHeap < 1024 * 1024, `large objects in the heap: +${grew.inHeap} bytes`);
});

test('a file that is not one wrapped function is refused with what to do', async () => {
  const file = path.join(work, 'unwrapped.cjs');
  writeFileSync(file, 'say("unwrapped");\n');
  await assert.rejects(start(file, { XDG_CACHE_HOME: path.join(work, 'unwrapped-cache') }), /unwrapped\.cjs is not a kvx script \(one wrapped function\): build it again with npm run build/);
});

describe('scriptHash', () => {
  test('reads the hash on the last line, and nothing from a script without one', () => {
    assert.equal(scriptHash(`x;\n${SCRIPT_HASH_PREFIX}0123abcd\n`), '0123abcd');
    assert.equal(scriptHash('x;\n'), undefined);
    assert.equal(scriptHash(`x;\n${SCRIPT_HASH_PREFIX}../../etc\n`), undefined);
  });
});

mkdirSync(path.join(work, 'home'), { recursive: true });

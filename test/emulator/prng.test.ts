import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Prng } from '../../src/emulator/prng.js';

test('the same seed gives the same sequence; another seed another one', () => {
  const a = new Prng('seed');
  const b = new Prng('seed');
  const c = new Prng('seed2');
  const seqA = Array.from({ length: 20 }, () => a.next());
  assert.deepEqual(seqA, Array.from({ length: 20 }, () => b.next()));
  assert.notDeepEqual(seqA, Array.from({ length: 20 }, () => c.next()));
});

test('helpers stay in range', () => {
  const r = new Prng('range');
  for (let i = 0; i < 1000; i++) {
    const n = r.int(3, 7);
    assert.ok(n >= 3 && n <= 7 && Number.isInteger(n));
    const f = r.next();
    assert.ok(f >= 0 && f < 1);
  }
  assert.match(r.hex(32), /^[0-9a-f]{32}$/);
  assert.equal(new Set(r.sample([1, 2, 3, 4, 5], 5)).size, 5);
  assert.equal(r.sample([1, 2, 3], 10).length, 3);
  assert.match(r.string(10, 'ab'), /^[ab]{10}$/);
  assert.throws(() => r.pick([]), /at least one item/);
});

test('int covers both ends of its range', () => {
  const r = new Prng('ends');
  const seen = new Set<number>();
  for (let i = 0; i < 200; i++) seen.add(r.int(0, 3));
  assert.deepEqual([...seen].sort(), [0, 1, 2, 3]);
});

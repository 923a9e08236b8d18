import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { pace } from '../../src/ui/pace.js';

test('a burst of calls runs once at once and once more at the end of each pace window; a quiet call runs at once', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    let clock = 0;
    const runs: number[] = [];
    const paced = pace(() => runs.push(clock), 100, () => clock);
    // 50 calls, one every 4 ms (200 ms in all).
    for (let i = 0; i < 50; i++) {
      paced();
      clock += 4;
      mock.timers.tick(4);
    }
    // The last calls (at 104…196 ms) come as the run at 200 ms: nothing is lost, nothing doubled.
    assert.deepEqual(runs, [0, 100, 200], 'the first call at once, then one run per 100 ms instead of 50');
    mock.timers.tick(100);
    clock += 100;
    assert.equal(runs.length, 3, 'no run without a call');
    clock += 500;
    paced();
    assert.equal(runs.length, 4, 'after a quiet spell a call runs at once');
    paced();
    paced.cancel();
    mock.timers.tick(200);
    assert.equal(runs.length, 4, 'a cancelled trailing run does not come');
  } finally {
    mock.timers.reset();
  }
});

test('touch: a run pending when the result was just shown some other way waits the whole pace again', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    let clock = 0;
    const runs: number[] = [];
    const paced = pace(() => runs.push(clock), 100, () => clock);
    paced();
    assert.deepEqual(runs, [0]);
    // Key repeat redraws every 30 ms while background changes keep coming: no background run squeezes in.
    for (let i = 1; i <= 10; i++) {
      clock += 30;
      mock.timers.tick(30);
      paced();
      paced.touch();
    }
    assert.deepEqual(runs, [0], 'the keys drew the newest data each time');
    clock += 100;
    mock.timers.tick(100);
    assert.deepEqual(runs, [0, 400], 'once the keys stop, the pending run comes a full pace after the last key');
  } finally {
    mock.timers.reset();
  }
});

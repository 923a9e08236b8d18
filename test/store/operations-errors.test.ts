import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActionRefusedError, isActionRefused } from '../../src/store/operations-errors.js';

test('a refusal is recognised by its name and class, also from another bundle\'s copy of the class', () => {
  assert.ok(isActionRefused(new ActionRefusedError('invalid', 'no', 'file')));
  // What the CLI bundle meets: the same shape from a different class object.
  class ActionRefusedErrorCopy extends Error {
    readonly class = 'conflict';
    readonly field = 'name';
    constructor(message: string) {
      super(message);
      this.name = 'ActionRefusedError';
    }
  }
  const foreign = new ActionRefusedErrorCopy('exists');
  assert.ok(!(foreign instanceof ActionRefusedError));
  assert.ok(isActionRefused(foreign));
});

test('other errors, and look-alikes without a known class, are not refusals', () => {
  assert.ok(!isActionRefused(new Error('x')));
  assert.ok(!isActionRefused(Object.assign(new Error('x'), { name: 'ActionRefusedError' })));
  assert.ok(!isActionRefused(Object.assign(new Error('x'), { name: 'ActionRefusedError', class: 'bogus' })));
  assert.ok(!isActionRefused(undefined));
  assert.ok(!isActionRefused('ActionRefusedError'));
});

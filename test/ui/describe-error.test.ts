import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeError } from '../../src/ui/describe-error.js';

test('a throttled load with a retry scheduled says when it retries', () => {
  const text = describeError({ class: 'throttled', status: 429, retryAfterMs: 2000, message: 'throttled, retrying in 2s' });
  assert.equal(text.title, 'throttled, retrying in 2s');
  assert.equal(text.hint, undefined);
});

test('a throttled load whose retries are spent says it stopped and that R retries, never "retrying in"', () => {
  const text = describeError({ class: 'throttled', status: 429, message: 'throttled: the vault kept answering 429; kvx stopped retrying after 3 retries' });
  assert.equal(text.title, 'throttled: kvx stopped retrying');
  assert.equal(text.hint, 'R retries');
  assert.doesNotMatch(`${text.title} ${text.detail} ${text.hint}`, /retrying in/);
});

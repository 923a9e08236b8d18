import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchScore, parseFindQuery } from '../../src/store/find-query.js';

const q = (text: string) => {
  const parsed = parseFindQuery(text);
  assert.ok(parsed.ok, text);
  return parsed.query;
};

describe('find queries', () => {
  it('every word must be in the name, in any case; an exact name ranks above a prefix above a word inside', () => {
    assert.equal(matchScore({ name: 'payments-db-password', tags: {} }, q('DB password')), 1);
    assert.equal(matchScore({ name: 'payments-db-password', tags: {} }, q('payments')), 2);
    assert.equal(matchScore({ name: 'payments-db-password', tags: {} }, q('payments-db-password')), 3);
    assert.equal(matchScore({ name: 'payments-db-password', tags: {} }, q('db user')), -1);
  });

  it('tag:KEY matches a tag by name, tag:KEY=VALUE by value too (any case)', () => {
    const item = { name: 'x', tags: { Env: 'Prod', team: 'ops' } };
    assert.ok(matchScore(item, q('tag:env')) > 0);
    assert.ok(matchScore(item, q('tag:env=prod')) > 0);
    assert.equal(matchScore(item, q('tag:env=dev')), -1);
    assert.equal(matchScore(item, q('tag:owner')), -1);
    assert.ok(matchScore(item, q('x tag:team=ops')) > 0);
  });

  it('says what is wrong with an empty query or an empty tag', () => {
    assert.deepEqual(parseFindQuery('   '), { ok: false, message: ':find needs TEXT (part of a name) or tag:KEY[=VALUE]' });
    assert.equal(parseFindQuery('tag:=x').ok, false);
  });
});

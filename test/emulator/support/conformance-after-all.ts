// The file-wide conformance check as an `after` hook, not a test: a test that checks what the
// other tests of its file recorded depends on running last, which --test-randomize (or picking
// one test with --test-name-pattern) breaks. Every recorded response must conform, always; what
// the check covered (how many responses, which operations) is only asserted when the whole file
// ran, since a single test records only its own share.
import assert from 'node:assert/strict';
import { after } from 'node:test';

export interface ConformanceResult {
  checked: number;
  operations: Set<string>;
  problems: string[];
}

export interface ExpectedCoverage {
  /** At least this many responses were checked. */
  moreThan?: number;
  /** `OperationId status` entries the check must have seen. */
  operations?: readonly string[];
}

/** True when this test process runs only some of its file's tests. */
export function runsSomeTestsOnly(): boolean {
  return process.execArgv.some((a) => /^--test-(name-pattern|skip-pattern|only)\b/.test(a));
}

export function checkConformanceAfterAll(validate: () => ConformanceResult, coverage: ExpectedCoverage = {}): void {
  after(() => {
    const { checked, operations, problems } = validate();
    assert.deepEqual(problems, [], 'every response recorded in this file conforms to the REST spec');
    if (runsSomeTestsOnly()) return;
    if (coverage.moreThan !== undefined) assert.ok(checked > coverage.moreThan, `only ${checked} responses recorded`);
    for (const op of coverage.operations ?? []) assert.ok(operations.has(op), `no ${op} response was checked`);
  });
}

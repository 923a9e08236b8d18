// Opening an item by its exact name, without listing: `:cert NAME` and Enter on a filter that
// names an item not loaded. The demo's kvx-reader may get certificates but not list them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startUi } from '../helpers/ui-harness.js';

const reader = { emulator: { strict: true }, store: { identity: 'kvx-reader' } } as const;

test(':cert NAME opens a certificate for an identity with get but no list permission', async () => {
  const t = await startUi({ columns: 100, rows: 30, ...reader });
  try {
    await t.waitFor((f) => f.includes('acr-pull-token'));
    await t.press('4');
    await t.waitFor((f) => f.includes("missing 'list' permission on certificates"));
    await t.press(':');
    await t.type('cert api-gateway-tls');
    await t.press('return');
    const frame = await t.waitFor((f) => f.includes('certificates ▸ api-gateway-tls') && /subject\s+.*CN=/.test(f));
    assert.match(frame, /SHA-256\s+[0-9A-F]/i);
  } finally {
    await t.stop();
  }
});

test(':secret NAME of a name that does not exist says not found in the details', async () => {
  const t = await startUi({ columns: 100, rows: 30 });
  try {
    await t.waitFor((f) => f.includes('acr-pull-token'));
    await t.press(':');
    await t.type('secret no-such-secret');
    await t.press('return');
    await t.waitFor((f) => f.includes('no-such-secret') && f.includes('not found'));
  } finally {
    await t.stop();
  }
});

test(':key with a name Key Vault cannot have says what names are allowed', async () => {
  const t = await startUi({ columns: 100, rows: 30 });
  try {
    await t.waitFor((f) => f.includes('acr-pull-token'));
    await t.press(':');
    await t.type('key bad_name');
    await t.press('return');
    await t.waitFor((f) => /letters, digits and "-"/.test(f));
  } finally {
    await t.stop();
  }
});

test('Enter on a filter naming a certificate the list refused opens it by name', async () => {
  const t = await startUi({ columns: 100, rows: 30, ...reader });
  try {
    await t.waitFor((f) => f.includes('acr-pull-token'));
    await t.press('4');
    await t.waitFor((f) => f.includes("missing 'list' permission on certificates"));
    await t.press('/');
    await t.type('internal-wildcard');
    await t.waitFor((f) => f.includes('no match among 0 loaded') && f.includes('Enter opens "internal-wildcard"'));
    await t.press('return');
    await t.waitFor((f) => f.includes('certificates ▸ internal-wildcard') && /subject\s+.*CN=/.test(f));
  } finally {
    await t.stop();
  }
});

test('while a list is still loading, a filter with no match says how many are loaded so far', async () => {
  // One item per page, each page slow: the list is still loading while the filter is typed.
  const t = await startUi({ columns: 100, rows: 30, emulator: { latencyMs: 150 }, store: { maxPageSize: 1 } });
  try {
    await t.waitFor((f) => /\d+… items/.test(f));
    await t.press('/');
    await t.type('zzzz');
    const frame = await t.waitFor((f) => /no match among \d+ loaded so far \(still loading\)/.test(f));
    assert.ok(!frame.includes('nothing matches'));
  } finally {
    await t.stop();
  }
});

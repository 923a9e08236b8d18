// The store's refusals reach the forms as themselves in the BUILT kvx (dist/kvx.cjs, where
// the runtime is a lazily evaluated part of one script; it was once a bundle of its own with
// its own copy of ActionRefusedError): an import-form refusal must arrive as itself, not as
// "could not send".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { e2eSkip, runKvx, startTmux } from './support/tmux-session.js';

test('built bundles: an import-form refusal from the store shows its own message in the form, not "could not send"', { skip: e2eSkip }, async () => {
  const t = await startTmux('bundles', { width: 120, height: 30 });
  try {
    runKvx(t, '--demo');
    await t.waitForScreen((s) => s.includes('contoso-prod ▸ secrets'), 'secrets list');
    t.keys('4');
    await t.waitForScreen((s) => s.includes('contoso-prod ▸ certificates'), 'certificates list');
    t.keys('i');
    await t.waitForScreen((s) => s.includes('Import a certificate'), 'import form');
    t.type('bundle-check');
    t.keys('Tab');
    t.type('/nonexistent/kvx-bundle.pem');
    t.keys('Enter');
    const screen = await t.waitForScreen((s) => s.includes('does not exist') || s.includes('could not send'), 'the refusal');
    assert.doesNotMatch(screen, /could not send/);
    assert.match(screen.replace(/\s*\n\s*/g, ' '), /kvx-bundle\.pem does not exist; give the path of a \.pem or \.pfx file/);
    // The form was changed: Esc asks before discarding it.
    t.keys('Escape');
    await t.waitForScreen((s) => s.includes('Discard what you changed?'), 'discard question');
    t.keys('y');
    await t.waitForScreen((s) => !s.includes('Import a certificate'), 'form closed');
    t.keys('q');
    await t.waitForScreen((s) => /KVX-EXIT=\d/.test(s), 'exit');
  } finally {
    t.close();
  }
});

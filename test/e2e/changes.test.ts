// End to end in a real terminal: the built `kvx --demo` in tmux at 80x24 (CI=false, its own
// tmux socket). Deletes a secret and watches the operation complete, recovers it, then deletes
// and purges it; every screen fits the terminal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { e2eSkip, runKvx, startTmux } from './support/tmux-session.js';

const NAME = 'acr-pull-token';

test('kvx --demo at 80x24 in tmux: delete a secret, watch it finish, recover it, then delete and purge it', { skip: e2eSkip }, async () => {
  const t = await startTmux('changes', { assertFits: true });
  const select = async (deleted: boolean) => {
    t.keys(':');
    t.type(`filter ${NAME}`);
    t.keys('Enter');
    await t.waitForScreen((s) => s.includes(`› ${NAME}`) && s.includes(`/${NAME}`) && s.includes(deleted ? '(deleted)' : 'secrets'), `${NAME} selected`);
  };
  try {
    runKvx(t, '--demo');
    await t.waitForScreen((s) => s.includes('contoso-prod ▸ secrets') && s.includes(NAME), 'secrets list');

    await select(false);
    t.keys('d');
    await t.waitForScreen((s) => s.includes(`Delete secret ${NAME}?`), 'delete dialog');
    t.keys('y');
    await t.waitForScreen((s) => s.includes(`delete secret contoso-prod/${NAME}`), 'delete running');
    await t.waitForScreen((s) => s.includes(`✓ delete secret contoso-prod/${NAME}  deleted`), 'delete finished');

    t.keys('D');
    await t.waitForScreen((s) => s.includes('secrets (deleted)'), 'deleted view');
    await select(true);
    t.keys('u');
    await t.waitForScreen((s) => s.includes(`✓ recover secret contoso-prod/${NAME}  recovered`), 'recovered');

    t.keys('D');
    await t.waitForScreen((s) => !s.includes('(deleted)'), 'live view');
    await select(false);
    t.keys('d');
    await t.waitForScreen((s) => s.includes(`Delete secret ${NAME}?`), 'delete dialog again');
    t.keys('p');
    await t.waitForScreen((s) => s.includes('this cannot be undone'), 'type the name');
    t.type(NAME);
    t.keys('Enter');
    await t.waitForScreen((s) => s.includes(`✓ delete+purge secret contoso-prod/${NAME}  purged`), 'purged', 60_000);

    t.keys('q');
    const after = await t.waitForScreen((s) => /KVX-EXIT=\d/.test(s), 'exit');
    assert.match(after, /KVX-EXIT=0/);
  } finally {
    t.close();
  }
});

// Keys typed while the editor owns the terminal reach the editor, not kvx: in a real
// pseudo-terminal, a line typed before the other program reads it stays in the terminal.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const fixture = fileURLToPath(new URL('./fixtures/hold-input-in-pty.ts', import.meta.url));

async function typeWhileOtherReads(mode: 'hold' | 'none'): Promise<string> {
  const command = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(fixture)} ${mode}`;
  const pty = spawn('script', ['-qfec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  let typed = false;
  pty.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    // Typed as soon as the other program runs, a second before it reads.
    if (!typed && out.includes('READY')) {
      typed = true;
      pty.stdin.write('abc\r');
    }
  });
  await new Promise((resolve) => pty.on('exit', resolve));
  return out;
}

test('while the editor has the terminal, kvx reads none of it: a line typed before the editor reads it is the editor\'s', async () => {
  const out = await typeWhileOtherReads('hold');
  assert.match(out, /CHILD:abc/, out);
  assert.match(out, /PARENT:""/, out);
});

test('without the hold the same line is taken by the process that let go of the terminal (why the hold exists)', async () => {
  const out = await typeWhileOtherReads('none');
  assert.match(out, /CHILD:\s*$/m, out);
  assert.match(out, /PARENT:"abc/, out);
});

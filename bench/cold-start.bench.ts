// Cold start to first frame, in a real pseudo-terminal (util-linux `script`), against a
// baseline measured in the same run: a bare `node` that prints one line. The ratio says
// what kvx adds on top of starting Node at all.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Milliseconds from spawn until the pty output contains `marker`. */
function timeToOutput(command: string, marker: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('script', ['-qfec', `stty cols 80 rows 24; ${command}`, '/dev/null'], {
      cwd: root,
      env: { ...process.env, CI: 'false', TERM: 'xterm-256color' },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let seen = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "${marker}" within 20 s; got: ${JSON.stringify(seen.slice(-200))}`));
    }, 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (seen.includes(marker)) {
        const elapsed = performance.now() - started;
        clearTimeout(timer);
        child.kill('SIGTERM');
        resolve(elapsed);
      }
    });
    child.on('error', reject);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function coldStartBench(runs = 9): Promise<{ name: string; baselineMs: number; valueMs: number; ratio: number }[]> {
  const node = JSON.stringify(process.execPath);
  const cases = [
    { name: 'cold start to first frame (kvx, no vault)', command: `exec ${node} bin/kvx.js`, marker: 'No vault to open' },
    { name: 'cold start to first frame (kvx --demo)', command: `exec ${node} bin/kvx.js --demo`, marker: ' kvx ' },
  ];
  // The single executable too, once `npm run package` has made it.
  const sea = `release/kvx-linux-${process.arch}`;
  if (existsSync(new URL(sea, `file://${root}/`))) {
    cases.push(
      { name: 'cold start to first frame (single executable, no vault)', command: `exec ${sea}`, marker: 'No vault to open' },
      { name: 'cold start to first frame (single executable --demo)', command: `exec ${sea} --demo`, marker: ' kvx ' },
    );
  }
  const baseline: number[] = [];
  const results = cases.map(() => [] as number[]);
  // Interleaved so that machine noise hits baseline and kvx alike.
  for (let i = 0; i < runs; i++) {
    baseline.push(await timeToOutput(`exec ${node} -e "process.stdout.write('node-ready')"`, 'node-ready'));
    for (const [j, c] of cases.entries()) results[j].push(await timeToOutput(c.command, c.marker));
  }
  const b = median(baseline);
  return cases.map((c, j) => ({ name: c.name, baselineMs: b, valueMs: median(results[j]), ratio: median(results[j]) / b }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await coldStartBench()) {
    console.log(`${r.name}: ${r.valueMs.toFixed(0)} ms median; bare node ${r.baselineMs.toFixed(0)} ms; ratio ${r.ratio.toFixed(2)}×`);
  }
}

// Cold start to first frame, in a real pseudo-terminal (util-linux `script`), against
// baselines measured in the same run: a minimal Ink app that draws one line, bundled and
// launched with Node's compile cache (what any Ink app pays) and a bare `node` that prints
// one line. The ratio to the Ink app says what kvx adds on top of Ink and React. kvx starts
// with the code cache an earlier session left (src/launch/), as every start but the first
// after an install does; that first one is measured too (no code cache at all).
import { fileURLToPath } from 'node:url';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MsResult } from './support/bench-row.js';
import { minimalInkApp } from './support/minimal-ink.js';
import { median, startPty } from './support/pty.js';
import { warmCodeCache } from './support/warm-code-cache.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Milliseconds from spawn until the pty output contains `marker`. */
async function timeToOutput(command: string, marker: string, env?: NodeJS.ProcessEnv): Promise<number> {
  const pty = startPty(command, { cwd: root, env });
  try {
    return await pty.waitFor(marker, 20_000);
  } finally {
    await pty.close();
  }
}

export async function coldStartBench(runs = 9): Promise<MsResult[]> {
  const node = JSON.stringify(process.execPath);
  // kvx's caches (code, the demo's TLS) in a directory of this run's own.
  const cacheHome = mkdtempSync(path.join(tmpdir(), 'kvx-cold-start-'));
  const env = { XDG_CACHE_HOME: cacheHome };
  const cases: { name: string; command: string; marker: string; env?: NodeJS.ProcessEnv }[] = [
    { name: 'cold start to first frame (kvx, no vault: finding vaults)', command: `exec ${node} bin/kvx.js`, marker: ' kvx ', env },
    { name: 'cold start to first frame (kvx --demo)', command: `exec ${node} bin/kvx.js --demo`, marker: ' kvx ', env },
    { name: 'cold start to first rows (kvx --demo)', command: `exec ${node} bin/kvx.js --demo`, marker: ' items · by', env },
    {
      name: 'cold start to first frame, the first start after an install (kvx --demo, no code cache)',
      command: `exec ${node} bin/kvx.js --demo`,
      marker: ' kvx ',
      env: { ...env, NODE_DISABLE_COMPILE_CACHE: '1' },
    },
  ];
  // The single executable too, once `npm run package` has made it.
  const sea = `release/kvx-linux-${process.arch}`;
  if (existsSync(new URL(sea, `file://${root}/`))) {
    cases.push(
      { name: 'cold start to first frame (single executable, no vault)', command: `exec ${sea}`, marker: ' kvx ' },
      { name: 'cold start to first frame (single executable --demo)', command: `exec ${sea} --demo`, marker: ' kvx ' },
    );
  }
  const inkApp = await minimalInkApp();
  await warmCodeCache(`exec ${node} bin/kvx.js --demo`, { cwd: root, env, cacheHome, rows: ' items · by' });
  const bare: number[] = [];
  const ink: number[] = [];
  const results = cases.map(() => [] as number[]);
  // Interleaved so that machine noise hits baselines and kvx alike.
  for (let i = 0; i < runs; i++) {
    bare.push(await timeToOutput(`exec ${node} -e "process.stdout.write('node-ready')"`, 'node-ready'));
    ink.push(await timeToOutput(`exec ${node} ${JSON.stringify(inkApp)}`, 'minimal-ink ready'));
    for (const [j, c] of cases.entries()) results[j].push(await timeToOutput(c.command, c.marker, c.env));
  }
  rmSync(cacheHome, { recursive: true, force: true });
  const b = median(ink);
  return [
    { name: 'cold start: minimal Ink app drawing one line (baseline: bare node printing one line)', baselineMs: median(bare), valueMs: b },
    ...cases.map((c, j) => ({ name: `${c.name} (baseline: minimal Ink app)`, baselineMs: b, valueMs: median(results[j]) })),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { fromMs, printRows } = await import('./support/bench-row.js');
  printRows((await coldStartBench()).map(fromMs));
}

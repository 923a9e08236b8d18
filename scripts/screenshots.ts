// `npm run screenshots`: renders the real app (App → store → SDK clients → HTTPS → the
// emulator's demo vaults) at a fixed size with a frozen clock, takes the ANSI frame, draws it
// as SVG and converts it to PNG with rsvg-convert (Debian: librsvg2-bin; installed with
// apt-get when missing). No secret value is ever revealed in a screenshot.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReactElement } from 'react';
import { createElement } from 'react';
import type { TokenCredential } from '@azure/core-auth';
import { LocalIdentityCredential } from '../src/auth/local-identity-credential.js';
import { startEmulator } from '../src/emulator/index.js';
import type { EmulatorOptions, FaultSettings } from '../src/emulator/index.js';
import { createStore } from '../src/store/create-store.js';
import { App } from '../src/ui/app.js';
import { defaultKeymap } from '../src/ui/keymap.js';
import { darkTheme } from '../src/ui/theme.js';
import type { Harness } from '../test/helpers/render-harness.js';
import { renderTui } from '../test/helpers/render-harness.js';
import { ansiToSvg } from './ansi-to-svg.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.join(root, 'screenshots');
const COLUMNS = 140;
const ROWS = 40;
/** The frozen clock: the demo seed and every relative time are computed from it. */
const NOW = Date.UTC(2025, 5, 2, 9, 30, 0);

const anyToken: TokenCredential = {
  getToken: async () => ({ token: 'screenshots', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

function ensureRsvg(): void {
  if (spawnSync('rsvg-convert', ['--version']).status === 0) return;
  process.stderr.write('rsvg-convert is missing: installing librsvg2-bin with apt-get\n');
  execFileSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq librsvg2-bin'], { stdio: 'inherit' });
}

interface Shot {
  name: string;
  faults?: FaultSettings;
  /** Emulator settings for this shot (slow service steps, so operations are caught in progress). */
  emulator?: Pick<EmulatorOptions, 'vaults' | 'certificateIssueDelayMs' | 'strict' | 'subscriptions' | 'vaultPurgeDelayMs'>;
  /** kvx finds the vaults through the emulator's ARM (none named), as kvx --demo does. */
  arm?: boolean;
  /** Terminal size for this shot (default 140×40); under 90 columns the vaults pane takes the screen when focused. */
  size?: { columns: number; rows: number };
  /** Sign in as this emulator identity (strict mode enforces its access policy). */
  identity?: string;
  /** Time between operation polls; long, to hold an operation in its current step. */
  operationIntervalMs?: number;
  /** Drives the app into the state to capture; resolves with nothing when it is on screen. */
  drive(t: Harness): Promise<void>;
}

const loaded = (f: string) => f.includes('acr-pull-token') && /\d items · /.test(f);

/** As the demo's reader identity (no certificate list): the certificates pane with its 403. */
async function openRefusedCertificates(t: Harness): Promise<void> {
  await t.waitFor(loaded, 20_000);
  await t.press('4');
  await t.waitFor((f) => f.includes('403'), 20_000);
}
const PRODUCTION = '3c1b2a4e-5f60-4d71-8e92-a3b4c5d6e7f8';
const PAYMENTS = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d';

const shots: Shot[] = [
  {
    name: 'secrets',
    async drive(t) {
      await t.waitFor(loaded, 20_000);
      await t.press('j', 'j', 'j', 'j');
      await t.press('return');
      await t.waitFor((f) => f.includes('Versions (') && f.includes('v reveals') && !f.includes('loading'), 20_000);
      await t.press('shift+tab');
      await t.waitFor((f) => f.includes('› admin-portal-db-pas'), 20_000);
    },
  },
  {
    name: 'certificate-details',
    async drive(t) {
      await t.waitFor(loaded, 20_000);
      await t.press('4');
      // Issuers come from a lookup of the rows in view, after the list has rested.
      await t.waitFor((f) => f.includes('ISSUER') && f.includes(' items · ') && f.includes('Unknown'), 20_000);
      await t.press('return');
      await t.waitFor((f) => f.includes('SHA-1') && f.includes('valid to') && !f.includes('loading'), 20_000);
    },
  },
  {
    name: 'help',
    async drive(t) {
      await t.waitFor(loaded, 20_000);
      await t.press('?');
      await t.waitFor((f) => f.includes('Help ·'));
    },
  },
  {
    name: 'operations',
    // prod deletes slowly; dev deletes at once, and the long poll interval holds its "delete
    // and purge" in purging until the next poll confirms it; a certificate issues slowly.
    operationIntervalMs: 600_000,
    emulator: {
      vaults: [{ name: 'contoso-prod', deleteDelayMs: 600_000 }, { name: 'contoso-dev', deleteDelayMs: 0, purgeDelayMs: 600_000 }, 'contoso-payments'],
      certificateIssueDelayMs: 600_000,
    },
    async drive(t) {
      await t.waitFor(loaded, 20_000);
      await t.press('j', 'j', 'd');
      await t.waitFor((f) => f.includes('Delete secret'));
      await t.press('y');
      await t.waitFor((f) => f.includes('deleting'), 20_000);
      await t.press(':');
      await t.type('vault contoso-dev');
      await t.press('return');
      await t.waitFor((f) => f.includes('contoso-dev ▸ secrets') && /\d+ items · /.test(f), 20_000);
      await t.press('d');
      await t.waitFor((f) => f.includes('Delete secret'));
      await t.press('p');
      const purge = await t.waitFor((f) => f.includes('Type the name'));
      await t.type(/Type the name (\S+) to confirm/.exec(purge)?.[1] ?? '');
      await t.press('return');
      await t.waitFor((f) => f.includes('delete+purge secret contoso-dev'), 20_000);
      await t.press(':');
      await t.type('vault contoso-prod');
      await t.press('return');
      await t.press('4');
      await t.waitFor((f) => f.includes('api-gateway-tls'), 20_000);
      await t.press('n');
      await t.waitFor((f) => f.includes('New self-signed certificate'));
      await t.type('checkout-tls');
      await t.press('tab');
      await t.type('CN=checkout.contoso.com, O=Contoso');
      await t.press('tab');
      await t.type('checkout.contoso.com, www.checkout.contoso.com');
      await t.press('return');
      await t.waitFor((f) => f.includes('checkout-tls  inProgress') && f.includes('running)') && !f.includes('New self-signed'), 20_000);
    },
  },
  {
    name: 'quit-prompt',
    // prod deletes slowly and the long poll interval holds both operations where they are.
    operationIntervalMs: 600_000,
    emulator: { vaults: [{ name: 'contoso-prod', deleteDelayMs: 600_000 }, 'contoso-dev', 'contoso-payments'] },
    async drive(t) {
      await t.waitFor(loaded, 20_000);
      await t.press('j', 'd');
      await t.waitFor((f) => f.includes('Delete secret'));
      await t.press('p');
      const purge = await t.waitFor((f) => f.includes('Type the name'));
      await t.type(/Type the name (\S+) to confirm/.exec(purge)?.[1] ?? '');
      await t.press('return');
      await t.waitFor((f) => f.includes('delete+purge secret contoso-prod') && f.includes('deleting'), 20_000);
      await t.press('j', 'j', 'd');
      await t.waitFor((f) => f.includes('Delete secret'));
      await t.press('y');
      await t.waitFor((f) => f.includes('(2 running)'), 20_000);
      await t.press('q');
      await t.waitFor((f) => f.includes('Quit with 2 operations still running?'));
    },
  },
  {
    name: 'create-form',
    async drive(t) {
      await t.waitFor(loaded, 20_000);
      await t.press('n');
      await t.waitFor((f) => f.includes('New secret'));
      await t.type('db_password');
      await t.press('tab');
      await t.type('correct-horse');
      await t.press('tab', 'tab');
      await t.type('team=payments, rotation');
      await t.press('tab', 'tab', 'tab');
      await t.type('2025-13-01');
      await t.press('return');
      await t.waitFor((f) => f.includes('only letters, digits and "-" are allowed'));
    },
  },
  {
    name: 'vaults-discovery',
    // Nothing named: kvx lists what the identity can see through ARM, grouped by subscription.
    arm: true,
    size: { columns: 88, rows: 24 },
    emulator: {
      subscriptions: [
        { subscriptionId: PRODUCTION, displayName: 'Contoso Production' },
        { subscriptionId: PAYMENTS, displayName: 'Contoso Payments (PCI)' },
      ],
      vaults: [
        { name: 'contoso-prod', subscriptionId: PRODUCTION, resourceGroup: 'rg-prod-weu' },
        { name: 'contoso-dev', subscriptionId: PRODUCTION, resourceGroup: 'rg-dev-weu', recoverableDays: 7 },
        { name: 'contoso-payments', subscriptionId: PAYMENTS, resourceGroup: 'rg-payments', location: 'northeurope' },
      ],
    },
    async drive(t) {
      await t.waitFor((f) => f.includes('contoso-payments') && f.includes('acr-pull-token'), 20_000);
      await t.press('1');
      await t.waitFor((f) => f.includes('3 vaults in 2 subscriptions') && f.includes('▾ Contoso Payments'), 20_000);
    },
  },
  {
    name: 'vault-purge',
    // A vault purge takes minutes on the service: it shows as running until ARM says it is done.
    arm: true,
    emulator: { vaultPurgeDelayMs: 600_000 },
    operationIntervalMs: 2000,
    async drive(t) {
      await t.waitFor(loaded, 20_000);
      await t.press('1', 'j');
      await t.waitFor((f) => f.includes('›contoso-dev'), 20_000);
      await t.press('d');
      await t.waitFor((f) => f.includes('Delete vault contoso-dev?'));
      await t.press('y');
      await t.waitFor((f) => /✓ delete vault contoso-dev +deleted/.test(f), 20_000);
      await t.press('D');
      await t.waitFor((f) => f.includes('›contoso-dev') && f.includes('1 deleted'), 20_000);
      await t.press('P');
      await t.waitFor((f) => f.includes('purge vault contoso-dev'));
      await t.type('contoso-dev');
      await t.press('return');
      await t.waitFor((f) => /purge vault contoso-dev +(purging|InProgress)/.test(f) && f.includes('no deleted vault') === false, 20_000);
    },
  },
  {
    name: 'access-policies',
    // Who may access contoso-prod: the signed-in identity by name, others by object id.
    arm: true,
    emulator: { strict: true },
    identity: 'kvx-reader',
    async drive(t) {
      await t.waitFor(loaded, 20_000);
      await t.press('a');
      await t.waitFor((f) => f.includes('Access policies · contoso-prod') && f.includes('(you)'), 20_000);
    },
  },
  {
    name: 'find-across-vaults',
    async drive(t) {
      await t.waitFor(loaded, 20_000);
      await t.press(':');
      await t.type('find db-password');
      await t.press('return');
      await t.waitFor((f) => f.includes('3 of 3 vaults searched') && !f.includes('searching'), 20_000);
      await t.press('j', 'j');
    },
  },
  {
    name: 'expiry-radar',
    async drive(t) {
      await t.waitFor(loaded, 20_000);
      await t.press(':');
      await t.type('expiring 30');
      await t.press('return');
      // Certificates show their issuer and renewal once their policies are read.
      await t.waitFor((f) => f.includes('3 of 3 vaults read') && /auto-renews|email only/.test(f) && !/cert .*…\s*│/.test(f), 20_000);
    },
  },
  {
    name: 'forbidden-in-place',
    // The demo's reader identity may list secrets and keys but not certificates.
    emulator: { strict: true },
    identity: 'kvx-reader',
    drive: openRefusedCertificates,
  },
  {
    name: 'error-view',
    // `!` on the refused certificates list: the whole error, the request and its x-ms-request-id.
    emulator: { strict: true },
    identity: 'kvx-reader',
    async drive(t) {
      await openRefusedCertificates(t);
      await t.press('!');
      await t.waitFor((f) => f.includes('Error · certificates of contoso-prod') && f.includes('x-ms-request-id'), 20_000);
    },
  },
];

async function capture(shot: Shot): Promise<string> {
  // The emulator's clock starts at NOW and runs, so seeded deleted items are not yet past
  // their scheduled purge date, and delete and issue delays still pass.
  const started = Date.now();
  const emulator = await startEmulator({
    seed: 'demo',
    seedNow: NOW,
    clock: () => NOW + (Date.now() - started),
    faults: shot.faults,
    ...shot.emulator,
    tlsCacheDir: path.join(root, '.kvx-test', 'emulator-tls'),
  });
  // With ARM, nothing is named: the vaults come from discovery.
  const vaults = shot.arm ? [] : emulator.vaults.map((v) => ({ name: v.name, url: v.url, local: true }));
  const credential = shot.identity
    ? new LocalIdentityCredential({
        endpoint: emulator.identity.identityEndpoint,
        identityHeader: emulator.identity.identityHeader,
        clientId: emulator.identity.identities.byName(shot.identity).clientId,
      })
    : anyToken;
  const store = createStore({
    vaults,
    credential,
    ca: emulator.caPem,
    now: () => NOW,
    retryOptions: { maxRetries: 0 },
    ...(shot.operationIntervalMs ? { operationIntervalMs: shot.operationIntervalMs } : {}),
    ...(shot.arm ? { arm: { endpoint: emulator.armEndpoint } } : {}),
  });
  const app: ReactElement = createElement(App, {
    settings: { vaults, demo: false, readOnly: false, ...(shot.arm ? { armEndpoint: emulator.armEndpoint } : {}) },
    keymap: defaultKeymap,
    theme: darkTheme,
    loadRuntime: async () => ({ store, vaults, dispose: async () => {} }),
    now: () => NOW,
  });
  const t = renderTui(app, shot.size ?? { columns: COLUMNS, rows: ROWS });
  try {
    await shot.drive(t);
    const frame = t.lastFrameRaw();
    if (store.getSnapshot().revealed) throw new Error(`${shot.name}: a secret value is revealed; refusing to capture it`);
    return frame;
  } finally {
    t.unmount();
    await store.dispose();
    await emulator.stop();
  }
}

async function main(): Promise<void> {
  if (!process.env.FORCE_COLOR) throw new Error('run through `npm run screenshots` (it sets FORCE_COLOR so Ink writes colours)');
  ensureRsvg();
  mkdirSync(outDir, { recursive: true });
  const only = process.argv.slice(2);
  for (const shot of shots.filter((s) => only.length === 0 || only.includes(s.name))) {
    const frame = await capture(shot);
    const svg = ansiToSvg(frame, shot.size?.columns ?? COLUMNS, shot.size?.rows ?? ROWS);
    const svgFile = path.join(outDir, `${shot.name}.svg`);
    const pngFile = path.join(outDir, `${shot.name}.png`);
    writeFileSync(svgFile, svg);
    execFileSync('rsvg-convert', ['-o', pngFile, svgFile]);
    rmSync(svgFile);
    process.stdout.write(`${path.relative(root, pngFile)}\n`);
  }
}

await main();

/**
 * Seeding. `empty` leaves vaults empty; `demo` fills them through one seeder per collection
 * (secrets here; keys add `seedDemoKeys` to `demoSeeders`, certificates likewise). Each
 * seeder gets its own PRNG stream per vault, so adding a seeder never changes what the
 * others build, and the same seed string and `now` always build the same contents.
 */
import { seedDemoCertificates } from './certificates/seed-demo-certificates.js';
import { seedDemoKeys } from './keys/seed-demo-keys.js';
import { Prng } from './prng.js';
import { seedDemoSecrets } from './secrets/seed-demo-secrets.js';
import type { VaultState } from './vault-state.js';

export type SeedName = 'demo' | 'empty';
export const SEED_NAMES: readonly SeedName[] = ['demo', 'empty'];

/** The kind of app a demo vault looks like; seeders pick names and volumes from it. */
export type VaultRole = 'prod' | 'dev' | 'payments';

/** The vaults `--seed demo` creates when no `--vault` is given. */
export const DEMO_VAULTS: readonly { name: string; role: VaultRole; purgeProtection?: boolean }[] = [
  { name: 'contoso-prod', role: 'prod' },
  { name: 'contoso-dev', role: 'dev' },
  // Like a real payments vault, the demo's has purge protection: soft delete stays, purge is refused.
  { name: 'contoso-payments', role: 'payments', purgeProtection: true },
];

export interface SeedContext {
  vault: VaultState;
  role: VaultRole;
  rng: Prng;
  /** The moment the seed treats as now (epoch ms); expiry and creation dates are relative to it. */
  now: number;
}

export interface DemoSeeder {
  name: string;
  /** Certificates sign asynchronously (@peculiar/x509), so a seeder may return a promise. */
  seed(ctx: SeedContext): void | Promise<void>;
}

export const demoSeeders: readonly DemoSeeder[] = [
  { name: 'secrets', seed: seedDemoSecrets },
  { name: 'keys', seed: seedDemoKeys },
  { name: 'certificates', seed: seedDemoCertificates },
];

export function roleOf(vaultName: string): VaultRole {
  const known = DEMO_VAULTS.find((v) => v.name === vaultName);
  if (known) return known.role;
  if (/prod/i.test(vaultName)) return 'prod';
  if (/pay/i.test(vaultName)) return 'payments';
  return 'dev';
}

export async function seedVaults(vaults: readonly VaultState[], seed: SeedName, options: { random: string; now: number }): Promise<void> {
  if (seed === 'empty') return;
  for (const vault of vaults) {
    for (const seeder of demoSeeders) {
      await seeder.seed({
        vault,
        role: roleOf(vault.name),
        rng: new Prng(`${options.random}:${vault.name}:${seeder.name}`),
        now: options.now,
      });
    }
  }
}

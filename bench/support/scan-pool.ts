// kvx's scan concurrency for the benches' bare-SDK baselines: at most 8 lists at once overall and
// 2 of one vault, the next list starting as soon as one ends. Plain erasable TypeScript, so the
// fixtures run it with Node's own type stripping.
import type { TokenCredential } from '@azure/core-auth';

export const OVERALL = 8;
export const PER_VAULT = 2;

/** Runs `run` for every task, at most `overall` at once and `perVault` with the same `vault`. */
export async function pool<T extends { vault: string }>(tasks: readonly T[], run: (task: T) => Promise<void>, overall = OVERALL, perVault = PER_VAULT): Promise<void> {
  const active = new Map<string, number>();
  const queue = [...tasks];
  let running = 0;
  await new Promise<void>((resolve, reject) => {
    const pump = () => {
      if (queue.length === 0 && running === 0) return resolve();
      for (let i = 0; i < queue.length && running < overall; ) {
        const task = queue[i];
        if ((active.get(task.vault) ?? 0) >= perVault) {
          i++;
          continue;
        }
        queue.splice(i, 1);
        running++;
        active.set(task.vault, (active.get(task.vault) ?? 0) + 1);
        run(task).then(() => {
          running--;
          active.set(task.vault, (active.get(task.vault) ?? 1) - 1);
          pump();
        }, reject);
      }
    };
    pump();
  });
}

export type ListKind = 'secrets' | 'keys' | 'certificates';
export const LIST_KINDS: readonly ListKind[] = ['secrets', 'keys', 'certificates'];

/** Lists every vault's secrets, keys and certificates through the bare SDK clients, as kvx's scan does; returns how many items. */
export async function listEveryVault(vaults: readonly string[], credential: TokenCredential, options: object): Promise<number> {
  const [{ SecretClient }, { KeyClient }, { CertificateClient }] = await Promise.all([
    import('@azure/keyvault-secrets'),
    import('@azure/keyvault-keys'),
    import('@azure/keyvault-certificates'),
  ]);
  let listed = 0;
  await pool(
    vaults.flatMap((vault) => LIST_KINDS.map((kind) => ({ vault, kind }))),
    async ({ vault, kind }) => {
      // A copy for each client: KeyClient appends its name to the User-Agent prefix of the
      // options it is given, in place, so shared options made every later request's User-Agent
      // longer. At 200 vaults it passed Node's 16 KB header limit and the emulator answered 431.
      const own = { ...options };
      const pages =
        kind === 'secrets'
          ? new SecretClient(vault, credential, own).listPropertiesOfSecrets().byPage({ maxPageSize: 25 })
          : kind === 'keys'
            ? new KeyClient(vault, credential, own).listPropertiesOfKeys().byPage({ maxPageSize: 25 })
            : new CertificateClient(vault, credential, own).listPropertiesOfCertificates({ includePending: true }).byPage({ maxPageSize: 25 });
      for await (const page of pages) listed += page.length;
    },
  );
  return listed;
}

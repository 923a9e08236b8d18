import { Box, Text } from 'ink';
import type { Theme } from './theme.js';
import { color } from './theme.js';

const LINES: readonly { text: string; code?: boolean }[] = [
  { text: 'No vault to open. Point kvx at one:' },
  { text: '' },
  { text: '  kvx my-vault                      a vault name (https://my-vault.vault.azure.net)', code: true },
  { text: '  kvx https://my-vault.vault.azure.net', code: true },
  { text: '  KEY_VAULT_NAME=my-vault kvx       or AZURE_KEYVAULT_URL=https://…', code: true },
  { text: '  kvx --ca-file ca.pem https://127.0.0.1:8443   a local emulator (kvx emulator)', code: true },
  { text: '' },
  { text: 'Or try it on built-in demo vaults, no Azure account needed:' },
  { text: '' },
  { text: '  kvx --demo', code: true },
  { text: '' },
  { text: 'Signing in uses the environment, managed identity or the Azure CLI (DefaultAzureCredential).' },
  { text: 'q quits.' },
];

/** What to do when kvx was started with no vault and without --demo. */
export function NoVaultScreen({ width, height, theme }: { width: number; height: number; theme: Theme }) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color(theme.border)} width={width} height={height} paddingX={1} overflow="hidden">
      {LINES.slice(0, Math.max(0, height - 2)).map((l, i) => (
        <Text key={i} wrap="truncate-end" color={color(l.code ? theme.accent : theme.text)}>
          {l.text || ' '}
        </Text>
      ))}
    </Box>
  );
}

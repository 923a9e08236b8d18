import { Box, Text } from 'ink';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { keyFor } from './keymap.js';
import { useKeymap } from './keymap-context.js';

// Kept within 76 columns so it reads whole in an 80x24 terminal.
const LINES: readonly { text: string; code?: boolean }[] = [
  { text: 'No vault to open. Point kvx at one:' },
  { text: '' },
  { text: '  kvx my-vault                     (https://my-vault.vault.azure.net)', code: true },
  { text: '  kvx https://my-vault.vault.azure.net other-vault', code: true },
  { text: '  KEY_VAULT_NAME=my-vault kvx      (or AZURE_KEYVAULT_URL=https://…)', code: true },
  { text: '  kvx --ca-file ca.pem URL         a local `kvx emulator` vault', code: true },
  { text: '' },
  { text: 'Or try it on built-in demo vaults, no Azure account needed:' },
  { text: '' },
  { text: '  kvx --demo', code: true },
  { text: '' },
  { text: 'Sign-in: DefaultAzureCredential (environment, managed identity, Azure CLI).' },
  { text: 'kvx --help lists every flag. {quit} quits.' },
];

/** What to do when kvx was started with no vault and without --demo. */
export function NoVaultScreen({ width, height, theme }: { width: number; height: number; theme: Theme }) {
  const quitKey = keyFor(useKeymap(), 'quit');
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color(theme.border)} width={width} height={height} paddingX={1} overflow="hidden">
      {LINES.slice(0, Math.max(0, height - 2)).map((l, i) => (
        <Text key={i} wrap="truncate-end" color={color(l.code ? theme.accent : theme.text)}>
          {l.text.replace('{quit}', quitKey) || ' '}
        </Text>
      ))}
    </Box>
  );
}

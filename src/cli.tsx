// Entry point of the bundled CLI. Only what the first frame needs is imported statically;
// the emulator and (later) the store with the Azure SDK are loaded on demand.
import { render } from 'ink';
import pkg from '../package.json' with { type: 'json' };
import { appFlags, formatFlagHelp, parseArgs, UsageError } from './config/flags.js';
import { App } from './ui/app.js';
import { defaultKeymap } from './ui/keymap.js';
import { chooseTheme } from './ui/theme.js';

const usage = `kvx ${pkg.version} — a keyboard-driven terminal explorer for Azure Key Vault

Usage:
  kvx [flags] [VAULT-NAME-OR-URL...]
  kvx --demo                 open the built-in demo vaults (no Azure account needed)
  kvx emulator [flags]       run a local Key Vault emulator (kvx emulator --help)

Flags:
${formatFlagHelp(appFlags)}
`;

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'emulator') {
    const { runEmulatorCli } = await import('./emulator/main.js');
    return runEmulatorCli(argv.slice(1));
  }
  let parsed;
  try {
    parsed = parseArgs(argv, appFlags);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`kvx: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const { flags } = parsed;
  if (flags.help) {
    process.stdout.write(usage);
    return 0;
  }
  if (flags.version) {
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const theme = chooseTheme(process.env, Boolean(flags['no-color']));
  const instance = render(<App keymap={defaultKeymap} theme={theme} readOnly={Boolean(flags['read-only'])} />, {
    alternateScreen: true,
    exitOnCtrlC: true,
    patchConsole: true,
  });
  await instance.waitUntilExit();
  return 0;
}

process.exitCode = await main(process.argv.slice(2));

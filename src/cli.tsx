// Entry point of the bundled CLI. Only what the first frame needs is imported statically;
// the emulator and the store with the Azure SDK are loaded on demand (runtime.ts, its own bundle).
import { render } from 'ink';
import pkg from '../package.json' with { type: 'json' };
import { appFlags, formatFlagHelp, parseArgs, UsageError } from './config/flags.js';
import type { Settings } from './config/settings.js';
import { loadSettings } from './config/settings.js';
import { App } from './ui/app.js';
import { defaultKeymap, remap } from './ui/keymap.js';
import { chooseTheme, plainTheme } from './ui/theme.js';

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
  let settings: Settings;
  let keymap;
  try {
    settings = loadSettings(parsed, process.env);
    const remapped = remap(defaultKeymap, settings.keys);
    if (remapped.unknown.length > 0) {
      const known = defaultKeymap.map((b) => b.command).join(', ');
      throw new UsageError(`${settings.configFile ?? 'config'}: "keys" names unknown commands ${remapped.unknown.join(', ')}; known: ${known}`);
    }
    keymap = remapped.keymap;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`kvx: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const theme = settings.theme === 'plain' ? plainTheme : chooseTheme(process.env, settings.noColor);
  const loadRuntime = async () => (await import('./runtime.js')).createRuntime(settings);
  const instance = render(<App settings={settings} keymap={keymap} theme={theme} loadRuntime={loadRuntime} />, {
    alternateScreen: true,
    exitOnCtrlC: true,
    patchConsole: true,
  });
  await instance.waitUntilExit();
  return 0;
}

process.exitCode = await main(process.argv.slice(2));

// `kvx emulator` as its own process, for tests that send it real signals (src/cli.tsx calls
// the same function).
import { runEmulatorCli } from '../../../src/emulator/main.js';

process.exitCode = await runEmulatorCli(process.argv.slice(2));

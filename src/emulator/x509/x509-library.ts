// @peculiar/x509, loaded the one way it works here: its tsyringe needs the Reflect metadata
// polyfill evaluated first, and its signing goes through our deterministic crypto provider.
import 'reflect-metadata/lite';
import * as x509 from '@peculiar/x509';
import { signingCrypto } from './signing-crypto.js';

x509.cryptoProvider.set(signingCrypto);

export { x509 };

// Public surface of the emulated Azure Resource Manager (vault discovery).

export type { ArmRefusals, ArmServer, ArmServerOptions } from './arm-server.js';
export { startArmServer } from './arm-server.js';
export type { ArmSubscription, ArmVault } from './arm-resources.js';
export { DEFAULT_LOCATION, DEFAULT_RESOURCE_GROUP, VAULT_TYPE } from './arm-resources.js';

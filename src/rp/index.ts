export { startRpServer, type RpServer, type RpServerOptions, CSP, MAX_BODY_BYTES, VERSION } from './server.ts';
export { RelyingParty } from './relyingParty.ts';
export { Store } from './store.ts';
export { DEFAULT_CONFIG, PRESETS, COSE_ALGORITHMS } from './config.ts';
export type * from '@api/types.ts';

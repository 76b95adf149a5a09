/** The virtual authenticator lab: CDP WebAuthn domain behind one interface, its API and its browser. */
export { AuthenticatorLab } from './lab.ts';
export { LabHost } from './host.ts';
export { labHandlers } from './routes.ts';
export { findBrowser, launchLabBrowser, browserArgs, cdpLabInfo, type LabBrowser } from './browser.ts';
export { CdpSession, waitForDocument } from './cdp.ts';
export { optionSupport, PRESETS } from './options.ts';
export type * from './types.ts';

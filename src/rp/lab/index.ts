/** The virtual authenticator lab: CDP WebAuthn domain behind one interface, its API and its browser. */
export { AuthenticatorLab, LabError, labCredential, CDP_EVENTS, type LabCdpEvent, type LabInfo } from './lab.ts';
export { LabHost, NO_LAB_REASON } from './host.ts';
export { labHandlers } from './routes.ts';
export { labEventsOf } from './events.ts';
export { CdpConnection, CdpSession, CdpError, attachToPage } from './cdp.ts';
export { findBrowser, launchLabBrowser, browserArgs, knownLocations, type LabBrowser } from './browser.ts';
export { PRESETS as LAB_PRESETS, OPTION_TABLE, RESIDENT_CREDENTIAL_LIMIT, checkOptions, optionSupport } from './options.ts';
export type * from './types.ts';

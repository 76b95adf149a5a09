/**
 * The verification steps of WebAuthn L3 §7.1 (registration) and §7.2 (authentication) as Check lists.
 */
export { verifyRegistration } from './registration';
export { verifyAuthentication, signCountCheck } from './authentication';
export { isVerified, firstFailure, type Expectations } from './common';
export { reviewOptions } from './options';
export { expectationsFromCase, type VectorCaseLike } from './fromCase';

/**
 * Stable `data-testid` hooks for the Playwright e2e suite. Rename only together with e2e/.
 *
 * Builder        preset, rp-name, user-name, user-display-name, attestation, attachment,
 *                resident-key, user-verification, timeout, alg-list, alg-<id> (checkbox, e.g. alg--7),
 *                alg-up-<id>, alg-down-<id>, hint-<name> (checkbox), hint-up-<name>, hint-down-<name>,
 *                exclude-credentials, allow-credentials, ext-credprops, ext-prf, ext-prf-first,
 *                ext-prf-second, ext-largeblob-support, ext-largeblob-read, ext-largeblob-write,
 *                ext-credprotect-policy, ext-credprotect-enforce, ext-minpinlength
 * Actions        register, sign-in, cancel (while a ceremony waits for the authenticator)
 * Result         result (data-kind, data-verdict), verdict (text exactly 'verified' | 'failed' |
 *                'client-error', or 'pending' while running), result-error (message text),
 *                result-error-step, result-error-code, flag-up flag-uv flag-be flag-bs flag-at flag-ed
 *                (data-on="true|false"), result-fmt, result-aaguid, result-alg, result-credential-id,
 *                result-sign-count, result-user, result-options-json, result-response-json,
 *                result-checks, request-error (an API call failed before a ceremony existed)
 * Credentials    credentials, credential (data-id=<credential id>), credential-sign-in,
 *                credential-delete, confirm-dialog, confirm-delete, cancel-delete
 * History        history, history-item (data-verdict, data-id, data-kind)
 * Header         lang (en | ja), theme, about, about-dialog, stream-status (data-status)
 */
export const TID = {
  // builder
  preset: 'preset',
  rpName: 'rp-name',
  userName: 'user-name',
  userDisplayName: 'user-display-name',
  attestation: 'attestation',
  attachment: 'attachment',
  residentKey: 'resident-key',
  userVerification: 'user-verification',
  timeout: 'timeout',
  algList: 'alg-list',
  alg: (id: number) => `alg-${id}`,
  algUp: (id: number) => `alg-up-${id}`,
  algDown: (id: number) => `alg-down-${id}`,
  hint: (name: string) => `hint-${name}`,
  hintUp: (name: string) => `hint-up-${name}`,
  hintDown: (name: string) => `hint-down-${name}`,
  excludeCredentials: 'exclude-credentials',
  allowCredentials: 'allow-credentials',
  extCredProps: 'ext-credprops',
  extPrf: 'ext-prf',
  extPrfFirst: 'ext-prf-first',
  extPrfSecond: 'ext-prf-second',
  extLargeBlobSupport: 'ext-largeblob-support',
  extLargeBlobRead: 'ext-largeblob-read',
  extLargeBlobWrite: 'ext-largeblob-write',
  extCredProtectPolicy: 'ext-credprotect-policy',
  extCredProtectEnforce: 'ext-credprotect-enforce',
  extMinPinLength: 'ext-minpinlength',
  // actions
  register: 'register',
  signIn: 'sign-in',
  cancel: 'cancel',
  // result
  result: 'result',
  verdict: 'verdict',
  resultError: 'result-error',
  resultErrorStep: 'result-error-step',
  resultErrorCode: 'result-error-code',
  flag: (flag: 'up' | 'uv' | 'be' | 'bs' | 'at' | 'ed') => `flag-${flag}`,
  resultFmt: 'result-fmt',
  resultAaguid: 'result-aaguid',
  resultAlg: 'result-alg',
  resultCredentialId: 'result-credential-id',
  resultSignCount: 'result-sign-count',
  resultUser: 'result-user',
  resultOptionsJson: 'result-options-json',
  resultResponseJson: 'result-response-json',
  resultChecks: 'result-checks',
  requestError: 'request-error',
  // credentials
  credentials: 'credentials',
  credential: 'credential',
  credentialSignIn: 'credential-sign-in',
  credentialDelete: 'credential-delete',
  confirmDialog: 'confirm-dialog',
  confirmDelete: 'confirm-delete',
  cancelDelete: 'cancel-delete',
  // history
  history: 'history',
  historyItem: 'history-item',
  // header
  lang: 'lang',
  theme: 'theme',
  about: 'about',
  aboutDialog: 'about-dialog',
  streamStatus: 'stream-status',
} as const;

/**
 * Stable `data-testid` hooks for the Playwright e2e suite. Rename only together with e2e/.
 *
 * Builder        preset, rp-name, user-name, user-display-name, attestation, attachment,
 *                resident-key, user-verification, timeout, alg-list, alg-<id> (checkbox, e.g. alg--7),
 *                alg-up-<id>, alg-down-<id>, hint-<name> (checkbox), hint-up-<name>, hint-down-<name>,
 *                exclude-credentials, allow-credentials, ext-credprops, ext-prf, ext-prf-first,
 *                ext-prf-second, ext-prf-by-credential, ext-largeblob-support, ext-largeblob-read, ext-largeblob-write,
 *                ext-credprotect-policy, ext-credprotect-enforce, ext-minpinlength
 * Actions        register, sign-in, cancel (while a ceremony waits for the authenticator)
 * Result         result (data-kind, data-verdict), verdict (text exactly 'verified' | 'failed' |
 *                'client-error', or 'pending' while running), result-error (message text),
 *                result-error-step, result-error-code, flag-up flag-uv flag-be flag-bs flag-at flag-ed
 *                (data-on="true|false"), result-fmt, result-aaguid, result-alg, result-credential-id,
 *                result-sign-count, result-user, result-options-json, result-response-json,
 *                result-checks, request-error (an API call failed before a ceremony existed),
 *                result-authenticator (data-known), second-opinion (data-verified), disagreement,
 *                disagreement-ours, disagreement-theirs
 * Credentials    credentials, credential (data-id=<credential id>), credential-authenticator, credential-sign-in,
 *                credential-delete, confirm-dialog, confirm-delete, cancel-delete
 * History        history, history-item (data-verdict, data-id, data-kind)
 * Header         lang (en | ja), theme, about, about-dialog, stream-status (data-status), metadata,
 *                tab-<view id> (the view tabs: tab-ceremony, tab-learn, tab-lab, …)
 * Metadata       metadata-dialog, metadata-error (data-section = load | aaguids | mds | mds-cached | roots,
 *                data-code), aaguids-status, aaguids-count, aaguids-refresh, aaguids-file (file input),
 *                mds-status, mds-no, mds-stale, mds-refresh, mds-file (file input), roots, root
 *                (data-name), root-subject, root-delete, root-name, root-pem, root-file (file input), root-add
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
  extPrfByCredential: 'ext-prf-by-credential',
  extLargeBlobSupport: 'ext-largeblob-support',
  extLargeBlobRead: 'ext-largeblob-read',
  extLargeBlobWrite: 'ext-largeblob-write',
  extCredProtectPolicy: 'ext-credprotect-policy',
  extCredProtectEnforce: 'ext-credprotect-enforce',
  extMinPinLength: 'ext-minpinlength',
  extCredBlobWrite: 'ext-credblob-write',
  extCredBlobRead: 'ext-credblob-read',
  policyCanonicalCbor: 'policy-canonical-cbor',
  policyUserVerification: 'policy-user-verification',
  policyMismatch: 'policy-mismatch',
  mediationRegistration: 'mediation-registration',
  mediationAuthentication: 'mediation-authentication',
  policyUserPresence: 'policy-user-presence',
  policyAlgorithmsRestrict: 'policy-algorithms-restrict',
  /** One per algorithm: `policy-algorithm-<COSE id>`. */
  policyAlgorithm: 'policy-algorithm',
  policyAlgorithmsMismatch: 'policy-algorithms-mismatch',
  policyAttestationTrust: 'policy-attestation-trust',
  policyAttestationMismatch: 'policy-attestation-mismatch',
  policyCounter: 'policy-counter',
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
  resultAuthenticator: 'result-authenticator',
  secondOpinion: 'second-opinion',
  disagreement: 'disagreement',
  disagreementOurs: 'disagreement-ours',
  disagreementTheirs: 'disagreement-theirs',
  // credentials
  credentials: 'credentials',
  credential: 'credential',
  credentialAuthenticator: 'credential-authenticator',
  credentialSignIn: 'credential-sign-in',
  credentialDelete: 'credential-delete',
  confirmDialog: 'confirm-dialog',
  confirmDelete: 'confirm-delete',
  cancelDelete: 'cancel-delete',
  // history
  history: 'history',
  historyItem: 'history-item',
  // header
  tab: (view: string) => `tab-${view}`,
  lang: 'lang',
  theme: 'theme',
  about: 'about',
  aboutDialog: 'about-dialog',
  streamStatus: 'stream-status',
  metadata: 'metadata',
  // metadata & trust dialog
  metadataDialog: 'metadata-dialog',
  metadataError: 'metadata-error',
  metadataAuto: 'metadata-auto',
  metadataAutoToggle: 'metadata-auto-toggle',
  aaguidsStatus: 'aaguids-status',
  aaguidsCount: 'aaguids-count',
  aaguidsRefresh: 'aaguids-refresh',
  aaguidsFile: 'aaguids-file',
  mdsStatus: 'mds-status',
  mdsNo: 'mds-no',
  mdsStale: 'mds-stale',
  mdsRefresh: 'mds-refresh',
  mdsFile: 'mds-file',
  roots: 'roots',
  root: 'root',
  rootSubject: 'root-subject',
  rootDelete: 'root-delete',
  rootName: 'root-name',
  rootPem: 'root-pem',
  rootFile: 'root-file',
  rootAdd: 'root-add',
} as const;

/**
 * Credentials view, History view, compare, export / import.
 *
 * Credentials    credentials-view, credential-card (data-id, data-storage), card-authenticator, card-discoverable,
 *                sign-count-chart (svg), sign-count-table, card-sign-in, card-delete, card-confirm-dialog,
 *                card-confirm-delete, card-cancel-delete, signal-support (data-unknown, data-all-accepted:
 *                "true|false"), signal-result (data-called: comma-separated method names)
 * History        history-view, history-filter-kind, history-filter-verdict, history-filter-authenticator,
 *                history-filter-text, history-filter-site (shown once another site was inspected), history-filter-clear, history-count (data-shown, data-total),
 *                history-list (the scrolling container), history-row (data-id, data-verdict, data-kind,
 *                data-index), history-select (checkbox in a row), history-open (button in a row),
 *                history-selected (data-n), history-compare, history-clear-selection, history-detail (data-id),
 *                history-site (a row's tag for a ceremony captured on another site), history-site-detail,
 *                history-site-disagreement (the site's server concluded otherwise than the checks)
 * Compare        compare (data-a, data-b), compare-only-diff, compare-section (data-section, data-differences),
 *                compare-row (data-path, data-change), compare-close
 * Export/import  export-json, export-markdown, export-mermaid, copy-json, copy-markdown, copy-mermaid,
 *                export-status, import-file (file input), import-status (data-imported, data-renamed),
 *                open-in-ceremony
 */
export const HISTORY_TID = {
  credentialsView: 'credentials-view',
  credentialCard: 'credential-card',
  cardAuthenticator: 'card-authenticator',
  cardDiscoverable: 'card-discoverable',
  signCountChart: 'sign-count-chart',
  signCountTable: 'sign-count-table',
  cardSignIn: 'card-sign-in',
  cardDelete: 'card-delete',
  cardConfirmDialog: 'card-confirm-dialog',
  cardConfirmDelete: 'card-confirm-delete',
  cardCancelDelete: 'card-cancel-delete',
  signalSupport: 'signal-support',
  signalResult: 'signal-result',
  signalUsers: 'signal-users',
  signalUserDetails: 'signal-user-details',
  signalUserDetailsResult: 'signal-user-details-result',
  historyView: 'history-view',
  filterKind: 'history-filter-kind',
  filterVerdict: 'history-filter-verdict',
  filterAuthenticator: 'history-filter-authenticator',
  filterText: 'history-filter-text',
  filterSite: 'history-filter-site',
  filterClear: 'history-filter-clear',
  historyCount: 'history-count',
  historyList: 'history-list',
  historyRow: 'history-row',
  historySelect: 'history-select',
  historyOpen: 'history-open',
  historySelected: 'history-selected',
  historyCompare: 'history-compare',
  historyClearSelection: 'history-clear-selection',
  historyDetail: 'history-detail',
  historySite: 'history-site',
  historySiteDetail: 'history-site-detail',
  historySiteDisagreement: 'history-site-disagreement',
  historySiteRelated: 'history-site-related',
  compare: 'compare',
  compareOnlyDiff: 'compare-only-diff',
  compareSection: 'compare-section',
  compareRow: 'compare-row',
  compareClose: 'compare-close',
  exportJson: 'export-json',
  exportMarkdown: 'export-markdown',
  exportMermaid: 'export-mermaid',
  copyJson: 'copy-json',
  copyMarkdown: 'copy-markdown',
  copyMermaid: 'copy-mermaid',
  exportStatus: 'export-status',
  importFile: 'import-file',
  importStatus: 'import-status',
  openInCeremony: 'open-in-ceremony',
} as const;

/**
 * Sequence view, inspector, plain-language summary, paste and decode.
 *
 * Inspection    ceremony-inspection (data-ceremony-id; summary + sequence + inspector in the result)
 * Sequence      sequence (data-kind, data-stopped-at = step id or ''), seq-step (button; data-step =
 *               options-request | options-response | client-call | user-verification |
 *               authenticator-response | response-post | verify | result, data-status = ok | error |
 *               skipped | pending, data-from, data-to, data-time-ms, aria-pressed), seq-step-time,
 *               seq-step-error (the client error name or the failed check), seq-timing-note
 * Summary       plain-summary (data-tone = ok | failed | client-error | pending), plain-summary-headline
 * Inspector     inspector (data-payload), inspector-search, inspector-matches (data-count),
 *               inspector-expand-all, inspector-collapse-all, inspector-maximize, inspector-tree,
 *               inspector-field (treeitem; data-node-id, data-path, data-key, aria-selected, data-hover),
 *               inspector-source (data-source), hex-view (data-source, data-bytes-per-row; bytes are
 *               [data-offset] spans, lit ones data-selected / data-hover = "true"), inspector-hover-path,
 *               explain-panel, explain-text, explain-spec (the field's spec link), explain-check
 *               (data-check-id), field-range,
 *               authdata-offset (data-offset), checklist, check-row (data-check-id, data-status,
 *               aria-pressed), decode-errors, decode-error (data-code, data-offset, data-source)
 * Decode        decode-view, decode-input, decode-button, decode-clear, decode-status (data-state = empty |
 *               decoded | errors | too-large | nothing), decode-kind, decode-challenge, decode-origin,
 *               decode-rpid, decode-public-key, decode-counter, decode-uv-required, decode-verify,
 *               decode-verdict (data-verified = true | false), decode-verify-problem
 */
export const INSPECTOR_TID = {
  ceremonyInspection: 'ceremony-inspection',
  sequence: 'sequence',
  seqStep: 'seq-step',
  seqStepTime: 'seq-step-time',
  seqStepDisagreement: 'seq-step-disagreement',
  seqStepError: 'seq-step-error',
  seqTimingNote: 'seq-timing-note',
  seqLabEvent: 'seq-lab-event',
  plainSummary: 'plain-summary',
  plainSummaryHeadline: 'plain-summary-headline',
  inspector: 'inspector',
  inspectorSearch: 'inspector-search',
  inspectorMatches: 'inspector-matches',
  inspectorExpandAll: 'inspector-expand-all',
  inspectorCollapseAll: 'inspector-collapse-all',
  inspectorMaximize: 'inspector-maximize',
  inspectorTree: 'inspector-tree',
  inspectorField: 'inspector-field',
  inspectorSource: 'inspector-source',
  hexView: 'hex-view',
  inspectorHoverPath: 'inspector-hover-path',
  explainPanel: 'explain-panel',
  explainText: 'explain-text',
  explainSpec: 'explain-spec',
  fieldCopy: 'field-copy',
  fieldCopyHex: 'field-copy-hex',
  fieldCopyB64: 'field-copy-b64',
  fieldCopyCbor: 'field-copy-cbor',
  explainCheck: 'explain-check',
  fieldRange: 'field-range',
  authDataOffset: 'authdata-offset',
  checklist: 'checklist',
  checkRow: 'check-row',
  decodeErrors: 'decode-errors',
  decodeError: 'decode-error',
  decodeView: 'decode-view',
  decodeInput: 'decode-input',
  decodeButton: 'decode-button',
  decodeClear: 'decode-clear',
  decodeStatus: 'decode-status',
  decodeKind: 'decode-kind',
  decodeHarFile: 'decode-har-file',
  decodeHarList: 'decode-har-list',
  decodeHarItem: 'decode-har-item',
  decodeChallenge: 'decode-challenge',
  decodeOrigin: 'decode-origin',
  decodeRpId: 'decode-rpid',
  decodePublicKey: 'decode-public-key',
  decodeCounter: 'decode-counter',
  decodeUvRequired: 'decode-uv-required',
  decodeVerify: 'decode-verify',
  decodeVerdict: 'decode-verdict',
  decodeVerifyProblem: 'decode-verify-problem',
} as const;

/**
 * Learn mode: every id is `learn-<part>`, made by LEARN_TID.id(part).
 *
 * Walk       learn-view, learn-step (data-step = step id, data-index), learn-step-link (data-step; button in
 *            the step list, aria-current="step" on the current one), learn-progress ('Step n of N'),
 *            learn-prev, learn-next (data-move = go | run | blocked | busy | end; aria-disabled), learn-restart,
 *            learn-then (data-next = action or 'go'), learn-blocked, learn-status (data-action, while a
 *            ceremony part runs), learn-error (data-name, data-source = client | api)
 * Setup      learn-user-name, learn-attestation, learn-user-verification
 * Data       learn-challenge, learn-rp-id, learn-user, learn-options-uv, learn-options-attestation,
 *            learn-options-json, learn-credential-id, learn-alg, learn-public-key, learn-spki,
 *            learn-private-key, learn-response-json, learn-[auth-]client-data-json, learn-[auth-]client-type,
 *            learn-[auth-]client-challenge, learn-[auth-]challenge-match (data-match), learn-[auth-]origin,
 *            learn-[auth-]origin-match, learn-[auth-]expected-origin, learn-[auth-]rp-id-hash,
 *            learn-[auth-]rp-id-hash-match, learn-[auth-]expected-rp-id-hash, learn-flags-byte,
 *            learn-flag-up|uv|be|bs and learn-auth-flag-up|uv (data-on), learn-auth-flags-byte,
 *            learn-requested-uv, learn-uv-missing, learn-fmt, learn-aaguid, learn-attestation-kind (data-kind),
 *            learn-[auth-]verdict (data-verdict), learn-[auth-]checks, learn-check (data-status,
 *            data-check-id), learn-[auth-]verify-error, learn-[auth-]stored-public-key, learn-stored-counter,
 *            learn-[auth-]ceremony-json, learn-storage (data-storage), learn-auth-challenge,
 *            learn-auth-challenge-fresh (data-match), learn-allow-credentials, learn-auth-options-json,
 *            learn-signature, learn-client-data-hash, learn-auth-response-json, learn-sign-count-reg,
 *            learn-sign-count-before, learn-sign-count-now, learn-sign-count-verdict (data-verdict), learn-recap
 */
export const LEARN_TID = {
  id: (part: string) => `learn-${part}`,
} as const;

/**
 * Real authenticators: capabilities, "Open in system browser", the Touch ID account
 * picker (Electron) and the Autofill sign-in view.
 *
 * Capabilities   caps-panel, caps-uvpaa / caps-conditional (data-value: yes | no | missing | error |
 *                pending), caps-client (data-state: ok | missing | error | pending, data-yes, data-total),
 *                caps-details, caps-recheck, caps-dialog, caps-row (data-key, data-value: true | false | raw,
 *                data-group), caps-method (data-method: gcc | uvpaa | conditional, data-value), caps-disagree
 * Hand-off       handoff-open, handoff-status (data-state: opened | blocked | failed), handoff-url,
 *                handoff-loaded (data-state: loading | loaded | error)
 * Account picker account-picker, account-option (data-credential-id), account-cancel
 * Autofill       autofill-view, autofill-username (input), autofill-state (data-state: unsupported | idle |
 *                options | waiting | verifying | verified | failed | client-error | request-error),
 *                autofill-ceremony (data-id), autofill-user, autofill-credential, autofill-error,
 *                autofill-restart, autofill-open-ceremony, autofill-options-json
 */
export const REALAUTH_TID = {
  capsPanel: 'caps-panel',
  capsUvpaa: 'caps-uvpaa',
  capsConditional: 'caps-conditional',
  capsClient: 'caps-client',
  capsDetails: 'caps-details',
  capsRecheck: 'caps-recheck',
  capsDialog: 'caps-dialog',
  capsRow: 'caps-row',
  capsMethod: 'caps-method',
  capsDisagree: 'caps-disagree',
  handoffOpen: 'handoff-open',
  handoffStatus: 'handoff-status',
  handoffUrl: 'handoff-url',
  handoffLoaded: 'handoff-loaded',
  accountPicker: 'account-picker',
  accountOption: 'account-option',
  accountCancel: 'account-cancel',
  autofillView: 'autofill-view',
  autofillUsername: 'autofill-username',
  autofillState: 'autofill-state',
  autofillCeremony: 'autofill-ceremony',
  autofillUser: 'autofill-user',
  autofillCredential: 'autofill-credential',
  autofillError: 'autofill-error',
  autofillRestart: 'autofill-restart',
  autofillOpenCeremony: 'autofill-open-ceremony',
  autofillOptionsJson: 'autofill-options-json',
} as const;

/**
 * Virtual authenticator lab (views/LabView.tsx).
 *
 * Status         lab-status (data-available, data-transport), lab-reason, lab-devtools, lab-target (select: the page driven)
 * Add            lab-preset (data-preset; button), lab-option-<CDP name> (custom form control), lab-custom-label,
 *                lab-add-custom, lab-load-file (file input), lab-error, lab-notice
 * Authenticator  lab-authenticator (data-id, data-preset), lab-auth-label, lab-user-verified, lab-presence,
 *                lab-fault-bogus-signature, lab-fault-bad-uv, lab-fault-bad-up (checkboxes), lab-save, lab-remove
 *                (then lab-remove-confirm / lab-remove-cancel), lab-clear (then lab-clear-confirm / lab-clear-cancel),
 *                lab-add-credential-file (file input), lab-resident-count (data-count, data-limit),
 *                lab-resident-limit (the explanation when Chromium's limit was hit)
 * Credentials    lab-credential (data-id, data-resident), lab-credential-sign-count, lab-credential-be,
 *                lab-credential-bs (data-on), lab-credential-inspect, lab-credential-remove
 * Dialog         lab-credential-dialog, lab-credential-pem, lab-credential-public-pem, lab-credential-user-handle,
 *                lab-credential-large-blob, lab-credential-registered, lab-edit-sign-count, lab-edit-be, lab-edit-bs,
 *                lab-edit-apply, lab-edit-result (data-method), lab-credential-export, lab-dialog-close
 * Events         lab-events, lab-event (data-event, data-ceremony)
 */
export const LAB_TID = {
  status: 'lab-status',
  target: 'lab-target',
  reason: 'lab-reason',
  devtools: 'lab-devtools',
  preset: 'lab-preset',
  option: (name: string) => `lab-option-${name}`,
  customLabel: 'lab-custom-label',
  addCustom: 'lab-add-custom',
  loadFile: 'lab-load-file',
  error: 'lab-error',
  notice: 'lab-notice',
  authenticator: 'lab-authenticator',
  authLabel: 'lab-auth-label',
  userVerified: 'lab-user-verified',
  presence: 'lab-presence',
  faultBogusSignature: 'lab-fault-bogus-signature',
  faultBadUv: 'lab-fault-bad-uv',
  faultBadUp: 'lab-fault-bad-up',
  save: 'lab-save',
  remove: 'lab-remove',
  removeConfirm: 'lab-remove-confirm',
  removeCancel: 'lab-remove-cancel',
  clear: 'lab-clear',
  clearConfirm: 'lab-clear-confirm',
  clearCancel: 'lab-clear-cancel',
  addCredentialFile: 'lab-add-credential-file',
  residentCount: 'lab-resident-count',
  residentLimit: 'lab-resident-limit',
  credential: 'lab-credential',
  credentialSignCount: 'lab-credential-sign-count',
  credentialBe: 'lab-credential-be',
  credentialBs: 'lab-credential-bs',
  credentialInspect: 'lab-credential-inspect',
  credentialRemove: 'lab-credential-remove',
  dialog: 'lab-credential-dialog',
  pem: 'lab-credential-pem',
  publicPem: 'lab-credential-public-pem',
  userHandle: 'lab-credential-user-handle',
  largeBlob: 'lab-credential-large-blob',
  registered: 'lab-credential-registered',
  editSignCount: 'lab-edit-sign-count',
  editBe: 'lab-edit-be',
  editBs: 'lab-edit-bs',
  editApply: 'lab-edit-apply',
  editResult: 'lab-edit-result',
  credentialExport: 'lab-credential-export',
  dialogClose: 'lab-dialog-close',
  events: 'lab-events',
  event: 'lab-event',
} as const;

/**
 * Inspect a site (views/InspectView.tsx)
 * Status      inspect-status (data-available, data-transport), inspect-reason
 * Form        inspect-url, inspect-tab (select: an open tab of the lab browser), inspect-preset (select), inspect-fault (select), inspect-open, inspect-error
 * Sessions    inspect-session (data-id, data-state open|closed), inspect-session-url, inspect-session-fault (select),
 *             inspect-session-close, inspect-pending (data-kind, data-state), inspect-warning
 * Ceremonies  inspect-ceremony (data-id, data-kind, data-verdict, data-server, data-mediation), inspect-ceremony-verdict,
 *             inspect-ceremony-server, inspect-ceremony-disagreement, inspect-ceremony-related (data-listed), inspect-ceremony-open
 */
export const INSPECT_TID = {
  status: 'inspect-status',
  reason: 'inspect-reason',
  url: 'inspect-url',
  tab: 'inspect-tab',
  preset: 'inspect-preset',
  fault: 'inspect-fault',
  open: 'inspect-open',
  error: 'inspect-error',
  session: 'inspect-session',
  sessionUrl: 'inspect-session-url',
  sessionFault: 'inspect-session-fault',
  sessionClose: 'inspect-session-close',
  pending: 'inspect-pending',
  warning: 'inspect-warning',
  ceremony: 'inspect-ceremony',
  ceremonyVerdict: 'inspect-ceremony-verdict',
  ceremonyServer: 'inspect-ceremony-server',
  ceremonyDisagreement: 'inspect-ceremony-disagreement',
  ceremonyRelated: 'inspect-ceremony-related',
  ceremonyOpen: 'inspect-ceremony-open',
} as const;

/**
 * Harness (views/HarnessView.tsx)
 * harness-status (data-available), harness-reason, harness-suite-<id> (checkbox), harness-preset, harness-start,
 * harness-cancel, harness-error, harness-run (data-state, data-id), harness-progress (data-scenario, data-of),
 * harness-totals (data-pass, data-fail, data-unsupported), harness-scenario (data-id, data-outcome),
 * harness-evidence, harness-export-json|junit|md, harness-compare-run-<0|1>, harness-compare, harness-compare-row (data-differs)
 */
export const HARNESS_TID = {
  status: 'harness-status',
  reason: 'harness-reason',
  suite: (id: string) => `harness-suite-${id}`,
  preset: 'harness-preset',
  start: 'harness-start',
  cancel: 'harness-cancel',
  error: 'harness-error',
  run: 'harness-run',
  progress: 'harness-progress',
  totals: 'harness-totals',
  scenario: 'harness-scenario',
  why: 'harness-why',
  evidence: 'harness-evidence',
  exportJson: 'harness-export-json',
  exportJunit: 'harness-export-junit',
  exportMd: 'harness-export-md',
  compareRun: (i: number) => `harness-compare-run-${i}`,
  compare: 'harness-compare',
  compareRow: 'harness-compare-row',
  mode: 'harness-mode',
  auto: 'harness-auto',
  file: 'harness-file',
  fileInfo: 'harness-file-info',
  fileProblems: 'harness-file-problems',
  fileClear: 'harness-file-clear',
  prompt: 'harness-prompt',
  promptDo: 'harness-prompt-do',
  promptGo: 'harness-prompt-go',
  promptSkip: 'harness-prompt-skip',
  kept: 'harness-kept',
  keptRun: 'harness-kept-run',
  keptShow: 'harness-kept-show',
  keptForget: 'harness-kept-forget',
} as const;

/** The sign-in methods lab (views/MethodsView.tsx). */
export const METHODS_TID = {
  email: 'methods-email',
  password: 'methods-password',
  newPassword: 'methods-new-password',
  signUp: 'methods-sign-up',
  signIn: 'methods-sign-in',
  sendLink: 'methods-send-link',
  sendCode: 'methods-send-code',
  code: 'methods-code',
  verifyCode: 'methods-verify-code',
  change: 'methods-change',
  revoke: 'methods-revoke',
  remove: 'methods-remove',
  passkeySession: 'methods-passkey-session',
  status: 'methods-status',
  session: 'methods-session',
  jwt: 'methods-jwt',
  amr: 'methods-amr',
  check: 'methods-check',
  checkResult: 'methods-check-result',
  stored: 'methods-stored',
  passwordHash: 'methods-password-hash',
  readiness: 'methods-readiness',
  walk: 'methods-walk',
  upgrade: 'methods-upgrade',
  upgradeConditional: 'methods-upgrade-conditional',
  upgradeModal: 'methods-upgrade-modal',
  sequence: 'methods-sequence',
  seqStep: 'methods-seq-step',
  seqPayload: 'methods-seq-payload',
  smtp: 'methods-smtp',
  smtpEnabled: 'methods-smtp-enabled',
  smtpHost: 'methods-smtp-host',
  smtpPort: 'methods-smtp-port',
  smtpSecure: 'methods-smtp-secure',
  smtpFrom: 'methods-smtp-from',
  smtpUser: 'methods-smtp-user',
  smtpPassword: 'methods-smtp-password',
  smtpSave: 'methods-smtp-save',
  smtpTest: 'methods-smtp-test',
  smtpResult: 'methods-smtp-result',
  smtpStatus: 'methods-smtp-status',
  mail: 'methods-mail',
  openLink: 'methods-open-link',
  useCode: 'methods-use-code',
} as const;

export const RELAY_TID = {
  mode: 'relay-mode',
  start: 'relay-start',
  stop: 'relay-stop',
  scripted: 'relay-scripted',
  status: 'relay-status',
  sameHost: 'relay-same-host',
  otherHost: 'relay-other-host',
  error: 'relay-error',
  captures: 'relay-captures',
  capture: 'relay-capture',
} as const;

export const COMPARE_TID = {
  table: 'compare-table',
  row: 'compare-row',
  created: 'compare-created',
  evidence: 'compare-evidence',
  readiness: 'compare-readiness',
  readinessRow: 'compare-readiness-row',
} as const;

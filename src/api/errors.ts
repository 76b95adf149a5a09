/**
 * Every error code the RP answers with, and its HTTP status. Errors are always
 * `4xx { error: code, message, step? }`; the message says what was expected and what came.
 * test/api/errors.test.ts checks that every code the RP's sources can send is listed here.
 */
export const API_ERRORS = {
  // Local-server safety and request shape
  host_forbidden: 403,
  origin_forbidden: 403,
  token_missing: 403,
  token_invalid: 403,
  path_forbidden: 403,
  unsupported_media_type: 415,
  body_too_large: 413,
  body_timeout: 408,
  too_many_streams: 429,
  body_unreadable: 400,
  malformed_json: 400,
  too_deep: 400,
  invalid_request: 400,
  bad_path: 400,
  request_failed: 400,
  not_found: 404,
  method_not_allowed: 405,
  // Ceremonies
  challenge_unknown: 404,
  challenge_reused: 409,
  challenge_expired: 410,
  ceremony_kind_mismatch: 400,
  ceremony_unknown: 404,
  verification_failed: 400,
  credential_exists: 409,
  credential_unknown: 404,
  credential_not_allowed: 400,
  user_handle_missing: 400,
  user_handle_mismatch: 400,
  user_handle_conflict: 409,
  no_credentials: 404,
  // History import
  not_an_export: 400,
  import_unknown: 404,
  import_too_large: 413,
  // Metadata and trust roots
  aaguid_unknown: 404,
  aaguids_empty: 422,
  aaguids_malformed: 422,
  fetch_failed: 422,
  mds_invalid: 422,
  url_invalid: 422,
  too_large: 413,
  root_invalid: 422,
  root_name_invalid: 422,
  root_unknown: 404,
  // Hand-off
  handoff_unknown: 404,
  handoff_expired: 410,
  // Virtual authenticator lab
  lab_unavailable: 409,
  lab_closed: 409,
  lab_target_unknown: 404,
  authenticator_unknown: 404,
  resident_unsupported: 409,
  private_key_invalid: 400,
  option_unknown: 400,
  option_unsupported: 400,
  option_invalid: 400,
  cdp_error: 422,
  // Inspect a site
  inspect_unavailable: 409,
  inspect_too_many: 409,
  inspect_closed: 409,
  inspect_no_authenticator: 409,
  inspect_unknown: 404,
  inspect_tab_unknown: 404,
  // Harness
  harness_unavailable: 409,
  harness_busy: 409,
  harness_run_unknown: 404,
  harness_prompt_stale: 409,
  harness_not_interactive: 409,
  // FIDO2 conformance API (src/rp/conformance/server.ts; answered as {status: 'failed', errorMessage: 'code: …'})
  no_options: 409,
  user_unknown: 404,
  // Authentication methods lab (src/rp/auth)
  account_exists: 409,
  credentials_invalid: 401,
  link_unknown: 404,
  link_used: 409,
  link_expired: 410,
  code_unknown: 404,
  code_expired: 410,
  code_wrong: 401,
  code_locked: 429,
  ceremony_not_verified: 409,
  session_exists: 409,
  no_passkey: 409,
  account_unknown: 404,
  relay_demo_failed: 409,
  smtp_off: 409,
} as const;

/** An error code the RP answers with. */
export type ApiErrorCode = keyof typeof API_ERRORS;

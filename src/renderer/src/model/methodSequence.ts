/**
 * A sign-in with a password, a magic link or an e-mail code as the steps of a sequence diagram (pure,
 * no React), from the exchanges the window had with the RP: who talks to whom, what travelled (the
 * request as sent: the password and the code in clear, as they are on the wire inside TLS), what the
 * RP checked, and where it stopped. A passkey ceremony has its own, finer diagram in the Ceremony tab.
 */
import type { MessageKey } from '../i18n/en.ts';

export type MethodLane = 'user' | 'client' | 'rp' | 'mailbox';
export const METHOD_LANES: readonly MethodLane[] = ['user', 'client', 'rp', 'mailbox'];

export type AuthCall =
  | 'signUp'
  | 'passwordSignIn'
  | 'changePassword'
  | 'removePassword'
  | 'sendMagicLink'
  | 'redeemMagicLink'
  | 'sendOtp'
  | 'verifyOtp'
  | 'passkeySession';

/** One request the window made and what came back. */
export interface Exchange {
  call: AuthCall;
  method: string;
  path: string;
  request: unknown;
  status: number;
  answer: unknown;
  /** ms since epoch, the window's clock. */
  at: number;
  ms: number;
}

export interface MethodStep {
  id: string;
  from: MethodLane;
  to: MethodLane;
  label: MessageKey;
  params?: Record<string, string | number>;
  /** What the arrow carries, shown when it is selected. */
  payload: unknown;
  status: 'ok' | 'error';
}

/** Calls that start a flow; the others (redeem, verify) continue the one before. */
const STARTS: readonly AuthCall[] = [
  'signUp',
  'passwordSignIn',
  'changePassword',
  'removePassword',
  'sendMagicLink',
  'sendOtp',
  'passkeySession',
];

/** The flow the next exchange belongs to: it continues the last one only when it finishes what that began. */
export function nextFlow(flow: readonly Exchange[], e: Exchange): Exchange[] {
  const last = flow.at(-1);
  const continues =
    !STARTS.includes(e.call) &&
    last !== undefined &&
    ((e.call === 'redeemMagicLink' && (last.call === 'sendMagicLink' || last.call === 'redeemMagicLink')) ||
      (e.call === 'verifyOtp' && (last.call === 'sendOtp' || last.call === 'verifyOtp')));
  return continues ? [...flow, e] : [e];
}

const TYPES: Partial<Record<AuthCall, MessageKey>> = {
  signUp: 'seqm.types.password',
  passwordSignIn: 'seqm.types.password',
  changePassword: 'seqm.types.newPassword',
  removePassword: 'seqm.types.password',
  sendMagicLink: 'seqm.types.email',
  sendOtp: 'seqm.types.email',
  verifyOtp: 'seqm.types.code',
};

export function methodSteps(flow: readonly Exchange[]): MethodStep[] {
  const steps: MethodStep[] = [];
  flow.forEach((e, i) => {
    const failed = e.status >= 400;
    const step = (s: Omit<MethodStep, 'id' | 'status'> & { status?: MethodStep['status'] }) =>
      steps.push({ status: 'ok', ...s, id: `${i}-${steps.length}` });
    if (e.call === 'redeemMagicLink') {
      step({ from: 'user', to: 'mailbox', label: 'seqm.opensLink', payload: e.request });
      step({ from: 'mailbox', to: 'client', label: 'seqm.linkOpens', payload: e.request });
    }
    if (e.call === 'verifyOtp') step({ from: 'user', to: 'mailbox', label: 'seqm.readsCode', payload: null });
    const types = TYPES[e.call];
    if (types) step({ from: 'user', to: 'client', label: types, payload: null });
    step({ from: 'client', to: 'rp', label: 'seqm.request', params: { request: `${e.method} ${e.path}` }, payload: e.request });
    step({
      from: 'rp',
      to: 'rp',
      label: `seqm.check.${e.call}` as MessageKey,
      payload: failed ? e.answer : null,
      status: failed ? 'error' : 'ok',
    });
    if (failed) {
      step({ from: 'rp', to: 'client', label: 'seqm.refused', params: { status: e.status }, payload: e.answer, status: 'error' });
      return;
    }
    if (e.call === 'sendMagicLink' || e.call === 'sendOtp') {
      step({ from: 'rp', to: 'mailbox', label: e.call === 'sendOtp' ? 'seqm.mailsCode' : 'seqm.mailsLink', payload: null });
      step({ from: 'rp', to: 'client', label: 'seqm.sent', params: { ms: e.ms }, payload: e.answer });
      return;
    }
    const hasSession = typeof e.answer === 'object' && e.answer !== null && 'session' in e.answer;
    step({ from: 'rp', to: 'client', label: hasSession ? 'seqm.session' : 'seqm.answer', params: { ms: e.ms }, payload: e.answer });
  });
  return steps;
}

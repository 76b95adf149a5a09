/** The sign-in sequence of the other methods (model/methodSequence.ts): flows, lanes, what each arrow carries. */
import { describe, expect, it } from 'vitest';
import { methodSteps, nextFlow, type AuthCall, type Exchange } from '../../src/renderer/src/model/methodSequence.ts';

const x = (
  call: AuthCall,
  status = 200,
  request: unknown = { email: 'a@example.com' },
  answer: unknown = { session: { jwt: 'j' } },
): Exchange => ({
  call,
  method: 'POST',
  path: `/api/auth/${call}`,
  request,
  status,
  answer,
  at: 0,
  ms: 3,
});
const arrows = (flow: Exchange[]) => methodSteps(flow).map((s) => `${s.from}>${s.to} ${s.label}${s.status === 'error' ? ' !' : ''}`);

describe('methodSequence', () => {
  it('a password sign-in: typed, sent in clear inside the request, checked against the hash, a session back', () => {
    const flow = [x('passwordSignIn', 200, { email: 'a@example.com', password: 'secret words' })];
    expect(arrows(flow)).toEqual([
      'user>client seqm.types.password',
      'client>rp seqm.request',
      'rp>rp seqm.check.passwordSignIn',
      'rp>client seqm.session',
    ]);
    expect(methodSteps(flow)[1].payload).toEqual({ email: 'a@example.com', password: 'secret words' });
  });

  it('a magic link: asked for, mailed, opened from the mailbox, redeemed — one flow', () => {
    const flow = nextFlow(
      nextFlow([], x('sendMagicLink', 200, { email: 'a@example.com' }, { sent: true })),
      x('redeemMagicLink', 200, { token: 't' }),
    );
    expect(flow.map((e) => e.call)).toEqual(['sendMagicLink', 'redeemMagicLink']);
    expect(arrows(flow)).toEqual([
      'user>client seqm.types.email',
      'client>rp seqm.request',
      'rp>rp seqm.check.sendMagicLink',
      'rp>mailbox seqm.mailsLink',
      'rp>client seqm.sent',
      'user>mailbox seqm.opensLink',
      'mailbox>client seqm.linkOpens',
      'client>rp seqm.request',
      'rp>rp seqm.check.redeemMagicLink',
      'rp>client seqm.session',
    ]);
  });

  it('a wrong code stops at the RP’s check, and the next try continues the same flow; a new sign-in starts another', () => {
    let flow = nextFlow([], x('sendOtp', 200, { email: 'a@example.com' }, { sent: true }));
    flow = nextFlow(flow, x('verifyOtp', 401, { email: 'a@example.com', code: '000000' }, { error: 'code_wrong' }));
    expect(arrows(flow).slice(-3)).toEqual(['client>rp seqm.request', 'rp>rp seqm.check.verifyOtp !', 'rp>client seqm.refused !']);
    flow = nextFlow(flow, x('verifyOtp'));
    expect(flow).toHaveLength(3);
    expect(nextFlow(flow, x('passwordSignIn'))).toHaveLength(1);
    // A redeem with no link asked for in this flow starts its own.
    expect(nextFlow(flow, x('redeemMagicLink'))).toHaveLength(1);
  });
});

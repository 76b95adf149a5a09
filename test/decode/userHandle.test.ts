import { describe, expect, it } from 'vitest';
import { dissect } from '@decode/index.ts';
import { verifyAuthentication } from '@decode/verify/index.ts';
import { SoftAuthenticator } from '../support/softAuthenticator.ts';

const origin = 'http://localhost:1234';

async function userHandleCheck(userHandle: string | null | undefined, allowCredentials: string[] | undefined) {
  const a = new SoftAuthenticator();
  const reg = a.register({ challenge: 'AAAA', rp: { id: 'localhost' }, user: { id: 'dXNlci0x' } }, { origin });
  const cred = a.credentials.get(reg.id)!;
  const s = a.assert({ challenge: 'BBBB' }, { origin, userHandle });
  const checks = await verifyAuthentication(dissect(s), {
    challenge: 'BBBB',
    origin,
    rpID: 'localhost',
    credential: { id: reg.id, publicKey: new Uint8Array(cred.cose), counter: 0, userHandle: 'dXNlci0x' },
    allowCredentials,
  });
  return checks.find((c) => c.id === 'authentication.userHandle')!;
}

describe('§7.2 step 6: userHandle', () => {
  it('passes when it maps to the credential owner, fails when it names someone else', async () => {
    expect((await userHandleCheck(undefined, [])).status).toBe('pass');
    const other = await userHandleCheck('b3RoZXI', []);
    expect(other.status).toBe('fail');
    expect(other.message).toContain('expected userHandle dXNlci0x, got b3RoZXI');
  });

  it('is optional when the user was identified beforehand (allowCredentials), as with U2F keys', async () => {
    const c = await userHandleCheck(null, ['x']);
    expect(c.status).toBe('pass');
    expect(c.message).toContain('identified before the ceremony');
  });

  it('is required for a discovered credential (empty allowCredentials)', async () => {
    const c = await userHandleCheck(null, []);
    expect(c.status).toBe('fail');
    expect(c.message).toContain('carries no userHandle');
  });

  it('is skipped, not guessed, when allowCredentials is unknown', async () => {
    expect((await userHandleCheck(null, undefined)).status).toBe('skip');
  });
});

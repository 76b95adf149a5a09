import { describe, it, expect, beforeAll } from 'vitest';
import { validateChain, type TrustAnchor } from '@decode/trust/chain';
import { makeCert, type Issued } from './pki';

const T = new Date('2025-01-01T00:00:00Z');
const anchor = (i: Issued): TrustAnchor => ({ cert: i.cert, origin: 'test' });

describe('validateChain', () => {
  let root: Issued, inter: Issued, leaf: Issued, otherRoot: Issued;
  beforeAll(async () => {
    root = await makeCert({ name: 'CN=Test Root', ca: true });
    inter = await makeCert({ name: 'CN=Test Intermediate', issuer: root, ca: true, pathLen: 0 });
    leaf = await makeCert({ name: 'CN=Leaf,OU=Authenticator Attestation,O=Test,C=US', issuer: inter });
    otherRoot = await makeCert({ name: 'CN=Other Root', ca: true });
  });

  it('trusts leaf -> intermediate -> anchor', async () => {
    const r = await validateChain([leaf.cert, inter.cert], [anchor(root)], T);
    expect(r.trusted).toBe(true);
    expect(r.root).toBe('CN=Test Root');
    expect(r.path.map((l) => l.subject)).toEqual([
      'C=US,O=Test,OU=Authenticator Attestation,CN=Leaf',
      'CN=Test Intermediate',
      'CN=Test Root',
    ]);
    expect(r.path.map((l) => l.isAnchor)).toEqual([false, false, true]);
  });

  it('trusts when x5c includes the anchor itself', async () => {
    const r = await validateChain([leaf.cert, inter.cert, root.cert], [anchor(root)], T);
    expect(r.trusted).toBe(true);
    expect(r.root).toBe('CN=Test Root');
  });

  it('unknown root: chain ends at a self-signed root that is not an anchor', async () => {
    const r = await validateChain([leaf.cert, inter.cert, root.cert], [anchor(otherRoot)], T);
    expect(r.trusted).toBe(false);
    expect(r.failure).toBe('unknown-root');
    expect(r.reason).toContain('CN=Test Root');
  });

  it('incomplete: issuer neither in x5c nor an anchor', async () => {
    const r = await validateChain([leaf.cert], [anchor(otherRoot)], T);
    expect(r.failure).toBe('incomplete');
    expect(r.reason).toContain('CN=Test Intermediate');
  });

  it('no anchors: still checks links, reports no-anchors', async () => {
    const r = await validateChain([leaf.cert, inter.cert], [], T);
    expect(r.trusted).toBe(false);
    expect(r.failure).toBe('no-anchors');
  });

  it('expired at the verification time (and not yet valid)', async () => {
    const r = await validateChain([leaf.cert, inter.cert], [anchor(root)], new Date('2041-01-01T00:00:00Z'));
    expect(r.trusted).toBe(false);
    expect(r.failure).toBe('expired');
    expect(r.root).toBe('CN=Test Root');
    expect(r.reason).toContain('expired at 2040-01-01T00:00:00.000Z');
    const r2 = await validateChain([leaf.cert, inter.cert], [anchor(root)], new Date('2019-01-01T00:00:00Z'));
    expect(r2.failure).toBe('not-yet-valid');
  });

  it('bad signature: an x5c certificate with the issuer name but another key', async () => {
    const fakeInter = await makeCert({ name: 'CN=Test Intermediate', issuer: root, ca: true });
    const r = await validateChain([leaf.cert, fakeInter.cert], [anchor(root)], T);
    expect(r.trusted).toBe(false);
    expect(r.failure).toBe('bad-signature');
  });

  it('basicConstraints: an intermediate without cA=true cannot issue', async () => {
    const notCa = await makeCert({ name: 'CN=Not A CA', issuer: root, ca: false });
    const l = await makeCert({ name: 'CN=Leaf2', issuer: notCa });
    const r = await validateChain([l.cert, notCa.cert], [anchor(root)], T);
    expect(r.failure).toBe('basic-constraints');
    const noBc = await makeCert({ name: 'CN=No BC', issuer: root, noBasicConstraints: true });
    const l2 = await makeCert({ name: 'CN=Leaf3', issuer: noBc });
    expect((await validateChain([l2.cert, noBc.cert], [anchor(root)], T)).failure).toBe('basic-constraints');
  });

  it('pathLenConstraint: pathLen 0 forbids another CA below', async () => {
    const sub = await makeCert({ name: 'CN=Sub CA', issuer: inter, ca: true });
    const l = await makeCert({ name: 'CN=Leaf4', issuer: sub });
    const r = await validateChain([l.cert, sub.cert, inter.cert], [anchor(root)], T);
    expect(r.failure).toBe('path-length');
    expect(r.reason).toContain('allows 0 intermediate');
  });

  it('keyUsage without keyCertSign on an issuer', async () => {
    const ku = await makeCert({ name: 'CN=KU CA', issuer: root, ca: true, keyUsage: 1 /* digitalSignature */ });
    const l = await makeCert({ name: 'CN=Leaf5', issuer: ku });
    expect((await validateChain([l.cert, ku.cert], [anchor(root)], T)).failure).toBe('key-usage');
  });
});

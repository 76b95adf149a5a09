import { describe, it, expect, beforeAll } from 'vitest';
import { parseMdsBlob } from '@decode/trust/mds';
import { MDS_ROOT } from '@decode/trust/roots';
import { makeCert, signJws, b64url, type Issued } from './pki';

const NOW = new Date('2025-06-01T00:00:00Z');
const AAGUID = '08987058-cadc-4b81-b6e1-30de50dcbe96';

describe('parseMdsBlob', () => {
  let root: Issued, signer: Issued, attRoot: Issued, payload: any;
  beforeAll(async () => {
    root = await makeCert({ name: 'CN=Test MDS Root', ca: true });
    signer = await makeCert({ name: 'CN=mds.test', issuer: root });
    attRoot = await makeCert({ name: 'CN=Vendor Attestation Root', ca: true });
    payload = {
      legalHeader: 'test',
      no: 42,
      nextUpdate: '2025-07-01',
      entries: [
        {
          aaguid: AAGUID.toUpperCase(),
          metadataStatement: {
            description: 'Test Authenticator',
            icon: 'data:image/png;base64,AAAA',
            attestationRootCertificates: [Buffer.from(attRoot.der).toString('base64')],
            attestationTypes: ['basic_full'],
          },
          statusReports: [
            { status: 'FIDO_CERTIFIED_L1', effectiveDate: '2020-01-01' },
            { status: 'REVOKED', effectiveDate: '2024-01-01' },
          ],
          timeOfLastStatusChange: '2024-01-01',
        },
        { attestationCertificateKeyIdentifiers: ['abcd'], metadataStatement: { description: 'U2F key' }, statusReports: [] },
      ],
    };
  });

  it('verifies the JWS and returns entries by AAGUID', async () => {
    const jwt = await signJws(payload, signer, [signer]);
    const r = await parseMdsBlob(jwt, [root.pem], NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.no).toBe(42);
    expect(r.nextUpdate).toBe('2025-07-01');
    expect(r.stale).toBe(false);
    expect(r.skipped).toBe(1);
    expect(r.chain.root).toBe('CN=Test MDS Root');
    const e = r.entries.get(AAGUID)!;
    expect(e.name).toBe('Test Authenticator');
    expect(e.icon).toBe('data:image/png;base64,AAAA');
    expect(e.attestationRootCertificates[0]).toContain('-----BEGIN CERTIFICATE-----');
    expect(e.statusReports.map((s) => s.status)).toEqual(['FIDO_CERTIFIED_L1', 'REVOKED']);
    expect(e.attestationTypes).toEqual(['basic_full']);
  });

  it('reports staleness after nextUpdate', async () => {
    const r = await parseMdsBlob(await signJws(payload, signer, [signer]), [root.pem], new Date('2025-08-01T00:00:00Z'));
    expect(r.ok && r.stale).toBe(true);
  });

  it('rejects a BLOB that does not chain to the given root (e.g. the real MDS root)', async () => {
    const r = await parseMdsBlob(await signJws(payload, signer, [signer]), [MDS_ROOT.pem], NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('not trusted');
  });

  it('rejects a tampered payload (signature)', async () => {
    const jwt = await signJws(payload, signer, [signer]);
    const [h, , s] = jwt.split('.');
    const p2 = b64url(new TextEncoder().encode(JSON.stringify({ ...payload, no: 43 })));
    const r = await parseMdsBlob(`${h}.${p2}.${s}`, [root.pem], NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('signature does not verify');
  });

  it('rejects a signer whose certificate expired at `now`', async () => {
    const old = await makeCert({ name: 'CN=old.mds.test', issuer: root, notAfter: new Date('2024-01-01T00:00:00Z') });
    const r = await parseMdsBlob(await signJws(payload, old, [old]), [root.pem], NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('expired');
  });

  it('never throws on garbage', async () => {
    for (const g of ['', 'a.b', 'a.b.c', '!!!.???.***', 'eyJhbGciOiJFUzI1NiJ9.e30.AA']) {
      const r = await parseMdsBlob(g, [root.pem], NOW);
      expect(r.ok).toBe(false);
    }
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRpServer } from '../../src/rp/server.ts';
import { call } from '../support/http.ts';
import { makeCert, signJws, type Issued } from '../decode/attestation/pki.ts';

const V = resolve(import.meta.dirname, '../../../shared/vectors');
const NOW = Date.parse('2025-06-01T00:00:00Z');
const AAGUID = '08987058-cadc-4b81-b6e1-30de50dcbe96';
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'pe-trust-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('user trust roots API', () => {
  it('adds, lists and deletes a root; refuses garbage', async () => {
    const s = await startRpServer({ dataDir: tmp() });
    try {
      const pem = readFileSync(join(V, 'roots/apple-webauthn-root-ca.pem'), 'utf8');
      const add = await call(s.port, 'POST', '/api/roots', { body: { name: 'apple', pem }, token: s.token });
      expect(add.status, add.text).toBe(200);
      expect(add.json).toMatchObject({ name: 'apple', subject: 'ST=California,O=Apple Inc.,CN=Apple WebAuthn Root CA', ca: true });
      expect(add.json.sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      expect((await call(s.port, 'GET', '/api/roots')).json.map((r: { name: string }) => r.name)).toEqual(['apple']);

      const bad = await call(s.port, 'POST', '/api/roots', {
        body: { name: 'junk', pem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' },
        token: s.token,
      });
      expect(bad.status).toBe(422);
      expect(bad.json.error).toBe('root_invalid');
      const badName = await call(s.port, 'POST', '/api/roots', { body: { name: '../etc/passwd', pem }, token: s.token });
      expect(badName.json.error).toBe('root_name_invalid');

      expect((await call(s.port, 'DELETE', '/api/roots/apple', { token: s.token })).status).toBe(200);
      expect((await call(s.port, 'DELETE', '/api/roots/apple', { token: s.token })).status).toBe(404);
      expect((await call(s.port, 'GET', '/api/roots')).json).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('FIDO MDS BLOB', () => {
  let root: Issued;
  let signer: Issued;
  let good: string;
  let files: Server;
  let base: string;

  beforeAll(async () => {
    root = await makeCert({ name: 'CN=Test MDS Root', ca: true });
    signer = await makeCert({ name: 'CN=mds.test', issuer: root });
    const payload = {
      legalHeader: 'test',
      no: 7,
      nextUpdate: '2025-07-01',
      entries: [
        { aaguid: AAGUID, metadataStatement: { description: 'Windows Hello (MDS)', attestationRootCertificates: [] }, statusReports: [] },
      ],
    };
    good = await signJws(payload, signer, [signer]);
    const [h, , sig] = good.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, no: 8 })).toString('base64url')}.${sig}`;
    files = createServer((req, res) => {
      if (req.url === '/good') res.end(good);
      else if (req.url === '/tampered') res.end(tampered);
      else res.writeHead(404).end();
    });
    await new Promise<void>((ok) => files.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((ok) => files.close(ok)));

  it('downloads, verifies, caches and reloads the BLOB; a tampered one is refused and the old one stays', async () => {
    const dataDir = tmp();
    let s = await startRpServer({ dataDir, now: () => NOW, mdsRoots: [root.pem] });
    try {
      const r = await call(s.port, 'POST', '/api/metadata/mds/refresh', { body: { url: `${base}/good` }, token: s.token });
      expect(r.status, r.text).toBe(200);
      expect(r.json).toMatchObject({ count: 1, no: 7, nextUpdate: '2025-07-01', stale: false });
      expect((await call(s.port, 'GET', `/api/aaguids/${AAGUID}`)).json).toMatchObject({ name: 'Windows Hello (MDS)', source: 'mds' });

      const t = await call(s.port, 'POST', '/api/metadata/mds/refresh', { body: { url: `${base}/tampered` }, token: s.token });
      expect(t.status).toBe(422);
      expect(t.json.error).toBe('mds_invalid');
      expect(t.json.message).toContain('signature does not verify');
      const status = (await call(s.port, 'GET', '/api/metadata')).json;
      expect(status.mds.no).toBe(7);
      expect(status.mdsError).toContain('refused');
    } finally {
      await s.close();
    }
    s = await startRpServer({ dataDir, now: () => NOW, mdsRoots: [root.pem] });
    try {
      expect((await call(s.port, 'GET', '/api/metadata')).json.mds).toMatchObject({ no: 7, count: 1 });
      expect((await call(s.port, 'GET', `/api/aaguids/${AAGUID}`)).json.source).toBe('mds');
    } finally {
      await s.close();
    }
    // With the real MDS root only, the test BLOB's cached copy does not verify and is not used.
    s = await startRpServer({ dataDir, now: () => NOW });
    try {
      const status = (await call(s.port, 'GET', '/api/metadata')).json;
      expect(status.mds).toBeNull();
      expect(status.mdsError).toMatch(/cached FIDO MDS BLOB was not loaded/);
    } finally {
      await s.close();
    }
  });
});

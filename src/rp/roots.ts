/**
 * User-added attestation trust anchors: PEM files in <data dir>/roots, used beside the bundled
 * roots (Apple, Google, GlobalSign) when attestation chains are validated.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCertificate } from '@decode/x509/certificate.ts';
import { pemToDer, toPem } from '@decode/pem.ts';
import type { TrustRoot } from '@api/types.ts';

export type { TrustRoot };

export class RootsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,80}$/;

function describe(name: string, pem: string): TrustRoot {
  const der = pemToDer(pem);
  const cert = der ? parseCertificate(der) : null;
  if (!der || !cert) throw new RootsError('root_invalid', `${name} is not a PEM or base64 X.509 certificate.`);
  return {
    name,
    subject: cert.subject.text,
    issuer: cert.issuer.text,
    notBefore: cert.notBefore?.toISOString() ?? null,
    notAfter: cert.notAfter?.toISOString() ?? null,
    ca: cert.basicConstraints?.ca ?? false,
    sha256: createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':'),
  };
}

export class TrustRoots {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'roots');
    mkdirSync(this.dir, { recursive: true });
  }

  /** Every user root, parsed. Unparseable files are skipped (and reported as such by `list`). */
  list(): TrustRoot[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.pem'))
      .sort()
      .flatMap((f) => {
        try {
          return [describe(f.slice(0, -4), readFileSync(join(this.dir, f), 'utf8'))];
        } catch {
          return [];
        }
      });
  }

  /** The PEM texts, as trust anchors for the verifiers. */
  pems(): string[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.pem'))
      .map((f) => readFileSync(join(this.dir, f), 'utf8'));
  }

  add(name: string, pemOrBase64: string): TrustRoot {
    if (!NAME.test(name))
      throw new RootsError('root_name_invalid', `Root names are letters, digits, '.', '_', '-' and spaces (got "${name}").`);
    const der = pemToDer(pemOrBase64);
    if (!der) throw new RootsError('root_invalid', 'Not a PEM or base64 X.509 certificate.');
    const pem = toPem(der, 'CERTIFICATE');
    const root = describe(name, pem);
    writeFileSync(join(this.dir, `${name}.pem`), pem);
    return root;
  }

  remove(name: string): boolean {
    const file = join(this.dir, `${name}.pem`);
    if (!NAME.test(name) || !existsSync(file)) return false;
    rmSync(file);
    return true;
  }
}

/**
 * Related origins (WebAuthn L3 §5.11): when a captured call relied on them, the RP ID's
 * /.well-known/webauthn is validated as a client does — labels from the public suffix list, five of
 * them at most, the caller's origin exactly — and the result is recorded and checked.
 */
import { describe, expect, it } from 'vitest';
import type { Ceremony } from '@api/types.ts';
import {
  MAX_LABELS,
  needsRelatedOrigins,
  relatedOriginsCheck,
  validateRelatedOrigins,
  withRelatedOrigins,
} from '../../src/rp/inspect/relatedOrigins.ts';

const fetched = (origins: unknown, over: Partial<{ status: number | null; body: string | null; error: string | null }> = {}) => ({
  url: 'https://example.com/.well-known/webauthn',
  via: 'browser' as const,
  status: 200,
  body: JSON.stringify({ origins }),
  error: null,
  ...over,
});

describe('related origins', () => {
  it('are needed only when the RP ID is neither the host nor a parent domain of it', () => {
    expect(needsRelatedOrigins('https://login.example.com', 'example.com')).toBe(false);
    expect(needsRelatedOrigins('https://example.com', 'example.com')).toBe(false);
    expect(needsRelatedOrigins('https://example.co.uk', 'example.com')).toBe(true);
    // A suffix of the string that is not a parent domain.
    expect(needsRelatedOrigins('https://notexample.com', 'example.com')).toBe(true);
    expect(needsRelatedOrigins('http://127.0.0.1:8080', 'localhost')).toBe(true);
    expect(needsRelatedOrigins('not a url', 'example.com')).toBe(false);
  });

  it('authorize the caller listed by exact origin, with labels from the public suffix list', () => {
    const r = validateRelatedOrigins(
      fetched(['https://example.co.uk', 'https://shop.example.de', 'https://example.fr']),
      'https://shop.example.de',
    );
    expect(r).toMatchObject({ listed: true, beyondLimit: false, error: null, labels: ['example'] });
    // Same registrable domain, other origin (scheme, port or host) is not the caller.
    expect(validateRelatedOrigins(fetched(['https://example.de', 'http://shop.example.de']), 'https://shop.example.de').listed).toBe(false);
    expect(validateRelatedOrigins(fetched(['https://shop.example.de:8443']), 'https://shop.example.de').listed).toBe(false);
  });

  it('stop counting at five labels: an origin after them is not looked at', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((l) => `https://${l}-shop.com`);
    expect(MAX_LABELS).toBe(5);
    const late = validateRelatedOrigins(fetched([...five, 'https://f-shop.com']), 'https://f-shop.com');
    expect(late).toMatchObject({ listed: false, beyondLimit: true, labels: ['a-shop', 'b-shop', 'c-shop', 'd-shop', 'e-shop'] });
    // Another origin of a label already counted still counts after the limit.
    expect(validateRelatedOrigins(fetched([...five, 'https://www.c-shop.com']), 'https://www.c-shop.com').listed).toBe(true);
    // Entries that are not URLs, or have no registrable domain, count for nothing.
    const odd = validateRelatedOrigins(
      fetched(['not a url', 'https://localhost', 'https://127.0.0.1', ...five.slice(0, 4), 'https://z.org']),
      'https://z.org',
    );
    expect(odd).toMatchObject({ listed: true, labels: ['a-shop', 'b-shop', 'c-shop', 'd-shop'] });
  });

  it('say why a document cannot be used', () => {
    const cases: [ReturnType<typeof fetched>, RegExp][] = [
      [fetched([], { error: 'net::ERR_CONNECTION_REFUSED', status: null, body: null }), /ERR_CONNECTION_REFUSED/],
      [fetched([], { status: 404 }), /HTTP 404 \(200 is required\)/],
      [fetched([], { body: '<html>' }), /not JSON/],
      [fetched('https://a.com'), /no "origins" array of strings/],
      [fetched(['https://a.com', 7]), /no "origins" array of strings/],
    ];
    for (const [f, why] of cases) {
      const r = validateRelatedOrigins(f, 'https://a.com');
      expect(r.listed).toBe(false);
      expect(r.error).toMatch(why);
    }
  });

  it('become a check: pass when listed, a warning otherwise (the browser let the call through)', () => {
    const pass = relatedOriginsCheck(
      'authentication',
      validateRelatedOrigins(fetched(['https://a.com']), 'https://a.com'),
      'https://a.com',
    );
    expect(pass).toMatchObject({ id: 'authentication.relatedOrigins', status: 'pass', fields: ['clientDataJSON.origin'] });
    expect(pass.spec).toMatch(/#sctn-validating-relation-origin$/);
    expect(pass.explain).toBe('check.relatedOrigins.explain');
    const warn = relatedOriginsCheck('registration', validateRelatedOrigins(fetched(['https://b.com']), 'https://a.com'), 'https://a.com');
    expect(warn).toMatchObject({
      id: 'registration.relatedOrigins',
      status: 'warn',
      message: 'https://a.com is not among the origins of https://example.com/.well-known/webauthn',
    });
  });

  it('are fetched through the page (or by Passkey Explorer when the page cannot) and recorded with the ceremony', async () => {
    const ceremony = (): Ceremony =>
      ({
        id: 'c1',
        kind: 'authentication',
        site: {
          origin: 'https://shop.example.de',
          url: 'https://shop.example.de/',
          rpId: 'example.com',
          topLevel: true,
          topOrigin: null,
          target: 'page',
          rawOptions: {},
          server: { options: null, credential: null },
        },
        dissection: { checks: [{ id: 'authentication.signature', status: 'pass', title: 's', spec: '' }] },
      }) as unknown as Ceremony;
    const asked: string[] = [];
    const c = await withRelatedOrigins(ceremony(), async (url) => {
      asked.push(url);
      return { status: 200, body: '{"origins":["https://shop.example.de"]}', error: null };
    });
    expect(asked).toEqual(['https://example.com/.well-known/webauthn']);
    expect(c.site!.relatedOrigins).toMatchObject({ via: 'browser', listed: true });
    expect(c.dissection!.checks.map((k) => [k.id, k.status])).toEqual([
      ['authentication.signature', 'pass'],
      ['authentication.relatedOrigins', 'pass'],
    ]);
    // A same-site RP ID needs nothing.
    const own = ceremony();
    own.site!.rpId = 'example.de';
    expect(
      (
        await withRelatedOrigins(own, async () => {
          throw new Error('not fetched');
        })
      ).site!.relatedOrigins,
    ).toBeUndefined();
  });
});

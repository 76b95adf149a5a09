/** Builders for the `site` of a ceremony captured on another site (tests of History, the summary, the sequence). */
import type { ExternalSite, SiteHttpExchange } from '@api/types.ts';

/** One HTTP exchange of the site (a POST of the credential unless told otherwise). */
export const exchange = (over: Partial<SiteHttpExchange> = {}): SiteHttpExchange => ({
  url: 'https://shop.example/verify',
  method: 'POST',
  status: 200,
  requestBody: '{}',
  responseBody: '{}',
  startedAt: 0,
  finishedAt: 1,
  mimeType: 'application/json',
  ...over,
});

/** A top-level page of https://shop.example whose server accepted the credential. */
export const externalSite = (over: Partial<ExternalSite> = {}): ExternalSite => ({
  origin: 'https://shop.example',
  url: 'https://shop.example/',
  rpId: 'shop.example',
  topLevel: true,
  topOrigin: null,
  target: 'page',
  rawOptions: {},
  server: { options: null, credential: exchange() },
  serverVerdict: 'accepted',
  ...over,
});

/**
 * Route modules: a feature area (history import/export, the authenticator lab, ...) adds its API
 * endpoints in its own file as a RouteModule, listed in server.ts, instead of growing server.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { MetadataService } from './metadata.ts';
import type { RelyingParty } from './relyingParty.ts';
import type { Store } from './store.ts';
import type { RpEvent } from '@api/types.ts';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  method: string;
  /** url.pathname */
  path: string;
  /** The RP's origin: http://localhost:<port>. */
  origin: string;
  dataDir: string;
  store: Store;
  rp: RelyingParty;
  metadata: MetadataService;
  /** Reads the JSON body (415 / 413 / 408 / 400 handled); `limit` defaults to 1 MiB. */
  readJson(limit?: number): Promise<unknown>;
  /** Validates with zod; 400 invalid_request with the first issues otherwise. */
  validate<T>(schema: z.ZodType<T>, value: unknown): T;
  sendJson(status: number, body: unknown): void;
  /** Publishes an event on the SSE stream to every open window. */
  publish(event: RpEvent): void;
}

/**
 * Handles the request and returns true, or returns false when the path is not this module's.
 * Throw ApiFailure for 4xx answers. The per-launch token is already checked for non-GET methods.
 */
export type RouteModule = (ctx: RouteContext) => Promise<boolean> | boolean;

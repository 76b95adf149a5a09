/**
 * What a feature area's handlers get from the server: the RP, its store and metadata, its origin,
 * and the event stream. Each area (core, history, hand-off, lab) exports a function from this context
 * to its part of the handler object mounted by server.ts.
 */
import type { RpEvent } from '@api/types.ts';
import type { MetadataService } from './metadata.ts';
import type { RelyingParty } from './relyingParty.ts';
import type { Store } from './store.ts';

export interface RpContext {
  /** The RP's origin: http://localhost:<port>. */
  origin: string;
  dataDir: string;
  store: Store;
  rp: RelyingParty;
  metadata: MetadataService;
  /** Publishes an event on the SSE stream to every open window. */
  publish(event: RpEvent): void;
}

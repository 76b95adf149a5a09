/**
 * From captures to records, for the CLI's `inspect` and the window's Inspect view alike. A capture
 * becomes a record as soon as its outcome is known, one after the other in that order, so that a
 * sign-in finds the key its registration (earlier in the same browser) brought; the site's exchange
 * is attached when the capture completes, and then the record is handed on ('ceremony').
 */
import { EventEmitter } from 'node:events';
import type { Ceremony } from '@api/types.ts';
import { captureToCeremony, withServerExchange, type KnownCredential } from './record.ts';
import { withRelatedOrigins } from './relatedOrigins.ts';
import type { Capture, SiteInspector } from './session.ts';

interface RecorderEvents {
  /** A complete record, in completion order (a registration waits for the POST of its credential). */
  ceremony: [Ceremony, Capture];
  /** A capture that could not become a record (it stays a capture; nothing else is lost). */
  failed: [Error, Capture];
}

export class InspectRecorder extends EventEmitter<RecorderEvents> {
  /** The credentials registered during this recording: their keys verify later sign-ins. */
  readonly known = new Map<string, KnownCredential>();
  private chain: Promise<void> = Promise.resolve();
  private readonly records = new Map<string, Promise<Ceremony>>();
  private readonly delivered = new Set<Promise<void>>();

  constructor(inspector: SiteInspector) {
    super();
    inspector.on('outcome', (c) => {
      const p = this.chain
        .then(() => captureToCeremony(c, this.known))
        .then((r) => withRelatedOrigins(r, (url) => inspector.fetchThroughPage(c.id, url)));
      this.records.set(c.id, p);
      this.chain = p.then(
        () => {},
        () => {},
      );
    });
    inspector.on('complete', (c) => {
      const record = this.records.get(c.id);
      if (!record) return;
      const done = record.then(
        (r) => {
          this.emit('ceremony', withServerExchange(r, c.exchanges), c);
        },
        (e: unknown) => {
          this.emit('failed', e instanceof Error ? e : new Error(String(e)), c);
        },
      );
      this.delivered.add(done);
      void done.finally(() => {
        this.delivered.delete(done);
        this.records.delete(c.id);
      });
    });
  }

  /** Resolves once every record begun so far has been handed on (after the inspector was closed). */
  async settled(): Promise<void> {
    await this.chain;
    await Promise.allSettled([...this.delivered]);
  }
}

/** The History view's queries over the compact index table (ceremony_index, migration 2). */
import type { DatabaseSync } from 'node:sqlite';
import { toHistoryRow, type HistoryQuery, type HistoryRow, type Row } from './rows.ts';
/** WHERE clauses (and their arguments) for the kind and verdict filters both listings share. */
export function kindAndVerdict(opts: { kind?: string; verdict?: string }): { where: string[]; args: (string | number)[] } {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (opts.kind) {
    where.push('kind = ?');
    args.push(opts.kind);
  }
  if (opts.verdict) {
    where.push('verdict = ?');
    args.push(opts.verdict);
  }
  return { where, args };
}

/**
 * The History view's compact rows (table ceremony_index, migration 2), newest first, with the total
 * that matches the filters. `q` is free text over user, credential id, ceremony id, error, AAGUID,
 * fmt and authenticator name; `authenticator` matches an AAGUID exactly or a recorded name.
 */
export function historyEntries(db: DatabaseSync, opts: HistoryQuery): { total: number; items: HistoryRow[] } {
  const { where, args } = kindAndVerdict(opts);
  if (opts.authenticator) {
    where.push(
      '(lower(aaguid) = lower(?) OR lower(authenticator_name) = lower(?)' +
        (opts.aaguids?.length ? ` OR aaguid IN (${opts.aaguids.map(() => '?').join(', ')})` : '') +
        ')',
    );
    args.push(opts.authenticator, opts.authenticator, ...(opts.aaguids ?? []));
  }
  if (opts.site === 'local') where.push('site_origin IS NULL');
  else if (opts.site) {
    where.push('site_origin = ?');
    args.push(opts.site);
  }
  if (opts.q) {
    const like = `%${opts.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const cols = ['id', 'user_name', 'credential_id', 'error', 'aaguid', 'fmt', 'authenticator_name', 'site_origin'];
    where.push(`(${cols.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    args.push(...cols.map(() => like));
  }
  const w = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const total = Number((db.prepare(`SELECT count(*) AS n FROM ceremony_index${w}`).get(...args) as Row).n);
  const rows = db
    .prepare(`SELECT * FROM ceremony_index${w} ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?`)
    .all(...args, opts.limit, opts.offset) as Row[];
  return { total, items: rows.map(toHistoryRow) };
}

export function historyEntry(db: DatabaseSync, id: string): HistoryRow | null {
  const r = db.prepare('SELECT * FROM ceremony_index WHERE id = ?').get(id) as Row | undefined;
  return r ? toHistoryRow(r) : null;
}

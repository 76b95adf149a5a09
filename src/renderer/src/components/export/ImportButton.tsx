/**
 * Import a JSON export (or one ceremony record) through POST /api/ceremonies/import — a big one in
 * staged parts and one commit. Ceremonies keep their ids unless one is taken here; those get a new id
 * and remember the original (importedFrom).
 */
import { useId, useState } from 'react';
import type { ImportResult } from '@api/types.ts';
import { useApi } from '../../api/context.tsx';
import { toApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { importFile } from '../../model/transfer.ts';
import { HISTORY_TID } from '../../testids.ts';
import './export.css';

export function ImportButton({ onImported }: { onImported(result: ImportResult): void }) {
  const { t, lang } = useI18n();
  const api = useApi();
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string; imported?: number; renamed?: number } | null>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setStatus(null);
    try {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file.text());
      } catch (e) {
        setStatus({ ok: false, text: t('imp.notJson', { message: (e as Error).message }) });
        return;
      }
      // A big file goes in parts, committed once (model/transfer.ts): all of it or none of it is stored.
      const result = await importFile(api, parsed, (done, total) =>
        setStatus({ ok: true, text: t('imp.progress', { done: done.toLocaleString(lang), total: total.toLocaleString(lang) }) }),
      );
      const renamed = result.imported.filter((x) => x.importedFrom !== null).length;
      setStatus({
        ok: true,
        imported: result.imported.length,
        renamed,
        text: [t('imp.done', { n: result.imported.length }), renamed ? t('imp.renamed', { n: renamed }) : ''].filter(Boolean).join(' '),
      });
      onImported(result);
    } catch (e) {
      const at = (e as { partStart?: number }).partStart;
      const message = toApiError(e).message;
      setStatus({
        ok: false,
        text: t('imp.failed', { message: at === undefined ? message : `${t('imp.inPart', { from: at + 1 })} ${message}` }),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="import">
      <label className="btn btn-small file-button" htmlFor={inputId} aria-disabled={busy}>
        {t('imp.button')}
        <input
          id={inputId}
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          data-testid={HISTORY_TID.importFile}
          disabled={busy}
          onChange={(e) => {
            const input = e.currentTarget;
            void onFile(input.files?.[0]).finally(() => (input.value = ''));
          }}
        />
      </label>
      <span
        className={status && !status.ok ? 'import-status inline-error' : 'import-status muted small'}
        role="status"
        data-testid={HISTORY_TID.importStatus}
        data-imported={status?.imported ?? ''}
        data-renamed={status?.renamed ?? ''}
      >
        {status?.text ?? ''}
      </span>
    </div>
  );
}

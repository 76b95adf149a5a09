/**
 * Export buttons for one ceremony or a selection: JSON (complete, re-importable through
 * POST /api/ceremonies/import), a Markdown report and a Mermaid sequence diagram (one ceremony),
 * each as a download or to the clipboard. The records are fetched when a button is pressed.
 */
import { useState } from 'react';
import type { CeremonyExport } from '@api/types.ts';
import { useApi } from '../../api/context.tsx';
import { toApiError } from '../../api/client.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { exportFileName, exportJsonText, MIME, toMarkdown, toMermaid, type ExportFormat } from '../../model/export.ts';
import { plainSummary } from '../../model/plainSummary.ts';
import { exportInBatches } from '../../model/transfer.ts';
import { HISTORY_TID } from '../../testids.ts';
import { copyText, downloadText } from './download.ts';
import './export.css';

const LABEL: Record<ExportFormat, MessageKey> = { json: 'exp.json', markdown: 'exp.markdown', mermaid: 'exp.mermaid' };
const DOWNLOAD_TID = { json: HISTORY_TID.exportJson, markdown: HISTORY_TID.exportMarkdown, mermaid: HISTORY_TID.exportMermaid };
const COPY_TID = { json: HISTORY_TID.copyJson, markdown: HISTORY_TID.copyMarkdown, mermaid: HISTORY_TID.copyMermaid };

export function ExportActions({ ids, title }: { ids: readonly string[]; title: string }) {
  const { t, lang } = useI18n();
  const api = useApi();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const render = (bundle: CeremonyExport, format: ExportFormat): string => {
    if (format === 'json') return exportJsonText(bundle);
    if (format === 'markdown') {
      // The same plain-language summary as the inspector shows (model/plainSummary.ts).
      const summary = (c: (typeof bundle.ceremonies)[number]) => {
        const s = plainSummary(c, { lang, origin: window.location.origin });
        return [s.headline, ...s.details].join(' ');
      };
      return toMarkdown(bundle.ceremonies, t, { summary });
    }
    return toMermaid(bundle.ceremonies[0], t);
  };

  const run = async (format: ExportFormat, how: 'download' | 'copy') => {
    setBusy(true);
    setStatus(null);
    try {
      // In batches (model/transfer.ts): no request carries more than a few hundred records.
      const bundle = await exportInBatches(api, ids, (done, total) =>
        total > done
          ? setStatus({ ok: true, text: t('exp.progress', { done: done.toLocaleString(lang), total: total.toLocaleString(lang) }) })
          : undefined,
      );
      const text = render(bundle, format);
      if (how === 'download') {
        const file = exportFileName(bundle.ceremonies, format);
        downloadText(file, text, MIME[format]);
        setStatus({ ok: true, text: t('exp.downloaded', { file }) });
      } else {
        try {
          await copyText(text);
          setStatus({ ok: true, text: t('exp.copied', { format: t(LABEL[format]) }) });
        } catch (e) {
          setStatus({ ok: false, text: t('exp.copyFailed', { message: (e as Error).message }) });
        }
      }
    } catch (e) {
      setStatus({ ok: false, text: t('exp.failed', { message: toApiError(e).message }) });
    } finally {
      setBusy(false);
    }
  };

  const formats: ExportFormat[] = ids.length === 1 ? ['json', 'markdown', 'mermaid'] : ['json', 'markdown'];
  return (
    <div className="export-actions" role="group" aria-label={title}>
      <span className="export-title">{title}</span>
      <div className="export-buttons">
        {formats.map((f) => (
          <span key={f} className="export-pair">
            <button
              type="button"
              className="btn btn-small"
              data-testid={DOWNLOAD_TID[f]}
              disabled={busy || ids.length === 0}
              onClick={() => void run(f, 'download')}
            >
              {t('exp.download', { format: t(LABEL[f]) })}
            </button>
            <button
              type="button"
              className="btn btn-small"
              data-testid={COPY_TID[f]}
              disabled={busy || ids.length === 0}
              onClick={() => void run(f, 'copy')}
            >
              {t('exp.copy', { format: t(LABEL[f]) })}
            </button>
          </span>
        ))}
      </div>
      {ids.length > 1 && <p className="muted small">{t('exp.mermaidOne')}</p>}
      <p
        className={status && !status.ok ? 'export-status inline-error' : 'export-status muted small'}
        data-testid={HISTORY_TID.exportStatus}
        role="status"
      >
        {status?.text ?? ''}
      </p>
    </div>
  );
}

/** The side panel: the selected check (expected, actual, why) and the selected field in plain language with its spec link. */
import { useMemo } from 'react';
import type { Check } from '@decode/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { authDataOffset, type TreeNode } from '../../model/inspect.ts';
import { INSPECTOR_TID as TID } from '../../testids.ts';
import { ExternalLink } from '../ExternalLink.tsx';
import { checkExplanation, checkMessage, checkTitle, fieldExplanation, valueText } from './text.ts';
import { CopyButton } from '../CopyButton.tsx';
import { displayText } from '@decode/messages/display.ts';
import { cborDiagnosticOf } from '@decode/cbor/diagnostic.ts';
import { toBase64Url, toHex } from '@decode/bytes.ts';

/** The field's bytes as hex, base64url and — when they are one CBOR item — CBOR diagnostic notation. */
function CopyAs({ bytes, name }: { bytes: Uint8Array; name: string }) {
  const { t } = useI18n();
  // Parsed once per selection, not on every render of the panel.
  const diag = useMemo(() => cborDiagnosticOf(bytes), [bytes]);
  return (
    <div className="explain-copy" role="group" aria-label={t('insp.copyAs')} data-testid={TID.fieldCopy}>
      <span className="muted small">{t('insp.copyAs')}</span>
      <CopyButton text={toHex(bytes)} caption="hex" label={name} testId={TID.fieldCopyHex} />
      <CopyButton text={toBase64Url(bytes)} caption="base64url" label={name} testId={TID.fieldCopyB64} />
      {diag !== null ? (
        <CopyButton text={diag} caption={t('insp.copyCbor')} label={name} testId={TID.fieldCopyCbor} />
      ) : (
        <button type="button" className="btn btn-small" disabled title={t('insp.copyCbor.no')} data-testid={TID.fieldCopyCbor}>
          {t('insp.copyCbor')}
        </button>
      )}
    </div>
  );
}

export function ExplainPanel({ node, check, bytes }: { node: TreeNode | null; check: Check | null; bytes?: Uint8Array | null }) {
  const { t, lang } = useI18n();
  const f = node?.field ?? null;
  const text = f ? fieldExplanation(f.explain, lang) : undefined;
  const adOffset = node ? authDataOffset(node) : null;
  const checkWhy = check ? checkExplanation(check, lang) : undefined;
  const checkMsg = check ? checkMessage(check, lang) : undefined;
  return (
    <aside className="insp-explain" aria-label={t('insp.explain')} data-testid={TID.explainPanel}>
      {check && (
        <section className={`explain-check status-row-${check.status}`} data-testid={TID.explainCheck} data-check-id={check.id}>
          <h4 className="insp-subtitle">
            <span className={`check-badge badge-${check.status}`}>{t(`check.${check.status}`)}</span> {checkTitle(check, lang)}
          </h4>
          <dl className="explain-facts">
            {check.expected !== undefined && (
              <>
                <dt>{t('checks.expected')}</dt>
                <dd className="mono break">{valueText(check.expected, 600)}</dd>
              </>
            )}
            {check.actual !== undefined && (
              <>
                <dt>{t('checks.actual')}</dt>
                <dd className="mono break">{valueText(check.actual, 600)}</dd>
              </>
            )}
          </dl>
          {checkMsg && <p className="explain-message">{checkMsg}</p>}
          {checkWhy && <p className="explain-text">{checkWhy}</p>}
          {check.spec && (
            <p>
              <ExternalLink href={check.spec} className="spec-link">
                {t('insp.spec')}
                <span aria-hidden="true"> ↗</span>
              </ExternalLink>
            </p>
          )}
        </section>
      )}
      {!f ? (
        !check && <p className="muted">{t('insp.noField')}</p>
      ) : (
        <section className="explain-field" data-path={f.path}>
          <h4 className="insp-subtitle">
            <span className="mono">{f.key}</span>
            {f.severity && f.severity !== 'info' && (
              <span className={`sev-badge sev-${f.severity}`}>{t(`insp.severity.${f.severity}`)}</span>
            )}
          </h4>
          <p className="explain-display mono break">{displayText(f.display, lang)}</p>
          <p className="explain-text" data-testid={TID.explainText}>
            {text ?? <span className="muted">{t('insp.noExplanation')}</span>}
          </p>
          <dl className="explain-facts">
            <dt>{t('insp.path')}</dt>
            <dd className="mono break">{f.path}</dd>
            <dt>{t('insp.range')}</dt>
            <dd className="mono" data-testid={TID.fieldRange}>
              {f.range
                ? t('insp.rangeValue', { source: f.source, start: f.range[0], end: f.range[1], n: f.range[1] - f.range[0] })
                : t('insp.noRange')}
              {typeof f.bit === 'number' && ` · bit ${f.bit}`}
              {adOffset !== null && (
                <>
                  <br />
                  <span data-testid={TID.authDataOffset} data-offset={adOffset}>
                    {t('insp.authDataOffset', { n: adOffset })}
                  </span>
                </>
              )}
            </dd>
          </dl>
          {bytes && bytes.length > 0 && <CopyAs bytes={bytes} name={f.key} />}
          {f.spec && (
            <p data-testid={TID.explainSpec}>
              <ExternalLink href={f.spec} className="spec-link">
                {t('insp.spec')}
                <span aria-hidden="true"> ↗</span>
              </ExternalLink>
            </p>
          )}
        </section>
      )}
    </aside>
  );
}

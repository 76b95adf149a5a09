/**
 * "Metadata & trust": the sources the RP uses beside the response itself.
 * - the community AAGUID list (names and icons; downloaded at run time or loaded from a file, never
 *   shipped: it has no licence),
 * - the FIDO Metadata Service BLOB (names, icons and attestation roots of certified authenticators;
 *   its signature is verified by the RP before use),
 * - user trust roots (attestation chains ending in one of them count as trusted).
 *
 * Every RP error is shown inline in its section with its code and full message (testid
 * `metadata-error`, data-section = aaguids | mds | mds-cached | roots | load); a failed load keeps
 * the previous source.
 */
import { useCallback, useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import type { ApiError } from '@api/types.ts';
import { toApiError } from '../api/client.ts';
import { useApi } from '../api/context.tsx';
import type { MetadataInfo, TrustRoot } from '../api/metadata-types.ts';
import { useI18n } from '../i18n/index.tsx';
import { fileToPem, projectPage, rootNameFromFile } from '../model/metadata.ts';
import { TID } from '../testids.ts';
import { Dialog } from './Dialog.tsx';
import { ExternalLink } from './ExternalLink.tsx';

/** The RP's limits: lists and BLOBs up to 16 MiB, roots up to 64 KiB of PEM. */
const MAX_SOURCE_BYTES = 16 * 1024 * 1024;
const MAX_ROOT_BYTES = 64 * 1024;

type Section = 'load' | 'aaguids' | 'mds' | 'roots';

function InlineError({ error, section }: { error: ApiError | null | undefined; section: string }) {
  if (!error) return null;
  return (
    <div
      className="inline-error metadata-error"
      role="alert"
      data-testid={TID.metadataError}
      data-section={section}
      data-code={error.error}
    >
      {error.error && <span className="mono metadata-error-code">{error.error} </span>}
      <span className="metadata-error-message">{error.message}</span>
    </div>
  );
}

function Note({ text }: { text: string | undefined }) {
  return (
    <p className="metadata-note" role="status">
      {text ?? ''}
    </p>
  );
}

/** A button-looking label around a (visually hidden, still focusable) file input. */
function FileButton({
  testId,
  accept,
  label,
  disabled,
  onFile,
}: {
  testId: string;
  accept: string;
  label: string;
  disabled: boolean;
  onFile(file: File): void;
}) {
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // Clear it so that choosing the same file again fires `change` again.
    e.target.value = '';
    if (file) onFile(file);
  };
  return (
    <label className="btn btn-small file-button" aria-disabled={disabled || undefined}>
      <input type="file" className="visually-hidden" data-testid={testId} accept={accept} disabled={disabled} onChange={onChange} />
      {label}
    </label>
  );
}

function Busy({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <span className="action-status" role="status">
      <span className="spinner" aria-hidden="true" /> {text}
    </span>
  );
}

function SourceSection({ id, title, purpose, children }: { id: string; title: string; purpose: ReactNode; children: ReactNode }) {
  return (
    <section className="metadata-section" aria-labelledby={id}>
      <h3 id={id} className="metadata-section-title">
        {title}
      </h3>
      <p className="metadata-purpose">{purpose}</p>
      {children}
    </section>
  );
}

export function MetadataDialog({ open, onClose, onSourcesChanged }: { open: boolean; onClose(): void; onSourcesChanged(): void }) {
  const api = useApi();
  const { t, dateTime } = useI18n();
  const ids = useId();
  const [info, setInfo] = useState<MetadataInfo | null>(null);
  const [roots, setRoots] = useState<TrustRoot[] | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Section, ApiError>>>({});
  const [notes, setNotes] = useState<Partial<Record<Section, string>>>({});
  const [busy, setBusy] = useState<Partial<Record<Section, string>>>({});
  const [rootName, setRootName] = useState('');
  const [rootPem, setRootPem] = useState('');
  const rootNameInput = useRef<HTMLInputElement>(null);
  const intro = useRef<HTMLParagraphElement>(null);

  // Focus starts at the top of this long dialog (not on a button that starts a download), so a screen
  // reader reads from the beginning; Tab goes on to the first action. Runs after <Dialog> called showModal().
  useEffect(() => {
    if (open) intro.current?.focus();
  }, [open]);

  const setError = (s: Section, e: ApiError | null) => setErrors((prev) => ({ ...prev, [s]: e ?? undefined }));
  const setNote = (s: Section, n: string | null) => setNotes((prev) => ({ ...prev, [s]: n ?? undefined }));

  const reload = useCallback(async () => {
    const [m, r] = await Promise.allSettled([api.metadata(), api.roots()]);
    if (m.status === 'fulfilled') setInfo(m.value);
    if (r.status === 'fulfilled') setRoots(r.value);
    const failed = m.status === 'rejected' ? m.reason : r.status === 'rejected' ? r.reason : null;
    setErrors((prev) => ({ ...prev, load: failed ? toApiError(failed) : undefined }));
  }, [api]);

  useEffect(() => {
    if (open) void reload();
  }, [open, reload]);

  /** Runs one action of a section: busy while it runs, its error or a note after, status reloaded. */
  const run = async (section: Section, busyText: string, action: () => Promise<string>, changesNames = false) => {
    setBusy((b) => ({ ...b, [section]: busyText }));
    setError(section, null);
    setNote(section, null);
    try {
      const note = await action();
      setNote(section, note);
      if (changesNames) onSourcesChanged();
    } catch (e) {
      setError(section, toApiError(e));
    } finally {
      setBusy((b) => ({ ...b, [section]: undefined }));
      await reload();
    }
  };

  const tooLarge = (file: File, limit: number): ApiError => ({
    error: 'too_large',
    message: t('metadata.fileTooLarge', { name: file.name, size: file.size, limit }),
  });

  const importAaguids = (file: File) =>
    void run(
      'aaguids',
      t('metadata.loadingFile', { name: file.name }),
      async () => {
        if (file.size > MAX_SOURCE_BYTES) throw tooLarge(file, MAX_SOURCE_BYTES);
        const s = await api.importAaguids(await file.text(), file.name);
        return t('metadata.aaguidsLoaded', { count: s.count, origin: s.origin });
      },
      true,
    );

  const refreshAaguids = () =>
    void run(
      'aaguids',
      t('metadata.downloading'),
      async () => {
        const s = await api.refreshAaguids();
        return t('metadata.aaguidsLoaded', { count: s.count, origin: s.origin });
      },
      true,
    );

  const importMds = (file: File) =>
    void run(
      'mds',
      t('metadata.loadingFile', { name: file.name }),
      async () => {
        if (file.size > MAX_SOURCE_BYTES) throw tooLarge(file, MAX_SOURCE_BYTES);
        const s = await api.importMds(await file.text(), file.name);
        return t('metadata.mdsLoaded', { count: s.count, no: s.no });
      },
      true,
    );

  const refreshMds = () =>
    void run(
      'mds',
      t('metadata.downloading'),
      async () => {
        const s = await api.refreshMds();
        return t('metadata.mdsLoaded', { count: s.count, no: s.no });
      },
      true,
    );

  const pickRootFile = async (file: File) => {
    setError('roots', null);
    setNote('roots', null);
    if (file.size > MAX_ROOT_BYTES) {
      setError('roots', tooLarge(file, MAX_ROOT_BYTES));
      return;
    }
    try {
      setRootPem(fileToPem(new Uint8Array(await file.arrayBuffer())));
      if (!rootName.trim()) setRootName(rootNameFromFile(file.name));
      setNote('roots', t('roots.fileRead', { name: file.name }));
    } catch (e) {
      setError('roots', toApiError(e));
    }
  };

  const addRoot = (e: FormEvent) => {
    e.preventDefault();
    const name = rootName.trim();
    void run('roots', t('roots.adding'), async () => {
      const r = await api.addRoot(name, rootPem);
      setRootName('');
      setRootPem('');
      return t('roots.added', { name: r.name });
    });
  };

  const deleteRoot = (name: string) => {
    void run('roots', t('roots.deleting'), async () => {
      await api.deleteRoot(name);
      // The deleted item's button is gone: keep focus in the section, on the add form.
      rootNameInput.current?.focus();
      return t('roots.deleted', { name });
    });
  };

  // While the background download runs, the dialog follows it (it takes seconds, not minutes).
  const autoRunning = info?.auto?.state === 'running';
  useEffect(() => {
    if (!open || !autoRunning) return;
    const timer = setInterval(() => void reload(), 1000);
    return () => clearInterval(timer);
  }, [open, autoRunning, reload]);

  const toggleAuto = (e: ChangeEvent<HTMLInputElement>) => {
    const enabled = e.target.checked;
    void api
      .metadataSettings(enabled)
      .then(() => reload())
      .catch((err: unknown) => setError('load', toApiError(err)));
  };

  const community = info?.community ?? null;
  const mds = info?.mds ?? null;
  const now = Date.now();
  const auto = info?.auto;
  const autoLine = (source: 'aaguids' | 'mds', r: NonNullable<typeof auto>['community']) =>
    !r
      ? null
      : r.result === 'downloaded'
        ? t('metadata.auto.downloaded', { source: t(`metadata.auto.source.${source}`) })
        : r.result === 'fresh'
          ? t('metadata.auto.fresh', { source: t(`metadata.auto.source.${source}`) })
          : t('metadata.auto.failed', { source: t(`metadata.auto.source.${source}`), message: r.message ?? '' });

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('metadata.title')}
      testId={TID.metadataDialog}
      className="metadata-dialog"
      actions={
        <button type="button" className="btn" onClick={onClose}>
          {t('about.close')}
        </button>
      }
    >
      <p className="metadata-intro" ref={intro} tabIndex={-1}>
        {t('metadata.intro')}
      </p>
      <InlineError error={errors.load} section="load" />

      <div className="metadata-auto" data-testid={TID.metadataAuto} data-state={auto?.state ?? 'unknown'}>
        <div className="field field-check">
          <input
            id={`${ids}-auto`}
            type="checkbox"
            data-testid={TID.metadataAutoToggle}
            checked={auto?.enabled ?? false}
            disabled={!auto}
            onChange={toggleAuto}
          />
          <label htmlFor={`${ids}-auto`}>{t('metadata.auto.label')}</label>
        </div>
        <ul className="field-hint metadata-auto-status" role="status">
          {auto && !auto.enabled && <li>{t('metadata.auto.off')}</li>}
          {auto?.enabled && auto.state === 'running' && <li>{t('metadata.auto.running')}</li>}
          {auto?.enabled && auto.state === 'done' && auto.community?.result === 'failed' && auto.mds?.result === 'failed' ? (
            <li>{t('metadata.auto.offline', { message: auto.community.message ?? '' })}</li>
          ) : (
            auto?.enabled &&
            auto.state === 'done' &&
            [autoLine('aaguids', auto.community), autoLine('mds', auto.mds)].filter(Boolean).map((line) => <li key={line}>{line}</li>)
          )}
        </ul>
      </div>

      <SourceSection id={`${ids}-aaguids`} title={t('metadata.aaguidsTitle')} purpose={t('metadata.aaguidsPurpose')}>
        <p className="metadata-licence">{t('metadata.aaguidsNotShipped')}</p>
        {community ? (
          <dl className="facts" data-testid={TID.aaguidsStatus}>
            <dt>{t('metadata.source')}</dt>
            <dd className="mono break">{community.origin}</dd>
            <dt>{t('metadata.fetchedAt')}</dt>
            <dd>{dateTime(community.fetchedAt)}</dd>
            <dt>{t('metadata.count')}</dt>
            <dd data-testid={TID.aaguidsCount}>{community.count}</dd>
          </dl>
        ) : (
          <p className="muted" data-testid={TID.aaguidsStatus}>
            {info ? t('metadata.aaguidsNone') : t('common.loading')}
          </p>
        )}
        <div className="metadata-actions">
          <button
            type="button"
            className="btn btn-small"
            data-testid={TID.aaguidsRefresh}
            disabled={!!busy.aaguids}
            onClick={refreshAaguids}
          >
            {t('metadata.aaguidsDownload')}
          </button>
          <FileButton
            testId={TID.aaguidsFile}
            accept=".json,application/json"
            label={t('metadata.aaguidsFile')}
            disabled={!!busy.aaguids}
            onFile={importAaguids}
          />
          <Busy text={busy.aaguids} />
        </div>
        {info && (
          <p className="field-hint">
            {t('metadata.publishedAt')} <span className="mono break">{info.communityUrl}</span>
            {projectPage(info.communityUrl) && (
              <>
                {' '}
                (<ExternalLink href={projectPage(info.communityUrl)!}>{t('metadata.project')}</ExternalLink>)
              </>
            )}
          </p>
        )}
        <InlineError error={errors.aaguids} section="aaguids" />
        <Note text={notes.aaguids} />
      </SourceSection>

      <SourceSection id={`${ids}-mds`} title={t('metadata.mdsTitle')} purpose={t('metadata.mdsPurpose')}>
        {mds ? (
          <>
            <dl className="facts" data-testid={TID.mdsStatus}>
              <dt>{t('metadata.source')}</dt>
              <dd className="mono break">{mds.origin}</dd>
              <dt>{t('metadata.fetchedAt')}</dt>
              <dd>{dateTime(mds.fetchedAt)}</dd>
              <dt>{t('metadata.mdsNo')}</dt>
              <dd className="mono" data-testid={TID.mdsNo}>
                {mds.no}
              </dd>
              <dt>{t('metadata.mdsNextUpdate')}</dt>
              <dd className="mono">{mds.nextUpdate}</dd>
              <dt>{t('metadata.count')}</dt>
              <dd>{mds.count}</dd>
            </dl>
            {mds.stale && (
              <p className="inline-warn" data-testid={TID.mdsStale}>
                {t('metadata.mdsStale', { date: mds.nextUpdate })}
              </p>
            )}
            {mds.legalHeader && (
              <details className="legal-header">
                <summary>{t('metadata.mdsLegal')}</summary>
                <p>{mds.legalHeader}</p>
              </details>
            )}
          </>
        ) : (
          <p className="muted" data-testid={TID.mdsStatus}>
            {info ? t('metadata.mdsNone') : t('common.loading')}
          </p>
        )}
        {info?.mdsError && info.mdsError !== errors.mds?.message && (
          <InlineError error={{ error: '', message: info.mdsError }} section="mds-cached" />
        )}
        <div className="metadata-actions">
          <button type="button" className="btn btn-small" data-testid={TID.mdsRefresh} disabled={!!busy.mds} onClick={refreshMds}>
            {t('metadata.mdsDownload')}
          </button>
          <FileButton
            testId={TID.mdsFile}
            accept=".jwt,.txt,.blob,application/jwt,text/plain"
            label={t('metadata.mdsFile')}
            disabled={!!busy.mds}
            onFile={importMds}
          />
          <Busy text={busy.mds} />
        </div>
        <InlineError error={errors.mds} section="mds" />
        <Note text={notes.mds} />
      </SourceSection>

      <SourceSection id={`${ids}-roots`} title={t('roots.title')} purpose={t('roots.purpose')}>
        {roots && roots.length === 0 && <p className="muted">{t('roots.empty')}</p>}
        <ul className="roots" data-testid={TID.roots} aria-label={t('roots.listLabel')}>
          {(roots ?? []).map((r) => {
            const expired = r.notAfter !== null && Date.parse(r.notAfter) < now;
            const notYet = r.notBefore !== null && Date.parse(r.notBefore) > now;
            return (
              <li key={r.name} className="root-item" data-testid={TID.root} data-name={r.name}>
                <div className="root-head">
                  <span className="root-name">{r.name}</span>
                  <span className={r.ca ? 'tag' : 'tag tag-warn'}>{r.ca ? t('roots.ca') : t('roots.notCa')}</span>
                  <button
                    type="button"
                    className="btn btn-small btn-danger root-delete"
                    data-testid={TID.rootDelete}
                    disabled={!!busy.roots}
                    aria-label={t('roots.deleteNamed', { name: r.name })}
                    onClick={() => deleteRoot(r.name)}
                  >
                    {t('roots.delete')}
                  </button>
                </div>
                <dl className="facts facts-compact">
                  <dt>{t('roots.subject')}</dt>
                  <dd className="break" data-testid={TID.rootSubject}>
                    {r.subject}
                  </dd>
                  <dt>{t('roots.issuer')}</dt>
                  <dd className="break">{r.issuer === r.subject ? t('roots.selfSigned') : r.issuer}</dd>
                  <dt>{t('roots.validity')}</dt>
                  <dd>
                    {t('roots.validRange', { from: dateTime(r.notBefore), to: dateTime(r.notAfter) })}
                    {expired && <span className="tag tag-bad">{t('roots.expired')}</span>}
                    {notYet && <span className="tag tag-warn">{t('roots.notYetValid')}</span>}
                  </dd>
                  <dt>SHA-256</dt>
                  <dd className="mono break small">{r.sha256}</dd>
                </dl>
              </li>
            );
          })}
        </ul>

        <form className="root-form" onSubmit={addRoot} aria-labelledby={`${ids}-root-add`}>
          <h4 id={`${ids}-root-add`} className="subgroup-title">
            {t('roots.addTitle')}
          </h4>
          <div className="field">
            <label htmlFor={`${ids}-root-name`}>{t('roots.name')}</label>
            <input
              id={`${ids}-root-name`}
              type="text"
              ref={rootNameInput}
              data-testid={TID.rootName}
              value={rootName}
              maxLength={80}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={`${ids}-root-name-hint`}
              onChange={(e) => setRootName(e.target.value)}
            />
            <span id={`${ids}-root-name-hint`} className="field-hint">
              {t('roots.nameHint')}
            </span>
          </div>
          <div className="field">
            <label htmlFor={`${ids}-root-pem`}>{t('roots.pem')}</label>
            <textarea
              id={`${ids}-root-pem`}
              data-testid={TID.rootPem}
              className="mono pem-input"
              rows={5}
              value={rootPem}
              spellCheck={false}
              placeholder="-----BEGIN CERTIFICATE-----"
              onChange={(e) => setRootPem(e.target.value)}
            />
          </div>
          <div className="metadata-actions">
            <FileButton
              testId={TID.rootFile}
              accept=".pem,.crt,.cer,.der"
              label={t('roots.file')}
              disabled={!!busy.roots}
              onFile={(f) => void pickRootFile(f)}
            />
            <button
              type="submit"
              className="btn btn-small btn-primary-soft"
              data-testid={TID.rootAdd}
              disabled={!!busy.roots || !rootName.trim() || !rootPem.trim()}
            >
              {t('roots.add')}
            </button>
            <Busy text={busy.roots} />
          </div>
        </form>
        <InlineError error={errors.roots} section="roots" />
        <Note text={notes.roots} />
      </SourceSection>
    </Dialog>
  );
}

/** What every step of the Learn walk shows its data with: fact lists, match marks, flags, checks. */
import { type ReactNode } from 'react';
import { checkExplanation, checkMessage, checkTitle } from '@decode/messages/index.ts';
import { type Check } from '@decode/types.ts';
import { SpecLink } from '../../components/ExternalLink.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { dissectResponse } from '../../learn/facts.ts';
import { type LearnData } from '../../learn/walk.ts';
import { LEARN_TID } from '../../testids.ts';

/** The test id of a part of the Learn view. */
export const L = LEARN_TID.id;

export interface StepContext {
  data: LearnData;
  rpId: string;
  origin: string | null;
  regDissection: ReturnType<typeof dissectResponse> | null;
  authDissection: ReturnType<typeof dissectResponse> | null;
}

export function Facts({ children }: { children: ReactNode }) {
  return <dl className="facts learn-facts">{children}</dl>;
}

export function Fact({
  label,
  children,
  testId,
  mono = false,
  extra,
}: {
  label: ReactNode;
  children: ReactNode;
  testId?: string;
  mono?: boolean;
  extra?: ReactNode;
}) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <span className={mono ? 'mono break' : undefined} data-testid={testId}>
          {children}
        </span>
        {extra && <> {extra}</>}
      </dd>
    </>
  );
}

export function Match({ ok, testId, yes, no }: { ok: boolean; testId?: string; yes?: string; no?: string }) {
  const { t } = useI18n();
  return (
    <span className={`learn-match ${ok ? 'is-yes' : 'is-no'}`} data-testid={testId} data-match={String(ok)}>
      <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>
      {ok ? (yes ?? t('learn.match.yes')) : (no ?? t('learn.match.no'))}
    </span>
  );
}

export function FlagValue({ on, testId }: { on: boolean | undefined; testId: string }) {
  const { t } = useI18n();
  if (on === undefined) return <span data-testid={testId}>—</span>;
  return (
    <span className={`learn-flag ${on ? 'is-on' : 'is-off'}`} data-testid={testId} data-on={String(on)}>
      {on ? t('learn.flag.set') : t('learn.flag.clear')}
    </span>
  );
}

export function ChecksList({ checks, testId }: { checks: Check[]; testId: string }) {
  const { t, lang } = useI18n();
  if (!checks.length) return <p className="muted">{t('learn.noChecks')}</p>;
  const passed = checks.filter((c) => c.status === 'pass').length;
  const failed = checks.filter((c) => c.status === 'fail').length;
  return (
    <>
      <p className="learn-checks-summary">{t('learn.checks.summary', { passed, failed, total: checks.length })}</p>
      <ol className="checks learn-checks" data-testid={testId}>
        {checks.map((c) => {
          const message = checkMessage(c, lang);
          const why = checkExplanation(c, lang);
          return (
            <li key={c.id} className={`check check-${c.status}`} data-testid={L('check')} data-status={c.status} data-check-id={c.id}>
              <span className={`check-status status-${c.status}`}>{t(`check.${c.status}`)}</span>
              <span className="check-title">{checkTitle(c, lang)}</span>
              {c.spec && <SpecLink href={c.spec} label="§" />}
              {message && <div className="check-message">{message}</div>}
              {why && <div className="check-message learn-check-why">{why}</div>}
            </li>
          );
        })}
      </ol>
    </>
  );
}

/** Learn, the reg-verify, auth-verify steps: the data the walk shows there. */
import { SpecLink } from '../../components/ExternalLink.tsx';
import { JsonBlock } from '../../components/JsonBlock.tsx';
import { VerdictBadge } from '../../components/ResultPanel.tsx';
import { ErrorText } from '../../components/ErrorText.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { verifyFacts } from '../../learn/facts.ts';
import { type LearnStepId } from '../../learn/walk.ts';
import { algorithmLabel } from '../../model/config.ts';
import { SPEC } from '../../model/spec.ts';
import { Facts, Fact, ChecksList, L, type StepContext } from './parts.tsx';

export function VerifyStep({ ctx, id }: { ctx: StepContext; id: LearnStepId }) {
  const { t } = useI18n();
  const { data } = ctx;
  const isReg = id === 'reg-verify';
  const c = isReg ? data.regCeremony! : data.authCeremony!;
  const v = verifyFacts(c);
  const stored = data.storedCredential ?? null;
  const p = isReg ? '' : 'auth-';
  return (
    <>
      <Facts>
        <Fact label={t('learn.label.verdict')} extra={<span className="muted">{t(`verdict.${c.verdict}`)}</span>}>
          <span data-testid={L(`${p}verdict`)} data-verdict={c.verdict}>
            <VerdictBadge verdict={c.verdict} />
          </span>
        </Fact>
        {v.secondOpinion && (
          <Fact label={t('learn.label.secondOpinion')}>
            {v.secondOpinion.verified
              ? t('result.secondVerified', { verifier: v.secondOpinion.verifier })
              : t('result.secondRejected', { verifier: v.secondOpinion.verifier, error: v.secondOpinion.error ?? '—' })}
          </Fact>
        )}
      </Facts>
      {v.error && (
        <div className="error-box" data-testid={L(`${p}verify-error`)}>
          {v.error.step && <span className="mono">{v.error.step}</span>}
          <span className="mono">{v.error.code}</span>
          <span>
            <ErrorText error={v.error} checks={v.checks} />
          </span>
        </div>
      )}
      <h4 className="learn-subtitle">
        {t('learn.label.checks')} <SpecLink href={isReg ? SPEC.registration : SPEC.authentication} label={t('builder.spec')} />
      </h4>
      <ChecksList checks={v.checks} testId={L(`${p}checks`)} />
      <h4 className="learn-subtitle">{t('learn.verify.stored')}</h4>
      {stored ? (
        <Facts>
          <Fact label={t('learn.label.credentialId')} mono>
            {stored.id}
          </Fact>
          <Fact label={t('learn.label.storedUser')}>{stored.userName}</Fact>
          <Fact label={t('learn.label.storedPublicKey')} testId={L(`${p}stored-public-key`)} mono>
            {stored.publicKey}
          </Fact>
          <Fact label={t('learn.label.alg')}>{algorithmLabel(stored.alg)}</Fact>
          {isReg && (
            <Fact label={t('learn.label.storedCounter')} testId={L('stored-counter')} mono>
              {stored.counter}
            </Fact>
          )}
        </Facts>
      ) : (
        <p className="muted">{t('learn.verify.notStored')}</p>
      )}
      <JsonBlock title={t('learn.label.ceremonyJson')} value={c} testId={L(`${p}ceremony-json`)} />
    </>
  );
}

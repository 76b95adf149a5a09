/** Learn, the reg-client-data, auth-assertion steps: the data the walk shows there. */
import { JsonBlock } from '../../components/JsonBlock.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { assertionFacts, challengeFacts, decodeClientData, flagFacts, optionsFacts, originFacts } from '../../learn/facts.ts';
import { type LearnStepId } from '../../learn/walk.ts';
import { Facts, Fact, Match, FlagValue, L, type StepContext } from './parts.tsx';

export function ClientDataStep({ ctx, id }: { ctx: StepContext; id: LearnStepId }) {
  const { t } = useI18n();
  const { data, rpId, origin, regDissection, authDissection } = ctx;
  const isReg = id === 'reg-client-data';
  const response = isReg ? data.regResponse! : data.authResponse!;
  const options = isReg ? data.regOptions!.options : data.authOptions!.options;
  const d = isReg ? regDissection! : authDissection!;
  const cd = decodeClientData(response.response.clientDataJSON);
  const ch = challengeFacts(options, cd);
  const of = originFacts(rpId, origin, cd, d.summary.rpIdHash);
  const p = isReg ? '' : 'auth-';
  const flags = isReg ? null : flagFacts(d, 'authenticatorData', optionsFacts(options).userVerification);
  const a = isReg ? null : assertionFacts(data.authResponse!, d);
  return (
    <>
      <div className="learn-json-text">
        <div className="learn-json-label">{t('learn.label.clientDataJSON')}</div>
        <pre className="json-pre" tabIndex={0} data-testid={L(`${p}client-data-json`)} aria-label={t('learn.label.clientDataJSON')}>
          <code>{cd ? cd.text : '—'}</code>
        </pre>
      </div>
      <Facts>
        <Fact label={t('learn.label.type')} testId={L(`${p}client-type`)} mono>
          {cd?.type ?? '—'}
        </Fact>
        <Fact
          label={t('learn.label.clientChallenge')}
          testId={L(`${p}client-challenge`)}
          mono
          extra={<Match ok={ch.matches} testId={L(`${p}challenge-match`)} />}
        >
          {ch.returned ?? '—'}
        </Fact>
        <Fact label={t('learn.label.challenge')} mono>
          {ch.sent}
        </Fact>
        <Fact
          label={t('learn.label.origin')}
          testId={L(`${p}origin`)}
          mono
          extra={<Match ok={of.originMatches} testId={L(`${p}origin-match`)} />}
        >
          {of.origin ?? '—'}
        </Fact>
        <Fact label={t('learn.label.expectedOrigin')} testId={L(`${p}expected-origin`)} mono>
          {of.expectedOrigin ?? '—'}
        </Fact>
        <Fact
          label={t('learn.label.rpIdHash')}
          testId={L(`${p}rp-id-hash`)}
          mono
          extra={<Match ok={of.rpIdHashMatches} testId={L(`${p}rp-id-hash-match`)} />}
        >
          {of.rpIdHash ?? '—'}
        </Fact>
        <Fact label={t('learn.label.expectedRpIdHash', { rpId })} testId={L(`${p}expected-rp-id-hash`)} mono>
          {of.expectedRpIdHash}
        </Fact>
        {flags && (
          <>
            <Fact label={t('learn.label.flagsByte')} testId={L('auth-flags-byte')} mono>
              {flags.byte ?? '—'}
            </Fact>
            <Fact label={`UP — ${t('flag.up')}`}>
              <FlagValue on={flags.flags?.up} testId={L('auth-flag-up')} />
            </Fact>
            <Fact label={`UV — ${t('flag.uv')}`}>
              <FlagValue on={flags.flags?.uv} testId={L('auth-flag-uv')} />
            </Fact>
          </>
        )}
        {a && (
          <>
            <Fact label={t('learn.label.signature')} testId={L('signature')}>
              {a.signature ?? '—'}
            </Fact>
            <Fact label={t('learn.label.signedData')}>{t('learn.signedData.value', { ad: a.authenticatorDataBytes ?? '—' })}</Fact>
            <Fact label={t('learn.label.clientDataHash')} testId={L('client-data-hash')} mono>
              {a.clientDataHash ?? '—'}
            </Fact>
            <Fact label={t('learn.label.userHandle')} mono>
              {a.userHandle ?? '—'}
            </Fact>
          </>
        )}
      </Facts>
      {!isReg && <JsonBlock title={t('learn.label.responseJson')} value={response} testId={L('auth-response-json')} />}
    </>
  );
}

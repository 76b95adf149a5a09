/** Learn, the reg-attestation step: the data the walk shows there. */
import { AuthenticatorLabel } from '../../components/AuthenticatorLabel.tsx';
import { SpecLink } from '../../components/ExternalLink.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { attestationFacts } from '../../learn/facts.ts';

import { SPEC } from '../../model/spec.ts';
import { Facts, Fact, L, type StepContext } from './parts.tsx';

export function RegAttestationStep({ ctx }: { ctx: StepContext }) {
  const { t } = useI18n();
  const { regDissection } = ctx;
  const a = attestationFacts(regDissection!);
  const kindText =
    a.kind === 'certificate'
      ? t('learn.attestation.certificate', { n: a.certificates })
      : a.kind === 'unknown'
        ? t('learn.attestation.unknown', { fmt: a.fmt ?? '—' })
        : t(`learn.attestation.${a.kind}` as MessageKey);
  return (
    <>
      <Facts>
        <Fact
          label={t('learn.label.fmt')}
          testId={L('fmt')}
          mono
          extra={<SpecLink href={SPEC.attestationFormats} label={t('builder.spec')} />}
        >
          {a.fmt ?? '—'}
        </Fact>
        <Fact label={t('learn.label.aaguid')} testId={L('aaguid')} mono>
          {a.aaguid ?? '—'}
        </Fact>
        <Fact label={t('learn.label.authenticator')}>
          <AuthenticatorLabel aaguid={a.aaguid} />
        </Fact>
        <Fact label={t('learn.label.attStmt')}>
          {a.members.length ? (
            <ul className="learn-members">
              {a.members.map((m) => (
                <li key={m.key}>
                  <span className="mono learn-member-key">{m.key}</span> <span className="break">{m.display}</span>
                </li>
              ))}
            </ul>
          ) : (
            '{}'
          )}
        </Fact>
      </Facts>
      <p className="learn-callout" data-testid={L('attestation-kind')} data-kind={a.kind}>
        {kindText}
      </p>
      {a.zeroAaguid && <p className="muted">{t('learn.attestation.zeroAaguid')}</p>}
    </>
  );
}

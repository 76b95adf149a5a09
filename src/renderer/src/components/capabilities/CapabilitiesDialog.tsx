/** Every answer of the browser's WebAuthn feature queries, with what each key means and its spec link. */
import type { WebauthnStatus } from '../../../../preload/api';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import {
  CAPABILITY_SPEC,
  capabilityRows,
  disagreements,
  headline,
  type ApiAnswer,
  type CapabilityGroup,
  type CapabilityProbe,
} from '../../model/capabilities.ts';
import { REALAUTH_TID } from '../../testids.ts';
import { Dialog } from '../Dialog.tsx';
import { SpecLink } from '../ExternalLink.tsx';
import { HeadlineValue } from './HeadlineValue.tsx';

const GROUP_TITLE: Record<CapabilityGroup, MessageKey> = {
  capability: 'caps.group.capability',
  proposed: 'caps.group.proposed',
  unknown: 'caps.group.unknown',
  extension: 'caps.group.extension',
};

function Method({
  id,
  name,
  meaning,
  spec,
  answer,
}: {
  id: 'uvpaa' | 'conditional';
  name: MessageKey;
  meaning: MessageKey;
  spec: string;
  answer: ApiAnswer<boolean> | undefined;
}) {
  const { t } = useI18n();
  const value = headline(answer);
  return (
    <div className="caps-method" data-testid={REALAUTH_TID.capsMethod} data-method={id} data-value={value}>
      <div className="caps-method-head">
        <code>{t(name)}</code>
        <HeadlineValue value={value} answer={answer} />
        <SpecLink href={spec} label={t('caps.spec')} />
      </div>
      <p className="muted">{t(meaning)}</p>
      {answer?.state === 'missing' && <p className="caps-missing">{t('caps.missing')}</p>}
      {answer?.state === 'error' && (
        <p className="inline-warn">
          {answer.name}: {answer.message}
        </p>
      )}
    </div>
  );
}

export function CapabilitiesDialog({
  open,
  onClose,
  probe,
  electron,
}: {
  open: boolean;
  onClose(): void;
  probe: CapabilityProbe | null;
  electron: WebauthnStatus | null;
}) {
  const { t } = useI18n();
  const gcc = probe?.clientCapabilities;
  const rows = gcc?.state === 'ok' ? capabilityRows(gcc.value) : [];
  const groups = (['capability', 'proposed', 'unknown', 'extension'] as const)
    .map((g) => ({ group: g, rows: rows.filter((r) => r.group === g) }))
    .filter((g) => g.rows.length > 0);
  const disagree = probe ? disagreements(probe) : [];
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('caps.dialogTitle')}
      testId={REALAUTH_TID.capsDialog}
      className="caps-dialog"
      actions={
        <button type="button" className="btn" onClick={onClose}>
          {t('caps.close')}
        </button>
      }
    >
      <p className="muted">{t('caps.dialogIntro')}</p>
      {electron && (
        <p className="caps-note">
          Electron ({electron.platform}) · Touch ID:{' '}
          {electron.touchId.enabled ? t('caps.yes') : `${t('caps.no')} — ${electron.touchId.reason}`}
        </p>
      )}
      <Method id="uvpaa" name="caps.method.uvpaa" meaning="caps.method.uvpaaMeaning" spec={CAPABILITY_SPEC.uvpaa} answer={probe?.uvpaa} />
      <Method
        id="conditional"
        name="caps.method.conditional"
        meaning="caps.method.conditionalMeaning"
        spec={CAPABILITY_SPEC.conditionalMediation}
        answer={probe?.conditionalMediation}
      />
      <div className="caps-method" data-testid={REALAUTH_TID.capsMethod} data-method="gcc" data-value={gcc?.state ?? 'pending'}>
        <div className="caps-method-head">
          <code>{t('caps.method.gcc')}</code>
          <SpecLink href={CAPABILITY_SPEC.getClientCapabilities} label={t('caps.spec')} />
        </div>
        <p className="muted">{t('caps.method.gccMeaning')}</p>
        {gcc?.state === 'missing' && <p className="caps-missing">{t('caps.missing')}</p>}
        {gcc?.state === 'error' && (
          <p className="inline-warn">
            {gcc.name}: {gcc.message}
          </p>
        )}
        {gcc?.state === 'ok' && rows.length === 0 && <p className="muted">{t('caps.empty')}</p>}
      </div>
      {disagree.map((d) => (
        <p key={d.capability} className="inline-warn" data-testid={REALAUTH_TID.capsDisagree}>
          {t('caps.disagree', {
            capability: d.capability,
            a: String(d.capabilityValue),
            method: d.method === 'uvpaa' ? 'isUserVerifyingPlatformAuthenticatorAvailable' : 'isConditionalMediationAvailable',
            b: String(d.methodValue),
          })}
        </p>
      ))}
      {groups.map(({ group, rows: groupRows }) => (
        <table key={group} className="caps-table">
          <caption>{t(GROUP_TITLE[group])}</caption>
          <thead>
            <tr>
              <th scope="col">{t('caps.col.key')}</th>
              <th scope="col">{t('caps.col.value')}</th>
              <th scope="col">{t('caps.col.meaning')}</th>
            </tr>
          </thead>
          <tbody>
            {groupRows.map((r) => (
              <tr
                key={r.key}
                data-testid={REALAUTH_TID.capsRow}
                data-key={r.key}
                data-value={r.value === null ? 'raw' : String(r.value)}
                data-group={r.group}
              >
                <th scope="row">
                  <code>{r.key}</code>
                </th>
                <td>
                  {r.value === null ? (
                    <span className="caps-value caps-error">{t('caps.raw', { raw: JSON.stringify(r.raw) })}</span>
                  ) : (
                    <HeadlineValue value={r.value ? 'yes' : 'no'} />
                  )}
                </td>
                <td>
                  {t(r.meaning, r.params)}
                  {r.spec && (
                    <>
                      {' '}
                      <SpecLink href={r.spec} label={t('caps.spec')} />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </Dialog>
  );
}

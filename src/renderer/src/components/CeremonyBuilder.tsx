/**
 * The ceremony builder: every CeremonyConfig option, grouped in fieldsets, plus the preset picker.
 * Controlled: the config lives in the App so the runner and (later) the inspector share it.
 */
import { memo, useId } from 'react';
import type { AttestationConveyance, CeremonyConfig, Hint, Preset, Requirement } from '@api/types.ts';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { ALGORITHMS, CRED_PROTECT_POLICIES, HINTS, withExtensions } from '../model/config.ts';
import { SPEC } from '../model/spec.ts';
import { TID } from '../testids.ts';
import { CheckField, NumberField, SelectField, TextField, type Choice } from './fields.tsx';
import { OrderedChecklist } from './OrderedChecklist.tsx';
import { SpecLink } from './ExternalLink.tsx';
import { useClientCapabilities } from './capabilities/useCapabilities.ts';
import type { Remote } from '../state/useRemote.ts';

const REQUIREMENTS: readonly Requirement[] = ['discouraged', 'preferred', 'required'];
const ATTESTATIONS: readonly AttestationConveyance[] = ['none', 'indirect', 'direct', 'enterprise'];

export interface CeremonyBuilderProps {
  config: CeremonyConfig;
  onChange(config: CeremonyConfig): void;
  presets: Remote<Preset[]>;
  presetId: string | null;
  edited: boolean;
  onPresetSelect(id: string): void;
  disabled?: boolean;
}

function Legend({ children, spec }: { children: string; spec?: string }) {
  const { t } = useI18n();
  return (
    <legend>
      <span>{children}</span>
      {spec && <SpecLink href={spec} label={t('builder.spec')} />}
    </legend>
  );
}

/** A preset's name or description in the window's language; a preset the catalogs do not know keeps the RP's words. */
function presetText(p: Preset, what: 'name' | 'description', t: (key: MessageKey) => string): string {
  const key = `preset.${p.id}.${what}` as MessageKey;
  const text = t(key);
  return text === key ? p[what] : text;
}

/** Memoized: a ceremony's running phases re-render the result panel, not the form (its props do not change). */
export const CeremonyBuilder = memo(function CeremonyBuilder({
  config,
  onChange,
  presets,
  presetId,
  edited,
  onPresetSelect,
  disabled,
}: CeremonyBuilderProps) {
  const { t } = useI18n();
  const algHelpId = useId();
  const ext = config.extensions;
  const credBlob = ext.credBlob ?? { write: '', read: false };
  const set = <K extends keyof CeremonyConfig>(key: K, value: CeremonyConfig[K]) => onChange({ ...config, [key]: value });
  const caps = useClientCapabilities();
  /** Sets how the browser is asked; a kind set to undefined goes back to the dialog (the member is removed). */
  const setMediation = (patch: NonNullable<CeremonyConfig['mediation']>) => {
    const next = { ...config.mediation, ...patch };
    for (const k of Object.keys(next) as (keyof typeof next)[]) if (next[k] === undefined) delete next[k];
    const { mediation: _old, ...rest } = config;
    onChange(Object.keys(next).length ? { ...rest, mediation: next } : rest);
  };
  /** Changes members of the RP policy; a member set to undefined is removed (the default applies). */
  const setPolicy = (patch: Partial<NonNullable<CeremonyConfig['policy']>>) => {
    const next: NonNullable<CeremonyConfig['policy']> = {
      requireCanonicalCbor: !!config.policy?.requireCanonicalCbor,
      ...config.policy,
      ...patch,
    };
    for (const k of Object.keys(patch) as (keyof typeof next)[]) if (next[k] === undefined) delete next[k];
    onChange({ ...config, policy: next });
  };

  const requirementChoices: Choice<Requirement>[] = REQUIREMENTS.map((r) => ({ value: r, label: r }));
  const presetList = presets.data ?? [];
  const current = presetList.find((p) => p.id === presetId);

  return (
    <form className="builder" aria-label={t('builder.title')} onSubmit={(e) => e.preventDefault()}>
      <div className="field preset-field">
        <label htmlFor="preset-select">{t('builder.preset')}</label>
        <div className="preset-row">
          <select
            id="preset-select"
            data-testid={TID.preset}
            value={presetId ?? ''}
            disabled={disabled || presetList.length === 0}
            onChange={(e) => onPresetSelect(e.target.value)}
          >
            {presetList.length === 0 && <option value="">{presets.loading ? t('builder.presetsLoading') : '—'}</option>}
            {presetList.map((p) => (
              <option key={p.id} value={p.id}>
                {presetText(p, 'name', t)}
                {p.id === presetId && edited ? ` ${t('builder.presetEdited')}` : ''}
              </option>
            ))}
          </select>
          {edited && current && (
            <button type="button" className="btn btn-small" disabled={disabled} onClick={() => onPresetSelect(current.id)}>
              {t('builder.reset')}
            </button>
          )}
        </div>
        {current?.description && <div className="field-hint">{presetText(current, 'description', t)}</div>}
        {presets.error && (
          <div className="inline-error" role="alert">
            {t('builder.presetsFailed', { message: presets.error.message })}{' '}
            <button type="button" className="btn btn-small" onClick={() => void presets.refresh()}>
              {t('common.retry')}
            </button>
          </div>
        )}
      </div>

      <fieldset disabled={disabled}>
        <Legend spec={SPEC.userEntity}>{t('section.rpUser')}</Legend>
        <TextField label={t('field.rpName')} testId={TID.rpName} value={config.rpName} onChange={(v) => set('rpName', v)} maxLength={256} />
        <div className="field-row">
          <TextField
            label={t('field.userName')}
            testId={TID.userName}
            value={config.userName}
            // The display name follows the user name until it is edited to something else.
            onChange={(v) =>
              onChange({
                ...config,
                userName: v,
                ...(!config.userDisplayName || config.userDisplayName === config.userName ? { userDisplayName: v } : {}),
              })
            }
            maxLength={256}
          />
          <TextField
            label={t('field.userDisplayName')}
            testId={TID.userDisplayName}
            value={config.userDisplayName}
            onChange={(v) => set('userDisplayName', v)}
            maxLength={256}
          />
        </div>
      </fieldset>

      <fieldset disabled={disabled}>
        <Legend spec={SPEC.selection}>{t('section.selection')}</Legend>
        <SelectField
          label={t('field.attestation')}
          testId={TID.attestation}
          value={config.attestation}
          options={ATTESTATIONS.map((a) => ({ value: a, label: t(`attestation.${a}`) }))}
          onChange={(v) => set('attestation', v)}
        />
        <SelectField<'none' | 'platform' | 'cross-platform'>
          label={t('field.attachment')}
          testId={TID.attachment}
          value={config.authenticatorAttachment ?? 'none'}
          options={[
            { value: 'none', label: t('attachment.any') },
            { value: 'platform', label: 'platform' },
            { value: 'cross-platform', label: 'cross-platform' },
          ]}
          onChange={(v) => set('authenticatorAttachment', v === 'none' ? null : v)}
        />
        <div className="field-row">
          <SelectField
            label={t('field.residentKey')}
            testId={TID.residentKey}
            value={config.residentKey}
            options={requirementChoices}
            onChange={(v) => set('residentKey', v)}
          />
          <SelectField
            label={t('field.userVerification')}
            testId={TID.userVerification}
            value={config.userVerification}
            options={requirementChoices}
            onChange={(v) => set('userVerification', v)}
          />
        </div>
      </fieldset>

      <fieldset disabled={disabled}>
        <Legend spec={SPEC.pubKeyCredParams}>{t('section.algorithms')}</Legend>
        <p id={algHelpId} className="field-hint">
          {t('algorithms.help')}
        </p>
        <OrderedChecklist<number>
          items={ALGORITHMS.map((a) => ({
            value: a.id,
            name: a.name,
            label: (
              <>
                <span className="mono">{a.name}</span> <span className="muted mono">{a.id}</span>
              </>
            ),
            note: a.note === 'pqc' ? `· ${t('algorithms.pqc')}` : a.note === 'legacy' ? `· ${t('algorithms.legacy')}` : undefined,
          }))}
          selected={config.pubKeyCredParams}
          onChange={(v) => set('pubKeyCredParams', v)}
          testId={TID.alg}
          upTestId={TID.algUp}
          downTestId={TID.algDown}
          moveUpLabel={(name) => t('algorithms.moveUp', { name })}
          moveDownLabel={(name) => t('algorithms.moveDown', { name })}
          listTestId={TID.algList}
          describedBy={algHelpId}
          disabled={disabled}
        />
        {config.pubKeyCredParams.length === 0 && (
          <p className="inline-warn" role="status">
            {t('algorithms.noneSelected')}
          </p>
        )}
      </fieldset>

      <fieldset disabled={disabled}>
        <Legend spec={SPEC.hints}>{t('section.request')}</Legend>
        <NumberField
          label={t('field.timeout')}
          testId={TID.timeout}
          value={config.timeout}
          min={0}
          max={600000}
          step={1000}
          onChange={(v) => set('timeout', v)}
        />
        <div className="subgroup" role="group" aria-label={t('field.hints')}>
          <div className="subgroup-title">{t('field.hints')}</div>
          <OrderedChecklist<Hint>
            items={HINTS.map((h) => ({ value: h, name: h, label: t(`hint.${h}`) }))}
            selected={config.hints}
            onChange={(v) => set('hints', v)}
            testId={TID.hint}
            upTestId={TID.hintUp}
            downTestId={TID.hintDown}
            moveUpLabel={(name) => t('hints.moveUp', { name })}
            moveDownLabel={(name) => t('hints.moveDown', { name })}
            disabled={disabled}
          />
        </div>
        <SelectField<'modal' | 'conditional'>
          label={t('field.mediation.registration')}
          testId={TID.mediationRegistration}
          value={config.mediation?.registration ?? 'modal'}
          options={(['modal', 'conditional'] as const).map((v) => ({
            value: v,
            label: `${t(`mediation.registration.${v}`)}${v === 'conditional' && caps.conditionalCreate === false ? ` — ${t('mediation.unavailable')}` : ''}`,
          }))}
          onChange={(v) => setMediation({ registration: v === 'conditional' ? v : undefined })}
          hint={
            config.mediation?.registration === 'conditional'
              ? caps.conditionalCreate === false
                ? t('mediation.conditionalCreate.unavailable')
                : t('mediation.conditionalCreate.hint')
              : undefined
          }
        />
        <SelectField<'modal' | 'immediate'>
          label={t('field.mediation.authentication')}
          testId={TID.mediationAuthentication}
          value={config.mediation?.authentication ?? 'modal'}
          options={(['modal', 'immediate'] as const).map((v) => ({
            value: v,
            label: `${t(`mediation.authentication.${v}`)}${v === 'immediate' && caps.immediateGet === false ? ` — ${t('mediation.unavailable')}` : ''}`,
          }))}
          onChange={(v) => setMediation({ authentication: v === 'immediate' ? v : undefined })}
          hint={
            config.mediation?.authentication === 'immediate'
              ? caps.immediateGet === false
                ? t('mediation.immediate.unavailable')
                : t('mediation.immediate.hint')
              : undefined
          }
        />
        <CheckField
          label={t('field.excludeCredentials')}
          testId={TID.excludeCredentials}
          checked={config.excludeCredentials}
          onChange={(v) => set('excludeCredentials', v)}
        />
        <CheckField
          label={t('field.allowCredentials')}
          testId={TID.allowCredentials}
          checked={config.allowCredentials}
          onChange={(v) => set('allowCredentials', v)}
        />
      </fieldset>

      <fieldset disabled={disabled}>
        <Legend spec={SPEC.extensions}>{t('section.extensions')}</Legend>
        <CheckField
          label={t('ext.credProps')}
          aside={<SpecLink href={SPEC.credProps} label={t('builder.spec')} />}
          testId={TID.extCredProps}
          checked={ext.credProps}
          onChange={(v) => onChange(withExtensions(config, { credProps: v }))}
        />

        <div className="subgroup">
          <CheckField
            label={t('ext.prf')}
            aside={<SpecLink href={SPEC.prf} label={t('builder.spec')} />}
            testId={TID.extPrf}
            checked={ext.prf.enabled}
            onChange={(v) => onChange(withExtensions(config, { prf: { ...ext.prf, enabled: v } }))}
          />
          <div className="field-row indent">
            <TextField
              label={t('ext.prfFirst')}
              testId={TID.extPrfFirst}
              value={ext.prf.first}
              disabled={!ext.prf.enabled}
              onChange={(v) => onChange(withExtensions(config, { prf: { ...ext.prf, first: v } }))}
            />
            <TextField
              label={t('ext.prfSecond')}
              testId={TID.extPrfSecond}
              value={ext.prf.second}
              disabled={!ext.prf.enabled}
              onChange={(v) => onChange(withExtensions(config, { prf: { ...ext.prf, second: v } }))}
            />
          </div>
          <div className="indent">
            <CheckField
              label={t('ext.prfByCredential')}
              testId={TID.extPrfByCredential}
              checked={!!ext.prf.byCredential}
              disabled={!ext.prf.enabled}
              onChange={(v) => onChange(withExtensions(config, { prf: { ...ext.prf, byCredential: v } }))}
            />
          </div>
        </div>

        <div className="subgroup" role="group" aria-label={t('ext.largeBlob')}>
          <div className="subgroup-title">
            {t('ext.largeBlob')} <SpecLink href={SPEC.largeBlob} label={t('builder.spec')} />
          </div>
          <div className="indent">
            <SelectField<'off' | 'preferred' | 'required'>
              label={t('ext.largeBlobSupport')}
              testId={TID.extLargeBlobSupport}
              value={ext.largeBlob.support}
              options={[
                { value: 'off', label: t('ext.largeBlobSupport.off') },
                { value: 'preferred', label: 'preferred' },
                { value: 'required', label: 'required' },
              ]}
              onChange={(v) => onChange(withExtensions(config, { largeBlob: { ...ext.largeBlob, support: v } }))}
            />
            <CheckField
              label={t('ext.largeBlobRead')}
              testId={TID.extLargeBlobRead}
              checked={ext.largeBlob.read}
              onChange={(v) => onChange(withExtensions(config, { largeBlob: { ...ext.largeBlob, read: v } }))}
            />
            <TextField
              label={t('ext.largeBlobWrite')}
              testId={TID.extLargeBlobWrite}
              value={ext.largeBlob.write}
              onChange={(v) => onChange(withExtensions(config, { largeBlob: { ...ext.largeBlob, write: v } }))}
            />
          </div>
        </div>

        <div className="subgroup" role="group" aria-label={t('ext.credProtect')}>
          <div className="subgroup-title">
            {t('ext.credProtect')} <SpecLink href={SPEC.credProtect} label={t('builder.spec')} />
          </div>
          <div className="indent">
            <SelectField<'0' | '1' | '2' | '3'>
              label={t('ext.credProtectPolicy')}
              testId={TID.extCredProtectPolicy}
              value={String(ext.credProtect.policy) as '0' | '1' | '2' | '3'}
              options={CRED_PROTECT_POLICIES.map((p) => ({
                value: String(p.value) as '0' | '1' | '2' | '3',
                label: p.name ? `${p.value} — ${p.name}` : `0 — ${t('ext.credProtectPolicy0')}`,
              }))}
              onChange={(v) =>
                onChange(withExtensions(config, { credProtect: { ...ext.credProtect, policy: Number(v) as 0 | 1 | 2 | 3 } }))
              }
            />
            <CheckField
              label={t('ext.credProtectEnforce')}
              testId={TID.extCredProtectEnforce}
              checked={ext.credProtect.enforce}
              disabled={ext.credProtect.policy === 0}
              onChange={(v) => onChange(withExtensions(config, { credProtect: { ...ext.credProtect, enforce: v } }))}
            />
          </div>
        </div>

        <CheckField
          label={t('ext.minPinLength')}
          aside={<SpecLink href={SPEC.minPinLength} label={t('builder.spec')} />}
          testId={TID.extMinPinLength}
          checked={ext.minPinLength}
          onChange={(v) => onChange(withExtensions(config, { minPinLength: v }))}
        />

        <div className="subgroup" role="group" aria-label={t('ext.credBlob')}>
          <div className="subgroup-title">
            {t('ext.credBlob')} <SpecLink href={SPEC.credBlob} label={t('builder.spec')} />
          </div>
          <div className="indent">
            <TextField
              label={t('ext.credBlobWrite')}
              testId={TID.extCredBlobWrite}
              value={credBlob.write}
              onChange={(v) => onChange(withExtensions(config, { credBlob: { ...credBlob, write: v } }))}
            />
            <CheckField
              label={t('ext.credBlobRead')}
              testId={TID.extCredBlobRead}
              checked={credBlob.read}
              onChange={(v) => onChange(withExtensions(config, { credBlob: { ...credBlob, read: v } }))}
            />
          </div>
        </div>
      </fieldset>

      <fieldset disabled={disabled}>
        <Legend>{t('section.policy')}</Legend>
        <p className="small muted">{t('policy.intro')}</p>
        <SelectField<'options' | 'required' | 'never'>
          label={t('policy.userVerification')}
          testId={TID.policyUserVerification}
          value={config.policy?.userVerification ?? 'options'}
          options={(['options', 'required', 'never'] as const).map((v) => ({ value: v, label: t(`policy.userVerification.${v}`) }))}
          onChange={(v) => setPolicy({ userVerification: v })}
        />
        {config.policy?.userVerification === 'required' && config.userVerification !== 'required' && (
          <p className="field-hint warn-text" data-testid={TID.policyMismatch}>
            {t('policy.userVerification.mismatch', { asked: config.userVerification })}
          </p>
        )}
        <SelectField<'required' | 'not-required'>
          label={t('policy.userPresence')}
          testId={TID.policyUserPresence}
          value={config.policy?.userPresence ?? 'required'}
          options={(['required', 'not-required'] as const).map((v) => ({ value: v, label: t(`policy.userPresence.${v}`) }))}
          onChange={(v) => setPolicy({ userPresence: v })}
        />
        <CheckField
          label={t('policy.algorithms.restrict')}
          testId={TID.policyAlgorithmsRestrict}
          checked={!!config.policy?.algorithms}
          onChange={(v) => setPolicy({ algorithms: v ? config.pubKeyCredParams.slice(0, 1) : undefined })}
        />
        {config.policy?.algorithms && (
          <div className="indent" role="group" aria-label={t('policy.algorithms.restrict')}>
            {ALGORITHMS.map((a) => (
              <CheckField
                key={a.id}
                label={`${a.name} (${a.id})`}
                testId={`${TID.policyAlgorithm}-${a.id}`}
                checked={config.policy!.algorithms!.includes(a.id)}
                onChange={(v) => {
                  const next = v ? [...config.policy!.algorithms!, a.id] : config.policy!.algorithms!.filter((x) => x !== a.id);
                  if (next.length) setPolicy({ algorithms: next });
                }}
              />
            ))}
            {config.pubKeyCredParams.some((a) => !config.policy!.algorithms!.includes(a)) && (
              <p className="field-hint warn-text" data-testid={TID.policyAlgorithmsMismatch}>
                {t('policy.algorithms.mismatch', {
                  algs: config.pubKeyCredParams
                    .filter((a) => !config.policy!.algorithms!.includes(a))
                    .map((a) => ALGORITHMS.find((x) => x.id === a)?.name ?? String(a))
                    .join(', '),
                })}
              </p>
            )}
          </div>
        )}
        <SelectField<'none' | 'self' | 'any' | 'trusted-only'>
          label={t('policy.attestationTrust')}
          testId={TID.policyAttestationTrust}
          value={config.policy?.attestationTrust ?? 'none'}
          options={(['none', 'self', 'any', 'trusted-only'] as const).map((v) => ({ value: v, label: t(`policy.attestationTrust.${v}`) }))}
          onChange={(v) => setPolicy({ attestationTrust: v === 'none' ? undefined : v })}
        />
        {config.policy?.attestationTrust && config.policy.attestationTrust !== 'none' && config.attestation === 'none' && (
          <p className="field-hint warn-text" data-testid={TID.policyAttestationMismatch}>
            {t('policy.attestationTrust.mismatch')}
          </p>
        )}
        <SelectField<'strict' | 'warn' | 'ignore'>
          label={t('policy.counter')}
          testId={TID.policyCounter}
          value={config.policy?.counter ?? 'strict'}
          options={(['strict', 'warn', 'ignore'] as const).map((v) => ({ value: v, label: t(`policy.counter.${v}`) }))}
          onChange={(v) => setPolicy({ counter: v === 'strict' ? undefined : v })}
        />
        <CheckField
          label={t('policy.requireCanonicalCbor')}
          aside={<SpecLink href={SPEC.canonicalCbor} label={t('builder.spec')} />}
          testId={TID.policyCanonicalCbor}
          checked={!!config.policy?.requireCanonicalCbor}
          onChange={(v) => setPolicy({ requireCanonicalCbor: v })}
        />
      </fieldset>
    </form>
  );
});

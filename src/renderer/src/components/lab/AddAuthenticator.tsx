/** Add a virtual authenticator: a preset, every addVirtualAuthenticator option by its CDP name, or a saved file. */
import { useState } from 'react';
import type { LabOptionInfo, LabPreset, VirtualAuthenticatorOptions } from '@api/lab.ts';
import { useI18n } from '../../i18n/index.tsx';
import { LAB_TID } from '../../testids.ts';
import { readJsonFile } from './files.ts';

type Draft = Record<string, string | boolean | undefined>;

function initialDraft(options: LabOptionInfo[]): Draft {
  const d: Draft = {};
  for (const o of options) {
    if (o.name === 'protocol') d.protocol = 'ctap2';
    else if (o.name === 'transport') d.transport = 'usb';
    else if (o.type === 'enum') d[o.name] = (o.default as string | undefined) ?? o.values?.[0];
    else d[o.name] = (o.default as boolean | undefined) ?? false;
  }
  return d;
}

export function AddAuthenticator({
  presets,
  options,
  disabled,
  onPreset,
  onCustom,
  onLoad,
}: {
  presets: LabPreset[];
  options: LabOptionInfo[];
  disabled: boolean;
  onPreset(id: string): void;
  onCustom(options: Partial<VirtualAuthenticatorOptions>, label: string): void;
  onLoad(file: unknown, name: string): void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => initialDraft(options));
  const [label, setLabel] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);

  const submitCustom = () => {
    const out: Record<string, unknown> = {};
    for (const o of options) {
      const v = draft[o.name];
      if (!o.supported || v === undefined) continue;
      if (o.name === 'ctap2Version' && draft.protocol === 'u2f') continue;
      // Send what differs from CDP's default (and the required enums), so the request names only real choices.
      if (o.type === 'boolean' && v === (o.default ?? false)) continue;
      out[o.name] = v;
    }
    onCustom(out as Partial<VirtualAuthenticatorOptions>, label);
  };

  return (
    <section className="panel lab-add" aria-labelledby="lab-add-title">
      <h2 id="lab-add-title" className="panel-title">
        {t('lab.add')}
      </h2>
      <div className="panel-scroll">
        <h3 className="lab-subtitle">{t('lab.presets')}</h3>
        <ul className="lab-presets">
          {presets.map((p) => (
            <li key={p.id} className="lab-preset">
              <div className="lab-preset-head">
                <strong>{p.label}</strong>
                <button
                  type="button"
                  className="btn btn-small btn-primary"
                  data-testid={LAB_TID.preset}
                  data-preset={p.id}
                  aria-label={t('lab.presetUseLabel', { preset: p.label })}
                  disabled={disabled}
                  onClick={() => onPreset(p.id)}
                >
                  {t('lab.presetUse')}
                </button>
              </div>
              <p className="small muted">{p.description}</p>
              <p className="small lab-preset-options mono">{optionSummary(p.options)}</p>
              <p className="small muted">{t('lab.presetCeremony', { preset: p.ceremonyPreset })}</p>
            </li>
          ))}
        </ul>

        <details className="lab-custom">
          <summary>{t('lab.custom')}</summary>
          <div className="lab-custom-grid">
            {options.map((o) => (
              <OptionControl
                key={o.name}
                info={o}
                value={draft[o.name]}
                disabled={disabled || !o.supported || (o.name === 'ctap2Version' && draft.protocol === 'u2f')}
                onChange={(v) => setDraft((d) => ({ ...d, [o.name]: v }))}
              />
            ))}
            <div className="field">
              <label htmlFor="lab-custom-label">{t('lab.customLabel')}</label>
              <input
                id="lab-custom-label"
                type="text"
                data-testid={LAB_TID.customLabel}
                value={label}
                maxLength={120}
                onChange={(e) => setLabel(e.target.value)}
              />
            </div>
          </div>
          <button type="button" className="btn btn-primary" data-testid={LAB_TID.addCustom} disabled={disabled} onClick={submitCustom}>
            {t('lab.customAdd')}
          </button>
        </details>

        <div className="lab-load">
          <label className="btn" aria-disabled={disabled}>
            {t('lab.load')}
            <input
              type="file"
              accept="application/json,.json"
              className="visually-hidden"
              data-testid={LAB_TID.loadFile}
              disabled={disabled}
              onChange={async (e) => {
                const input = e.currentTarget;
                const f = input.files?.[0];
                input.value = '';
                if (!f) return;
                setFileError(null);
                try {
                  onLoad(await readJsonFile(f), f.name);
                } catch (err) {
                  setFileError(t('lab.fileError', { name: f.name, message: (err as Error).message }));
                }
              }}
            />
          </label>
          <p className="small muted">{t('lab.loadHint')}</p>
          {fileError && (
            <p className="inline-error" role="alert">
              {fileError}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}

function OptionControl({
  info,
  value,
  disabled,
  onChange,
}: {
  info: LabOptionInfo;
  value: string | boolean | undefined;
  disabled: boolean;
  onChange(v: string | boolean): void;
}) {
  const { t } = useI18n();
  const id = `lab-opt-${info.name}`;
  const note = !info.supported ? t('lab.unsupported') : info.default !== undefined ? t('lab.default', { value: String(info.default) }) : '';
  return info.type === 'enum' ? (
    <div className="field lab-option" title={info.description}>
      <label htmlFor={id} className="mono">
        {info.name}
      </label>
      <select
        id={id}
        data-testid={LAB_TID.option(info.name)}
        value={String(value ?? '')}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      >
        {(info.values ?? []).map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
      {note && <span className="field-hint">{note}</span>}
    </div>
  ) : (
    <div className={`field field-check lab-option${info.supported ? '' : ' is-unsupported'}`} title={info.description}>
      <input
        id={id}
        type="checkbox"
        data-testid={LAB_TID.option(info.name)}
        checked={value === true}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id} className="mono">
        {info.name}
      </label>
      {note && <span className="field-hint">{note}</span>}
    </div>
  );
}

/** 'ctap2 ctap2_1 usb · hasResidentKey hasUserVerification …' */
export function optionSummary(o: VirtualAuthenticatorOptions): string {
  const flags = Object.entries(o)
    .filter(([k, v]) => v === true && k !== 'automaticPresenceSimulation')
    .map(([k]) => k);
  return (
    [o.protocol, o.protocol === 'ctap2' ? (o.ctap2Version ?? 'ctap2_0') : null, o.transport].filter(Boolean).join(' ') +
    (flags.length ? ` · ${flags.join(' ')}` : '')
  );
}

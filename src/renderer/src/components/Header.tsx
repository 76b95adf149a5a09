/** App bar: title, the RP this window talks to, live-stream status, language, theme, About. */
import type { SessionInfo } from '@api/types.ts';
import { LANG_NAMES, LANGS, useI18n, type Lang } from '../i18n/index.tsx';
import type { StreamStatus } from '../api/events.ts';
import { TID } from '../testids.ts';
import type { ThemeChoice } from '../state/useTheme.ts';
import { AccountPicker } from './realauth/AccountPicker.tsx';

/** Inline SVG (no image request, CSP-neutral), coloured by currentColor. */
function KeyIcon() {
  return (
    <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="8" cy="12" r="4.5" fill="none" stroke="currentColor" strokeWidth="2.2" />
      <path d="M12.5 12H22M18 12v4M21 12v3" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}

export function Header({
  session,
  stream,
  theme,
  onTheme,
  onAbout,
  onMetadata,
}: {
  session: SessionInfo | undefined;
  stream: StreamStatus;
  theme: ThemeChoice;
  onTheme(t: ThemeChoice): void;
  onAbout(): void;
  onMetadata(): void;
}) {
  const { t, lang, setLang } = useI18n();
  return (
    <header className="app-header">
      <div className="brand">
        <KeyIcon />
        <h1 className="brand-title">{t('app.title')}</h1>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </div>
      <div className="session" aria-label={t('about.rp')}>
        {session && (
          <>
            <span className="session-item">
              <span className="muted">{t('header.rpId')}</span> <span className="mono">{session.rpId}</span>
            </span>
            <span className="session-item">
              <span className="muted">{t('header.origin')}</span> <span className="mono">{session.origin}</span>
            </span>
          </>
        )}
        <span
          className={`stream stream-${stream}`}
          data-testid={TID.streamStatus}
          data-status={stream}
          title={t('stream.title')}
          role="status"
        >
          <span className="stream-dot" aria-hidden="true" />
          {t(`stream.${stream}`)}
        </span>
      </div>
      <div className="header-controls">
        <label className="compact-label">
          <span>{t('header.language')}</span>
          <select data-testid={TID.lang} value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            {LANGS.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANG_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <label className="compact-label">
          <span>{t('header.theme')}</span>
          <select data-testid={TID.theme} value={theme} onChange={(e) => onTheme(e.target.value as ThemeChoice)}>
            <option value="system">{t('theme.system')}</option>
            <option value="light">{t('theme.light')}</option>
            <option value="dark">{t('theme.dark')}</option>
          </select>
        </label>
        <button type="button" className="btn btn-small" data-testid={TID.metadata} aria-haspopup="dialog" onClick={onMetadata}>
          {t('header.metadata')}
        </button>
        <button type="button" className="btn btn-small" data-testid={TID.about} aria-haspopup="dialog" onClick={onAbout}>
          {t('header.about')}
        </button>
      </div>
      {/* Electron select-webauthn-account: the app's own account picker (src/main/webauthn.ts). */}
      <AccountPicker />
    </header>
  );
}

/**
 * A ceremony's or a request's error in the window's language. English: the RP's own message. Japanese:
 * for a verification failure the failing check's Japanese title and reason; for another RP error the
 * sentence for its code (i18n/apiErrors.ja.ts); for the browser's refusal (client_error) what the
 * DOMException name means, with the browser's own message as it came, marked as English — it is a
 * lower layer's text, kept so it can be searched for.
 */
import type { Check } from '@decode/types.ts';
import { checkMessage, checkTitle } from '@decode/messages/index.ts';
import { useI18n } from '../i18n/index.tsx';
import { translate } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/en.ts';
import { apiErrorsJa } from '../i18n/apiErrors.ja.ts';

interface ErrorLike {
  code?: string;
  error?: string;
  message: string;
  step?: string;
}

/** `withName`: lead with the error's code or DOMException name ("NotAllowedError: …"). */
export function ErrorText({ error, checks, withName }: { error: ErrorLike; checks?: readonly Check[] | null; withName?: boolean }) {
  const { t, lang } = useI18n();
  const code = error.code ?? error.error ?? '';
  if (lang === 'en') return <>{withName && code ? `${code}: ${error.message}` : error.message}</>;
  // The browser's refusal: recorded as client_error "<name>: <message>", or given as the DOMException's name.
  if (code === 'client_error' || /^[A-Z]\w*Error$/.test(code)) {
    const name = code === 'client_error' ? (/^(\w+Error)\b/.exec(error.message)?.[1] ?? 'Error') : code;
    const key = `sum.clientError.${name}` as MessageKey;
    const known = translate('en', key) !== key;
    return (
      <>
        <span className="mono">{name}</span> {known ? t(key) : t('sum.clientError.other')}{' '}
        <span className="muted" lang="en" translate="no">
          ({error.message})
        </span>
      </>
    );
  }
  if (code === 'verification_failed') {
    const failed =
      checks?.find((c) => c.status === 'fail' && (!error.step || c.id === error.step)) ?? checks?.find((c) => c.status === 'fail');
    if (failed) return <>{`${checkTitle(failed, lang)}: ${checkMessage(failed, lang) ?? ''}`}</>;
  }
  const text = (apiErrorsJa as Record<string, string>)[code] ?? error.message;
  return withName && code ? (
    <>
      <span className="mono">{code}</span>：{text}
    </>
  ) : (
    <>{text}</>
  );
}

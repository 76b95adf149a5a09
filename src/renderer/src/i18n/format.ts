/** The window's catalogs on the project's one i18n core (src/decode/messages/i18n.ts). No React. */
import { lookup, renderTemplate, type Lang, type Params } from '@decode/messages/i18n.ts';
import { en, type MessageKey, type Messages } from './en.ts';
import { ja } from './ja.ts';

export { LANGS, LANG_NAMES, pickLang, type Lang, type Params } from '@decode/messages/i18n.ts';

const CATALOGS: Record<Lang, Messages> = { en, ja };

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return renderTemplate(lookup(CATALOGS, lang, key) ?? key, params);
}

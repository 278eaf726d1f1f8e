import { MESSAGES, type LocaleCode, type MessageKey } from './messages.js';
import { formatDecimal } from './number.js';

export type { LocaleCode, MessageKey };

/** Parameters substituted into `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** A resolved locale: its code, a translator and number formatting. */
export interface Locale {
  readonly code: LocaleCode;
  /** The message for `key` with `{name}` placeholders replaced from `params`. */
  t(key: MessageKey, params?: MessageParams): string;
  /** A number formatted for this locale. */
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
}

export const DEFAULT_LOCALE: LocaleCode = 'zh-CN';
export const SUPPORTED_LOCALES: readonly LocaleCode[] = Object.freeze(
  Object.keys(MESSAGES) as LocaleCode[],
);

/** Whether `code` names a supported locale. */
export function isLocaleCode(code: unknown): code is LocaleCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(MESSAGES, code);
}

/**
 * The supported locale closest to a BCP 47 tag: `zh`, `zh-Hans`, `zh-CN` give `zh-CN`;
 * `en-GB` gives `en`; anything else undefined.
 */
export function matchLocale(tag: string | null | undefined): LocaleCode | undefined {
  if (!tag) return undefined;
  if (isLocaleCode(tag)) return tag;
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  if (primary === 'zh') return 'zh-CN';
  if (primary === 'en') return 'en';
  return undefined;
}

const cache = new Map<LocaleCode, Locale>();

/** The locale object for a supported code (cached). */
export function getLocale(code: LocaleCode = DEFAULT_LOCALE): Locale {
  let locale = cache.get(code);
  if (!locale) {
    const table: Readonly<Record<MessageKey, string>> = MESSAGES[code];
    const numberFormats = new Map<string, Intl.NumberFormat>();
    locale = Object.freeze({
      code,
      t(key: MessageKey, params?: MessageParams): string {
        const template = table[key] ?? MESSAGES[DEFAULT_LOCALE][key] ?? key;
        if (!params) return template;
        return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
          Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
        );
      },
      formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
        const written = formatDecimal(code, value, options);
        if (written !== undefined) return written;
        const key = JSON.stringify(options ?? {});
        let format = numberFormats.get(key);
        if (!format) {
          format = new Intl.NumberFormat(code, options);
          numberFormats.set(key, format);
        }
        return format.format(value);
      },
    });
    cache.set(code, locale);
  }
  return locale;
}

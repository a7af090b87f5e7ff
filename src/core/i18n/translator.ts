import en from '../../../locales/en.json' with { type: 'json' };
import sv from '../../../locales/sv.json' with { type: 'json' };
import type { Locale } from '../model.ts';

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every message key, checked at compile time against the Swedish file (the reference language). */
export type MessageKey = Leaves<typeof sv>;

/** Values for `{placeholder}`s in a message. */
export type MessageParams = Record<string, string | number>;

/** Looks up a localised message; bound to one language. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Flattens nested locale JSON into dotted keys. */
export function flattenMessages(tree: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (typeof tree === 'string') into.set(prefix, tree);
  else if (tree && typeof tree === 'object') {
    for (const [key, value] of Object.entries(tree)) flattenMessages(value, prefix ? `${prefix}.${key}` : key, into);
  }
  return into;
}

const catalogs: Record<Locale, Map<string, string>> = { sv: flattenMessages(sv), en: flattenMessages(en) };

/** Replaces `{name}` with params.name; unknown placeholders stay visible so a missing value is noticed. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** A translate function for one language; falls back to Swedish, then to the key itself. */
export function translator(locale: Locale): Translate {
  return (key, params) => interpolate(catalogs[locale].get(key) ?? catalogs.sv.get(key) ?? key, params);
}

import { SETTINGS_ACTIONS } from '../action-ids.ts';
import type { TurnContext } from '../context.ts';
import type { Feature } from '../feature.ts';
import { LOCALES, type Locale } from '../model.ts';
import type { MunicipalityDirectory } from '../municipalities.ts';
import type { DocumentStore } from '../ports/document-store.ts';
import { textReply } from '../reply.ts';
import { USER_PREFS, type UserPrefs } from '../state.ts';
import { translator } from '../i18n/translator.ts';
import { userText } from '../user-text.ts';

function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** Language and municipality: per user, remembered across restarts when the store is Redis. */
export function createSettingsFeature(deps: { store: DocumentStore; municipalities: MunicipalityDirectory }): Feature {
  async function save(ctx: TurnContext, change: Partial<UserPrefs>): Promise<void> {
    await deps.store.update(USER_PREFS, ctx.turn.user.id, (current) => ({
      ...current,
      ...change,
      updatedAt: ctx.now.toISOString(),
    }));
  }

  async function setLanguage(ctx: TurnContext, locale: Locale | undefined) {
    if (!locale) return [textReply(ctx.t('settings.languageUnknown'))];
    await save(ctx, { locale });
    // Confirm in the language just chosen, so the user sees the switch worked.
    return [textReply(translator(locale)('settings.languageSet'))];
  }

  async function setMunicipality(ctx: TurnContext, name: string) {
    const known = deps.municipalities
      .all()
      .map((m) => m.name)
      .join(', ');
    if (!name) {
      const current = ctx.municipality?.name ?? ctx.t('settings.noneSet');
      return [textReply(ctx.t('settings.municipalityCurrent', { municipality: current, known }))];
    }
    const municipality = deps.municipalities.find(name);
    if (!municipality) return [textReply(ctx.t('settings.municipalityUnknown', { name: userText(name), known }))];
    await save(ctx, { municipality: municipality.id });
    return [textReply(ctx.t('settings.municipalitySet', { municipality: municipality.name }))];
  }

  return {
    name: 'settings',
    intents: {
      'set-language': (ctx, intent) => setLanguage(ctx, intent.locale),
      'set-municipality': (ctx, intent) => setMunicipality(ctx, intent.name),
    },
    forgetUser: async (ctx, userId) => {
      const prefs = await deps.store.load(USER_PREFS, userId);
      if (!prefs) return [];
      await deps.store.delete(USER_PREFS, userId);
      return [ctx.t('privacy.removedPreferences')];
    },
    actionAreas: ['settings'],
    onAction: async (ctx, action) => {
      if (action.actionId === SETTINGS_ACTIONS.lang)
        return setLanguage(ctx, isLocale(action.value) ? action.value : undefined);
      if (action.actionId === SETTINGS_ACTIONS.municipality) return setMunicipality(ctx, action.value);
      return [textReply(ctx.t('errors.unknownAction'))];
    },
  };
}

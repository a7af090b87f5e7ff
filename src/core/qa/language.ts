import type { Locale } from '../model.ts';
import type { KnowledgeBase } from './knowledge-base.ts';

// Frequent words that give a language away. Words both languages share ("i", "a", "man", "under") are left out.
const MARKERS: Record<Locale, ReadonlySet<string>> = {
  sv: new Set(
    `och är att det som ett på av för med till den har inte om vad hur vem vilka vilken vilket när varför kan ska
    måste får finns vi jag vår vårt våra er ert mellan skillnad gäller e då också även eller men från enligt än
    bara egentligen ungefär kommun kommunen kommuner riktlinjer riktlinjen kriterier bidrag upphandling förening
    föreningen organisationen vad hände ska skall ingå göra gör hos oss sig nån något några
    tack snälla påminn mig veckor`.split(/\s+/),
  ),
  en: new Set(
    `the is are what how who which when why can could should must do does did we our my you your of to for with
    between difference about and or an it this that in on isn just any if municipality municipal guidelines
    criteria grant procurement association organisation organization have has need needs there their they be
    been was were would whats don doesn thanks thank please remind
    me weeks`.split(/\s+/),
  ),
};

// Words both languages write the same way; they must not vote ("vs" maps to a word in each language).
const NEUTRAL = new Set(['vs', 'versus', 'iop', 'ok']);

function markerScore(words: string[], language: Locale): number {
  return words.filter((w) => MARKERS[language].has(w)).length;
}

/**
 * The language a question is written in: Swedish letters and function words first, then which language's
 * knowledge alone knows its words; undefined when that still cannot tell ("IOP?", a lone misspelt word).
 * Place names should be removed first: "Kungälv vs Ekerö" says nothing about the language.
 */
export function detectLanguage(text: string, knowledge?: KnowledgeBase): Locale | undefined {
  const words = text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((w) => w && !NEUTRAL.has(w));
  const swedishLetters = words.filter((w) => /[åäö]/.test(w)).length;
  const sv = markerScore(words, 'sv') + swedishLetters;
  const en = markerScore(words, 'en');
  if (sv !== en) return sv > en ? 'sv' : 'en';
  if (!knowledge) return undefined;
  // Each word votes for the language whose knowledge uses it clearly more often: "belopp" only in Swedish,
  // a misspelt "samfinansering" mostly in Swedish (English text only glosses it), "IOP" in both (no vote).
  let votesSv = 0;
  let votesEn = 0;
  for (const word of new Set(words)) {
    const inSv = knowledge.wordEvidence(word, 'sv');
    const inEn = knowledge.wordEvidence(word, 'en');
    if (inSv > 0 && inSv >= 2 * inEn) votesSv++;
    else if (inEn > 0 && inEn >= 2 * inSv) votesEn++;
  }
  return votesSv === votesEn ? undefined : votesSv > votesEn ? 'sv' : 'en';
}

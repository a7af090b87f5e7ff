/** Shared fixtures for the checklist tests: the shipped definitions, two colleagues, a clock, Swedish labels. */
import { fileURLToPath } from 'node:url';
import type { Actor } from '../../src/core/checklist/engine.ts';
import type { ResultLabels } from '../../src/core/checklist/result-view.ts';
import type { Answer } from '../../src/core/checklist/schema.ts';

/** The folder the shipped checklists live in. */
export const CHECKLIST_DIR = fileURLToPath(new URL('../../knowledge/checklists', import.meta.url));

/** Two officials working on the same run in a shared channel. */
export const anna: Actor = { id: 'slack:T1:U1', name: 'Anna Berg' };
export const bo: Actor = { id: 'teams:t1:u2', name: 'Bo Ek' };

/** A fixed instant `minutes` after a base time, so tests never read the real clock. */
export function at(minutes: number): string {
  return new Date(Date.UTC(2025, 2, 3, 9, 0, 0) + minutes * 60_000).toISOString();
}

/** Answers a chat user would give for a collaboration that fits IOP well, per shipped checklist. */
export const IDEAL: Record<string, Record<string, Answer>> = {
  'forsta-bedomning': {
    'ideburen-organisation': 'yes',
    'allmannyttigt-mal': 'yes',
    'flera-aktorer': 'yes',
    'eget-initiativ': 'yes',
    'egen-insats': 'yes',
    'kop-av-tjanst': 'no',
    marknad: 'no',
    'bara-ekonomiskt-stod': 'no',
  },
  skr: {
    'ideburen-organisation': 'yes',
    'allmannyttigt-mal': 'yes',
    'gemensamt-behov': 'yes',
    'egen-insats': 'yes',
    'gemensam-styrning': 'yes',
    langsiktighet: 'yes',
    'politiskt-program': 'no',
    'ordinarie-verksamhet': 'no',
    'bara-ekonomiskt-stod': 'no',
    'kop-av-tjanst': 'no',
    detaljreglering: 'no',
    'ersattning-per-prestation': 'no',
    marknad: 'no',
    'tydlig-samfinansiering': 'yes',
  },
  kungalv: {
    'utan-vinstsyfte': 'yes',
    'eget-initiativ': 'yes',
    'politiskt-program': 'yes',
    'lokal-utveckling': 'yes',
    'normerat-foreningsbidrag': 'no',
    underleverantor: 'no',
    marknad: 'no',
    samfinansiering: 'yes',
    detaljreglering: 'no',
    langsiktighet: 'yes',
    'kop-av-tjanst': 'no',
    'ersattning-per-prestation': 'no',
    'bara-ekonomiskt-stod': 'no',
    'visat-intresse': 'yes',
    'social-hallbarhet': 'yes',
    'nara-samarbete': 'no',
    'langsiktigt-arbete': 'yes',
  },
};

/** Swedish labels as the caller would pass them from locales/sv.json. */
export const svLabels: ResultLabels = {
  answers: { yes: 'Ja', no: 'Nej', unsure: 'Osäker', skipped: 'Hoppade över' },
  signals: {
    'supports-iop': 'Talar för IOP',
    'signals-grant': 'Tyder på bidrag',
    'signals-procurement': 'Tyder på upphandling',
    'not-eligible': 'Utesluter IOP',
    'needs-review': 'Behöver utredas',
    neutral: 'Neutralt',
  },
  statuses: { active: 'pågår', finished: 'klar', cancelled: 'avbruten' },
  words: {
    date: 'Datum',
    startedBy: 'Påbörjad av',
    status: 'Status',
    recommendation: 'Rekommendation',
    provisional: 'Preliminär bedömning – alla frågor är inte besvarade.',
    reasons: 'Skäl',
    criteria: 'Kriterier och svar',
    columnQuestion: 'Fråga',
    columnAnswer: 'Svar',
    columnAnsweredBy: 'Besvarad av',
    columnEffect: 'Betydelse',
    decisive: 'avgörande',
    notAnswered: 'Ej besvarad',
    nextSteps: 'Nästa steg',
    followUps: 'Förslag på påminnelser',
    sources: 'Källor',
    basedOn: 'Underlag',
    disclaimer: 'Bedömningen är ett stöd och ersätter inte en juridisk prövning.',
  },
};

// How an answer names what it was written from: every source with its publisher, kind and date, so that an
// official can cite it in a tjänsteskrivelse; a seed record by municipality, title and case number.
import type { MunicipalityDirectory } from '../municipalities.ts';
import type { Passage, SourceInfo, SourceKind, SourceStatus } from '../ports/knowledge-base.ts';

/** A citation as the `ask --json` contract names it (publisher, kind, date and status extend it). */
export interface AnswerSource {
  title: string;
  municipality?: string;
  section?: string;
  url?: string;
  /** The seed record's file name, for tools that match sources; never shown to a user. */
  file?: string;
  publisher?: string;
  kind?: SourceKind;
  date?: string;
  status?: SourceStatus;
}

/** One line of the source list in chat: who published what, of which kind, when, and where to read it. */
export interface SourceCitation {
  publisher: string;
  /** The title without the publisher's name in front of it. */
  title: string;
  kind?: SourceKind;
  date?: string;
  status?: SourceStatus;
  url?: string;
}

function uniqueSources(passages: Passage[]): Array<{ source: SourceInfo; passage: Passage }> {
  const seen = new Set<string>();
  const out: Array<{ source: SourceInfo; passage: Passage }> = [];
  for (const passage of passages) {
    for (const source of passage.sources) {
      const key = source.url ?? source.seed ?? source.title;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ source, passage });
    }
  }
  return out;
}

/** Citations for the passages an answer used: every source each passage was written from, with its section. */
export function citationsFor(passages: Passage[], municipalities: MunicipalityDirectory): AnswerSource[] {
  return uniqueSources(passages).map(({ source, passage }) => {
    const municipality = passage.municipality
      ? (municipalities.get(passage.municipality)?.name ?? passage.municipality)
      : undefined;
    return {
      title: source.title,
      ...(municipality ? { municipality } : {}),
      section: passage.heading,
      ...(source.url ? { url: source.url } : {}),
      ...(source.seed ? { file: source.seed } : {}),
      ...(source.publisher ? { publisher: source.publisher } : {}),
      ...(source.kind ? { kind: source.kind } : {}),
      ...(source.date ? { date: source.date } : {}),
      ...(source.status ? { status: source.status } : {}),
    };
  });
}

const fold = (text: string) =>
  text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .trim();

/**
 * "Kungälvs kommun – Riktlinjer …" published by "Kungälvs kommun" reads "Riktlinjer …": the publisher is named
 * beside it. A leading part that names the publisher (or is named in it: "SKL" in "Sveriges Kommuner och
 * Landsting (SKL …)") is dropped.
 */
function titleWithoutPublisher(title: string, publisher: string): string {
  const dash = title.indexOf(' – ');
  if (dash < 0) return title;
  const lead = fold(title.slice(0, dash).split(',')[0] ?? '');
  const who = fold(publisher);
  return lead && (who.includes(lead) || lead.includes(who)) ? title.slice(dash + 3) : title;
}

/** The source list in chat: one line per source, the first link of each. */
export function sourceCitations(passages: Passage[]): SourceCitation[] {
  return uniqueSources(passages).map(({ source }) => {
    const publisher = source.publisher ?? source.title;
    return {
      publisher,
      title: source.publisher ? titleWithoutPublisher(source.title, source.publisher) : '',
      ...(source.kind ? { kind: source.kind } : {}),
      ...(source.date ? { date: source.date } : {}),
      ...(source.status ? { status: source.status } : {}),
      ...(source.url ? { url: source.url } : {}),
    };
  });
}

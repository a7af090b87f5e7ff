// Dates a guideline states about itself: when it was adopted and until when it applies, in Swedish or English.

const MONTHS: Record<string, number> = {
  januari: 1,
  january: 1,
  februari: 2,
  february: 2,
  mars: 3,
  march: 3,
  april: 4,
  maj: 5,
  may: 5,
  juni: 6,
  june: 6,
  juli: 7,
  july: 7,
  augusti: 8,
  august: 8,
  september: 9,
  oktober: 10,
  october: 10,
  november: 11,
  december: 12,
};

const DATE = String.raw`(\d{4}-\d{2}-\d{2}|\d{1,2}:?e? (?:${Object.keys(MONTHS).join('|')}) \d{4}|(?:${Object.keys(MONTHS).join('|')}) \d{1,2},? \d{4})`;

const VALID_UNTIL = [
  String.raw`(?:gäller|giltig[at]?|giltighetstid)[^.\n]{0,40}?(?:till och med|t\.\s?o\.\s?m\.?|fram till|till)\s+(?:den\s+)?${DATE}`,
  String.raw`(?:valid|applies|apply|in force|validity)[^.\n]{0,40}?(?:until|through|to)\s+(?:and including\s+)?${DATE}`,
].map((p) => new RegExp(p, 'i'));

const ADOPTED = [
  String.raw`(?:antagen|antagna|antogs|beslutad|beslutade|beslutades|fastställd|fastställda|fastställdes|beslutsdatum|adopted|decided|approved|date of decision)[^.\n]{0,80}?${DATE}`,
].map((p) => new RegExp(p, 'i'));

/** `2024-05-12`, `12 maj 2024`, `May 12, 2024` as YYYY-MM-DD; undefined when it is no real date. */
export function isoDateOf(text: string): string | undefined {
  const lower = text.toLowerCase();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(lower);
  let parts: [number, number, number] | undefined;
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  const dayFirst = /^(\d{1,2}):?e? ([a-zé]+) (\d{4})$/.exec(lower);
  if (dayFirst) parts = [Number(dayFirst[3]), MONTHS[dayFirst[2] ?? ''] ?? 0, Number(dayFirst[1])];
  const monthFirst = /^([a-z]+) (\d{1,2}),? (\d{4})$/.exec(lower);
  if (monthFirst) parts = [Number(monthFirst[3]), MONTHS[monthFirst[1] ?? ''] ?? 0, Number(monthFirst[2])];
  if (!parts) return undefined;
  const [y, m, d] = parts;
  const value = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : undefined;
}

function first(patterns: RegExp[], text: string): string | undefined {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    const date = match?.[1] ? isoDateOf(match[1]) : undefined;
    if (date) return date;
  }
  return undefined;
}

/** The adoption date and last day of validity a document states, where it states them in words we know. */
export function documentDates(text: string): { date?: string; validUntil?: string } {
  const flat = text.replace(/\*+/g, '').replace(/\s+/g, ' ');
  const date = first(ADOPTED, flat);
  const validUntil = first(VALID_UNTIL, flat);
  return {
    ...(date ? { date } : {}),
    ...(validUntil && (!date || validUntil >= date) ? { validUntil } : {}),
  };
}

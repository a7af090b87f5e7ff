/** A municipality the assistant knows: its own guideline, its default checklist, its IOP contact. */
export interface Municipality {
  id: string;
  name: string;
  aliases: string[];
  checklist?: string;
  guideline?: string;
  contact?: string | null;
}

/** Looks municipalities up by id, name or alias, forgiving case, å/ä/ö and a genitive "s kommun". */
export interface MunicipalityDirectory {
  get(id: string): Municipality | undefined;
  find(text: string): Municipality | undefined;
  all(): Municipality[];
  /** An object that stays the same while the directory's content does, and changes with it (a reload): for caches. */
  identity(): object;
}

/** Folds a name to a comparable form: lower case, no diacritics, no "kommun"/"stad"/"region" suffix. */
export function foldName(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/\b(kommun|kommuns|stad|stads|municipality|region)\b/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Lists shown to people follow Swedish alphabetical order (Å, Ä, Ö last), whatever order the files give.
const collator = new Intl.Collator('sv');

/** Builds a directory over a list (municipalities.yaml and declaring documents); `all()` is in alphabetical order. */
export function createMunicipalityDirectory(unsorted: Municipality[]): MunicipalityDirectory {
  const list = [...unsorted].sort((a, b) => collator.compare(a.name, b.name));
  const byId = new Map(list.map((m) => [m.id, m]));
  const byName = new Map<string, Municipality>();
  for (const m of list) {
    for (const name of [m.id, m.name, ...m.aliases]) {
      const folded = foldName(name);
      byName.set(folded, m);
      if (folded.endsWith('s')) byName.set(folded.slice(0, -1), m);
    }
  }
  return {
    get: (id) => byId.get(id),
    find: (text) => {
      const folded = foldName(text);
      return byName.get(folded) ?? (folded.endsWith('s') ? byName.get(folded.slice(0, -1)) : undefined);
    },
    all: () => [...list],
    identity: () => list,
  };
}

import { readFileSync } from 'node:fs';
import { loadAskDeps, ask, toAskJson } from '../src/cli/ask-command.ts';
import { ranked } from '../src/core/qa/passage-choice.ts';
import { mentions, terms } from './eval-facts.ts';
const deps: any = await loadAskDeps({KNOWLEDGE_DIR: "knowledge", DEFAULT_LOCALE: "sv"} as any);
const kb = deps.knowledge;
const tally: Record<string, number> = {};
for (const f of process.argv.slice(2)) for (const line of readFileSync(f, 'utf8').split('\n').filter(Boolean)) {
  const it = JSON.parse(line);
  if (['out-of-scope','smalltalk','small-talk'].includes(it.kind)) continue;
  const a = ask(deps, { question: it.question, lang: undefined, municipality: undefined } as any);
  const text = toAskJson(a).answer;
  const at = terms(text, it.lang);
  const r = ranked(kb.search({ text: it.question, language: it.lang, limit: 20 }));
  for (const fact of it.must_mention) {
    if (mentions(at, fact, it.lang)) continue;
    const main = a.passages[0];
    let where = 'nowhere';
    if (main && mentions(terms(main.text, it.lang), fact, it.lang)) where = 'main-rest';
    else { const i = r.hits.findIndex((h: any) => mentions(terms(h.passage.text, it.lang), fact, it.lang)); if (i >= 0) where = `hit${Math.min(i,6)}`; else if (kb.passages(it.lang).some((p: any) => mentions(terms(p.text, it.lang), fact, it.lang))) where = 'other'; }
    tally[where] = (tally[where] ?? 0) + 1;
    if (process.env.V) console.log(it.id, a.status, where, '|', fact);
  }
}
console.log(tally);

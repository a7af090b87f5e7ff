// Answers that compare municipalities' guidelines, side by side.
import { type Answer, answered, askBack, type Ctx, decline, nameOf, overview, search } from './answer-context.ts';
import { splitForDisplay } from './answer-shape.ts';
import type { AnswerPart } from './compose.ts';
import type { Passage, SearchHit, SearchResult } from '../ports/knowledge-base.ts';
import { CLARIFY_CONFIDENCE, clarifyCandidates, matchOf, ranked } from './passage-choice.ts';

// The places were named, so each one's closest section is shown (under its own question, so a near miss is
// visible) from the match at which the assistant would otherwise ask back, rather than leaving the place out.
const PLACE_CONFIDENCE = CLARIFY_CONFIDENCE;

// "Kungälv vs Ekerö vs Ale vs …": this many places are compared at most.
const MAX_COMPARED = 3;

// In a comparison, a passage matching at least this share of a place's best may be shown instead, when its heading
// asks what the first place's shown heading asks: criteria beside criteria, not criteria beside background.
const ALIKE_SCORE = 0.7;

/** The hit to compare with `first`: the best one, or a near-best whose heading is more like first's heading. */
function alike(ctx: Ctx, result: SearchResult, first: Passage | undefined): SearchHit | undefined {
  const best = result.hits[0];
  if (!best || !first) return best;
  const terms = ctx.deps.knowledge.terms.bind(ctx.deps.knowledge);
  const names = new Set(ctx.resolved.municipalities.flatMap((id) => terms(nameOf(ctx, id), ctx.language)));
  const headingTerms = (p: Passage) => new Set(terms(p.heading, ctx.language).filter((t) => !names.has(t)));
  const target = headingTerms(first);
  const likeness = (hit: SearchHit) => [...headingTerms(hit.passage)].filter((t) => target.has(t)).length;
  const bestMatch = matchOf(best, result.terms);
  const candidates = result.hits.slice(0, 3).filter((h) => matchOf(h, result.terms) >= bestMatch * ALIKE_SCORE);
  return candidates.reduce((a, b) => (likeness(b) > likeness(a) ? b : a), best);
}

/** "Kungälv vs Ekerö kriterier": a labelled part per place, on the same topic. */
export function compare(ctx: Ctx): Answer {
  const ids = ctx.resolved.municipalities.slice(0, MAX_COMPARED);
  const parts: AnswerPart[] = [];
  const passages: Passage[] = [];
  const more: string[] = [];
  const hits: SearchHit[] = [];
  const confidences: number[] = [];
  // "Kungälv vs Ekerö" with no topic (and no earlier question) compares the overviews.
  const noTopic = !ctx.resolved.followUp && ctx.analysis.topicWords === 0;
  const results = ids.map((id) => ranked(search(ctx, { only: id })));
  // The place answered most surely sets what is compared (a heading that names the question's rarer words wins a
  // tie);
  // the others show their passage most like it.
  const terms = ctx.deps.knowledge.terms.bind(ctx.deps.knowledge);
  const inHeading = (r: SearchResult) => {
    const heading = new Set(r.hits[0] ? terms(r.hits[0].passage.heading, ctx.language) : []);
    return r.terms.filter((t) => !t.fromContext && heading.has(t.term)).reduce((sum, t) => sum + t.weight, 0);
  };
  const sureness = (r: SearchResult) => (r.hits[0] ? matchOf(r.hits[0], r.terms) + 0.01 * inHeading(r) : 0);
  const anchor = results.reduce((a, b) => (sureness(b) > sureness(a) ? b : a), results[0]!).hits[0]?.passage;
  for (const [i, id] of ids.entries()) {
    const result = results[i]!;
    const best = noTopic ? undefined : alike(ctx, result, anchor);
    const confidence = best ? matchOf(best, result.terms) : 0;
    const passage =
      best && confidence >= PLACE_CONFIDENCE
        ? best.passage
        : noTopic || result.terms.length === 0
          ? overview(ctx, id)
          : undefined;
    if (passage) {
      const shown = splitForDisplay(passage.text);
      parts.push({ label: `${nameOf(ctx, id)} – ${passage.heading}`, text: shown.shown });
      passages.push(passage);
      if (shown.rest) more.push(passage.id);
      confidences.push(best ? confidence : 1);
      hits.push(...result.hits.slice(1));
    } else
      parts.push({
        label: nameOf(ctx, id),
        text: ctx.t('qa.answer.compareMissing', { municipality: nameOf(ctx, id) }),
      });
  }
  if (passages.length === 0) {
    // No place has a section close enough: ask back with each place's closest questions rather than decline.
    const candidates = [...new Set(results.flatMap((r) => clarifyCandidates(r).slice(0, 1)))];
    const sure = Math.max(0, ...results.map((r) => (r.hits[0] ? matchOf(r.hits[0], r.terms) : 0)));
    return candidates.length > 0 ? askBack(ctx, candidates, sure) : decline(ctx, 'not-found', 0);
  }
  return answered(ctx, parts, passages, hits, Math.min(...confidences), { more });
}

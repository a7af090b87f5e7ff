// Questions for the benches: every knowledge heading asked the way people type (lower case, a typo, a word
// dropped), some headings as written, and a few off-topic questions. Deterministic for a given seed.
import type { KnowledgeDocument } from '../src/infra/knowledge/markdown-document.ts';

/** Deterministic pseudo-random numbers (mulberry32), so every run asks the same questions. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function typo(word: string, next: () => number): string {
  const i = 1 + Math.floor(next() * (word.length - 2));
  const kind = Math.floor(next() * 3);
  if (kind === 0) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 1) return word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2);
  return word.slice(0, i) + 'aeiou'[Math.floor(next() * 5)] + word.slice(i + 1);
}

function perturb(question: string, next: () => number): string {
  const words = question.replace(/[?]/g, '').toLowerCase().split(/\s+/);
  const long = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 5);
  const pick = long[Math.floor(next() * long.length)];
  if (pick && next() < 0.7) words[pick[1]] = typo(pick[0], next);
  if (words.length > 4 && next() < 0.3) words.splice(Math.floor(next() * words.length), 1);
  return words.join(' ');
}

export function benchQuestions(documents: KnowledgeDocument[], seed: number): string[] {
  const next = random(seed);
  const headings = documents.flatMap((d) => d.sections.map((s) => s.heading));
  const offTopic = ['Hur ansöker jag om bygglov?', 'vad blir det för väder i morgon', 'How do I renew my passport?'];
  return [...headings.map((h) => perturb(h, next)), ...headings.slice(0, 40), ...offTopic];
}

// `npm run bench qa`: index build time and answer latency (p50/p99) for the shipped knowledge base and for one
// scaled to 1,000 documents. Questions are the FAQ headings, perturbed the way people type (lower case, a typo,
// a dropped word, no question mark), plus a few out-of-scope ones. Measures only; asserts nothing.
import { fileURLToPath } from 'node:url';
import { createMunicipalityDirectory } from '../src/core/municipalities.ts';
import { answerQuestion } from '../src/core/qa/answer-question.ts';
import type { KnowledgeBase } from '../src/core/ports/knowledge-base.ts';
import { loadKnowledge } from '../src/infra/knowledge/knowledge-loader.ts';
import type { KnowledgeDocument } from '../src/infra/knowledge/markdown-document.ts';
import { MiniSearchKnowledgeBase } from '../src/infra/knowledge/minisearch-knowledge-base.ts';
import { loadMunicipalities } from '../src/infra/municipality-loader.ts';
import { benchQuestions as questions, random } from './questions.ts';
import type { SummaryRow } from './summary.ts';

const KNOWLEDGE_DIR = fileURLToPath(new URL('../knowledge', import.meta.url));
const SCALED_DOCUMENTS = 1000;
const ROUNDS = 3;

/** Copies of the shipped documents with new ids and a varied word, until there are `count` documents. */
function scaled(documents: KnowledgeDocument[], count: number): KnowledgeDocument[] {
  const next = random(7);
  const vocabulary = [...new Set(documents.flatMap((d) => d.sections.flatMap((s) => s.text.split(/\s+/))))];
  const out = [...documents];
  for (let copy = 1; out.length < count; copy++) {
    for (const doc of documents) {
      if (out.length >= count) break;
      out.push({
        ...doc,
        id: `${doc.id}-copy${copy}`,
        file: `synthetic/${doc.id}-copy${copy}.md`,
        sections: doc.sections.map((s) => ({
          ...s,
          text: `${s.text} ${vocabulary[Math.floor(next() * vocabulary.length)]}`,
        })),
      });
    }
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

function measure(
  label: string,
  documents: KnowledgeDocument[],
  rounds: string[][],
  directory: ReturnType<typeof createMunicipalityDirectory>,
): SummaryRow {
  const started = performance.now();
  const knowledge: KnowledgeBase = new MiniSearchKnowledgeBase(documents);
  const buildMs = performance.now() - started;
  const passages = knowledge.passages('sv').length + knowledge.passages('en').length;
  const deps = { knowledge, municipalities: directory };
  const ask = (question: string) => answerQuestion(deps, { question, fallbackLanguage: 'sv' });
  // Warm up the JIT with one set; every measured round has its own typos, so caches of words seen do not help.
  const [warmUp = [], ...measured] = rounds;
  for (const q of warmUp) ask(q);
  const times: number[] = [];
  let declined = 0;
  for (const [round, asked] of measured.entries()) {
    for (const q of asked) {
      const t0 = performance.now();
      const answer = ask(q);
      times.push(performance.now() - t0);
      if (round === 0 && answer.status === 'declined') declined++;
    }
  }
  times.sort((a, b) => a - b);
  // The mean is the steadier figure on a loaded machine: p99 is mostly other processes and garbage collection.
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  console.log(
    `${label.padEnd(22)} ${String(documents.length).padStart(5)} docs ${String(passages).padStart(6)} passages  ` +
      `build ${buildMs.toFixed(0).padStart(5)} ms  answers ${times.length}: p50 ${percentile(times, 0.5).toFixed(2)} ms, ` +
      `p99 ${percentile(times, 0.99).toFixed(2)} ms, mean ${mean.toFixed(2)} ms, max ${(times.at(-1) ?? 0).toFixed(1)} ms  ` +
      `(declined ${declined}/${measured[0]?.length ?? 0})`,
  );
  return [
    'Answering',
    `${label} (${documents.length} docs)`,
    `index ${buildMs.toFixed(0)} ms; answer p50 ${percentile(times, 0.5).toFixed(2)} ms, p99 ${percentile(times, 0.99).toFixed(2)} ms`,
  ];
}

/** Runs the benchmark and prints its figures. */
export default async function run(): Promise<SummaryRow[]> {
  const t0 = performance.now();
  const { documents } = await loadKnowledge(KNOWLEDGE_DIR);
  const loadMs = performance.now() - t0;
  const directory = createMunicipalityDirectory(await loadMunicipalities(KNOWLEDGE_DIR));
  const rounds = Array.from({ length: ROUNDS + 1 }, (_, i) => questions(documents, 42 + i));
  console.log(
    `read and validated ${documents.length} documents in ${loadMs.toFixed(0)} ms; ${rounds[0]?.length} questions per round`,
  );
  return [
    measure('shipped knowledge', documents, rounds, directory),
    measure('scaled to 1,000 docs', scaled(documents, SCALED_DOCUMENTS), rounds, directory),
  ];
}

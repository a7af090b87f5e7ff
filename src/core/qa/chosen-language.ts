// A user who chose a language (`/iop språk en`) gets everything in it, a question typed in the other language too.
// The question is matched in its own language, where its words are; the answer is then the same section in the
// chosen language, asked by that section's own heading there (the knowledge keeps each document's sections in the
// same order in both languages, so `<doc>.sv#3` and `<doc>.en#3` answer the same question).
import { translator } from '../i18n/translator.ts';
import type { Locale } from '../model.ts';
import type { Answer, AskInput } from './answer-context.ts';
import type { KnowledgeBase, Passage } from './knowledge-base.ts';

function counterpart(knowledge: KnowledgeBase, passage: Passage, language: Locale): Passage | undefined {
  return knowledge.passage(passage.id.replace(`.${passage.language}#`, `.${language}#`));
}

/** `answer` as the user who chose `chosen` should see it; `ask` answers a question (the cached answering). */
export function inChosenLanguage(
  answer: Answer,
  chosen: Locale,
  input: AskInput,
  ask: (input: AskInput) => Answer,
  knowledge: KnowledgeBase,
): Answer {
  if (answer.language === chosen) return answer;
  if (answer.status === 'answered') {
    const main = answer.passages[0];
    const same = main ? counterpart(knowledge, main, chosen) : undefined;
    if (!same) return answer;
    const translated = ask({ ...input, question: same.heading, language: chosen });
    // A glossary heading ("Statsstöd") may be answered by the section that defines it rather than itself.
    return translated.status === 'answered' ? translated : answer;
  }
  if (answer.status === 'clarify') {
    const byHeading = new Map(knowledge.passages(answer.language).map((p) => [p.heading, p]));
    const candidates = (answer.clarify ?? []).flatMap((heading) => {
      const passage = byHeading.get(heading);
      const same = passage ? counterpart(knowledge, passage, chosen) : undefined;
      return same ? [same.heading] : [];
    });
    if (candidates.length !== (answer.clarify ?? []).length) return answer;
    const text = translator(chosen)('qa.clarify.question');
    return { ...answer, language: chosen, clarify: candidates, parts: [{ text }], text };
  }
  // Small talk and a decline say the same in either language.
  return ask({ ...input, language: chosen });
}

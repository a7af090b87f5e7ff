import type { Answer, AskInput } from './answer-question.ts';

// Officials ask the same questions again and again; an answer depends only on the question, the languages, the
// municipality, the thread's context and the knowledge in use, so a repeat is looked up until the knowledge is
// reloaded (`generation` changes), when the cache starts afresh.
const DEFAULT_CAPACITY = 1_000;

/** What an answer depends on, as one string (today's date: a guideline may run out). The thread's timestamp does not change the answer. */
function keyOf(input: AskInput): string {
  const thread = input.thread;
  return JSON.stringify([
    input.question.trim(),
    input.language ?? '',
    input.fallbackLanguage,
    input.municipality?.id ?? '',
    input.today ?? '',
    thread ? [thread.topic, thread.language, thread.municipalities, thread.passageIds] : null,
  ]);
}

/**
 * Remembers the last `capacity` answers, least recently used out first. Answers are shared between callers,
 * so they are frozen: nobody can change a cached answer for the next asker.
 */
export function cachedAnswers(
  answer: (input: AskInput) => Answer,
  capacity = DEFAULT_CAPACITY,
  generation: () => number = () => 0,
) {
  const cache = new Map<string, Answer>();
  let cachedGeneration = generation();
  return (input: AskInput): Answer => {
    if (generation() !== cachedGeneration) {
      cache.clear();
      cachedGeneration = generation();
    }
    const key = keyOf(input);
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const fresh = deepFreeze(answer(input));
    if (cache.size >= capacity) cache.delete(cache.keys().next().value as string);
    cache.set(key, fresh);
    return fresh;
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

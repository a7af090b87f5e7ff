/**
 * Which test files make up the `unit` project: they touch no Redis, start no server and no child process, and
 * open no connection — core, parsing, rendering, loading files. Everything else is `integration` (real Redis,
 * HTTP stand-ins, child processes, chromium). `test/core/test-projects.test.ts` keeps this list honest.
 */
export const UNIT_TESTS = [
  'test/checklist/access.test.ts',
  'test/checklist/actions.test.ts',
  'test/checklist/engine.property.test.ts',
  'test/checklist/engine.test.ts',
  'test/checklist/loader.test.ts',
  'test/checklist/outcome-text.property.test.ts',
  'test/core/*.test.ts',
  'test/infra/logger.test.ts',
  'test/qa/answer-cache.test.ts',
  'test/qa/answering.test.ts',
  'test/qa/loader.test.ts',
  'test/qa/question-focus.test.ts',
  'test/qa/sentences.test.ts',
  'test/reminders/conversation.test.ts',
  'test/reminders/guideline-offer.test.ts',
  'test/reminders/next-occurrence.test.ts',
  'test/reminders/parse-reminder-command.test.ts',
  'test/reminders/parse-reminder.properties.test.ts',
  'test/reminders/parse-reminder.test.ts',
  'test/reminders/reminders-parse-locales.test.ts',
  'test/robustness/fuzz.test.ts',
  'test/slack/manifest.test.ts',
  'test/slack/render.test.ts',
  'test/slack/threads.test.ts',
  'test/teams/inbound.test.ts',
  'test/teams/invoke-plan.test.ts',
  'test/teams/render.test.ts',
];

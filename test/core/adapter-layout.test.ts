import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The Slack and Teams adapters have the same files with the same roles (design.md: "a reviewer who knows `slack/`
 * should already know `teams/`"). A platform may have more files of its own; these it must both have.
 */
const ROLES = {
  'app.ts':
    /export function create(Slack|Teams)Adapter\(deps: \1AdapterDeps, options: \1AdapterOptions = \{\}\): \1Adapter/,
  'inbound.ts': /export function parse\w+\(/,
  'render.ts': /export function render\w*\(/,
  'messenger.ts': /export function create(Slack|Teams)Messenger\(/,
  'delivery.ts': /export (async )?function (create)?[dD]eliver\w*\(/,
  'turn-runner.ts': /export function createTurnRunner\(deps: TurnRunnerDeps\)/,
  'conversation-key.ts': /export function (slack|teams)ConversationKey\(/,
} as const;

const PLATFORMS = ['slack', 'teams'] as const;
const dir = (platform: string) => join('src', 'adapters', platform);
const source = (platform: string, file: string) => readFileSync(join(dir(platform), file), 'utf8');

describe('adapter layout', () => {
  it.each(PLATFORMS)('%s has a file for every role, each with its main export', (platform) => {
    const missing = Object.entries(ROLES).flatMap(([file, shape]) => {
      if (!existsSync(join(dir(platform), file))) return [`${file} (missing)`];
      return shape.test(source(platform, file)) ? [] : [`${file} (no ${shape.source})`];
    });
    expect(missing).toEqual([]);
  });

  it.each(PLATFORMS)('%s is built from the same deps as every adapter', (platform) => {
    const name = platform === 'slack' ? 'Slack' : 'Teams';
    expect(source(platform, 'app.ts')).toContain(`export type ${name}AdapterDeps = PlatformAdapterDeps;`);
  });

  it.each(PLATFORMS)(
    '%s leaves the apology for a failed turn to the core and builds keys only in its codec',
    (platform) => {
      const files = readdirSync(dir(platform)).filter((file) => file.endsWith('.ts'));
      const offenders = files.flatMap((file) => {
        const text = source(platform, file);
        const found: string[] = [];
        if (/\.handleTurn\(/.test(text)) found.push(`${file}: calls bot.handleTurn (use answerTurn)`);
        if (file !== 'conversation-key.ts' && new RegExp(`\`${platform}:\\$\\{`).test(text))
          found.push(`${file}: builds a ${platform}: key by hand`);
        if (/adapters\/(slack|teams)\//.test(text) || /from '\.\.\/(slack|teams)\//.test(text))
          found.push(`${file}: imports another adapter`);
        return found;
      });
      expect(offenders).toEqual([]);
    },
  );
});

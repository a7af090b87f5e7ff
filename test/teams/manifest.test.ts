import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ManifestUtil } from '@microsoft/app-manifest';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { routeText } from '../../src/core/router.ts';

const DIR = 'manifests/teams';
const read = (file: string) => JSON.parse(readFileSync(join(DIR, file), 'utf8'));
const manifest = read('manifest.json');

/** The official schemas shipped in @microsoft/app-manifest, newest version first. */
function schemaDir(): { version: string; dir: string } {
  const require = createRequire(import.meta.url);
  const root = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build/json-schemas/teams');
  const versions = readdirSync(root)
    .filter((name) => /^v\d+\.\d+$/.test(name))
    .map((name) => name.slice(1))
    .sort((a, b) => {
      const [am = 0, an = 0] = a.split('.').map(Number);
      const [bm = 0, bn = 0] = b.split('.').map(Number);
      return bm - am || bn - an;
    });
  const version = versions[0] ?? '';
  return { version, dir: join(root, `v${version}`) };
}

function schema(file: string) {
  // Two known defects in the official schemas' regexes, fixed as the package fixes downloaded ones: an invalid
  // `\a` escape, and an unescaped `]` (`…\b]\.description`) that ajv's unicode mode rejects.
  const text = readFileSync(join(schemaDir().dir, file), 'utf8')
    .replace(/\\a/g, '\\x07')
    .replaceAll('\\\\b]', '\\\\b\\\\]');
  return JSON.parse(text);
}

function png(file: string) {
  return PNG.sync.read(readFileSync(join(DIR, file)));
}

describe('the Teams app manifest', () => {
  it('is on the newest manifest schema @microsoft/app-manifest ships', () => {
    const { version } = schemaDir();
    expect(manifest.manifestVersion).toBe(version);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`,
    );
  });

  it('validates against the official manifest schema', async () => {
    expect(await ManifestUtil.validateManifestAgainstSchema(manifest, schema('MicrosoftTeams.schema.json'))).toEqual(
      [],
    );
  });

  it('has a Swedish default and an English localisation file that validates against its schema', async () => {
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('sv-se');
    const languages = manifest.localizationInfo.additionalLanguages as Array<{ languageTag: string; file: string }>;
    expect(languages.map((l) => l.languageTag)).toEqual(['en-us']);
    const english = read(languages[0]?.file ?? '');
    expect(
      await ManifestUtil.validateManifestAgainstSchema(english, schema('MicrosoftTeams.Localization.schema.json')),
    ).toEqual([]);
    // Every command is translated, and so is every prompt starter's prompt.
    const commands = manifest.bots[0].commandLists[0].commands as Array<{ title: string; type?: string }>;
    commands.forEach((command, i) => {
      expect(english[`bots[0].commandLists[0].commands[${i}].title`]).toBeTruthy();
      expect(english[`bots[0].commandLists[0].commands[${i}].description`]).toBeTruthy();
      if (command.type === 'prompt') expect(english[`bots[0].commandLists[0].commands[${i}].prompt`]).toBeTruthy();
    });
  });

  it('offers the bot in personal chats, teams and group chats, with commands the bot understands', () => {
    const [bot] = manifest.bots;
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    // Without it Teams shows no file consent card, and the Word export cannot reach the personal chat.
    expect(bot.supportsFiles).toBe(true);
    const english = read('en-us.json');
    const commands = bot.commandLists[0].commands as Array<{ title: string; type?: string; prompt?: string }>;
    const basic = commands.flatMap((c, i) => (c.type === 'prompt' ? [] : [i]));
    const titles = [
      ...basic.map((i) => commands[i]?.title as string),
      ...basic.map((i) => english[`bots[0].commandLists[0].commands[${i}].title`] as string),
    ];
    expect(titles.length).toBeGreaterThanOrEqual(7 * 2);
    for (const title of titles) {
      expect({ title, intent: routeText(title).kind }).not.toMatchObject({
        intent: expect.stringMatching(/unknown-command|ask/),
      });
    }
    expect(titles).toEqual(expect.arrayContaining(['/iop checklista', '/iop påminnelser', '/iop checklist']));
    // Prompt starters (instead of a welcome card) ask the bot something it answers, in both languages.
    const starters = commands.flatMap((c, i) =>
      c.type === 'prompt' ? [c.prompt, english[`bots[0].commandLists[0].commands[${i}].prompt`]] : [],
    ) as string[];
    expect(starters).toEqual(expect.arrayContaining(['Vad är IOP?', '/iop hjälp', 'What is IOP?', '/iop help']));
    for (const prompt of starters) expect(routeText(prompt).kind).not.toBe('unknown-command');
    expect(manifest.validDomains.length).toBeGreaterThan(0);
  });

  it('ships a 192×192 colour icon and a 32×32 outline icon that is white on transparency', () => {
    const color = png(manifest.icons.color);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = png(manifest.icons.outline);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [outline.data[i], outline.data[i + 1], outline.data[i + 2], outline.data[i + 3]];
      if (a === 0) transparent++;
      else expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.5);
  });
});

describe('npm run package:teams', () => {
  const run = promisify(execFile);
  const script = ['--import', 'tsx', 'scripts/package-teams.ts'];

  it('writes a zip with the app id from TEAMS_APP_ID, the icons and the localisation file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'teams-package-')), 'app.zip');
    const appId = '3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e';
    await run(process.execPath, [...script, '--out', out, '--domain', 'iop.example.se'], {
      env: { PATH: process.env.PATH ?? '', TEAMS_APP_ID: appId },
    });
    const files = unzipSync(readFileSync(out));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'en-us.json', 'manifest.json', 'outline.png']);
    const packaged = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    expect(packaged.id).toBe(appId);
    expect(packaged.version).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    expect(packaged.bots[0].botId).toBe(appId);
    expect(packaged.validDomains).toContain('iop.example.se');
    expect(await ManifestUtil.validateManifestAgainstSchema(packaged, schema('MicrosoftTeams.schema.json'))).toEqual(
      [],
    );
  });

  it('refuses to package without a valid app id', async () => {
    const failure = await run(process.execPath, script, {
      env: { PATH: process.env.PATH ?? '', TEAMS_APP_ID: 'not-a-guid' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringMatching(/TEAMS_APP_ID/) });
  });
});

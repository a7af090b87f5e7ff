/**
 * End to end in a real Teams-like client: the Microsoft 365 Agents Playground (offline, no tenant) talks the Bot
 * Framework protocol to our server, renders our Adaptive Cards with the Teams renderer, and is driven here with
 * playwright-core in Debian's chromium. `.ci/run` installs chromium; without it this file is skipped, loudly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsAdapter, type TeamsAdapter } from '../../src/adapters/teams/app.ts';
import { createHttpServer, type HttpServer } from '../../src/infra/http-server.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { testRedis, uniquePrefix } from '../support/redis.ts';
import { teamsTestConfig } from '../support/teams-config.ts';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
const STEP_MS = 30_000;

if (!CHROMIUM) {
  console.warn('e2e: SKIPPED the Agents Playground test — chromium is not installed (apt-get install -y chromium).');
}

/** Starts the playground CLI against `endpoint`; resolves with its URL once it listens. */
function startPlayground(endpoint: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const require = createRequire(import.meta.url);
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const scratch = mkdtempSync(join(tmpdir(), 'agents-playground-'));
  // Headless machines have no browser to open: a no-op xdg-open keeps the CLI from exiting (design.md).
  const xdgOpen = join(scratch, 'xdg-open');
  writeFileSync(xdgOpen, '#!/bin/sh\nexit 0\n');
  chmodSync(xdgOpen, 0o755);
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(
    process.execPath,
    [cli, '-e', endpoint, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
    {
      cwd: scratch,
      env: {
        ...process.env,
        PATH: `${scratch}:${process.env.PATH ?? ''}`,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_LOGFILE: join(scratch, 'playground.log'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`playground did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Listening on (\d+)/.exec(output);
      if (listening) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${listening[1]}`, output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`playground exited with ${code}:\n${output}`));
    });
  });
}

describe.skipIf(!CHROMIUM)('Teams in the Microsoft 365 Agents Playground', () => {
  const prefix = uniquePrefix('teams-e2e');
  let runtime: Runtime;
  let server: HttpServer;
  let teams: TeamsAdapter;
  let playground: Awaited<ReturnType<typeof startPlayground>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const config = teamsTestConfig(prefix);
    const logger = createLogger('silent');
    runtime = await createRuntime(config, logger, { serving: true });
    server = createHttpServer((error) => logger.error({ err: error }, 'request failed'));
    teams = createTeamsAdapter(runtime);
    teams.mount(server);
    const port = await server.listen(0, '127.0.0.1');
    playground = await startPlayground(`http://127.0.0.1:${port}/api/messages`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    page.setDefaultTimeout(STEP_MS);
    await page.goto(playground.url);
    await page.getByRole('textbox').waitFor();
    // The playground always reports en-US; the municipal officials this is for speak Swedish.
    await say('/iop språk sv');
    await page
      .getByText(/svarar nu på svenska/)
      .first()
      .waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (playground?.child.pid) playground.child.kill('SIGTERM');
    await server?.close();
    await teams?.stop();
    await runtime?.close();
    await testRedis(prefix).cleanup();
  });

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail' || !page) return;
    // What the client showed, for whoever reads the CI log.
    const shot = join(tmpdir(), `teams-e2e-${Date.now()}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
    console.error(`e2e: screenshot at ${shot}\nplayground output:\n${playground?.output().slice(-2000)}`);
  });

  async function say(text: string): Promise<void> {
    const box = page.getByRole('textbox');
    await box.click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }

  /** The newest card whose text matches. */
  function card(text: RegExp): Locator {
    return page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
  }

  it('answers a question, with sources', async () => {
    await say('Vad är IOP?');
    // In a personal chat the answer is a message, its sources [n] markers that Teams draws as citation pills.
    const answer = page
      .getByText(/Forum/)
      .filter({ hasText: /idéburet offentligt partnerskap/i })
      .last();
    await answer.waitFor({ timeout: STEP_MS });
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
    const text = await answer.innerText();
    expect(text).toMatch(/Forum/);
    // The [n] markers are drawn as pills beside the text (a "[1]" left in the text where no pill was drawn).
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
    const message = await answer.locator('xpath=..').innerText();
    // The pills read "1234" after the last sentence.
    expect(message).toMatch(/\[1\]|[.!?)]\s*1\d*\s*$/);
  }, 120_000);

  it('runs two checklist steps by clicking the card buttons, in one compact card that updates itself', async () => {
    await say('checklista');
    await card(/Vad heter ärendet\?/).waitFor();
    await say('Röda korset – läxhjälp');
    const question = card(/Fråga 1 av \d+/);
    await question.waitFor();

    await question.getByRole('button', { name: 'Ja', exact: true }).click();
    // The same card now folds the answered question away and asks the second one.
    const step2 = card(/Besvarade frågor \(1\)[\s\S]*Fråga 2 av \d+/);
    await step2.waitFor();

    await step2.getByRole('button', { name: 'Nej', exact: true }).click();
    const step3 = card(/Besvarade frågor \(2\)[\s\S]*Fråga 3 av \d+/);
    await step3.waitFor();
    // Opening the fold shows both answers, each on one line with who gave it.
    await step3.getByRole('button', { name: /Besvarade frågor \(2\)/ }).click();
    await expect
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads in the card
      .poll(async () => await step3.innerText(), { timeout: STEP_MS })
      .toMatch(/– Ja \([^)]+\)[\s\S]*– Nej \([^)]+\)/);
  }, 120_000);
});

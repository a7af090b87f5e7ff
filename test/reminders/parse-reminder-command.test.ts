import { describe, expect, it } from 'vitest';
import en from '../../locales/en.json' with { type: 'json' };
import sv from '../../locales/sv.json' with { type: 'json' };
import { runParseReminderCommand } from '../../src/cli/parse-reminder-command.ts';

const NOW = ['--now', '2026-11-22T10:00:00+01:00', '--tz', 'Europe/Stockholm'];

function run(...argv: string[]) {
  const output = runParseReminderCommand(argv);
  return { ...output, json: JSON.parse(output.stdout) as Record<string, unknown> };
}

describe('parse-reminder command', () => {
  it('prints the contract JSON for a one-off reminder and exits 0', () => {
    const output = runParseReminderCommand([
      'påminn mig om två veckor att följa upp med Röda korset',
      ...NOW,
      '--json',
    ]);
    expect(output).toEqual({
      stdout:
        '{"ok": true, "due": "2026-12-06T09:00:00+01:00", "text": "följa upp med Röda korset", "recurrence": null}\n',
      exitCode: 0,
    });
  });

  it('prints only freq and interval of a recurrence', () => {
    const { json, exitCode } = run('varje måndag kl 9 skicka veckobrevet', ...NOW, '--json');
    expect(exitCode).toBe(0);
    expect(json).toEqual({
      ok: true,
      due: '2026-11-23T09:00:00+01:00',
      text: 'skicka veckobrevet',
      recurrence: { freq: 'weekly', interval: 1 },
    });
    expect(Object.keys(json)).toEqual(['ok', 'due', 'text', 'recurrence']);
  });

  it('prints the offset of the asked-for zone', () => {
    const { json } = run(
      'tomorrow at 9 call Anna',
      '--now',
      '2026-11-22T22:00:00-05:00',
      '--tz',
      'America/New_York',
      '--lang',
      'en',
      '--json',
    );
    expect(json.due).toBe('2026-11-23T09:00:00-05:00');
    expect(run('imorgon x', '--now', '2027-06-01T10:00:00+02:00', '--tz', 'Europe/Stockholm', '--json').json.due).toBe(
      '2027-06-02T09:00:00+02:00',
    );
  });

  it('reads --now without an offset as wall-clock time in --tz', () => {
    const { json } = run('om en timme x', '--now', '2026-11-22T10:00:00', '--tz', 'Asia/Tokyo', '--json');
    expect(json.due).toBe('2026-11-22T11:00:00+09:00');
  });

  it('explains a past time in Swedish by default, with the date written out, and exits 2', () => {
    const { json, exitCode } = run('igår ring Anna', ...NOW, '--json');
    expect(exitCode).toBe(2);
    expect(json).toEqual({
      ok: false,
      error:
        "Den tiden har redan passerat (lördag 21 november 2026 kl. 09:00). Välj en tid framåt, till exempel 'i morgon kl 9' eller 'om en vecka'.",
    });
  });

  it('reads a part of the day and a period end whole, and allows five years ahead', () => {
    expect(run('nästa torsdag eftermiddag att ringa Anna', ...NOW, '--json').json).toEqual({
      ok: true,
      due: '2026-11-26T15:00:00+01:00',
      text: 'ringa Anna',
      recurrence: null,
    });
    expect(run('at the end of the month to file the report', ...NOW, '--lang', 'en', '--json').json).toMatchObject({
      due: '2026-11-30T09:00:00+01:00',
      text: 'file the report',
    });
    expect(run('om 3 år att förnya överenskommelsen', ...NOW, '--json').json).toMatchObject({
      due: '2029-11-22T09:00:00+01:00',
    });
  });

  it('says that February 30 does not exist, in English too', () => {
    const { json, exitCode } = run('remind me on February 30', ...NOW, '--lang', 'en', '--json');
    expect(exitCode).toBe(2);
    expect(json.error).toMatch(/^'February 30' is not in the calendar\./u);
  });

  it('explains in English with --lang en', () => {
    const { json, exitCode } = run('yesterday call Anna', ...NOW, '--lang', 'en', '--json');
    expect(exitCode).toBe(2);
    expect(json.error).toBe(
      "That time has already passed (Saturday 21 November 2026 at 09:00). Choose a time ahead, for example 'tomorrow at 9' or 'in a week'.",
    );
  });

  it.each([
    ['ring Anna', sv.reminders.parse['no-time']],
    ['31 februari x', "'31 februari' finns inte i kalendern."],
    ['om 6 år x', 'högst 5 år framåt, alltså senast lördag 22 november 2031 kl. 10:00'],
    ['30/2 x', "'30/2' finns inte i kalendern."],
    ['imorgon eller på fredag x', "'imorgon' och 'på fredag'"],
    ['påminn mig om 3', "'om 3'"],
    ['15-17 januari x', "'15-17 januari' är ett tidsspann"],
    ['måndag den 15 januari x', 'fredag 15 januari 2027 kl. 09:00'],
    ['påminn mig imorgon', sv.reminders.parse['no-text']],
    ['x'.repeat(1001), '(1001 tecken)'],
  ])('explains "%s" and exits 2', (input, expected) => {
    const { json, exitCode, stdout } = run(input, ...NOW, '--json');
    expect(exitCode).toBe(2);
    expect(Object.keys(json)).toEqual(['ok', 'error']);
    expect(json.ok).toBe(false);
    expect(json.error).toContain(expected);
    expect(stdout).not.toMatch(/\{\w+\}/u);
  });

  it.each([
    [['x imorgon', '--now', 'igår', '--tz', 'Europe/Stockholm', '--json'], "'igår' är ingen giltig tidpunkt"],
    [['x imorgon', '--now', '2026-02-30T10:00:00Z', '--json'], 'ingen giltig tidpunkt'],
    [
      ['x imorgon', '--now', '2026-11-22T10:00:00Z', '--tz', 'Mars/Olympus', '--json'],
      "'Mars/Olympus' är ingen känd tidszon",
    ],
    [['x imorgon', '--now', '2026-11-22T10:00:00Z', '--lang', 'fi', '--json'], "'fi' är inget språk"],
    [['x imorgon', '--bogus', '--json'], "Unknown option '--bogus'"],
    [['--now', '2026-11-22T10:00:00Z', '--json'], 'Ange påminnelsen som text'],
  ])('refuses bad arguments with exit 2: %j', (argv, expected) => {
    const { json, exitCode } = run(...argv);
    expect(exitCode).toBe(2);
    expect(json).toEqual({ ok: false, error: expect.stringContaining(expected) });
  });

  it('speaks English in argument errors when --lang en is given', () => {
    const { json } = run('x', '--now', 'soon', '--lang', 'en', '--json');
    expect(json.error).toBe(en.reminders.parse['cli-invalid-now'].replace('{value}', 'soon'));
  });

  it('joins unquoted words and tolerates the command name in argv', () => {
    const { json } = run('parse-reminder', 'imorgon', 'kl', '9', 'ring', 'Anna', ...NOW, '--json');
    expect(json).toMatchObject({ ok: true, due: '2026-11-23T09:00:00+01:00', text: 'ring Anna' });
  });

  it('prints a plain line without --json', () => {
    const output = runParseReminderCommand(['imorgon kl 9 ring Anna', ...NOW]);
    expect(output).toEqual({ stdout: 'måndag 23 november 2026 kl. 09:00\tring Anna\n', exitCode: 0 });
  });
});

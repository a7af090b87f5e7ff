import { describe, expect, it } from 'vitest';
import { routeText } from '../../src/core/router.ts';

describe('text router', () => {
  it.each([
    ['hej', { kind: 'greeting' }],
    ['Hej!', { kind: 'greeting' }],
    ['hello', { kind: 'greeting' }],
    ['hjälp', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['/iop help', { kind: 'help' }],
    ['/iop hjälp', { kind: 'help' }],
    ['/iop', { kind: 'help' }],
    ['/iop lang en', { kind: 'set-language', locale: 'en', raw: 'en' }],
    ['/iop språk sv', { kind: 'set-language', locale: 'sv', raw: 'sv' }],
    ['/iop språk engelska', { kind: 'set-language', locale: 'en', raw: 'engelska' }],
    ['/iop språk klingon', { kind: 'set-language', locale: undefined, raw: 'klingon' }],
    ['/iop kommun Kungälv', { kind: 'set-municipality', name: 'Kungälv' }],
    ['/iop municipality Ekerö kommun', { kind: 'set-municipality', name: 'Ekerö kommun' }],
    ['/iop checklista', { kind: 'checklist' }],
    ['/iop checklist SKR', { kind: 'checklist', checklistId: 'skr' }],
    ['checklista', { kind: 'checklist' }],
    ['/iop bedömningar', { kind: 'assessments' }],
    ['/iop påminnelser', { kind: 'reminders' }],
    ['/iop reminders', { kind: 'reminders' }],
    ['/iop påminn om två veckor att ringa', { kind: 'remind', text: 'om två veckor att ringa' }],
    ['påminn mig imorgon att ringa Röda korset', { kind: 'remind', text: 'påminn mig imorgon att ringa Röda korset' }],
    ['/iop glöm-mig', { kind: 'forget-me' }],
    ['/iop forget-me', { kind: 'forget-me' }],
    ['/iop fråga vad är IOP?', { kind: 'ask', question: 'vad är IOP?' }],
    ['/iop ask', { kind: 'help' }],
    ['/iop flyga', { kind: 'unknown-command', command: 'flyga' }],
    ['/whatever', { kind: 'unknown-command', command: 'whatever' }],
    ['vad e iop', { kind: 'ask', question: 'vad e iop' }],
    ['Hej, vad skiljer IOP från LOU?', { kind: 'ask', question: 'Hej, vad skiljer IOP från LOU?' }],
    ['   ', { kind: 'empty' }],
  ])('routes %j', (text, expected) => {
    expect(routeText(text)).toEqual(expected);
  });

  it.each([
    'IOP eller LOV för hemtjänst?',
    'IOP och statsstöd, hur funkar det?',
    'iop vs föreningsbidrag',
    'iop',
    'IOP kommun eller region – vem kan vara part?',
    'iop checklista för nya föreningar?',
  ])('takes %j, which starts with "iop" but names no command, as a question', (text) => {
    expect(routeText(text)).toEqual({ kind: 'ask', question: text });
  });

  it.each([
    ['iop hjälp', { kind: 'help' }],
    ['iop kommun Kungälv', { kind: 'set-municipality', name: 'Kungälv' }],
    ['IOP språk en', { kind: 'set-language', locale: 'en', raw: 'en' }],
    ['iop fråga vad är IOP?', { kind: 'ask', question: 'vad är IOP?' }],
    ['iop checklista', { kind: 'checklist' }],
  ])('still takes %j, "iop" and a known subcommand, as that command', (text, expected) => {
    expect(routeText(text)).toEqual(expected);
  });

  it('treats IOP- and slash-casing alike and collapses whitespace and control characters', () => {
    expect(routeText('  /IOP   KOMMUN\t\u0007 Höör  ')).toEqual({ kind: 'set-municipality', name: 'Höör' });
  });
});

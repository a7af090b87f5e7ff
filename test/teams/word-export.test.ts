/**
 * "Exportera som Word" in Teams, over the real protocol: Bot Framework activities into /api/messages, the local
 * Bot Connector stand-in, and a local HTTP server standing in for the OneDrive upload URL Teams hands out.
 * In a personal chat the file goes by the file consent flow; in a group chat the Markdown is shown with a note.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uploadTargetAllowed } from '../../src/adapters/teams/file-consent.ts';
import type { ConnectorCall } from '../support/bot-connector.ts';
import { button, type Card, invokeCard, textOf } from './cards.ts';
import { cardAction, groupChat, groupChatMention, personalMessage } from './fixtures.ts';
import { startTeamsHarness, type TeamsHarness } from './harness.ts';

const CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const INFO = 'application/vnd.microsoft.teams.card.file.info';

interface Upload {
  url: string;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
}

/** A stand-in for the upload session URL: records each PUT and answers 201 as OneDrive does. */
async function startUploadTarget(): Promise<{ base: string; uploads: Upload[]; server: Server }> {
  const uploads: Upload[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    if (req.method === 'PUT') uploads.push({ url: req.url ?? '', headers: req.headers, bytes: Buffer.concat(chunks) });
    res.writeHead(req.method === 'PUT' ? 201 : 405, { 'content-type': 'application/json' });
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, uploads, server };
}

const consentCard = (call: ConnectorCall | undefined) =>
  call?.activity.attachments?.find((a) => a.contentType === CONSENT) as
    | { name: string; content: { acceptContext: unknown; declineContext: unknown; sizeInBytes: number } }
    | undefined;

describe('the Word export in Teams', () => {
  let h: TeamsHarness;
  let serviceUrl: string;
  let target: Awaited<ReturnType<typeof startUploadTarget>>;

  beforeAll(async () => {
    h = await startTeamsHarness({ name: 'teams-word' });
    serviceUrl = h.connector.serviceUrl;
    target = await startUploadTarget();
  });
  afterAll(async () => {
    await new Promise((resolve) => target.server.close(resolve));
    await h.close();
  });
  beforeEach(() => h.connector.reset());

  /** Runs a whole checklist by pressing "Ja" and returns the final card and its id. */
  async function finishRun(say: (text: string) => unknown, conversation?: Record<string, unknown>) {
    await h.post(say('checklista'));
    await h.post(say('Idrottsföreningen – läxhjälp'));
    const first = h.connector.messages().find((c) => /Fråga 1 av/.test(textOf(c)));
    const cardId = first?.assignedId ?? '';
    let card: Card | ConnectorCall | undefined = first;
    while (/Fråga \d+ av/.test(textOf(card)) && !/Rekommendation/.test(textOf(card))) {
      const ja = button(card, 'Ja');
      const res = await h.post(
        cardAction(serviceUrl, { verb: ja.verb, value: ja.value, replyToId: cardId, conversation }),
      );
      card = invokeCard(res.body);
    }
    await h.teams.idle();
    h.connector.reset();
    return { card: card as Card, cardId };
  }

  function consentAnswer(action: 'accept' | 'decline', context: unknown, replyToId: string, uploadPath = '/up/1') {
    return {
      ...personalMessage(serviceUrl, ''),
      type: 'invoke',
      name: 'fileConsent/invoke',
      text: undefined,
      replyToId,
      value: {
        type: 'fileUpload',
        action,
        context,
        ...(action === 'accept'
          ? {
              uploadInfo: {
                name: 'iop-bedomning-idrottsforeningen-laxhjalp.docx',
                uploadUrl: `${target.base}${uploadPath}`,
                contentUrl: 'https://contoso-my.sharepoint.com/personal/anna/Documents/Applications/iop.docx',
                uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D',
                fileType: 'docx',
              },
            }
          : {}),
      },
    };
  }

  it('in the personal chat, sends a .docx by file consent card, upload and file info card', async () => {
    const { card, cardId } = await finishRun((text) => personalMessage(serviceUrl, text));
    const recommendation = /Rekommendation: ([^*\n]+)/.exec(textOf(card))?.[1]?.trim() ?? '';
    expect(recommendation).not.toBe('');

    const exportButton = button(card, 'Exportera som Word');
    await h.post(cardAction(serviceUrl, { verb: exportButton.verb, value: exportButton.value, replyToId: cardId }));
    await h.teams.idle();
    const offered = h.connector.messages().find((c) => consentCard(c));
    const consent = consentCard(offered);
    expect(consent?.name).toMatch(/^iop-bedomning-idrottsforeningen-laxhjalp-\d{4}-\d\d-\d\d\.docx$/);
    // What arrives is what the text says: the text, the consent card for the Word document, then the Markdown.
    const [said, card1, markdown, ...more] = h.connector.messages();
    expect(more).toEqual([]);
    expect(textOf(said)).toMatch(
      /^Sammanfattningen av \*\*Idrottsföreningen – läxhjälp\*\* som Word-dokument: tryck på \*\*Tillåt\*\* på kortet nedan .*OneDrive\. Under kortet står samma sammanfattning som Markdown\.$/,
    );
    expect(textOf(said)).not.toMatch(/\(och som Markdown\)/);
    expect(card1).toBe(offered);
    expect(textOf(markdown)).toMatch(/^iop-bedomning-idrottsforeningen-laxhjalp-[\d-]+\.md\n/);
    expect(textOf(markdown)).toContain(recommendation);
    // The card carries only an id for the file; the bytes wait in Redis.
    expect(JSON.stringify(consent?.content.acceptContext)).toMatch(/^\{"fileId":"[0-9a-f-]{36}"\}$/);
    h.connector.reset();

    const res = await h.post(consentAnswer('accept', consent?.content.acceptContext, offered?.assignedId ?? ''));
    expect(res.status).toBe(200);
    await h.teams.idle();

    expect(target.uploads).toHaveLength(1);
    const upload = target.uploads[0] as Upload;
    const size = upload.bytes.length;
    expect(size).toBe(consent?.content.sizeInBytes);
    expect(upload.headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`);
    const files = unzipSync(new Uint8Array(upload.bytes));
    const documentXml = strFromU8(files['word/document.xml'] ?? new Uint8Array());
    expect(documentXml).toContain(recommendation);
    expect(documentXml).toContain('Idrottsföreningen – läxhjälp');

    const info = h.connector.messages().find((c) => c.activity.attachments?.some((a) => a.contentType === INFO));
    expect(info?.activity.attachments?.[0]).toMatchObject({
      contentType: INFO,
      name: 'iop-bedomning-idrottsforeningen-laxhjalp.docx',
      contentUrl: 'https://contoso-my.sharepoint.com/personal/anna/Documents/Applications/iop.docx',
      content: { uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D', fileType: 'docx' },
    });
    const settled = h.connector.calls.find((c) => c.method === 'PUT' && c.activityId === offered?.assignedId);
    expect(textOf(settled)).toMatch(/finns nu i din OneDrive/);

    // A second "Tillåt" on the same card (or a redelivery) uploads nothing more.
    h.connector.reset();
    await h.post(consentAnswer('accept', consent?.content.acceptContext, offered?.assignedId ?? '', '/up/2'));
    await h.teams.idle();
    expect(target.uploads).toHaveLength(1);
    expect(textOf(h.connector.calls.find((c) => c.method === 'PUT'))).toMatch(/finns inte kvar/);
  });

  it('in the personal chat, forgets the file when the person declines', async () => {
    const conversation = { conversationType: 'personal', tenantId: 'decline-tenant', id: 'a:1decline' };
    const { card, cardId } = await finishRun(
      (text) => personalMessage(serviceUrl, text, { conversation }),
      conversation,
    );
    const exportButton = button(card, 'Exportera som Word');
    await h.post(
      cardAction(serviceUrl, { verb: exportButton.verb, value: exportButton.value, replyToId: cardId, conversation }),
    );
    await h.teams.idle();
    const offered = h.connector.messages().find((c) => consentCard(c));
    const context = consentCard(offered)?.content.declineContext;
    const answer = (action: 'accept' | 'decline') => ({
      ...consentAnswer(action, context, offered?.assignedId ?? '', '/up/declined'),
      conversation,
    });
    await h.post(answer('decline'));
    await h.teams.idle();
    expect(textOf(h.connector.calls.find((c) => c.method === 'PUT'))).toMatch(/skickar inte filen/);
    // Accepting the declined card afterwards finds no file.
    await h.post(answer('accept'));
    await h.teams.idle();
    expect(target.uploads.filter((u) => u.url === '/up/declined')).toEqual([]);
  });

  it('in a group chat, shows the Markdown and says the file comes in a personal chat', async () => {
    const { card, cardId } = await finishRun((text) => groupChatMention(serviceUrl, text), groupChat());
    const exportButton = button(card, 'Exportera som Word');
    await h.post(
      cardAction(serviceUrl, {
        verb: exportButton.verb,
        value: exportButton.value,
        replyToId: cardId,
        conversation: groupChat(),
      }),
    );
    await h.teams.idle();
    const messages = h.connector.messages();
    expect(messages.some((c) => consentCard(c))).toBe(false);
    // The text says the Markdown is here and how to get the Word document; it does not promise one here.
    const [said, markdown, ...more] = messages;
    expect(more).toEqual([]);
    expect(textOf(said)).toBe(
      'Här är sammanfattningen av **Idrottsföreningen – läxhjälp** som Markdown. Word-dokumentet kan jag bara ' +
        'skicka som fil i en personlig chatt med mig: skriv /iop bedömningar där och tryck på Exportera: ' +
        'Idrottsföreningen – läxhjälp.',
    );
    expect(textOf(markdown)).toMatch(/^iop-bedomning-[\w-]+\.md\n/);

    // Doing what it says, in the personal chat, brings the file consent card.
    h.connector.reset();
    await h.post(personalMessage(serviceUrl, '/iop bedömningar'));
    const list = h.connector.messages().at(-1);
    const exportThere = button(list, 'Exportera: Idrottsföreningen – läxhjälp');
    h.connector.reset();
    await h.post(
      cardAction(serviceUrl, { verb: exportThere.verb, value: exportThere.value, replyToId: list?.assignedId ?? '' }),
    );
    await h.teams.idle();
    expect(h.connector.messages().some((c) => consentCard(c))).toBe(true);
  });

  it('in English, says the same in English', async () => {
    const conversation = { conversationType: 'personal', tenantId: 'english-tenant', id: 'a:1english' };
    const en = { conversation, locale: 'en-US' };
    await h.post(personalMessage(serviceUrl, '/iop lang en', en));
    await h.post(personalMessage(serviceUrl, '/iop checklist', en));
    await h.post(personalMessage(serviceUrl, 'Sports club – homework help', en));
    const first = h.connector
      .messages()
      .find((c) => c.conversationId === 'a:1english' && /Question 1 of/.test(textOf(c)));
    const cardId = first?.assignedId ?? '';
    let card: Card | ConnectorCall | undefined = first;
    while (/Question \d+ of/.test(textOf(card)) && !/Recommendation/.test(textOf(card))) {
      const yes = button(card, 'Yes');
      const res = await h.post(
        cardAction(
          serviceUrl,
          { verb: yes.verb, value: yes.value, replyToId: cardId, conversation },
          { locale: 'en-US' },
        ),
      );
      card = invokeCard(res.body);
    }
    await h.teams.idle();
    h.connector.reset();
    const exportButton = button(card, 'Export as Word');
    await h.post(
      cardAction(serviceUrl, { verb: exportButton.verb, value: exportButton.value, replyToId: cardId, conversation }),
    );
    await h.teams.idle();
    const [said, offered, markdown] = h.connector.messages();
    expect(textOf(said)).toMatch(
      /^The summary of \*\*Sports club – homework help\*\* as a Word document: press \*\*Allow\*\* on the card below .* Below the card is the same summary as Markdown\.$/,
    );
    expect(consentCard(offered)?.name).toMatch(/\.docx$/);
    expect(textOf(markdown)).toMatch(/\.md\n/);
  });

  it('uploads only over HTTPS, or to the loopback for local testing', () => {
    expect(uploadTargetAllowed('https://contoso-my.sharepoint.com/upload?session=1')).toBe(true);
    expect(uploadTargetAllowed('http://127.0.0.1:9000/up')).toBe(true);
    expect(uploadTargetAllowed('http://contoso-my.sharepoint.com/upload')).toBe(false);
    expect(uploadTargetAllowed('ftp://example.com/x')).toBe(false);
  });
});

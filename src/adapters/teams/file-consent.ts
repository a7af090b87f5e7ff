/**
 * Word documents into a Teams personal chat. A bot can send a real file only there, and only with the person's
 * consent: it posts a file consent card, Teams asks them, and on "Tillåt" sends a `fileConsent/invoke` with an
 * upload URL in their OneDrive; the bot PUTs the bytes there and posts a file info card that opens the file.
 * Between the card and the answer the file waits in the shared store for a short while (PENDING_TTL_MS); the
 * card carries only a random id for it. Group chats and channels have no such flow (see delivery.ts).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Attachment } from '../../core/model.ts';
import type { Collection, DocumentStore } from '../../core/ports/document-store.ts';
import type { FileMessage } from './render.ts';

export const FILE_CONSENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_TYPE = 'application/vnd.microsoft.teams.card.file.info';

// Long enough to read the card and press "Tillåt", short enough that a forgotten export does not linger.
const PENDING_TTL_MS = 30 * 60 * 1000;
const UPLOAD_TIMEOUT_MS = 20_000;

const pendingSchema = z.object({
  conversationKey: z.string(),
  filename: z.string(),
  /** The file's bytes, base64. */
  content: z.string(),
});
type PendingFile = z.infer<typeof pendingSchema>;

const PENDING: Collection<PendingFile> = {
  name: 'teams-pending-file',
  version: 1,
  schema: pendingSchema,
  ttlMs: PENDING_TTL_MS,
};

/** What Teams sends back about a consent card: `context` is the card's accept/decline context (ours). */
export const fileConsentSchema = z.object({
  action: z.enum(['accept', 'decline']),
  context: z.object({ fileId: z.string().uuid() }),
  uploadInfo: z
    .object({
      name: z.string().min(1),
      uploadUrl: z.string().url(),
      contentUrl: z.string().url(),
      uniqueId: z.string().optional(),
      fileType: z.string().optional(),
    })
    .optional(),
});
export type FileConsent = z.infer<typeof fileConsentSchema>;
export type UploadInfo = NonNullable<FileConsent['uploadInfo']>;

/** Files waiting for the person's consent. */
export interface PendingFiles {
  /** Keeps `file` for `conversationKey` and returns the consent card that offers it. */
  offer(conversationKey: string, file: Attachment, description: string): Promise<FileMessage>;
  /** The file behind a consent card, once: a second answer to the same card finds nothing. */
  take(conversationKey: string, fileId: string): Promise<{ filename: string; bytes: Buffer } | null>;
}

export function createPendingFiles(store: DocumentStore): PendingFiles {
  return {
    async offer(conversationKey, file, description) {
      const fileId = randomUUID();
      await store.put(PENDING, fileId, { conversationKey, filename: file.filename, content: file.content });
      return {
        type: 'message',
        attachments: [
          {
            contentType: FILE_CONSENT_TYPE,
            name: file.filename,
            content: {
              description,
              sizeInBytes: Buffer.from(file.content, 'base64').length,
              acceptContext: { fileId },
              declineContext: { fileId },
            },
          },
        ],
      };
    },
    async take(conversationKey, fileId) {
      // Two presses of "Tillåt" (or a redelivered invoke) must not upload twice.
      if (!(await store.claimOnce('teams-file-taken', fileId, PENDING_TTL_MS))) return null;
      const pending = await store.load(PENDING, fileId);
      if (!pending) return null;
      await store.delete(PENDING, fileId);
      // The id came back from a client: it only opens the file for the conversation it was offered in.
      if (pending.conversationKey !== conversationKey) return null;
      return { filename: pending.filename, bytes: Buffer.from(pending.content, 'base64') };
    },
  };
}

/**
 * The upload URL Teams gave: HTTPS, except on the loopback for local testing. It comes in an authenticated
 * activity, but the bytes are the person's assessment, so they go nowhere in clear text.
 */
export function uploadTargetAllowed(uploadUrl: string): boolean {
  const url = new URL(uploadUrl);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
}

/** PUTs the whole file to the upload session Teams opened in the person's OneDrive. */
export async function uploadFile(uploadUrl: string, bytes: Buffer, timeoutMs = UPLOAD_TIMEOUT_MS): Promise<void> {
  if (!uploadTargetAllowed(uploadUrl)) throw new Error('the upload URL is not HTTPS');
  const response = await fetch(uploadUrl, {
    method: 'PUT',
    headers: {
      'content-length': String(bytes.length),
      'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}`,
    },
    body: bytes,
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`the file upload answered HTTP ${response.status}`);
}

/** The card that shows the uploaded file in the chat and opens it. */
export function fileInfoMessage(upload: UploadInfo): FileMessage {
  return {
    type: 'message',
    attachments: [
      {
        contentType: FILE_INFO_TYPE,
        name: upload.name,
        contentUrl: upload.contentUrl,
        content: { uniqueId: upload.uniqueId, fileType: upload.fileType },
      },
    ],
  };
}

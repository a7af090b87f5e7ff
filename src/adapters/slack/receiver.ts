/**
 * A Bolt Receiver on the shared HTTP server (`POST /slack/events`). It is Bolt's HTTPReceiver path — the same
 * body limit (413), signature check, body parsing and ack — with a tighter limit than Bolt's 4 MB, plus what that
 * receiver lacks: a replay window that also closes for timestamps in the future, and a 400 for payloads that do
 * not validate (Bolt would leave those unacknowledged for 3 s and then answer 404).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type App,
  type BufferedIncomingMessage,
  HTTPModuleFunctions,
  HTTPResponseAck,
  type Receiver,
} from '@slack/bolt';
import type { CoreLogger } from '../../core/ports/logger.ts';
import { parseInbound } from './inbound.ts';
import type { boltLoggerFor } from './web-api.ts';

/** Slack's payloads are a few kilobytes; anything near this is not from Slack. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Slack's replay window. Bolt refuses requests older than this but not ones dated ahead: a captured request
 * signed with a future timestamp would stay replayable until that time had come and gone.
 */
const MAX_CLOCK_SKEW_S = 5 * 60;

/** Why the request's timestamp lies too far ahead of our clock, if it does (Bolt has checked the past). */
function futureTimestampProblem(req: IncomingMessage, nowMs: number): string | undefined {
  const header = req.headers['x-slack-request-timestamp'];
  const timestampS = Number(Array.isArray(header) ? header[0] : header);
  if (timestampS - Math.floor(nowMs / 1000) > MAX_CLOCK_SKEW_S) {
    return 'x-slack-request-timestamp is more than five minutes in the future';
  }
  return undefined;
}

function noBody(res: ServerResponse, status: number): void {
  HTTPModuleFunctions.buildNoBodyResponse(res, status);
}

/** Receives events, slash commands and interactivity on a route of the shared server. */
export class SharedServerReceiver implements Receiver {
  private app: App | undefined;

  constructor(
    private readonly options: {
      signingSecret: string;
      logger: CoreLogger;
      boltLogger: ReturnType<typeof boltLoggerFor>;
      /** Unacknowledged requests get this status after Slack's 3 s window. */
      unhandledRequestTimeoutMs?: number;
    },
  ) {}

  init(app: App): void {
    this.app = app;
  }

  /** The route is served by the shared server, which the composition root starts. */
  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  /** Route handler for `POST /slack/events`. */
  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { logger } = this.options;
    let buffered: BufferedIncomingMessage;
    try {
      buffered = await HTTPModuleFunctions.parseAndVerifyHTTPRequest(
        { enabled: true, signingSecret: this.options.signingSecret, bodyLimit: MAX_BODY_BYTES },
        req,
      );
      const future = futureTimestampProblem(req, Date.now());
      if (future) throw new Error(future);
    } catch (error) {
      if (HTTPModuleFunctions.isRawBodyError(error)) {
        // The rest of the body is read and dropped, so the connection stays usable for the 413.
        req.resume();
        if (error.type === 'entity.too.large') {
          logger.warn({ limitBytes: MAX_BODY_BYTES }, 'slack request body too large; rejected');
          noBody(res, 413);
        } else {
          logger.warn({ reason: error.message }, 'slack request rejected: body could not be read');
          noBody(res, 400);
        }
        return;
      }
      logger.warn({ reason: (error as Error).message }, 'slack request rejected: signature or timestamp invalid');
      noBody(res, 401);
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
    } catch (error) {
      logger.warn({ reason: (error as Error).message }, 'slack request rejected: body is not valid JSON or form data');
      noBody(res, 400);
      return;
    }
    if (body?.ssl_check === '1') return HTTPModuleFunctions.buildSSLCheckResponse(res);
    if (body?.type === 'url_verification') return HTTPModuleFunctions.buildUrlVerificationResponse(res, body);

    const parsed = parseInbound(body);
    if (!parsed.ok) {
      logger.warn({ reason: parsed.reason }, 'slack request rejected: malformed payload');
      noBody(res, 400);
      return;
    }
    if (parsed.inbound.kind === 'ignore') {
      logger.debug({ reason: parsed.inbound.reason }, 'slack payload acknowledged and ignored');
      noBody(res, 200);
      return;
    }

    const ack = new HTTPResponseAck({
      logger: this.options.boltLogger,
      processBeforeResponse: false,
      unhandledRequestTimeoutMillis: this.options.unhandledRequestTimeoutMs ?? 3001,
      httpRequest: buffered,
      httpRequestBody: body,
      httpResponse: res,
    });
    try {
      await this.app?.processEvent({
        body,
        ack: ack.bind(),
        retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
        retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
      });
    } catch (error) {
      logger.error({ err: error }, 'slack event processing failed');
      if (!res.headersSent) noBody(res, 500);
    }
  };
}

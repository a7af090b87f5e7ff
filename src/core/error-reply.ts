import type { Translate } from './i18n/translator.ts';
import { isIopError } from './errors.ts';
import type { Reply } from './model.ts';
import { textReply } from './reply.ts';

/** The polite, localised reply for a failed turn; adapters log the error and send this. */
export function errorReply(error: unknown, t: Translate): Reply {
  const key = isIopError(error, 'store_unavailable') ? 'errors.temporarilyUnavailable' : 'errors.internal';
  return textReply(t(key));
}

/**
 * Rejects with `Error(message)` when `work` has not settled within `ms`. The work itself is left to finish or fail
 * on its own; the timer is cleared either way, so nothing keeps the process alive.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

import { Redis } from 'ioredis';

export interface RoundTripCounter {
  /** Round trips and commands since the last reset. */
  read(): { roundTrips: number; commands: number };
  reset(): void;
  /** Puts ioredis back as it was. */
  restore(): void;
}

/**
 * Counts what the connections named `connectionName` send. A round trip starts when a command goes out while no
 * other is awaiting its reply; commands sent together (pipelined, or concurrently) share it. That is the number
 * of times a turn waits on the network, which is what latency is made of.
 */
export function countRoundTrips(connectionName: string): RoundTripCounter {
  const original = Redis.prototype.sendCommand;
  let outstanding = 0;
  let roundTrips = 0;
  let commands = 0;
  const settled = () => {
    outstanding--;
  };
  Redis.prototype.sendCommand = function (this: Redis, ...args: Parameters<Redis['sendCommand']>) {
    if (this.options.connectionName === connectionName) {
      commands++;
      if (outstanding === 0) roundTrips++;
      outstanding++;
      args[0].promise.then(settled, settled);
    }
    return original.apply(this, args);
  };
  return {
    read: () => ({ roundTrips, commands }),
    reset: () => {
      roundTrips = 0;
      commands = 0;
    },
    restore: () => {
      Redis.prototype.sendCommand = original;
    },
  };
}

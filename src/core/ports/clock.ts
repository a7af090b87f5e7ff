/** Source of the current time; injected so the core never calls `new Date()` itself. */
export interface Clock {
  now(): Date;
}

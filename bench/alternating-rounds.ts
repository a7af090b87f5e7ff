// Two (or more) apps measured in alternating rounds, so a change in machine load (a shared CI runner) hits them
// alike. Throughput is all requests over all the time an app was being measured. Shared by the Slack and Teams
// benches.
import { cpuMsOf, percentile } from './child-process.ts';

/** One app's figures over all its rounds. */
export interface Result {
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** CPU time the app process spent per request, and this process (load generator and platform stand-in). */
  appCpuMs: number;
  benchCpuMs: number;
}

/** One round against one app: the latency of each request and how long the round took. */
export type RunRound<App> = (app: App, count: number) => Promise<{ latencies: number[]; seconds: number }>;

/** Measures `apps` in `rounds` rounds of `perRound` requests each, the order reversed every other round. */
export async function compareInRounds<App extends { pid?: number }>(
  apps: App[],
  rounds: number,
  perRound: number,
  runRound: RunRound<App>,
): Promise<Result[]> {
  const totals = apps.map(() => ({ latencies: [] as number[], seconds: 0, appCpu: 0, benchCpu: 0 }));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? apps.map((_, i) => i) : apps.map((_, i) => apps.length - 1 - i);
    for (const i of order) {
      const app = apps[i]!;
      const [appBefore, benchBefore] = [cpuMsOf(app.pid), process.cpuUsage()];
      const result = await runRound(app, perRound);
      const bench = process.cpuUsage(benchBefore);
      totals[i]!.appCpu += cpuMsOf(app.pid) - appBefore;
      totals[i]!.benchCpu += (bench.user + bench.system) / 1000;
      totals[i]!.latencies.push(...result.latencies);
      totals[i]!.seconds += result.seconds;
    }
  }
  return totals.map(({ latencies, seconds, appCpu, benchCpu }) => {
    latencies.sort((a, b) => a - b);
    return {
      perSecond: latencies.length / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? 0,
      appCpuMs: appCpu / latencies.length,
      benchCpuMs: benchCpu / latencies.length,
    };
  });
}

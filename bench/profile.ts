import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/**
 * A CPU profile of this process over one phase of a bench, written as `<dir>/<name>.cpuprofile`
 * (Chrome DevTools opens it; bench/profileSummary.ts sums it by function). Started only when
 * CAREDESK_BENCH_PROFILE names a directory: a profile slows what it measures.
 */
export async function startProfile(): Promise<{ stop(name: string): Promise<string> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // 1 ms: the default (1 µs-ish on Linux) makes the profile itself a large part of the cost.
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  return {
    async stop(name) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      const path = join(process.env.CAREDESK_BENCH_PROFILE!, `${name}.cpuprofile`);
      writeFileSync(path, JSON.stringify(profile));
      return path;
    },
  };
}

export const profileDir = (): string | undefined => process.env.CAREDESK_BENCH_PROFILE || undefined;

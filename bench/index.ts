import type { BenchSize } from './report';

/**
 * `npm run bench [-- GROUP…] [--smoke]`: every group, or the ones named. Each group seeds its own
 * data; `--smoke` runs a tiny size so CI proves the benchmarks still run.
 */
const groups: Record<string, (size: BenchSize) => Promise<void>> = {
  search: async (size) => (await import('./search')).searchBench(size),
  rx: async (size) => (await import('./rx')).rxBench(size),
  sync: async (size) => (await import('./sync')).syncBench(size),
  face: async (size) => (await import('./face')).faceBench(size),
  review: async (size) => (await import('./review')).reviewBench(size),
  signing: async (size) => (await import('./signing')).signingBench(size),
  emr: async (size) => (await import('./chart')).chartBench(size),
};

const args = process.argv.slice(2);
const size: BenchSize = args.includes('--smoke') ? 'smoke' : 'full';
const named = args.filter((a) => !a.startsWith('--'));
const unknown = named.filter((name) => !(name in groups));
if (unknown.length > 0) {
  process.stderr.write(`unknown bench group: ${unknown.join(', ')}; groups: ${Object.keys(groups).join(', ')}\n`);
  process.exit(2);
}
for (const name of named.length > 0 ? named : Object.keys(groups)) await groups[name]!(size);

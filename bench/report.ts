/** One benchmark figure per line, as JSON, so people and scripts read the same output. */
export function report(bench: string, value: number, unit: string, target?: number): void {
  const figure: Record<string, unknown> = { bench, value: Number(value.toFixed(3)), unit };
  if (target !== undefined) figure.target = target;
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export type BenchSize = 'smoke' | 'full';

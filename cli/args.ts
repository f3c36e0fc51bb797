/** A command line that does not fit the command: exit 2 with the message, like any usage error. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A small, strict flag parser: `--name value` and `--flag`; an unknown flag is an error. */
export function parseFlags<const N extends string, const B extends string>(
  args: string[],
  spec: { values: readonly N[]; booleans?: readonly B[] },
): { values: Partial<Record<N, string>>; booleans: Partial<Record<B, true>>; rest: string[] } {
  const values: Partial<Record<N, string>> = {};
  const booleans: Partial<Record<B, true>> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      rest.push(arg);
      continue;
    }
    const [rawName, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if ((spec.values as readonly string[]).includes(rawName)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${rawName} needs a value`);
      values[rawName as N] = value;
    } else if ((spec.booleans ?? []).includes(rawName as B)) {
      booleans[rawName as B] = true;
    } else {
      throw new UsageError(`unknown option --${rawName}`);
    }
  }
  return { values, booleans, rest };
}

export function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, got ${JSON.stringify(value)}`);
  return n;
}

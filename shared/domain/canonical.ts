/**
 * Canonical JSON: object keys sorted, no white space, so the same value always gives the same
 * bytes. Audit hashes and document signatures are computed over it (in the spirit of RFC 8785;
 * our values are strings, integers, booleans, null, arrays and objects, so number formatting
 * needs nothing beyond JSON.stringify).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonical JSON has no place for NaN or Infinity');
    if (value === undefined) throw new Error('canonical JSON has no place for undefined');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

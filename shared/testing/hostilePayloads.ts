import fc from 'fast-check';
import { z } from 'zod';

/*
 * Random and hostile input for the property tests of every IPC channel and HTTP route (issue 12,
 * hardening); how many runs and which seed: common/testing/fuzzSettings.ts.
 */

/** Strings an attacker tries first: SQL, path traversal, markup, control bytes, sizes, look-alikes. */
const hostileStrings = [
  "' OR '1'='1",
  "1; DROP TABLE patients; --",
  "%' UNION SELECT name, phone FROM patients --",
  '../../../../etc/passwd',
  '..\\..\\..\\Windows\\System32\\config\\SAM',
  '/dev/zero',
  'CON',
  'report\u0000.csv',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  '\u202Egnp.exe',
  '张伟\uFFFF\uD800',
  ' ',
  '',
  '-1',
  'NaN',
  '1e309',
  '00000000-0000-0000-0000-000000000000',
  'x'.repeat(70_000),
];

const hostileString = fc.oneof(fc.constantFrom(...hostileStrings), fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }));
const hostileNumber = fc.oneof(fc.constantFrom(-1, 0, 2 ** 53 + 2, -(2 ** 31), 1.5, Number.MAX_VALUE), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
const hostileLeaf = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null));
/** A value of any JSON shape, hostile at its leaves, with prototype-polluting keys among the keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileLeaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.string({ maxLength: 12 })), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/**
 * Payloads for one request schema: wholly random ones, and ones with the schema's own keys (so they
 * get past the first check) but hostile values, a key missing or an unknown key added.
 */
export function hostilePayloadFor(schema: z.ZodType, knownKeys: readonly string[] = []): fc.Arbitrary<unknown> {
  const keys = schema instanceof z.ZodObject ? Object.keys(schema.shape) : knownKeys;
  const shaped = keys.length === 0 ? fc.constant({}) : fc.record(Object.fromEntries(keys.map((key) => [key, hostileValue])), { requiredKeys: [] });
  const withExtra = fc.tuple(shaped, fc.string({ maxLength: 10 }), hostileValue).map(([payload, key, value]) => ({ ...payload, [`x-${key}`]: value }));
  return fc.oneof(hostileValue, shaped, withExtra, fc.constant(JSON.parse('{"__proto__": {"polluted": true}}') as unknown));
}

/** Zod's own description of a schema, the parts a generator reads (zod v4's `_zod.def`). */
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  options?: z.ZodType[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** Strings that often fit a field's own checks (ids, dates, codes) beside the hostile ones. */
const plausibleStrings = [
  ...hostileStrings,
  '3f2b8c1e-9d4a-4c6b-8e2f-1a2b3c4d5e6f',
  '8d0e1c5a-2b3f-4a6d-9c7e-0f1e2d3c4b5a',
  '2026-12-02',
  '2026-12-02T04:00:00.000Z',
  'zw',
  'doctor',
  'A0B1',
  'aGVsbG8=',
  'x'.repeat(255),
];

/**
 * A payload that passes the schema but carries hostile values wherever the schema lets them in
 * (SQL and path strings in every free-text field, extreme numbers within range), so the handler
 * behind the validation is exercised too, not only the validation.
 */
export function validHostileFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return fc.record(Object.fromEntries(Object.entries(def.shape ?? {}).map(([key, field]) => [key, validHostileFor(field)])));
    case 'string': {
      const fitting = plausibleStrings.filter((s) => schema.safeParse(s).success);
      return fitting.length > 0 ? fc.constantFrom(...fitting) : hostileString;
    }
    case 'number': {
      const fitting = [-1, 0, 1, 7, 100, 2 ** 31 - 1, 2 ** 53 - 1, 0.5].filter((n) => schema.safeParse(n).success);
      return fitting.length > 0 ? fc.constantFrom(...fitting) : hostileNumber;
    }
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? { none: 'none' }));
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'optional':
    case 'default':
      return fc.option(validHostileFor(def.innerType!), { nil: undefined });
    case 'nullable':
      return fc.option(validHostileFor(def.innerType!), { nil: null });
    case 'pipe':
      return validHostileFor(def.in!);
    case 'array':
      return fc.array(validHostileFor(def.element!), { maxLength: 3 });
    case 'union':
      return fc.oneof(...(def.options ?? []).map(validHostileFor));
    case 'record':
      return fc.dictionary(hostileString, validHostileFor(def.valueType!), { maxKeys: 3 });
    default:
      return hostileValue;
  }
}

/** Both kinds: payloads the schema refuses, and payloads it lets through with hostile values inside. */
export const payloadsFor = (schema: z.ZodType) => fc.oneof(hostilePayloadFor(schema), validHostileFor(schema));

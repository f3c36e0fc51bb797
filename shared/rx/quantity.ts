/**
 * Units, routes and frequencies of the prescription contract (issue 4, "Contract for headless use"),
 * and the arithmetic the dose checks need. Pure: no I/O.
 */

/** Units a prescriber may write. `mL` is converted through the form's labelled concentration. */
export const doseUnits = ['mg', 'g', 'mcg', 'IU', 'mL'] as const;
export type DoseUnit = (typeof doseUnits)[number];

/** Units the knowledge base states strengths and limits in (never mL: a limit is an amount of drug). */
export const amountUnits = ['mg', 'g', 'mcg', 'IU'] as const;
export type AmountUnit = (typeof amountUnits)[number];

export interface Amount {
  value: number;
  unit: AmountUnit;
}

export const routes = [
  'oral',
  'sublingual',
  'subcutaneous',
  'intramuscular',
  'intravenous',
  'inhalation',
  'topical',
  'rectal',
  'vaginal',
  'ophthalmic',
  'nasal',
  'transdermal',
] as const;
export type Route = (typeof routes)[number];

/** The abbreviations prescribers write for the commonest routes. */
export const routeAliases: Readonly<Record<string, Route>> = {
  po: 'oral',
  sl: 'sublingual',
  sc: 'subcutaneous',
  ih: 'subcutaneous',
  im: 'intramuscular',
  iv: 'intravenous',
  ivgtt: 'intravenous',
};

export function normaliseRoute(raw: string): Route | null {
  const key = raw.trim().toLowerCase();
  if ((routes as readonly string[]).includes(key)) return key as Route;
  return routeAliases[key] ?? null;
}

export const frequencies = ['qd', 'bid', 'tid', 'qid', 'qn', 'q4h', 'q6h', 'q8h', 'q12h', 'qw', 'biw', 'prn', 'st'] as const;
export type Frequency = (typeof frequencies)[number];

/**
 * How a frequency is counted: doses per day for scheduled daily use, doses per week for `qw`/`biw`
 * (the contract checks those per week), `prn` by the optional `maxPerDay`, `st` as one dose.
 */
export type Schedule =
  | { kind: 'daily'; perDay: number }
  | { kind: 'weekly'; perWeek: number }
  | { kind: 'prn' }
  | { kind: 'once' };

const schedules: Readonly<Record<Frequency, Schedule>> = {
  qd: { kind: 'daily', perDay: 1 },
  bid: { kind: 'daily', perDay: 2 },
  tid: { kind: 'daily', perDay: 3 },
  qid: { kind: 'daily', perDay: 4 },
  qn: { kind: 'daily', perDay: 1 },
  q4h: { kind: 'daily', perDay: 6 },
  q6h: { kind: 'daily', perDay: 4 },
  q8h: { kind: 'daily', perDay: 3 },
  q12h: { kind: 'daily', perDay: 2 },
  qw: { kind: 'weekly', perWeek: 1 },
  biw: { kind: 'weekly', perWeek: 2 },
  prn: { kind: 'prn' },
  st: { kind: 'once' },
};

export function scheduleOf(frequency: Frequency): Schedule {
  return schedules[frequency];
}

/** Doses taken on one day of use; null when the frequency does not say (prn without maxPerDay). */
export function dosesPerDay(frequency: Frequency, maxPerDay?: number): number | null {
  const s = schedules[frequency];
  switch (s.kind) {
    case 'daily':
      return s.perDay;
    case 'weekly':
    case 'once':
      return 1;
    case 'prn':
      return maxPerDay ?? null;
  }
}

const massInMg: Readonly<Record<'mg' | 'g' | 'mcg', number>> = { mg: 1, g: 1000, mcg: 0.001 };

/**
 * Converts between mass units, or IU to IU; across dimensions (mg vs IU) only with the drug's own
 * labelled equivalence `iuPerMg` (enoxaparin: 100 anti-Xa IU per mg), else null.
 */
export function convertAmount(amount: Amount, to: AmountUnit, iuPerMg?: number): number | null {
  if (amount.unit === to) return amount.value;
  // Rounded to avoid 0.1 g reading as 100.00000000000001 mg and tripping a limit of exactly 100 mg.
  if (amount.unit !== 'IU' && to !== 'IU') return roundQuantity((amount.value * massInMg[amount.unit]) / massInMg[to]);
  if (iuPerMg === undefined) return null;
  if (to === 'IU') return roundQuantity(amount.value * massInMg[amount.unit as 'mg' | 'g' | 'mcg'] * iuPerMg);
  return roundQuantity(amount.value / iuPerMg / massInMg[to]);
}

export function roundQuantity(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function isMassUnit(unit: string): unit is 'mg' | 'g' | 'mcg' {
  return unit === 'mg' || unit === 'g' || unit === 'mcg';
}

/** Same dimension (mass with mass, IU with IU). */
export function sameDimension(a: AmountUnit | DoseUnit, b: AmountUnit | DoseUnit): boolean {
  return (isMassUnit(a) && isMassUnit(b)) || a === b;
}

export function formatAmount(value: number, unit: string): string {
  return `${roundQuantity(value)} ${unit}`;
}

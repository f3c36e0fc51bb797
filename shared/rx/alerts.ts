/** Alert codes and severities of issue 4's check table. */
import type { ItemRef } from './resolve';

export const alertCodes = [
  'HIGH_ALERT',
  'ALLERGY',
  'INTERACTION',
  'DUPLICATE_THERAPY',
  'DOSE_SINGLE_MAX',
  'DOSE_DAILY_MAX',
  'FREQUENCY',
  'PEDIATRIC_DOSE',
  'RENAL',
  'HEPATIC',
  'ELDERLY',
  'PREGNANCY',
  'CONTROLLED',
  'GUARDIAN',
  'DURATION',
  'ITEM_COUNT',
  'NOT_FOLLOW_UP',
  'UNKNOWN_DRUG',
] as const;
export type AlertCode = (typeof alertCodes)[number];

/** `block`: cannot sign. `override`: needs a reason, which is recorded. `info`: shown only. */
export const severities = ['block', 'override', 'info'] as const;
export type Severity = (typeof severities)[number];

export type Lang = 'zh' | 'en';

/** An alert as the engine builds it, before it is shaped for one prescription or a whole visit. */
export interface Finding {
  code: AlertCode;
  severity: Severity;
  refs: ItemRef[];
  /**
   * Stable across re-checks of the same draft (e.g. "INTERACTION:aspirin+warfarin"), so the UI can
   * keep an override reason attached to its alert while the physician edits other items.
   */
  key: string;
  message: string;
  source: string;
}

/** One prescription: `items` are indexes into its items; `[]` for a patient-level alert. */
export interface RxAlert {
  code: AlertCode;
  severity: Severity;
  items: number[];
  message: string;
  source: string;
  key: string;
}

/** A visit with several prescriptions: each item is named by prescription and item index. */
export interface RxVisitAlert {
  code: AlertCode;
  severity: Severity;
  items: ItemRef[];
  message: string;
  source: string;
  key: string;
}

const severityRank: Readonly<Record<Severity, number>> = { block: 0, override: 1, info: 2 };
const codeRank = new Map<AlertCode, number>(alertCodes.map((c, i) => [c, i]));

/** Severity first, then the first item concerned (patient-level alerts before items), then code. */
export function compareFindings(a: Finding, b: Finding): number {
  const first = (f: Finding): [number, number] => (f.refs[0] ? [f.refs[0].prescription, f.refs[0].item] : [-1, -1]);
  const [ap, ai] = first(a);
  const [bp, bi] = first(b);
  return severityRank[a.severity] - severityRank[b.severity] || ap - bp || ai - bi || codeRank.get(a.code)! - codeRank.get(b.code)! || a.key.localeCompare(b.key);
}

/** The order in which signing treats them; also what a UI may use to colour an item. */
export function worstSeverity(alerts: readonly { severity: Severity }[]): Severity | null {
  let worst: Severity | null = null;
  for (const a of alerts) if (worst === null || severityRank[a.severity] < severityRank[worst]) worst = a.severity;
  return worst;
}

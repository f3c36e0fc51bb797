/**
 * Whether the prescriber saw and answered an alert, decided again wherever the checks are re-run
 * (the hospital server on arrival). Alert keys hold item positions, which differ between the visit
 * the prescriber checked and a later re-check, so an override is matched by what it is about: its
 * code and the drugs it concerns. A block can never have been signed through: if a re-check finds
 * one, something changed after signing (an allergy recorded on another device, a withdrawal).
 */
import type { Severity } from './alerts';

/** Drug codes an alert concerns, sorted and unique; [] for a patient-level alert. */
export function concernedDrugs(codes: Iterable<string | null | undefined>): string[] {
  return [...new Set([...codes].filter((c): c is string => typeof c === 'string' && c.length > 0))].sort();
}

export interface AnsweredOverride {
  code: string;
  /** Absent in documents signed before drugs were recorded: then the code alone matches. */
  drugs?: readonly string[] | undefined;
}

export function isAcknowledged(alert: { code: string; severity: Severity; drugs: readonly string[] }, overrides: readonly AnsweredOverride[]): boolean {
  if (alert.severity === 'info') return true;
  if (alert.severity === 'block') return false;
  const drugs = alert.drugs.join('+');
  return overrides.some((o) => o.code === alert.code && (o.drugs === undefined || o.drugs.join('+') === drugs));
}

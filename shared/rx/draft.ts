/**
 * A prescription draft as the drafting UI edits it and the workstation autosaves it. Loose on
 * purpose: an item being typed may lack its dose or days, and must still be saved (a crash must
 * not lose it). `toRxItem` says what is still missing; checks and signing need complete items.
 */
import { z } from 'zod';
import type { RxItem } from './input';
import { doseUnits, frequencies, routes } from './quantity';

export const DraftItem = z.strictObject({
  /** Stable id of the row while it is edited (React key; survives reordering). */
  uid: z.string().min(1).max(64),
  /** Formulary code ("amlodipine"); empty while the physician is still searching. */
  drug: z.string().trim().max(120),
  form: z.string().trim().max(60).nullable(),
  release: z.enum(['immediate', 'extended']).nullable(),
  route: z.enum(routes).nullable(),
  doseValue: z.number().positive().max(1_000_000).nullable(),
  doseUnit: z.enum(doseUnits).nullable(),
  frequency: z.enum(frequencies).nullable(),
  maxPerDay: z.number().int().min(1).max(24).nullable(),
  days: z.number().int().min(1).max(365).nullable(),
  /** ICD-10 code the item treats. */
  indication: z.string().trim().max(12).nullable(),
});
export type DraftItem = z.infer<typeof DraftItem>;

export const DraftVisit = z.strictObject({
  kind: z.enum(['follow-up', 'first-visit']),
  chiefComplaint: z.string().max(500),
  /** An emergency prescription is limited to 3 days (《处方管理办法》第十九条). */
  emergency: z.boolean(),
  /** Online prescribing for a child under 6 needs a guardian present (《互联网诊疗监管细则(试行)》). */
  guardianPresent: z.boolean().nullable(),
});
export type DraftVisit = z.infer<typeof DraftVisit>;

/** Facts the record does not hold, asked in the form when they matter. */
export const DraftPatientFacts = z.strictObject({
  weightKg: z.number().positive().max(500).nullable(),
  pregnant: z.boolean().nullable(),
  lactating: z.boolean().nullable(),
});
export type DraftPatientFacts = z.infer<typeof DraftPatientFacts>;

export const DraftContent = z.strictObject({
  visit: DraftVisit,
  patientFacts: DraftPatientFacts,
  items: z.array(DraftItem).max(20),
  validity: z.strictObject({ days: z.number().int().min(1).max(3), reason: z.string().max(500).nullable() }),
  /** Override reasons by alert key (alerts carry a stable key, so a reason stays with its alert). */
  overrides: z.record(z.string().max(300), z.string().max(500)),
});
export type DraftContent = z.infer<typeof DraftContent>;

export const emptyDraftContent = (visit: DraftVisit): DraftContent => ({
  visit,
  patientFacts: { weightKg: null, pregnant: null, lactating: null },
  items: [],
  validity: { days: 1, reason: null },
  overrides: {},
});

export type MissingField = 'drug' | 'route' | 'dose' | 'frequency' | 'days' | 'indication';

/** A complete item for the engine, or the fields still missing. */
export function toRxItem(item: DraftItem): { ok: true; item: RxItem } | { ok: false; missing: MissingField[] } {
  const missing: MissingField[] = [];
  if (!item.drug) missing.push('drug');
  if (!item.route) missing.push('route');
  if (item.doseValue === null || !item.doseUnit) missing.push('dose');
  if (!item.frequency) missing.push('frequency');
  if (item.days === null) missing.push('days');
  if (!item.indication) missing.push('indication');
  if (missing.length > 0) return { ok: false, missing };
  return {
    ok: true,
    item: {
      id: item.uid,
      drug: item.drug,
      dose: { value: item.doseValue!, unit: item.doseUnit! },
      route: item.route!,
      frequency: item.frequency!,
      days: item.days!,
      indication: item.indication!.toUpperCase(),
      ...(item.maxPerDay !== null && item.frequency === 'prn' ? { maxPerDay: item.maxPerDay } : {}),
      ...(item.form ? { form: item.form } : {}),
      ...(item.release ? { release: item.release } : {}),
    },
  };
}

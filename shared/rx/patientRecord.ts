/**
 * What the safety checks read from a patient's record, derived the same way on the workstation
 * (from its store) and on the hospital server (from its tables, when a prescription arrives):
 * recorded allergies, diagnoses with where they were made (online prescribing needs an in-person
 * one, 《互联网诊疗监管细则(试行)》), the medications a standing prescription still covers, and the
 * latest eGFR. Weight and pregnancy/lactation are not in the record: the form asks for them.
 */
import type { DraftPatientFacts } from './draft';
import type { RxPatient } from './input';
import { coversDay, displayStatus, type OutboxPresence } from './lifecycle';

/** Prescriptions that no longer stand: not counted as active, not offered for renewal. */
export const notStanding: ReadonlySet<string> = new Set(['void', 'returned', 'superseded', 'expired', 'held']);

export interface HistoryPrescription {
  encounterId: string | null;
  status: string;
  voidedAt: string | null;
  /** The workstation's outbox presence; null on the server. */
  outbox: OutboxPresence;
  issuedOn: string;
  validityDays: number;
  /** Items as stored: structured for signed ones, drug/dose/frequency/days for imported history. */
  items: readonly unknown[];
}

export interface HistoryItem {
  drug: string;
  dose: string;
  frequency: string;
  days: number;
  drugCode?: string;
  route?: string;
  doseValue?: number;
  doseUnit?: string;
  indication?: string;
  maxPerDay?: number;
}

export function asHistoryItem(raw: unknown): HistoryItem | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.drug !== 'string' || typeof r.days !== 'number') return null;
  return r as unknown as HistoryItem;
}

export function isStanding(p: HistoryPrescription, today: string): boolean {
  return !notStanding.has(displayStatus({ status: p.status, voidedAt: p.voidedAt, outbox: p.outbox, issuedOn: p.issuedOn, validityDays: p.validityDays, today }));
}

/** Medications a standing prescription covers today, except those of the visit being checked. */
export function activeMedications(prescriptions: readonly HistoryPrescription[], today: string, excludeEncounterId: string | null) {
  const active: { drug: string; issuedOn: string; days: number }[] = [];
  for (const p of prescriptions) {
    if (p.encounterId !== null && p.encounterId === excludeEncounterId) continue;
    if (!isStanding(p, today)) continue;
    for (const item of p.items.map(asHistoryItem)) {
      if (item && coversDay(p.issuedOn, item.days, today)) active.push({ drug: item.drugCode ?? item.drug, issuedOn: p.issuedOn, days: item.days });
    }
  }
  return active;
}

/** Lab names that mean an estimated GFR (mL/min/1.73 m²), as hospitals label them. */
const egfrTest = /egfr|估算肾小球滤过率|肾小球滤过率/i;

/** `labs` newest first. */
export function latestEGFR(labs: readonly { test: string; value: string; takenOn: string }[]): { value: number; takenOn: string } | null {
  const lab = labs.find((l) => egfrTest.test(l.test) && Number.isFinite(Number(l.value)));
  return lab ? { value: Number(lab.value), takenOn: lab.takenOn } : null;
}

export interface RecordForChecks {
  birthDate: string;
  sex: 'male' | 'female';
  /** Active allergens. The record does not tell "none known" from "never asked"; clinics ask. */
  allergens: readonly string[];
  diagnoses: readonly { code: string; since: string; setting: 'in-person' | 'online' }[];
  activeMedications: readonly { drug: string }[];
  eGFR: number | null;
}

/** The engine's patient: the record plus the facts the prescriber gave in the form. */
export function rxPatientOf(record: RecordForChecks, facts: DraftPatientFacts | null): RxPatient {
  const female = record.sex === 'female';
  return {
    birthDate: record.birthDate,
    sex: record.sex,
    allergies: [...record.allergens],
    diagnoses: record.diagnoses.map((d) => ({ code: d.code, since: d.since, setting: d.setting })),
    activeMedications: record.activeMedications.map((m) => ({ drug: m.drug })),
    ...(record.eGFR !== null ? { eGFR: record.eGFR } : {}),
    ...(facts?.weightKg ? { weightKg: facts.weightKg } : {}),
    ...(female && facts?.pregnant !== null && facts?.pregnant !== undefined ? { pregnant: facts.pregnant } : {}),
    ...(female && facts?.lactating !== null && facts?.lactating !== undefined ? { lactating: facts.lactating } : {}),
  };
}

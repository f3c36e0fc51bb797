/**
 * What the safety checks need to know about a patient, read from the local store: age and sex,
 * recorded allergies, diagnoses (with where they were made: online prescribing needs an in-person
 * one, 《互联网诊疗监管细则(试行)》), active medications, and the latest eGFR. Weight and
 * pregnancy/lactation are not in the record: the form asks for them (DraftPatientFacts).
 */
import type { PatientSummary } from '../../../shared/domain/patient';
import type { RxContextView } from '../../../shared/ipc/rxChannels';
import { displayStatus, coversDay } from '../../../shared/rx/lifecycle';
import type { DraftItem, DraftPatientFacts } from '../../../shared/rx/draft';
import { findDrug, type RxKnowledge, type RxPatient } from '../../../shared/rx';
import { usualDays } from '../../../shared/rx/dispense';
import { ageInYears } from '../../../shared/rx/checks/context';
import type { PrescriptionRecord } from '../store/prescriptions';
import { frequencies, routes } from '../../../shared/rx/quantity';

/** Lab names that mean an estimated GFR (mL/min/1.73 m²), as hospitals label them. */
const egfrTest = /egfr|估算肾小球滤过率|肾小球滤过率/i;

/** Prescriptions that no longer stand: not counted as active, not offered for renewal. */
export const notStanding: ReadonlySet<string> = new Set(['void', 'returned', 'superseded', 'expired', 'held']);

interface HistoryItem {
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

const asItem = (raw: unknown): HistoryItem | null => {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.drug !== 'string' || typeof r.days !== 'number') return null;
  return r as unknown as HistoryItem;
};

function standing(p: PrescriptionRecord, today: string): boolean {
  const status = displayStatus({ status: p.status, voidedAt: p.voidedAt, outbox: p.outbox, issuedOn: p.issuedOn, validityDays: p.validityDays, today });
  return !notStanding.has(status);
}

export interface PatientContext {
  /** For the engine. */
  patient: RxPatient;
  view: RxContextView;
}

export function patientContext(
  knowledge: RxKnowledge,
  summary: PatientSummary,
  prescriptions: readonly PrescriptionRecord[],
  options: { today: string; excludeEncounterId: string | null; facts: DraftPatientFacts | null },
): PatientContext {
  const { patient, allergies, diagnoses, labs } = summary;
  const today = options.today;
  const ageYears = ageInYears(patient.birthDate, today);
  const active: RxContextView['activeMedications'] = [];
  for (const p of prescriptions) {
    if (p.encounterId !== null && p.encounterId === options.excludeEncounterId) continue;
    if (!standing(p, today)) continue;
    for (const item of p.items.map(asItem)) {
      if (item && coversDay(p.issuedOn, item.days, today)) active.push({ drug: item.drugCode ?? item.drug, issuedOn: p.issuedOn, days: item.days });
    }
  }
  const egfrLab = labs.find((l) => egfrTest.test(l.test) && Number.isFinite(Number(l.value)));
  const eGFR = egfrLab ? { value: Number(egfrLab.value), takenOn: egfrLab.takenOn } : null;
  // The store does not tell "no known allergies" from "never asked": every patient record here
  // comes from a clinic that asks, so no active allergy is taken as none known (not as ALLERGY info).
  const allergens = allergies.filter((a) => a.status === 'active').map((a) => a.allergen);
  const dx = diagnoses
    .filter((d) => d.diagnosedOn <= today)
    .map((d) => ({ code: d.icd10, label: d.label, since: d.diagnosedOn, setting: d.setting, chronic: knowledge.chronicCategories.has(d.icd10.slice(0, 3)) }));
  const facts = options.facts;
  const rxPatient: RxPatient = {
    birthDate: patient.birthDate,
    sex: patient.sex,
    allergies: allergens,
    diagnoses: dx.map(({ chronic: _, ...d }) => d),
    activeMedications: active.map((m) => ({ drug: m.drug })),
    ...(eGFR ? { eGFR: eGFR.value } : {}),
    ...(facts?.weightKg ? { weightKg: facts.weightKg } : {}),
    ...(patient.sex === 'female' && facts?.pregnant !== null && facts?.pregnant !== undefined ? { pregnant: facts.pregnant } : {}),
    ...(patient.sex === 'female' && facts?.lactating !== null && facts?.lactating !== undefined ? { lactating: facts.lactating } : {}),
  };
  const view: RxContextView = {
    patientId: patient.id,
    today,
    ageYears,
    sex: patient.sex,
    allergies: allergens,
    diagnoses: dx,
    activeMedications: active,
    eGFR,
    asks: { weight: ageYears < 18, pregnancy: patient.sex === 'female' && ageYears >= 12 && ageYears <= 55 },
    renewal: renewal(knowledge, prescriptions, dx, today, options.excludeEncounterId),
  };
  return { patient: rxPatient, view };
}

let uidCounter = 0;
const newUid = () => `r${Date.now().toString(36)}${(uidCounter++).toString(36)}`;

/**
 * "Renew last prescription" for a follow-up: the most recent standing prescription's items as
 * draft items. The physician still reviews every field and signs; nothing is signed by renewal.
 */
function renewal(
  knowledge: RxKnowledge,
  prescriptions: readonly PrescriptionRecord[],
  dx: RxContextView['diagnoses'],
  today: string,
  excludeEncounterId: string | null,
): RxContextView['renewal'] {
  const last = prescriptions.find((p) => p.encounterId !== excludeEncounterId && standing(p, today));
  if (!last) return null;
  const inPerson = dx.find((d) => d.setting === 'in-person') ?? dx[0];
  const items: DraftItem[] = [];
  for (const item of last.items.map(asItem)) {
    if (!item) continue;
    const drug = findDrug(knowledge, item.drugCode ?? item.drug);
    if (!drug) continue;
    const written = /^([\d.]+)\s*(\S+)$/.exec(item.dose);
    const value = item.doseValue ?? (written ? Number(written[1]) : NaN);
    const unitText = item.doseUnit ?? written?.[2] ?? '';
    const unit = (['mg', 'g', 'mcg', 'IU', 'mL'] as const).find((u) => u.toLowerCase() === unitText.toLowerCase().replace('μg', 'mcg'));
    const form = drug.forms.find((f) => !item.route || f.routes.includes(item.route as (typeof routes)[number])) ?? drug.forms[0]!;
    const route = (routes as readonly string[]).includes(item.route ?? '') ? (item.route as (typeof routes)[number]) : form.routes[0]!;
    const frequency = (frequencies as readonly string[]).includes(item.frequency) ? (item.frequency as (typeof frequencies)[number]) : null;
    const indication = item.indication ?? inPerson?.code ?? null;
    items.push({
      uid: newUid(),
      drug: drug.code,
      form: null,
      release: null,
      route,
      doseValue: Number.isFinite(value) && value > 0 ? value : null,
      doseUnit: unit ?? null,
      frequency,
      maxPerDay: item.maxPerDay ?? null,
      days: item.days > 0 ? item.days : usualDays({ antibiotic: drug.antibiotic, control: drug.control }, true),
      indication,
    });
  }
  return items.length ? { issuedOn: last.issuedOn, items } : null;
}

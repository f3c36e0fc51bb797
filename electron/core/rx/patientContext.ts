/**
 * What the safety checks need to know about a patient, read from the local store (the derivations
 * are shared with the server: shared/rx/patientRecord.ts), and what the drafting form shows of it.
 */
import type { PatientSummary } from '../../../shared/domain/patient';
import type { RxContextView } from '../../../shared/ipc/rxChannels';
import { activeMedications, asHistoryItem, isStanding, latestEGFR, rxPatientOf } from '../../../shared/rx/patientRecord';
import type { DraftItem, DraftPatientFacts } from '../../../shared/rx/draft';
import { findDrug, type RxKnowledge, type RxPatient } from '../../../shared/rx';
import { usualDays } from '../../../shared/rx/dispense';
import { ageInYears } from '../../../shared/rx/checks/context';
import type { PrescriptionRecord } from '../store/prescriptions';
import { frequencies, routes } from '../../../shared/rx/quantity';

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
  const active = activeMedications(prescriptions, today, options.excludeEncounterId);
  const eGFR = latestEGFR(labs);
  const allergens = allergies.filter((a) => a.status === 'active').map((a) => a.allergen);
  const dx = diagnoses
    .filter((d) => d.diagnosedOn <= today)
    .map((d) => ({ code: d.icd10, label: d.label, since: d.diagnosedOn, setting: d.setting, chronic: knowledge.chronicCategories.has(d.icd10.slice(0, 3)) }));
  const rxPatient = rxPatientOf(
    { birthDate: patient.birthDate, sex: patient.sex, allergens, diagnoses: dx, activeMedications: active, eGFR: eGFR?.value ?? null },
    options.facts,
  );
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
  const last = prescriptions.find((p) => p.encounterId !== excludeEncounterId && isStanding(p, today));
  if (!last) return null;
  const inPerson = dx.find((d) => d.setting === 'in-person') ?? dx[0];
  const items: DraftItem[] = [];
  for (const item of last.items.map(asHistoryItem)) {
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

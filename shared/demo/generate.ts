import { trendTests } from '../domain/trends';
import { allergens, chartLabsByCondition, conditions, departments, regionCodes, type DemoCondition } from './clinical';
import { givenFemale, givenMale, surnames } from './names';
import { demoRecordOf, demoRecordPatients, longHistoryRecords, type DemoSignedRecord } from './records';

/**
 * Deterministic demo data: the same seed gives the same hospital, so tests and benchmarks can name
 * what they expect. Rows use the column names shared by the workstation store and the server.
 */
export interface DemoPatientRows {
  patient: {
    id: string; name: string; name_pinyin: string; name_pinyin_compact: string; name_initials: string;
    sex: 'male' | 'female'; birth_date: string; id_number_masked: string; phone: string; department: string;
    record_number: string;
  };
  encounters: {
    id: string; patient_id: string; date: string; kind: 'first-visit' | 'follow-up';
    channel: 'in-person' | 'online'; department: string; physician_name: string; chief_complaint: string;
  }[];
  diagnoses: {
    id: string; patient_id: string; encounter_id: string | null; icd10: string; label: string;
    setting: 'in-person' | 'online'; diagnosed_on: string;
  }[];
  allergies: { id: string; patient_id: string; allergen: string; reaction: string; status: 'active'; recorded_on: string }[];
  prescriptions: { id: string; patient_id: string; encounter_id: string; issued_on: string; status: string; items: string }[];
  labs: { id: string; patient_id: string; taken_on: string; test: string; value: string; unit: string; flag: 'normal' | 'high' | 'low' }[];
  /** Signed outpatient records of past visits (records.ts); empty for most patients of a big demo. */
  records: DemoSignedRecord[];
}

export interface DemoOptions {
  seed?: number;
  /** The day the demo hospital is "now"; visits fall in the two years before it. */
  today?: string;
  /** Put every patient in this department (benchmarks that need one physician to see them all). */
  department?: string;
}

/** Every 25th patient (the 25th, 50th...) is a child, so pediatric rules and templates have someone to act on. */
export const isDemoChild = (index: number) => index % 25 === 24;
/** The last patient of a demo of at least 10 has 200 encounters: the chart's timeline and bench need one. */
export const longHistoryEncounters = 200;
const hasLongHistory = (index: number, count: number) => count >= 10 && index === count - 1;

export const demoPhysicianNames = ['张伟', '李娜', '王芳', '刘强'] as const;

/** Mulberry32: a tiny, well-distributed 32-bit PRNG, enough for demo data. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const word = () => Math.floor(next() * 4294967296).toString(16).padStart(8, '0');
  const uuid = () => {
    const h = word() + word() + word() + word();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[int(0, 3)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  return { next, int, pick, uuid };
}

/** UUID-shaped ids under a patient's id: its first 24 characters, then `c` and a counter. */
function idsUnder(patientId: string): () => string {
  let n = 0;
  return () => `${patientId.slice(0, 24)}c${(++n).toString(16).padStart(11, '0')}`;
}

const dayMs = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function* generateDemoPatients(count: number, options: DemoOptions = {}): Generator<DemoPatientRows> {
  const random = prng(options.seed ?? 20261125);
  const today = Date.parse(options.today ?? new Date().toISOString().slice(0, 10));
  for (let i = 0; i < count; i++) {
    const sex = random.next() < 0.5 ? 'male' : 'female';
    const [surname, surnamePinyin] = random.pick(surnames);
    const given = Array.from({ length: random.next() < 0.7 ? 2 : 1 }, () =>
      random.pick(sex === 'male' ? givenMale : givenFemale),
    );
    const syllables = [surnamePinyin, ...given.map(([, p]) => p)];
    const adultDays = random.int(18 * 365, 88 * 365);
    // Children reuse the same draw (1 to 17 years), so every other patient stays as it was.
    const birth = today - (isDemoChild(i) ? 365 + ((adultDays - 18 * 365) % (16 * 365)) : adultDays) * dayMs;
    const birthDate = isoDay(birth);
    const condition = random.pick(conditions);
    const id = random.uuid();
    const patient: DemoPatientRows['patient'] = {
      id,
      name: surname + given.map(([c]) => c).join(''),
      name_pinyin: syllables.join(' '),
      name_pinyin_compact: syllables.join(''),
      name_initials: syllables.map((s) => s[0]).join(''),
      sex,
      birth_date: birthDate,
      // GB 11643 layout: region, birth date, sequence; shown masked as hospitals print it.
      id_number_masked: `${random.pick(regionCodes)}********${String(random.int(0, 999)).padStart(3, '0')}${random.pick(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'])}`,
      phone: `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`,
      department: options.department ?? condition.department,
      // 病案号: the hospital's own numbering, unique per patient.
      record_number: `MR${String(i + 1).padStart(8, '0')}`,
    };
    // Chart additions draw from a generator of their own, so the rows above stay the same.
    // Its ids are the patient's own id with a counter, so they can never collide across patients
    // (two small PRNG states may share a stretch of their streams; ids must not).
    const extra = { ...prng((options.seed ?? 20261125) ^ Math.imul(i + 1, 0x9e3779b1)), uuid: idsUnder(id) };
    const rows = history(random, id, condition, today);
    const chart = hasLongHistory(i, count) ? history(extra, id, condition, today, { visits: longHistoryEncounters, gapDays: [10, 16] }) : rows;
    for (const encounter of chart.encounters) chart.labs.push(...chartLabs(extra, id, condition, encounter.date));
    const records = hasLongHistory(i, count)
      ? visitRecords(id, chart, condition, chart.encounters.slice(-longHistoryRecords))
      : i < demoRecordPatients ? visitRecords(id, chart, condition, chart.encounters) : [];
    yield { patient, ...chart, records };
  }
}

function history(
  random: ReturnType<typeof prng>, patientId: string, condition: DemoCondition, today: number,
  long?: { visits: number; gapDays: [number, number] },
) {
  const rows: Omit<DemoPatientRows, 'patient' | 'records'> = { encounters: [], diagnoses: [], allergies: [], prescriptions: [], labs: [] };
  const visits = long ? long.visits : random.int(1, 4);
  const [minGap, maxGap] = long ? long.gapDays : [28, 90];
  let day = today - (long ? long.visits * maxGap : random.int(120, 720)) * dayMs;
  for (let v = 0; v < visits; v++) {
    const first = v === 0;
    const encounterId = random.uuid();
    const date = isoDay(day);
    // The first diagnosis is made in person: online follow-up prescribing depends on it.
    const channel = first ? 'in-person' : random.next() < 0.7 ? 'online' : 'in-person';
    rows.encounters.push({
      id: encounterId, patient_id: patientId, date, kind: first ? 'first-visit' : 'follow-up', channel,
      department: condition.department, physician_name: random.pick(demoPhysicianNames), chief_complaint: condition.complaint,
    });
    if (first) {
      rows.diagnoses.push({
        id: random.uuid(), patient_id: patientId, encounter_id: encounterId, icd10: condition.icd10,
        label: condition.label, setting: 'in-person', diagnosed_on: date,
      });
    }
    rows.prescriptions.push({
      id: random.uuid(), patient_id: patientId, encounter_id: encounterId, issued_on: date, status: 'dispensed',
      items: JSON.stringify(condition.regimen.map((item) => ({ ...item, days: 28 }))),
    });
    for (const lab of condition.labs) {
      const span = lab.high - lab.low;
      const value = lab.low - span * 0.2 + random.next() * span * 1.5;
      rows.labs.push({
        id: random.uuid(), patient_id: patientId, taken_on: date, test: lab.test, value: value.toFixed(lab.decimals),
        unit: lab.unit, flag: value > lab.high ? 'high' : value < lab.low ? 'low' : 'normal',
      });
    }
    day += random.int(minGap, maxGap) * dayMs;
    if (day > today) break;
  }
  if (random.next() < 0.2) {
    const { allergen, reaction } = random.pick(allergens);
    rows.allergies.push({ id: random.uuid(), patient_id: patientId, allergen, reaction, status: 'active', recorded_on: rows.encounters[0]!.date });
  }
  return rows;
}

function visitRecords(
  patientId: string, chart: Omit<DemoPatientRows, 'patient' | 'records'>, condition: DemoCondition, visits: DemoPatientRows['encounters'],
): DemoSignedRecord[] {
  const diagnosis = { icd10: condition.icd10, label: condition.label };
  const allergy = chart.allergies[0] ?? null;
  return visits.map((encounter) =>
    demoRecordOf({
      patientId,
      encounter,
      diagnosis,
      allergy,
      bloodPressure: chart.labs.find((l) => l.taken_on === encounter.date && l.test === trendTests.bloodPressure)?.value ?? null,
      regimen: condition.regimen,
    }),
  );
}

/** Blood pressure, eGFR and INR at a visit, for the conditions that follow them (clinical.ts). */
function chartLabs(random: ReturnType<typeof prng>, patientId: string, condition: DemoCondition, date: string): DemoPatientRows['labs'] {
  return (chartLabsByCondition[condition.icd10] ?? []).map((kind) => {
    const id = random.uuid();
    if (kind === 'bloodPressure') {
      const systolic = random.int(112, 168);
      const diastolic = random.int(68, 102);
      const flag = systolic >= 140 || diastolic >= 90 ? 'high' : 'normal';
      return { id, patient_id: patientId, taken_on: date, test: trendTests.bloodPressure, value: `${systolic}/${diastolic}`, unit: 'mmHg', flag };
    }
    if (kind === 'egfr') {
      const value = random.int(48, 118);
      return { id, patient_id: patientId, taken_on: date, test: trendTests.egfr, value: String(value), unit: 'mL/min/1.73m²', flag: value < 60 ? 'low' : 'normal' };
    }
    const value = 1.4 + random.next() * 2.2;
    return { id, patient_id: patientId, taken_on: date, test: trendTests.inr, value: value.toFixed(1), unit: '', flag: value > 3 ? 'high' : value < 2 ? 'low' : 'normal' };
  });
}

export { departments };

/** Builders for prescription-check tests: an ordinary adult follow-up patient, and items. */
import type { RxItem } from '../../../shared/rx';

export type ItemInput = Omit<RxItem, 'dose' | 'route' | 'frequency' | 'indication'> & {
  dose: { value: number; unit: string };
  route: string;
  frequency: string;
  indication: string;
};

export interface TestInput {
  date: string;
  patient: {
    birthDate: string;
    sex?: 'male' | 'female';
    weightKg?: number;
    pregnant?: boolean;
    lactating?: boolean;
    eGFR?: number;
    allergies?: string[];
    diagnoses: { code: string; since: string; setting: 'in-person' | 'online' }[];
    activeMedications: { drug: string }[];
  };
  visit: { kind: 'follow-up' | 'first-visit'; channel?: 'online' | 'in-person'; department?: string; guardianPresent?: boolean; emergency?: boolean };
  items: ItemInput[];
}

/** Categories diagnosed in person before, so NOT_FOLLOW_UP stays silent unless a test wants it. */
const diagnosed = ['I10', 'I25', 'I48', 'I50', 'E11', 'E78', 'E03', 'J45', 'J02', 'J30', 'J18', 'K21', 'M10', 'M06', 'M17', 'M54', 'F32', 'F41', 'G47', 'N39', 'N52', 'L70', 'B37', 'E87', 'C50', 'R52'];

export function adult(items: ItemInput[] = []): TestInput {
  return {
    date: '2026-11-25',
    patient: {
      birthDate: '1970-05-10',
      sex: 'male',
      weightKg: 70,
      eGFR: 90,
      allergies: [],
      diagnoses: diagnosed.map((code) => ({ code, since: '2025-01-15', setting: 'in-person' as const })),
      activeMedications: [],
    },
    visit: { kind: 'follow-up', channel: 'online', department: 'general medicine' },
    items,
  };
}

export function item(drug: string, value: number, unit: string, frequency: string, days: number, indication: string, route = 'oral', extra: Partial<ItemInput> = {}): ItemInput {
  return { drug, dose: { value, unit }, route, frequency, days, indication, ...extra };
}

/** The sample input of issue 4, verbatim. */
export const issueSample = {
  date: '2026-11-25',
  patient: {
    birthDate: '1950-03-01', sex: 'female', weightKg: 60, pregnant: false, lactating: false, eGFR: 45, allergies: ['penicillin'],
    diagnoses: [{ code: 'I10', since: '2025-06-01', setting: 'in-person' }],
    activeMedications: [{ drug: 'warfarin' }],
  },
  visit: { kind: 'follow-up', channel: 'online', department: 'cardiology' },
  items: [{ drug: 'amlodipine', dose: { value: 5, unit: 'mg' }, route: 'oral', frequency: 'qd', days: 28, indication: 'I10' }],
};

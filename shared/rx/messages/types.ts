/** Every alert text, in one interface so the Chinese and English catalogues cannot drift apart. */
import type { Lang } from '../alerts';
import type { ChildPughClass, PopulationAction, RenalAction } from '../knowledge/schema';

export type DurationReason = 'general' | 'emergency' | 'antibiotic' | 'controlled' | 'chronic-long' | 'chronic-too-long';
export type ControlLabel = 'narcotic' | 'psychotropic-1' | 'psychotropic-2' | 'toxic' | 'radioactive';
export type AllergyMatch =
  | { kind: 'drug'; allergen: string }
  | { kind: 'class'; allergen: string; className: string }
  | { kind: 'cross'; allergen: string; fromClass: string; toClass: string; note: string };

export interface RxMessages {
  lang: Lang;
  highAlert(drug: string, tier: string, category: string): string;
  allergy(drug: string, matches: readonly AllergyMatch[]): string;
  allergyNotRecorded(): string;
  allergyUnknown(allergen: string): string;
  interaction(a: string, b: string, severity: string, mechanism: string, withActive: boolean): string;
  duplicate(a: string, b: string, className: string, withActive: boolean): string;
  doseSingle(drug: string, dose: string, max: string): string;
  doseDaily(drug: string, daily: string, max: string): string;
  doseWeekly(drug: string, weekly: string, max: string): string;
  doseCourse(drug: string, total: string, max: string, days: number): string;
  frequencyWeekly(drug: string, frequency: string): string;
  pediatricNoWeight(drugs: string): string;
  /** "2–5 years", "1 month–1 year", "from 12 years": the age band a pediatric limit is for. */
  ageBand(fromYears: number, toYears: number | undefined): string;
  pediatricMinAge(drug: string, minAge: number, labelWords: string): string;
  pediatricNotEstablished(drug: string, belowYears: number, labelWords: string): string;
  pediatricPerDose(drug: string, mgPerKg: number, max: number, ages: string): string;
  pediatricPerDay(drug: string, mgPerKg: number, max: number, ages: string): string;
  pediatricCapDose(drug: string, dose: string, cap: string, ages: string): string;
  pediatricCapDay(drug: string, daily: string, cap: string, ages: string): string;
  renal(drug: string, eGFR: number, below: number, action: RenalAction, note: string): string;
  renalMissing(drugs: string): string;
  pregnancy(drug: string, level: 'contraindicated' | 'avoid'): string;
  lactation(drug: string, level: 'contraindicated' | 'avoid'): string;
  controlled(drug: string, category: ControlLabel): string;
  guardian(ageYears: number): string;
  duration(drug: string, days: number, limit: number, reason: DurationReason): string;
  itemCount(count: number): string;
  notFollowUp(category: string, drugs: string): string;
  unknownDrug(name: string): string;
  withdrawnDrug(name: string, reason: string): string;
  // Special populations (checks/elderly.ts, checks/hepatic.ts).
  elderly(drug: string, age: number, action: PopulationAction, note: string, condition: string | null): string;
  hepatic(drug: string, childPugh: ChildPughClass, basis: string, action: PopulationAction, note: string): string;
  hepaticClassUnknown(drug: string, basis: string, guidance: string): string;
  /** "Child-Pugh B: ..." for one label statement, listed when the class is not known. */
  hepaticGuidance(classes: string, action: PopulationAction, note: string): string;
}

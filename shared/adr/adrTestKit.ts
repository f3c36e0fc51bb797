import type { AdrReportFields } from './report';

/**
 * A suspected reaction as a physician would report it: a morbilliform rash on day 9 of
 * amoxicillin (a known, labelled reaction: the amoxicillin label lists rash among its
 * hypersensitivity reactions), not serious, improving after the drug was stopped.
 */
export const amoxicillinRash: AdrReportFields = {
  drugs: [{
    role: 'suspected', drugCode: 'amoxicillin', name: 'amoxicillin', dose: '500 mg', route: 'oral', frequency: 'tid',
    startedOn: '2026-11-20', stoppedOn: '2026-11-29', indication: '急性中耳炎', prescriptionId: null,
  }],
  reaction: '用药第9天躯干及四肢出现麻疹样皮疹，伴瘙痒，无发热；停药并口服氯雷他定后好转。',
  term: '皮疹',
  onsetOn: '2026-11-28',
  severity: 'moderate',
  outcome: 'improving',
  outcomeDetail: '',
  novelty: 'known',
  serious: false,
  seriousCriteria: [],
};

const daysBefore = (today: string, days: number) => new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** The same report dated from `today`: started ten days ago, the rash the day before yesterday. */
export function amoxicillinRashBefore(today: string): AdrReportFields {
  const [drug] = amoxicillinRash.drugs;
  return { ...amoxicillinRash, onsetOn: daysBefore(today, 2), drugs: [{ ...drug!, startedOn: daysBefore(today, 10), stoppedOn: daysBefore(today, 1) }] };
}

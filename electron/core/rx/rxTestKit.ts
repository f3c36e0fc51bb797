/** Helpers for prescribing tests: a signed-in core and items written the way the form writes them. */
import assert from 'node:assert/strict';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc';
import type { DraftItem } from '../../../shared/rx/draft';
import type { Core } from '../core';

export function caller(core: Core, connection: string) {
  return {
    async ok<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
      const r = await core.dispatch(channel, request, connection);
      if (!r.ok) assert.fail(`${channel} failed: ${r.error.code} ${r.error.message}`);
      return r.value as ResponseOf<C>;
    },
    async code<C extends Channel>(channel: C, request: unknown): Promise<string> {
      const r = await core.dispatch(channel, request, connection);
      return r.ok ? 'ok' : r.error.code;
    },
  };
}

let n = 0;
export function item(drug: string, dose: number, unit: DraftItem['doseUnit'], frequency: DraftItem['frequency'], days: number, indication: string, route: DraftItem['route'] = 'oral'): DraftItem {
  return { uid: `u${n++}`, drug, form: null, release: null, route, doseValue: dose, doseUnit: unit, frequency, maxPerDay: null, days, indication };
}

/** A seeded patient with an in-person diagnosis in `category` and no recorded allergy. */
/**
 * The first adult with an in-person diagnosis in `category` and no allergy on record. `bornAfter`
 * (an ISO date) keeps the patient out of the elderly checks, for a test about something else.
 */
export function patientWith(core: Core, category: string, { bornAfter = '1900-01-01' }: { bornAfter?: string } = {}): { id: string; name: string; icd10: string } {
  const patient = core.db
    .prepare<[string, string], { id: string; name: string; icd10: string }>(
      `SELECT p.id, p.name, d.icd10 FROM patients p JOIN diagnoses d ON d.patient_id = p.id
        WHERE d.icd10 LIKE ? || '%' AND d.setting = 'in-person' AND p.id NOT IN (SELECT patient_id FROM allergies)
          AND p.birth_date < '2000-01-01' AND p.birth_date > ?
        ORDER BY p.id LIMIT 1`,
    )
    .get(category, bornAfter);
  if (!patient) throw new Error(`no adult born after ${bornAfter} with an in-person ${category} diagnosis and no allergy in the seeded data`);
  return patient;
}

/** The sign request's confirmation that the patient was told, for exactly the leaflets a preview showed. */
export function informedOf(preview: ResponseOf<'rx:sign:preview'>) {
  return preview.risk.inform.map((i) => ({ drugCode: i.drugCode, leafletId: i.leaflet?.id ?? null, leafletVersion: i.leaflet?.version ?? null }));
}

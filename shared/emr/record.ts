/**
 * A signed outpatient record as it is signed, stored, synced and verified (issue 11): the
 * QuestionnaireResponse with who signed it and when, the version it amends (and why), and the
 * signer's SM2 signature over the canonical JSON of exactly this document (shared/signing).
 */
import type { QuestionnaireResponse, QuestionnaireResponseItem } from 'fhir/r4';
import { z } from 'zod';
import { canonicalJson } from '../domain/canonical';
import type { AnswerValue, Answers } from './answers';

const id = z.string().min(1).max(64);

export const RecordResponse = z
  .object({ resourceType: z.literal('QuestionnaireResponse'), id, questionnaire: z.string().max(300), status: z.enum(['completed', 'amended']), item: z.array(z.unknown()).max(300) })
  .passthrough();

export const RecordDocument = z
  .object({
    id,
    patientId: id,
    encounterId: id,
    template: z.object({ url: z.string().url().max(300), version: z.string().min(1).max(20) }),
    /** 1 for the first signature, n + 1 for the amendment of version n. */
    version: z.number().int().min(1).max(1000),
    previousId: id.nullable(),
    reason: z.string().trim().min(1).max(500).nullable(),
    author: z.object({ id, name: z.string().max(100), licenceNo: z.string().max(64) }),
    signedAt: z.iso.datetime({ offset: true }),
    response: RecordResponse,
  })
  .refine((d) => (d.previousId === null) === (d.reason === null) && (d.previousId === null) === (d.version === 1), {
    message: 'an amendment (version > 1) names the version it corrects and a reason; a first version neither',
    path: ['reason'],
  });
export type RecordDocument = z.infer<typeof RecordDocument>;

/** The bytes the SM3 digest is shown over: the same canonical JSON the signature covers. */
export const recordBytes = (document: RecordDocument): Uint8Array => new TextEncoder().encode(canonicalJson(document));

/** The flat answers a response holds (to amend it, or to carry values into the next visit). */
export function answersOfResponse(response: { item?: readonly unknown[] }): Answers {
  const answers: Answers = {};
  const walk = (items: QuestionnaireResponseItem[] | undefined) => {
    for (const item of items ?? []) {
      const values = (item.answer ?? []).flatMap((a): AnswerValue[] => {
        const v = a.valueString ?? a.valueInteger ?? a.valueDecimal ?? a.valueBoolean ?? a.valueDate ?? a.valueCoding?.code;
        return v === undefined ? [] : [v];
      });
      if (values.length > 0) answers[item.linkId] = values;
      walk(item.item);
    }
  };
  // The items were checked when signed (RecordResponse holds a QuestionnaireResponse's shape).
  walk(response.item as QuestionnaireResponse['item']);
  return answers;
}

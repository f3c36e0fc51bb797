import { z } from 'zod';
import returnReasonsFile from '../../resources/review/return-reasons.json' with { type: 'json' };

/**
 * The structured reasons a pharmacist returns a prescription with (resources/review/return-reasons.json,
 * each citing its clause of the review standard). Parsed once when first imported, so a broken data
 * file fails every test that reviews anything, not a pharmacist at the counter.
 */
const Reason = z.object({ code: z.string().regex(/^[a-z-]+\.[a-z-]+$/), zh: z.string().min(1), en: z.string().min(1), source: z.string().min(1) });
const ReasonsFile = z.object({
  sources: z.record(z.string(), z.string()),
  categories: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string(), source: z.string(), reasons: z.array(Reason).min(1) })).min(1),
});

export const returnReasons = ReasonsFile.parse(returnReasonsFile);
export type ReturnReason = z.infer<typeof Reason>;

const byCode = new Map(returnReasons.categories.flatMap((c) => c.reasons.map((r) => [r.code, r] as const)));
export const returnReasonCodes: readonly string[] = [...byCode.keys()];
export const isReturnReason = (code: string): boolean => byCode.has(code);
export const returnReason = (code: string): ReturnReason | undefined => byCode.get(code);

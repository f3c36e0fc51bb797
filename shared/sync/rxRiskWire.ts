import { z } from 'zod';

/**
 * Issue 13's additions to the signed prescription (`prescription.submit`). Both optional on the
 * wire so earlier clients' documents still parse; the workstation refuses to sign without them
 * where they are required (electron/core/rx/riskAtSigning.ts).
 */

/**
 * The physician's confirmation that the patient was told the risks of each high-alert drug, with
 * the leaflet shown (中国药学会《我国高警示药品推荐目录》2019: patients are informed of high-alert
 * medication risks). `leafletId`/`leafletVersion` are null for a drug no leaflet covers yet.
 */
export const PatientInformed = z.object({
  by: z.object({ id: z.string().min(1).max(64), name: z.string().max(100) }),
  at: z.iso.datetime({ offset: true }),
  leaflets: z
    .array(z.object({
      drugCode: z.string().min(1).max(80),
      highAlert: z.string().min(1).max(80),
      leafletId: z.string().min(1).max(80).nullable(),
      leafletVersion: z.number().int().min(1).nullable(),
    }))
    .min(1)
    .max(20),
});
export type PatientInformed = z.infer<typeof PatientInformed>;

/**
 * 《处方管理办法》(2007) 第十九条: a supply beyond 7 days (3 in an emergency) is allowed for a chronic
 * disease, a disease of old age or a special case, "but the physician notes the reason";
 * 《长期处方管理规范（试行）》(2021) allows stable chronic patients up to 12 weeks.
 */
export const longSupplyCategories = ['chronic', 'elderly', 'special'] as const;
export const LongSupplyCategory = z.enum(longSupplyCategories);
export const LongSupply = z.object({
  category: LongSupplyCategory,
  note: z.string().trim().min(1).max(500),
});
export type LongSupply = z.infer<typeof LongSupply>;

/**
 * Issue 13's prescribing shapes: what the sign step asks about high-alert drugs and long supplies,
 * and what was signed about them. Channels are in rxRiskChannels.ts.
 */
import { z } from 'zod';
import { LeafletSchema } from '../rx/leaflets';
import { LongSupply, PatientInformed } from '../sync/rxRiskWire';

const leafletId = z.string().min(1).max(80);

export const LeafletView = LeafletSchema;
export type LeafletView = z.infer<typeof LeafletView>;

/** One high-alert item of the prescription and the leaflet the patient is to be given. */
export const InformItem = z.object({
  drugCode: z.string(),
  drugName: z.string(),
  highAlert: z.string(),
  leaflet: LeafletView.nullable(),
});
export type InformItem = z.infer<typeof InformItem>;

/** Part of the sign preview: what the physician confirms before signing. */
export const SignRisk = z.object({
  /** Every high-alert drug: the patient must have been told, with this leaflet (PATIENT_NOT_INFORMED). */
  inform: z.array(InformItem),
  /**
   * Items whose supply needs a stated reason (LONG_SUPPLY_REASON_REQUIRED): beyond `reasonBeyondDays`
   * (7, or 3 in an emergency), unless a stable chronic diagnosis of the cited list covers up to 4 weeks.
   */
  longSupply: z.object({ reasonBeyondDays: z.number().int(), items: z.array(z.object({ drugName: z.string(), days: z.number().int() })) }),
});
export type SignRisk = z.infer<typeof SignRisk>;

/** What the sign request adds: the leaflets confirmed as explained, and the long-supply reason. */
export const InformedConfirmation = z.array(z.object({ drugCode: z.string().min(1).max(80), leafletId: leafletId.nullable(), leafletVersion: z.number().int().min(1).nullable() }).strict()).max(20);
export type InformedConfirmation = z.infer<typeof InformedConfirmation>;
export const signRiskRequest = { informed: InformedConfirmation.optional(), longSupply: LongSupply.strict().optional() };

/** As signed: shown to the pharmacist and printed. */
export const SignedRisk = z.object({ patientInformed: PatientInformed.nullable(), longSupply: LongSupply.nullable() });
export type SignedRisk = z.infer<typeof SignedRisk>;


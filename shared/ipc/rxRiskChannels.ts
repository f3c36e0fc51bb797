/**
 * Issue 13's prescribing channels: the leaflets for the review screen and the audited print.
 * Spread into the contract (contract.ts).
 */
import { z } from 'zod';
import type { Role } from '../domain/roles';
import { PrescriptionView } from './rxChannels';
import { Letterhead, PrintedPatient } from '../print/letterhead';
import { LeafletView, SignedRisk } from './rxRisk';

const clinical = ['physician', 'pharmacist'] as const satisfies readonly Role[];
const id = z.string().min(1).max(64);
const leafletId = z.string().min(1).max(80);

export const rxRiskChannels = {
  /** Leaflets by id, for the review screen (the pharmacist sees what the patient was given). */
  'rx:leaflets': {
    request: z.object({ ids: z.array(leafletId).max(20) }).strict(),
    response: z.object({ leaflets: z.array(LeafletView) }),
    access: clinical,
  },
  /**
   * The prescription as it prints, with the leaflet of each high-alert item; every print is
   * audited (`prescription.print`), since a print is patient data leaving the screen.
   */
  'rx:print': {
    request: z.object({ prescriptionId: id }).strict(),
    response: z.object({
      hospital: Letterhead,
      prescription: PrescriptionView,
      /** As the signed document names them; null for history signed before it did. */
      prescriber: z.object({ name: z.string(), licenceNo: z.string() }).nullable(),
      patient: PrintedPatient,
      /** The items' indications with the patient's diagnosis labels (the code alone where none is stored). */
      diagnoses: z.array(z.object({ code: z.string(), label: z.string().nullable() })),
      risk: SignedRisk,
      leaflets: z.array(LeafletView),
      printedAt: z.string(),
    }),
    access: clinical,
  },
};

/**
 * Printing a signed outpatient record (issue 11: "a signed record prints, or exports to PDF, in
 * the hospital's layout"). Spread into the contract (contract.ts). A print is patient data
 * leaving the screen, so main audits it (`emr.record.print`) in the transaction that reads it.
 */
import { z } from 'zod';
import type { Role } from '../domain/roles';
import { Letterhead, PrintedPatient } from '../print/letterhead';
import { EmrRecordView } from './emrChannels';

const clinical = ['physician', 'pharmacist'] as const satisfies readonly Role[];

export const emrPrintChannels = {
  'emr:record:print': {
    request: z.object({ recordId: z.string().min(1).max(64) }).strict(),
    response: z.object({ hospital: Letterhead, record: EmrRecordView, patient: PrintedPatient, printedAt: z.string() }),
    access: clinical,
  },
};

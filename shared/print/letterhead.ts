/**
 * The hospital's name as its printed documents head it (prescriptions, outpatient records): the
 * internet hospital prints under the name of the hospital it is affiliated to, in both languages
 * the UI speaks. It comes from the deployment (CoreOptions.letterhead); the demo has its own.
 */
import { z } from 'zod';

export const Letterhead = z.object({ zh: z.string().min(1).max(80), en: z.string().min(1).max(120) }).strict();
export type Letterhead = z.infer<typeof Letterhead>;

export const demoLetterhead: Letterhead = { zh: 'CareDesk 示范互联网医院', en: 'CareDesk Demo Internet Hospital' };

/** What prints under the letterhead to identify the patient: never the phone, address or ID number. */
export const PrintedPatient = z.object({ name: z.string(), sex: z.enum(['male', 'female']), birthDate: z.string(), recordNumber: z.string() });
export type PrintedPatient = z.infer<typeof PrintedPatient>;

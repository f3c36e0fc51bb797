import { z } from 'zod';

/**
 * A record's answers as the form edits them: per linkId, the values entered (a choice stores the
 * option's code; a date is YYYY-MM-DD). Flat, so a draft autosave is small and a field's error is
 * addressed by its linkId; the nested QuestionnaireResponse is built from it (response.ts).
 */
export const AnswerValue = z.union([z.string().max(4000), z.number().finite(), z.boolean()]);
export type AnswerValue = z.infer<typeof AnswerValue>;
export const Answers = z.record(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/), z.array(AnswerValue).max(60)).refine((a) => Object.keys(a).length <= 300, 'too many fields');
export type Answers = z.infer<typeof Answers>;

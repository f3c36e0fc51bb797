import type { Questionnaire, ValueSet } from 'fhir/r4';
import { z } from 'zod';
import { compileTemplate, type Template } from './template';

/**
 * The template files as they travel (resources/templates/, the server's template feed, IPC to the
 * renderer): Questionnaires and the ValueSets their choices name. Checked by compiling.
 */
export const TemplateResource = z
  .object({ resourceType: z.enum(['Questionnaire', 'ValueSet']), id: z.string().min(1).max(64), url: z.string().url(), version: z.string().min(1).max(20) })
  .passthrough();
export type TemplateResource = z.infer<typeof TemplateResource>;

/** Compiles every Questionnaire of the set against the set's ValueSets; throws TemplateError naming the item. */
export function compileCatalogue(resources: readonly TemplateResource[]): Template[] {
  const valueSets = resources.filter((r) => r.resourceType === 'ValueSet') as unknown as ValueSet[];
  return resources.filter((r) => r.resourceType === 'Questionnaire').map((q) => compileTemplate(q as unknown as Questionnaire, valueSets));
}

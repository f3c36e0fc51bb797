import { z } from 'zod';
import { TemplateResource } from './catalogue';

/**
 * A template file as an admin imports it (issue 11): one Questionnaire or ValueSet, or a FHIR
 * Bundle of them (a Questionnaire with the ValueSets its choices name). The server compiles it
 * with what it holds before it keeps anything (server/emr/templateImport.ts).
 */
export const TemplateFile = z.union([
  TemplateResource,
  z.object({ resourceType: z.literal('Bundle'), entry: z.array(z.object({ resource: TemplateResource })).min(1).max(50) }),
]);
export type TemplateFile = z.infer<typeof TemplateFile>;

export const resourcesOfFile = (file: TemplateFile): TemplateResource[] =>
  file.resourceType === 'Bundle' ? file.entry.map((e) => e.resource) : [file];

/** What an import changed: the resource versions it added, and those it already held unchanged. */
export const TemplateImportSummary = z.object({
  imported: z.array(z.object({ resourceType: z.enum(['Questionnaire', 'ValueSet']), url: z.string(), version: z.string() })),
  unchanged: z.number().int(),
});
export type TemplateImportSummary = z.infer<typeof TemplateImportSummary>;

export const templateRowId = (r: Pick<TemplateResource, 'resourceType' | 'url' | 'version'>): string => `${r.resourceType}|${r.url}|${r.version}`;

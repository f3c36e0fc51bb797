/**
 * The templates in force on a device or the server (issue 11): those shipped in
 * resources/templates/ and the hospital's imported versions (the template feed, shared/sync/emrWire.ts).
 *
 * Every version stays in the catalogue, since a record is validated against the version it names,
 * however old. A new draft takes the first Questionnaire of its url here, so the hospital's
 * newest import (highest revision) comes first and the shipped file last. A ValueSet is looked up
 * by url when a Questionnaire is compiled, the last of a url winning (template.ts), so ValueSets go
 * the other way round: shipped first, then the hospital's, oldest to newest.
 */
import type { TemplateResource } from './catalogue';

export interface ImportedTemplate {
  resource: TemplateResource;
  /** The server's import order. */
  revision: number;
}

export function templatesInForce(shipped: readonly TemplateResource[], imported: readonly ImportedTemplate[]): TemplateResource[] {
  const oldestFirst = [...imported].sort((a, b) => a.revision - b.revision).map((i) => i.resource);
  const questionnaires = (list: readonly TemplateResource[]) => list.filter((r) => r.resourceType === 'Questionnaire');
  const valueSets = (list: readonly TemplateResource[]) => list.filter((r) => r.resourceType === 'ValueSet');
  return [...questionnaires(oldestFirst).reverse(), ...questionnaires(shipped), ...valueSets(shipped), ...valueSets(oldestFirst)];
}

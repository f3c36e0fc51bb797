/**
 * The record templates the server holds (issue 11): the shipped files and the hospital's imports
 * (migration 019 `emr_templates`). A record arriving names its template version, and is checked
 * against exactly that version; an import adds a version and never replaces one.
 */
import { readTemplateFiles } from '../../common/emr/templateFiles';
import { compileCatalogue, TemplateResource } from '../../shared/emr/catalogue';
import { templatesInForce, type ImportedTemplate } from '../../shared/emr/hospitalTemplates';
import type { Template } from '../../shared/emr/template';
import type { Queryable } from '../db/types';

let shipped: TemplateResource[] | null = null;
/** Read once: the files ship with the server. */
export const shippedTemplates = (): TemplateResource[] => (shipped ??= readTemplateFiles());

export async function importedTemplates(q: Queryable): Promise<ImportedTemplate[]> {
  const rows = await q.query<{ resource: string; revision: number }>(`SELECT resource, revision FROM emr_templates ORDER BY revision`);
  return rows.map((r) => ({ resource: TemplateResource.parse(JSON.parse(r.resource)), revision: Number(r.revision) }));
}

// A template version never changes once stored, so its compiled form is kept. Keyed by the ids of
// the imports too: a ValueSet imported later may serve a Questionnaire shipped earlier (and tests
// run several servers in one process).
const compiled = new Map<string, Template | null>();

/** The compiled template of that url and version, or null when the server holds no such version. */
export async function templateVersion(q: Queryable, url: string, version: string): Promise<Template | null> {
  const [imports] = await q.query<{ ids: string | null }>(`SELECT string_agg(id, ' ' ORDER BY revision) AS ids FROM emr_templates`);
  const key = `${url}|${version} ${imports?.ids ?? ''}`;
  if (!compiled.has(key)) {
    const resources = templatesInForce(shippedTemplates(), await importedTemplates(q));
    const wanted = resources.filter((r) => r.resourceType === 'ValueSet' || (r.url === url && r.version === version));
    compiled.set(key, compileCatalogue(wanted).find((t) => t.url === url && t.version === version) ?? null);
  }
  return compiled.get(key) ?? null;
}

/**
 * Importing a record template (issue 11): an admin's file of Questionnaires and the ValueSets they
 * name. Each resource version is kept once and never replaced, since signed records name the
 * version they were written against; the file is compiled with everything the server holds,
 * exactly as a workstation will compile it, before anything is written. One transaction, one feed
 * change per new version; a file that does not compile (TEMPLATE_INVALID) changes nothing.
 */
import { canonicalJson } from '../../shared/domain/canonical';
import { compileCatalogue, type TemplateResource } from '../../shared/emr/catalogue';
import { templatesInForce } from '../../shared/emr/hospitalTemplates';
import { TemplateError } from '../../shared/emr/template';
import { resourcesOfFile, TemplateFile, templateRowId, type TemplateImportSummary } from '../../shared/emr/templateImport';
import type { Database, Queryable } from '../db/types';
import { appendChanges, serverMeta } from '../feed/append';
import { HttpError } from '../http/errors';
import { importedTemplates, shippedTemplates } from './templates';

const maxIdLength = 400;
const invalid = (message: string) => new HttpError(400, 'TEMPLATE_INVALID', message);

export async function importTemplate(
  db: Database,
  body: unknown,
  adminId: string,
  now: Date,
  record: (tx: Queryable, summary: TemplateImportSummary) => Promise<void> = async () => {},
): Promise<TemplateImportSummary> {
  const file = TemplateFile.safeParse(body);
  if (!file.success) throw invalid(`not a Questionnaire, ValueSet or Bundle of them: ${file.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}`);
  const incoming = resourcesOfFile(file.data);
  const tooLong = incoming.find((r) => templateRowId(r).length > maxIdLength);
  if (tooLong) throw invalid(`${tooLong.url}: the address and version are too long`);

  return db.transaction(async (tx) => {
    // One import at a time: each compiles against, and numbers after, the one before it.
    await tx.query(`LOCK TABLE emr_templates IN SHARE ROW EXCLUSIVE MODE`);
    const imported = await importedTemplates(tx);
    const held = new Map([...shippedTemplates(), ...imported.map((i) => i.resource)].map((r) => [templateRowId(r), r]));
    const fresh: TemplateResource[] = [];
    for (const resource of incoming) {
      const id = templateRowId(resource);
      const same = held.get(id);
      if (same && canonicalJson(same) !== canonicalJson(resource)) {
        throw invalid(`${resource.resourceType} ${resource.url} version ${resource.version} is held with other content: a changed template needs a new version`);
      }
      if (!same && !fresh.some((r) => templateRowId(r) === id)) fresh.push(resource);
    }
    let revision = imported.reduce((last, i) => Math.max(last, i.revision), 0);
    const after = [...imported, ...fresh.map((resource) => ({ resource, revision: ++revision }))];
    try {
      compileCatalogue(templatesInForce(shippedTemplates(), after));
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      throw invalid(`the template does not compile: ${error.message}`);
    }
    const added = after.slice(imported.length);
    for (const { resource, revision: n } of added) {
      await tx.query(
        `INSERT INTO emr_templates (id, resource_type, url, version, resource, revision, imported_at, imported_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [templateRowId(resource), resource.resourceType, resource.url, resource.version, JSON.stringify(resource), n, now.toISOString(), adminId],
      );
    }
    if (added.length > 0) await appendChanges(tx, 'emr_templates', added.map((a) => templateRowId(a.resource)), { ...serverMeta, authorId: adminId });
    const summary: TemplateImportSummary = {
      imported: added.map(({ resource: r }) => ({ resourceType: r.resourceType, url: r.url, version: r.version })),
      unchanged: incoming.length - added.length,
    };
    await record(tx, summary);
    return summary;
  });
}

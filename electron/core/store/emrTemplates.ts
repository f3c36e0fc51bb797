import { TemplateResource } from '../../../shared/emr/catalogue';
import type { ImportedTemplate } from '../../../shared/emr/hospitalTemplates';
import type { Db } from './database';

/** The hospital's template versions as the feed brought them (migration 016); written only by sync. */
export function emrTemplatesTable(db: Db) {
  const all = db.prepare<[], { resource: string; revision: number }>(`SELECT resource, revision FROM emr_templates ORDER BY revision`);
  const mark = db.prepare<[], { n: number; last: number | null }>(`SELECT count(*) AS n, max(feed_seq) AS last FROM emr_templates`);
  return {
    imported: (): ImportedTemplate[] => all.all().map((r) => ({ resource: TemplateResource.parse(JSON.parse(r.resource)), revision: r.revision })),
    /** Changes whenever the feed brings a version, so a compiled catalogue is rebuilt only then. */
    mark: (): string => {
      const m = mark.get();
      return `${m?.n ?? 0}:${m?.last ?? 0}`;
    },
  };
}

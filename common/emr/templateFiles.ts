/**
 * The EMR templates shipped in `resources/templates/` (issue 11), read by the workstation (its
 * built-in set until the hospital's feed brings one) and by the server (which imports them as
 * versioned rows). Every file is checked by compiling the whole set.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileCatalogue, TemplateResource } from '../../shared/emr/catalogue';

export const defaultTemplatesDir = resolve(import.meta.dirname, '../../resources/templates');

export function readTemplateFiles(dir: string = defaultTemplatesDir): TemplateResource[] {
  const resources = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => TemplateResource.parse(JSON.parse(readFileSync(join(dir, name), 'utf8'))));
  compileCatalogue(resources);
  return resources;
}

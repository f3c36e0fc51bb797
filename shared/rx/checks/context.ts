/** What every check family reads: the resolved items of the whole visit and the patient's facts. */
import type { Finding } from '../alerts';
import type { RxPatient, RxVisit } from '../input';
import type { RxKnowledge } from '../knowledge/compile';
import type { Drug } from '../knowledge/schema';
import type { RxMessages } from '../messages/types';
import type { ItemRef, ResolvedItem } from '../resolve';

export interface CheckContext {
  date: string;
  patient: RxPatient;
  visit: RxVisit;
  /** Items of each prescription of the visit. */
  prescriptions: readonly (readonly ResolvedItem[])[];
  /** All items of the visit, in order. */
  items: readonly ResolvedItem[];
  /** The patient's active medications found in the formulary, one per drug. */
  active: readonly Drug[];
  knowledge: RxKnowledge;
  msg: RxMessages;
  /** Whole years at `date`. */
  ageYears: number;
}

export type Check = (ctx: CheckContext) => Finding[];

/** An item whose drug is in the formulary. */
export type KnownItem = ResolvedItem & { drug: Drug };
export const knownItems = (ctx: CheckContext): KnownItem[] => ctx.items.filter((i): i is KnownItem => i.drug !== null);

export const refKey = (r: ItemRef): string => `${r.prescription}.${r.item}`;

export function drugName(ctx: CheckContext, drug: Drug): string {
  return ctx.msg.lang === 'zh' ? drug.nameZh : drug.inn;
}

export function joinNames(ctx: CheckContext, names: readonly string[]): string {
  return [...new Set(names)].join(ctx.msg.lang === 'zh' ? '、' : ', ');
}

export const sourcesOf = (drug: Drug): string => drug.sources.join('; ');

/** Online is the default channel; the online-only rules (CONTROLLED, GUARDIAN, NOT_FOLLOW_UP) ask this. */
export const isOnline = (ctx: CheckContext): boolean => ctx.visit.channel !== 'in-person';

/** Whole years between two ISO dates. */
export function ageInYears(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

import type { Trend } from './chart';

/**
 * Repeated measurements the chart draws as trends (issue 11), by the names the hospital's lab
 * results carry. Reference limits used by the demo data: blood pressure, 《中国高血压防治指南（2018年
 * 修订版）》 (hypertension at >= 140/90 mmHg); eGFR, KDIGO 2012 CKD guideline (below 60
 * mL/min/1.73 m² is G3a or worse); INR, 2-3 the usual warfarin target (ACCP CHEST guideline 2012).
 */
export const trendTests = {
  bloodPressure: '血压',
  egfr: '估算肾小球滤过率',
  hba1c: '糖化血红蛋白',
  potassium: '血钾',
  inr: '国际标准化比值',
} as const;

/** The tests the chart draws as trends (issue 11), in the order shown. */
export const trendTestNames: readonly string[] = [trendTests.hba1c, trendTests.bloodPressure, trendTests.egfr, trendTests.potassium, trendTests.inr];

/**
 * Repeated results of the trend tests as points, oldest first. A test with one result, or a value
 * that is not a number (e.g. "see report"), draws no line: a trend needs two comparable points.
 * Blood pressure is written "systolic/diastolic".
 */
export function buildTrends(labs: readonly { takenOn: string; test: string; value: string; unit: string }[]): Trend[] {
  const byTest = new Map<string, Trend>();
  for (const lab of [...labs].sort((a, b) => (a.takenOn < b.takenOn ? -1 : a.takenOn > b.takenOn ? 1 : 0))) {
    if (!trendTestNames.includes(lab.test)) continue;
    const [first, second] = lab.value.split('/');
    const value = Number(first);
    const diastolic = second === undefined ? null : Number(second);
    if (!Number.isFinite(value) || (diastolic !== null && !Number.isFinite(diastolic))) continue;
    const trend = byTest.get(lab.test) ?? { test: lab.test, unit: lab.unit, points: [] };
    trend.points.push({ takenOn: lab.takenOn, value, diastolic });
    byTest.set(lab.test, trend);
  }
  return trendTestNames.flatMap((test) => {
    const trend = byTest.get(test);
    return trend && trend.points.length >= 2 ? [trend] : [];
  });
}

import type { RxMessages } from './types';

const control = { narcotic: '麻醉药品', 'psychotropic-1': '第一类精神药品', 'psychotropic-2': '第二类精神药品', toxic: '医疗用毒性药品', radioactive: '放射性药品' } as const;
const severity: Readonly<Record<string, string>> = { contraindicated: '禁忌', major: '严重', moderate: '中度' };

/** 1岁以下按月龄（“6个月”），与说明书写法一致。 */
const ageZh = (years: number): string => (years < 1 ? `${Math.round(years * 12)}个月` : `${years}岁`);

const populationAction = { contraindicated: '禁用', avoid: '应避免使用', reduce: '需减量', caution: '慎用' } as const;

export const zh: RxMessages = {
  lang: 'zh',
  highAlert: (drug, tier, category) => `${drug}属于高警示药品（${tier}级，${category}），签署时需再次核验身份。`,
  allergy: (drug, matches) =>
    `${drug}与患者过敏史相关：` +
    matches
      .map((m) =>
        m.kind === 'drug'
          ? `患者对${m.allergen}过敏`
          : m.kind === 'class'
            ? `患者对${m.allergen}过敏，本药属${m.className}`
            : `患者对${m.allergen}（${m.fromClass}）过敏，与${m.toClass}可能存在交叉过敏：${m.note}`,
      )
      .join('；') +
    '。',
  allergyNotRecorded: () => '未记录过敏史，请询问并记录后再开具处方。',
  allergyUnknown: (allergen) => `过敏原“${allergen}”无法识别，请人工核对本处方药品。`,
  interaction: (a, b, sev, mechanism, withActive) => `${a}与${withActive ? '正在使用的' : ''}${b}存在${severity[sev] ?? sev}相互作用：${mechanism}`,
  duplicate: (a, b, className, withActive) => `${a}与${withActive ? '正在使用的' : ''}${b}同属${className}，属重复用药。`,
  doseSingle: (drug, dose, max) => `${drug}单次剂量${dose}超过最大单次剂量${max}。`,
  doseDaily: (drug, daily, max) => `${drug}日剂量${daily}超过最大日剂量${max}。`,
  doseWeekly: (drug, weekly, max) => `${drug}周剂量${weekly}超过最大周剂量${max}。`,
  doseCourse: (drug, total, max, days) => `${drug}${days}天疗程总量${total}超过每疗程最大量${max}。`,
  frequencyWeekly: (drug, frequency) => `${drug}应每周给药，不得按“${frequency}”每日使用（每日误服可致严重毒性）。`,
  pediatricNoWeight: (drugs) => `儿童用药需按体重计算剂量，请记录体重（${drugs}）。`,
  ageBand: (from, to) => (to === undefined ? `${ageZh(from)}及以上` : `${ageZh(from)}至${ageZh(to)}以下`),
  pediatricMinAge: (drug, minAge, words) => `${drug}禁用于${ageZh(minAge)}以下儿童。说明书：“${words}”`,
  pediatricNotEstablished: (drug, below, words) => `${drug}用于${ageZh(below)}以下儿童的安全性和有效性尚未确立，如需使用请注明理由。说明书：“${words}”`,
  pediatricPerDose: (drug, v, max, ages) => `${drug}儿童单次剂量${v} mg/kg超过上限${max} mg/kg（${ages}）。`,
  pediatricPerDay: (drug, v, max, ages) => `${drug}儿童日剂量${v} mg/kg超过上限${max} mg/kg（${ages}）。`,
  pediatricCapDose: (drug, dose, cap, ages) => `${drug}儿童单次剂量${dose}超过上限${cap}（${ages}）。`,
  pediatricCapDay: (drug, daily, cap, ages) => `${drug}儿童日剂量${daily}超过上限${cap}（${ages}）。`,
  renal: (drug, eGFR, below, action, note) => `eGFR ${eGFR}（<${below}）：${drug}${{ avoid: '应避免使用', reduce: '需减量', caution: '慎用' }[action]}。${note}`,
  renalMissing: (drugs) => `缺少eGFR，无法核对肾功能剂量（${drugs}）。`,
  pregnancy: (drug, level) => `${drug}${level === 'contraindicated' ? '妊娠期禁用' : '妊娠期应避免使用'}。`,
  lactation: (drug, level) => `${drug}${level === 'contraindicated' ? '哺乳期禁用' : '哺乳期应避免使用'}。`,
  controlled: (drug, category) => `${drug}为${control[category]}，不得在互联网诊疗中开具。`,
  guardian: (age) => `患儿${age}岁（6岁以下），互联网开具儿童用药处方须确认监护人在场。`,
  duration: (drug, days, limit, reason) =>
    ({
      general: `${drug}处方用量${days}天，超过${limit}天的一般限量。`,
      emergency: `${drug}急诊处方用量${days}天，超过${limit}天。`,
      antibiotic: `${drug}为抗菌药物，不得开具长期处方；用量${days}天超过${limit}天。`,
      controlled: `${drug}为特殊管理药品，不得开具长期处方；用量${days}天超过${limit}天。`,
      'chronic-long': `${drug}长期处方${days}天（超过4周），请确认病情稳定。`,
      'chronic-too-long': `${drug}长期处方${days}天，超过最长${limit}天。`,
    })[reason],
  itemCount: (count) => `本张处方共${count}种药品，西药处方每张不得超过5种，请拆分为两张处方。`,
  notFollowUp: (category, drugs) => `${drugs}的适应证${category}无线下首诊诊断记录，不得在互联网首诊开药。`,
  unknownDrug: (name) => `“${name}”不在处方集中，无法开具。`,
  withdrawnDrug: (name, reason) => `${name}已从本院处方集撤出（${reason}），无法开具。`,
  elderly: (drug, age, action, note, condition) => `患者${age}岁${condition ? `，患有${condition}` : ''}：${drug}${populationAction[action]}。${note}`,
  hepatic: (drug, childPugh, basis, action, note) => `肝功能不全Child-Pugh ${childPugh}级（${basis}）：${drug}${populationAction[action]}。${note}`,
  hepaticClassUnknown: (drug, basis, guidance) => `患者有肝功能不全（${basis}），未记录Child-Pugh分级，请按说明书核对${drug}：${guidance}`,
  hepaticGuidance: (classes, action, note) => `Child-Pugh ${classes}级${populationAction[action]}（${note}）`,
};

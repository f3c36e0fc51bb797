/**
 * Demo clinical content: chronic conditions typical of internet-hospital follow-up clinics, each
 * with the department that follows it and a usual regimen. Doses are ordinary adult doses from the
 * drugs' labels; this is demo data, not prescribing guidance.
 */
export interface DemoCondition {
  icd10: string;
  label: string;
  department: string;
  complaint: string;
  regimen: readonly { drug: string; dose: string; frequency: string }[];
  labs: readonly { test: string; unit: string; low: number; high: number; decimals: number }[];
}

export const departments = [
  'cardiology',
  'endocrinology',
  'respiratory',
  'general-medicine',
  'rheumatology',
  'neurology',
] as const;

export const conditions: readonly DemoCondition[] = [
  {
    icd10: 'I10', label: '原发性高血压', department: 'cardiology', complaint: '血压控制复诊，偶有头晕',
    regimen: [{ drug: 'amlodipine', dose: '5 mg', frequency: 'qd' }, { drug: 'losartan', dose: '50 mg', frequency: 'qd' }],
    labs: [{ test: '血钾', unit: 'mmol/L', low: 3.5, high: 5.3, decimals: 1 }, { test: '肌酐', unit: 'μmol/L', low: 57, high: 111, decimals: 0 }],
  },
  {
    icd10: 'I25.1', label: '动脉粥样硬化性心脏病', department: 'cardiology', complaint: '胸闷复诊，活动后气短',
    regimen: [{ drug: 'aspirin', dose: '100 mg', frequency: 'qd' }, { drug: 'atorvastatin', dose: '20 mg', frequency: 'qn' }],
    labs: [{ test: '低密度脂蛋白胆固醇', unit: 'mmol/L', low: 1.0, high: 3.4, decimals: 2 }],
  },
  {
    icd10: 'I48', label: '心房颤动', department: 'cardiology', complaint: '心悸复诊，抗凝随访',
    regimen: [{ drug: 'rivaroxaban', dose: '20 mg', frequency: 'qd' }, { drug: 'metoprolol', dose: '47.5 mg', frequency: 'qd' }],
    labs: [{ test: '血红蛋白', unit: 'g/L', low: 115, high: 175, decimals: 0 }],
  },
  {
    icd10: 'E11.9', label: '2型糖尿病', department: 'endocrinology', complaint: '血糖监测复诊',
    regimen: [{ drug: 'metformin', dose: '500 mg', frequency: 'tid' }, { drug: 'gliclazide', dose: '30 mg', frequency: 'qd' }],
    labs: [{ test: '糖化血红蛋白', unit: '%', low: 4.0, high: 6.0, decimals: 1 }, { test: '空腹血糖', unit: 'mmol/L', low: 3.9, high: 6.1, decimals: 1 }],
  },
  {
    icd10: 'E03.9', label: '甲状腺功能减退症', department: 'endocrinology', complaint: '甲功复查',
    regimen: [{ drug: 'levothyroxine', dose: '50 mcg', frequency: 'qd' }],
    labs: [{ test: '促甲状腺激素', unit: 'mIU/L', low: 0.27, high: 4.2, decimals: 2 }],
  },
  {
    icd10: 'E78.0', label: '高胆固醇血症', department: 'endocrinology', complaint: '血脂复查',
    regimen: [{ drug: 'rosuvastatin', dose: '10 mg', frequency: 'qn' }],
    labs: [{ test: '总胆固醇', unit: 'mmol/L', low: 2.8, high: 5.2, decimals: 2 }],
  },
  {
    icd10: 'J45.9', label: '支气管哮喘', department: 'respiratory', complaint: '哮喘控制评估',
    regimen: [{ drug: 'montelukast', dose: '10 mg', frequency: 'qn' }, { drug: 'salbutamol', dose: '100 mcg', frequency: 'prn' }],
    labs: [{ test: '嗜酸性粒细胞计数', unit: '10^9/L', low: 0.02, high: 0.52, decimals: 2 }],
  },
  {
    icd10: 'J44.9', label: '慢性阻塞性肺疾病', department: 'respiratory', complaint: '咳嗽咳痰复诊',
    regimen: [{ drug: 'salbutamol', dose: '100 mcg', frequency: 'prn' }],
    labs: [{ test: '血氧饱和度', unit: '%', low: 95, high: 100, decimals: 0 }],
  },
  {
    icd10: 'K21.9', label: '胃食管反流病', department: 'general-medicine', complaint: '反酸烧心复诊',
    regimen: [{ drug: 'omeprazole', dose: '20 mg', frequency: 'qd' }],
    labs: [],
  },
  {
    icd10: 'M10.9', label: '痛风', department: 'rheumatology', complaint: '尿酸控制复诊',
    regimen: [{ drug: 'allopurinol', dose: '100 mg', frequency: 'qd' }],
    labs: [{ test: '血尿酸', unit: 'μmol/L', low: 208, high: 428, decimals: 0 }],
  },
  {
    icd10: 'M06.9', label: '类风湿关节炎', department: 'rheumatology', complaint: '关节疼痛复诊',
    regimen: [{ drug: 'methotrexate', dose: '10 mg', frequency: 'qw' }],
    labs: [{ test: '丙氨酸氨基转移酶', unit: 'U/L', low: 9, high: 50, decimals: 0 }],
  },
  {
    icd10: 'G40.9', label: '癫痫', department: 'neurology', complaint: '发作控制随访',
    regimen: [{ drug: 'levetiracetam', dose: '500 mg', frequency: 'bid' }],
    labs: [],
  },
  {
    icd10: 'F32.9', label: '抑郁发作', department: 'neurology', complaint: '情绪评估复诊',
    regimen: [{ drug: 'sertraline', dose: '50 mg', frequency: 'qd' }],
    labs: [],
  },
];

export const allergens: readonly { allergen: string; reaction: string }[] = [
  { allergen: 'penicillin', reaction: '皮疹' },
  { allergen: 'sulfonamides', reaction: '荨麻疹' },
  { allergen: 'aspirin', reaction: '哮喘发作' },
  { allergen: 'cephalosporins', reaction: '皮疹' },
  { allergen: 'iodinated contrast', reaction: '恶心、皮疹' },
  { allergen: 'seafood', reaction: '荨麻疹' },
];

/** Six-digit administrative division codes (GB/T 2260) used for masked ID numbers. */
export const regionCodes = ['110105', '310104', '440106', '330106', '510107', '420106', '320102', '370102'];

/** Measurements the chart draws as trends (shared/domain/trends.ts), added per visit to these conditions. */
export const chartLabsByCondition: Readonly<Record<string, readonly ('bloodPressure' | 'egfr' | 'inr')[]>> = {
  'I10': ['bloodPressure', 'egfr'],
  'I25.1': ['bloodPressure'],
  'I48': ['bloodPressure', 'inr'],
  'E11.9': ['bloodPressure', 'egfr'],
};

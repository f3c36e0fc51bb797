/**
 * The regulations behind the rules that are not drug-specific. Titles only where we are not certain
 * of a document number: a wrong number would be a made-up citation.
 */
export const regulationSources = {
  /** 第六条: 每张处方不得超过5种药品; 第十九条: 一般不超过7日用量, 急诊不超过3日; 第二十三条: 麻精药品限量. */
  prescriptionRules: '《处方管理办法》(卫生部令第53号, 2007)',
  /** 长期处方一般4周内, 病情稳定者最长不超过12周; 抗微生物药物、麻精毒放等不得开具长期处方. */
  longPrescription: '《长期处方管理规范(试行)》(国家卫生健康委, 国家医保局, 2021)',
  /** 复诊方可互联网诊疗; 不得开具麻醉药品、精神药品等特殊管理药品; 6岁以下须监护人陪伴. */
  internetDiagnosis: '《互联网诊疗管理办法(试行)》(国家卫生健康委, 国家中医药管理局, 2018); 《互联网诊疗监管细则(试行)》(2022)',
  controlCatalogues: '《麻醉药品品种目录(2013年版)》《精神药品品种目录(2013年版)》; 《医疗用毒性药品管理办法》(1988)',
  /** 重复给药 is an inappropriate prescription under the review standard. */
  prescriptionReview: '《医院处方点评管理规范(试行)》(卫生部, 2010)',
  formulary: 'CareDesk formulary (resources/rx/formulary)',
  /** A hospital keeps its own formulary (药品处方集) through its pharmacy and therapeutics committee. */
  hospitalFormulary: '本院药品处方集 (hospital formulary); 《医疗机构药事管理规定》(2011)',
  allergyRecord: 'Patient allergy record; allergy classes in resources/rx/allergy-classes.json',
} as const;

import { useTranslation } from 'react-i18next';
import { returnReasons } from '../../../../shared/review/reasons';

/**
 * The structured return reasons of resources/review/return-reasons.json, grouped as the review
 * standard checks them (legality, format, appropriateness: 《医疗机构处方审核规范》第十五至十七条),
 * labelled from the data file itself in the UI's language, each with the clause it cites.
 */
export function ReasonPicker({ chosen, onChange }: { chosen: readonly string[]; onChange: (codes: string[]) => void }) {
  const { t, i18n } = useTranslation();
  const label = (entry: { zh: string; en: string }) => (i18n.language === 'en' ? entry.en : entry.zh);
  const toggle = (code: string, on: boolean) => onChange(on ? [...chosen, code] : chosen.filter((c) => c !== code));
  return (
    <div className="review-reasons" data-testid="return-reasons">
      {returnReasons.categories.map((category) => (
        <fieldset key={category.code} data-category={category.code}>
          <legend>
            {label(category)} <span className="muted small">{category.source}</span>
          </legend>
          {category.reasons.map((reason) => (
            <label key={reason.code} className="review-reason">
              <input
                type="checkbox"
                name="reason"
                value={reason.code}
                checked={chosen.includes(reason.code)}
                onChange={(e) => toggle(reason.code, e.target.checked)}
              />
              <span>{label(reason)}</span>
              <span className="muted small">{reason.source}</span>
            </label>
          ))}
        </fieldset>
      ))}
      <p className="muted small">{t('review.decide.reasonsCite')}</p>
    </div>
  );
}

/** A stored reason code as the physician and the exchange read it, in the UI's language. */
export function reasonLabel(code: string, language: string): string {
  for (const category of returnReasons.categories) {
    const reason = category.reasons.find((r) => r.code === code);
    if (reason) return `${language === 'en' ? category.en : category.zh} · ${language === 'en' ? reason.en : reason.zh}`;
  }
  return code;
}

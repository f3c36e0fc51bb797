import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { PrescriptionItem } from '../../../../shared/sync/wire';

/** The items of a prescription as they are (or will be) signed: one row per drug, in the UI's language. */
export function SignedItemsTable({ items }: { items: readonly z.infer<typeof PrescriptionItem>[] }) {
  const { t } = useTranslation();
  return (
    <table className="rx-sign-items">
      <tbody>
        {items.map((i, n) => (
          <tr key={n}>
            <td>{i.drugNameZh} {i.drug}</td>
            <td>{i.dose} {i.route ? t(`rx.routes.${i.route}`, { defaultValue: i.route }) : ''} {t(`rx.frequencies.${i.frequency}`, { defaultValue: i.frequency })}</td>
            <td>{t('rx.daysCount', { count: i.days })}</td>
            <td>{i.quantity !== undefined ? t('rx.quantity', { value: i.quantity, unit: t(`rx.forms.${i.quantityUnit ?? ''}`, { defaultValue: i.quantityUnit ?? '' }) }) : ''}</td>
            <td>{i.indication}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

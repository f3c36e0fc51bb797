import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { roles as allRoles, type Role } from '../../../../../shared/domain/roles';
import { pharmacistTitles, type ReviewerQualification } from '../../../../../shared/review/wire';
import type { AdminAccountView } from '../../../../../shared/sync/admin';
import { invoke } from '../../../api';
import { errorText } from '../../../i18n';
import { useConsoleCall } from './useConsoleCall';

const blank = { account: '', displayName: '', password: '', department: '', licenceNo: '' };
const noReviewer: ReviewerQualification = { title: 'pharmacist', dispensingYears: 0, trainingPassed: false };

/**
 * The hospital's accounts (issue 12): create one with its roles, department, licence and, for a
 * pharmacist, the reviewer qualification; suspend, reinstate, reset a password. The server
 * validates and records each action; its refusal is shown as it comes.
 */
export function AccountsPanel() {
  const { t } = useTranslation();
  const { busy, error, run } = useConsoleCall();
  const [accounts, setAccounts] = useState<AdminAccountView[] | null>(null);
  const [form, setForm] = useState(blank);
  const [roles, setRoles] = useState<Role[]>(['physician']);
  const [reviewer, setReviewer] = useState<ReviewerQualification | null>(null);
  const [resetting, setResetting] = useState<{ id: string; password: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = () => run(() => invoke('admin:accounts:list', {})).then((value) => value && setAccounts(value.accounts));
  useEffect(() => {
    void load();
  }, []);

  const toggleRole = (role: Role, on: boolean) => {
    const next = on ? [...roles, role] : roles.filter((r) => r !== role);
    setRoles(next);
    if (!next.includes('pharmacist')) setReviewer(null);
  };
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const created = await run(() => invoke('admin:accounts:create', { ...form, roles, ...(reviewer ? { reviewer } : {}) }));
    if (!created) return;
    setForm(blank);
    setReviewer(null);
    setDone(t('console.accounts.created', { account: created.account }));
    await load();
  };
  const update = async (account: AdminAccountView, changes: { suspended?: boolean; password?: string }, message: string) => {
    setDone(null);
    const updated = await run(() => invoke('admin:accounts:update', { id: account.id, changes }));
    if (!updated) return;
    setResetting(null);
    setDone(message);
    await load();
  };
  const field = (name: keyof typeof blank, type = 'text') => (
    <label>
      {t(`console.accounts.${name}`)}
      <input name={name} type={type} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })} />
    </label>
  );

  return (
    <section className="panel" data-testid="console-accounts">
      <h3>{t('console.accounts.title')}</h3>
      {error && <p className="error" role="alert" data-error-code={error.code}>{errorText(error)}</p>}
      {done && <p className="notice" role="status" data-testid="console-accounts-done">{done}</p>}
      {accounts && (
        <table className="admin-items">
          <thead>
            <tr>
              <th>{t('console.accounts.account')}</th>
              <th>{t('console.accounts.displayName')}</th>
              <th>{t('console.accounts.roles')}</th>
              <th>{t('console.accounts.department')}</th>
              <th>{t('console.accounts.licenceNo')}</th>
              <th>{t('console.accounts.reviewer')}</th>
              <th>{t('console.accounts.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id} data-account={a.account} data-suspended={a.suspended}>
                <td className="mono">{a.account}</td>
                <td>{a.displayName}</td>
                <td>{a.roles.map((r) => t(`roles.${r}`)).join('、')}</td>
                <td>{t(`departments.${a.department}`, { defaultValue: a.department })}</td>
                <td className="mono">{a.licenceNo}</td>
                <td className="small">
                  {a.reviewer ? t('console.accounts.reviewerSummary', { title: t(`console.titles.${a.reviewer.title}`), years: a.reviewer.dispensingYears, training: t(a.reviewer.trainingPassed ? 'console.accounts.trained' : 'console.accounts.untrained') }) : '—'}
                </td>
                <td>{a.suspended ? <span className="tag warn">{t('console.accounts.suspended')}</span> : t('console.accounts.active')}</td>
                <td className="inline-form">
                  {a.suspended ? (
                    <button className="secondary account-reinstate" disabled={busy} onClick={() => void update(a, { suspended: false }, t('console.accounts.reinstated', { account: a.account }))}>
                      {t('console.accounts.reinstate')}
                    </button>
                  ) : (
                    <button className="secondary account-suspend" disabled={busy} onClick={() => void update(a, { suspended: true }, t('console.accounts.suspendedDone', { account: a.account }))}>
                      {t('console.accounts.suspend')}
                    </button>
                  )}
                  {resetting?.id === a.id ? (
                    <>
                      <input aria-label={t('console.accounts.newPassword')} type="password" value={resetting.password} onChange={(e) => setResetting({ id: a.id, password: e.target.value })} />
                      <button disabled={busy} onClick={() => void update(a, { password: resetting.password }, t('console.accounts.passwordReset', { account: a.account }))}>
                        {t('console.accounts.savePassword')}
                      </button>
                    </>
                  ) : (
                    <button className="secondary account-reset" disabled={busy} onClick={() => setResetting({ id: a.id, password: '' })}>
                      {t('console.accounts.resetPassword')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">{t('console.accounts.resetExplain')}</p>

      <form className="account-create" data-testid="console-account-create" onSubmit={(e) => void create(e)}>
        <h4>{t('console.accounts.create')}</h4>
        <div className="face-policy">
          {field('account')}
          {field('displayName')}
          {field('password', 'password')}
          {field('department')}
          {field('licenceNo')}
          <fieldset>
            <legend>{t('console.accounts.roles')}</legend>
            {allRoles.map((role) => (
              <label key={role} className="consent-check">
                <input type="checkbox" name={`role-${role}`} checked={roles.includes(role)} onChange={(e) => toggleRole(role, e.target.checked)} />
                {t(`roles.${role}`)}
              </label>
            ))}
          </fieldset>
          {roles.includes('pharmacist') && (
            <fieldset>
              <legend>{t('console.accounts.reviewer')}</legend>
              <label className="consent-check">
                <input type="checkbox" name="isReviewer" checked={reviewer !== null} onChange={(e) => setReviewer(e.target.checked ? noReviewer : null)} />
                {t('console.accounts.isReviewer')}
              </label>
              {reviewer && (
                <>
                  <label>
                    {t('console.accounts.reviewerTitle')}
                    <select name="reviewerTitle" value={reviewer.title} onChange={(e) => setReviewer({ ...reviewer, title: pharmacistTitles.find((x) => x === e.target.value) ?? 'pharmacist' })}>
                      {pharmacistTitles.map((title) => <option key={title} value={title}>{t(`console.titles.${title}`)}</option>)}
                    </select>
                  </label>
                  <label>
                    {t('console.accounts.dispensingYears')}
                    <input name="dispensingYears" type="number" min="0" step="1" value={reviewer.dispensingYears} onChange={(e) => setReviewer({ ...reviewer, dispensingYears: Number(e.target.value) })} />
                  </label>
                  <label className="consent-check">
                    <input type="checkbox" name="trainingPassed" checked={reviewer.trainingPassed} onChange={(e) => setReviewer({ ...reviewer, trainingPassed: e.target.checked })} />
                    {t('console.accounts.trainingPassed')}
                  </label>
                </>
              )}
            </fieldset>
          )}
        </div>
        <div className="rx-actions">
          <button type="submit" className="account-create-submit" disabled={busy}>{t('console.accounts.createSubmit')}</button>
        </div>
      </form>
    </section>
  );
}

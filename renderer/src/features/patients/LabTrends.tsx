import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Trend } from '../../../../shared/domain/chart';

/** Colours with at least 4.5:1 contrast on white (WCAG 2 AA), told apart by dash as well as hue. */
const lineColours = ['#0b6e99', '#9c2a00'] as const;

/** A line per repeated test (HbA1c, blood pressure, eGFR, potassium, INR), oldest to newest. */
export function LabTrends({ trends }: { trends: Trend[] }) {
  const { t } = useTranslation();
  if (trends.length === 0) return null;
  return (
    <section className="panel" data-testid="lab-trends">
      <h3>{t('chart.trends.title')}</h3>
      <div className="trend-charts">
        {trends.map((trend) => {
          const name = t(`chart.trends.test.${trend.test}`, { defaultValue: trend.test });
          const pressure = trend.points.some((p) => p.diastolic !== null);
          const last = trend.points.at(-1)!;
          return (
            <figure key={trend.test} className="trend" data-test={trend.test}>
              <figcaption>
                {name} ({trend.unit}) · {t('chart.trends.latest', { value: pressure ? `${last.value}/${last.diastolic}` : last.value, date: last.takenOn, count: trend.points.length })}
              </figcaption>
              <div role="img" aria-label={t('chart.trends.chartLabel', { test: name, count: trend.points.length })}>
                <ResponsiveContainer width="100%" height={180}>
                  <LineChart data={trend.points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
                    <CartesianGrid stroke="#d9e2ec" />
                    <XAxis dataKey="takenOn" tick={{ fontSize: 11, fill: '#1f2933' }} minTickGap={24} />
                    <YAxis tick={{ fontSize: 11, fill: '#1f2933' }} width={40} domain={['auto', 'auto']} />
                    <Tooltip />
                    {pressure && <Legend />}
                    <Line type="monotone" dataKey="value" name={pressure ? t('chart.trends.systolic') : name} stroke={lineColours[0]} dot={trend.points.length < 30} isAnimationActive={false} />
                    {pressure && <Line type="monotone" dataKey="diastolic" name={t('chart.trends.diastolic')} stroke={lineColours[1]} strokeDasharray="5 3" dot={trend.points.length < 30} isAnimationActive={false} />}
                  </LineChart>
                </ResponsiveContainer>
              </div>
            </figure>
          );
        })}
      </div>
    </section>
  );
}

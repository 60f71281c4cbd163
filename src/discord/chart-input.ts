/**
 * The chart of a metric table, for `/metric`. The QA module's `metricChart` decides which values
 * are comparable when it provides one; until then (and if it is absent) the same rule is applied
 * here: achieved levels of the metric's main kind and unit, one bar per region and year.
 */
import type { ChartInput, ChartPoint } from '../charts/chart.js';
import * as qaMetrics from '../qa/metrics.js';
import type { MetricTable } from '../qa/metrics.js';

type MetricChart = (table: MetricTable) => ChartInput | null;

export function chartInputFor(table: MetricTable): ChartInput | null {
  const fromQa = (qaMetrics as unknown as { metricChart?: MetricChart }).metricChart;
  if (typeof fromQa === 'function') return fromQa(table);
  return comparableValues(table);
}

/** Achieved levels of the main kind and unit; the newest article wins for a region and year. */
export function comparableValues(table: MetricTable): ChartInput | null {
  const kind = table.metric.kinds[0];
  const levels = table.rows.filter((r) => r.change === 'level' && r.kind === kind && r.status === 'actual' && Number.isFinite(r.value));
  const unit = levels[0]?.fact.unit;
  const byKey = new Map<string, (typeof levels)[number]>();
  for (const r of levels) {
    if (r.fact.unit !== unit) continue;
    const key = `${r.region ?? ''}|${r.year ?? ''}`;
    const seen = byKey.get(key);
    if (!seen || (r.date ?? '') > (seen.date ?? '')) byKey.set(key, r);
  }
  const rows = [...byKey.values()].sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || a.regionName.localeCompare(b.regionName));
  if (rows.length < 2) return null;
  const points: ChartPoint[] = rows.map((r) => ({
    label: `${r.regionName}${r.year !== null ? ` ${r.year}` : ''}`,
    region: r.regionName,
    year: r.year,
    value: r.value,
    target: false,
    text: r.text,
  }));
  return { title: table.metric.name, valueLabel: table.metric.name, points };
}

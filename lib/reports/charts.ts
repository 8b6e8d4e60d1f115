import 'server-only';
import * as echarts from 'echarts';

/**
 * The dashboard's charts as SVG drawn on the server by Apache ECharts' SSR renderer: no chart
 * code reaches the browser, the page prints as it shows, and the figures behind every chart are
 * in the table beside it (each number a link to its forms). Labels arrive translated.
 */

const width = 720;
const height = 320;
const palette = ['#1d4ed8', '#b45309', '#047857', '#be123c', '#7c3aed', '#0e7490', '#4d7c0f', '#9f1239', '#475569'];
const font = 'system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

/**
 * ECharts writes a <style> block (hover effects) and style="" attributes, both of which the
 * portal's CSP (style-src with a nonce) refuses: the hover rules go (a static chart has no
 * hover), the inline styles become SVG presentation attributes, which need no permission.
 */
export function cspSafeSvg(svg: string): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_, css: string) =>
      css
        .split(';')
        .map((decl) => decl.trim())
        .filter(Boolean)
        .map((decl) => {
          const i = decl.indexOf(':');
          const name = decl.slice(0, i).trim();
          const value = decl.slice(i + 1).trim();
          return /^[a-z-]+$/.test(name) ? ` ${name}="${value.replace(/"/g, '&quot;')}"` : '';
        })
        .join(''),
    );
}

function render(option: echarts.EChartsCoreOption, h = height): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height: h });
  try {
    chart.setOption({ animation: false, color: palette, textStyle: { fontFamily: font }, ...option });
    return cspSafeSvg(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

const quiet = { emphasis: { disabled: true }, silent: true };

/** Forms received per bucket, stacked by category. */
export function volumeChart(buckets: string[], series: { name: string; data: number[] }[]): string {
  return render({
    legend: { type: 'plain', bottom: 0 },
    grid: { left: 48, right: 16, top: 16, bottom: 64 },
    xAxis: { type: 'category', data: buckets },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({ ...quiet, type: 'bar', stack: 'forms', name: s.name, data: s.data })),
  });
}

/** The share of each step done by its deadline, in percent. */
export function complianceChart(steps: { name: string; percent: number | null }[], label: string): string {
  return render({
    grid: { left: 120, right: 48, top: 16, bottom: 24 },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: steps.map((s) => s.name), inverse: true },
    series: [
      {
        ...quiet,
        type: 'bar',
        name: label,
        data: steps.map((s) => s.percent ?? 0),
        label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => (steps[p.dataIndex].percent === null ? '—' : `${steps[p.dataIndex].percent}%`) },
      },
    ],
  }, Math.max(200, 28 * steps.length + 48));
}

/** Average satisfaction (1–5) per bucket, with the number of answers. */
export function satisfactionChart(buckets: string[], average: (number | null)[], answered: number[], labels: { average: string; answered: string }): string {
  return render({
    legend: { bottom: 0 },
    grid: { left: 48, right: 48, top: 16, bottom: 56 },
    xAxis: { type: 'category', data: buckets },
    yAxis: [
      { type: 'value', min: 0, max: 5, interval: 1 },
      { type: 'value', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      { ...quiet, type: 'bar', name: labels.answered, yAxisIndex: 1, data: answered, itemStyle: { color: '#cbd5e1' } },
      { ...quiet, type: 'line', name: labels.average, data: average, connectNulls: true, symbolSize: 6 },
    ],
  });
}

/** Each department's open forms and, of them, the overdue. */
export function departmentChart(names: string[], open: number[], overdue: number[], labels: { open: string; overdue: string }): string {
  return render({
    legend: { bottom: 0 },
    grid: { left: 48, right: 16, top: 16, bottom: 56 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { ...quiet, type: 'bar', name: labels.open, data: open, itemStyle: { color: '#1d4ed8' } },
      { ...quiet, type: 'bar', name: labels.overdue, data: overdue, itemStyle: { color: '#be123c' } },
    ],
  });
}

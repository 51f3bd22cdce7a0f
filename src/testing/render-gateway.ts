// The `test --gateway` report: `test`'s lines and JSON (render.ts), then the cases where a gateway and the offline
// evaluation disagree, and the engines whose cases were not sent. Text shows quoted names with control characters
// escaped, as render.ts does.
import { oneLine } from '../render/sanitize.js';
import { plural } from '../text.js';
import type { GatewayCaseResult, GatewayTestReport } from './gateway-report.js';
import { caseJson, caseLines, coverageLines, summaryLine } from './render.js';

const safe = (text: string) => oneLine(text, 4000);
const asCase = (c: GatewayCaseResult) => ({ ...c, reasons: c.reasons ?? [] });

export function renderGatewayTestReport(report: GatewayTestReport, format: 'text' | 'json', path: (file: string) => string = (file) => file): string {
  if (format === 'json') {
    const cases = report.cases.map((c) => ({ ...caseJson(asCase(c)), reasons: c.reasons, ...(c.requestId && { requestId: c.requestId }) }));
    const disagreements = report.disagreements.map(({ name, engine, gateway, offline }) => ({ name, engine, gateway, offline }));
    const { passed, failed, uncovered, coverageUnknown, enginesNotRun } = report;
    return `${JSON.stringify({ passed, failed, cases, uncovered, coverageUnknown, disagreements, enginesNotRun }, null, 2)}\n`;
  }
  const ran = report.cases.length > 0 || report.enginesNotRun.length === 0;
  const lines = [...caseLines(report.cases.map(asCase), path), ...(report.cases.length > 0 ? [''] : []), summaryLine(report)];
  if (ran) lines.push(...coverageLines(report.uncovered).filter((line) => report.coverageUnknown.length === 0 || !line.startsWith('Coverage: every')));
  for (const engine of report.coverageUnknown) {
    lines.push(`Coverage: ${safe(engine)}: not known (the gateway names the policies that decided a denied call only)`);
  }
  if (ran && report.disagreements.length === 0) lines.push('The gateways and the offline evaluation agree on every case.');
  if (report.disagreements.length > 0) lines.push(`The gateways and the offline evaluation disagree on ${plural(report.disagreements.length, 'case')}:`);
  for (const d of report.disagreements) {
    lines.push(`  ${safe(d.name)} [${safe(d.engine)}]: gateway ${decided(d.gateway)}, offline ${decided(d.offline)}`);
  }
  for (const { engine, message } of report.enginesNotRun) lines.push(`Not sent through the gateway: ${safe(engine)}: ${safe(message)}`);
  return `${lines.join('\n')}\n`;
}

function decided(side: { actual: string; reasons: string[] | null }): string {
  return side.reasons === null ? side.actual : `${side.actual} [${side.reasons.join(', ')}]`;
}

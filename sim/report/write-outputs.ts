import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatJunitXml } from './junit-xml.js';
import { formatReportHtml } from './report-html.js';
import type { Report } from './report-types.js';

export const REPORT_FILES = { json: 'report.json', junit: 'junit.xml', html: 'report.html' } as const;

/** Writes report.json, junit.xml and report.html into the run folder. */
export function writeReportFiles(report: Report, outDir: string): void {
  writeFileSync(join(outDir, REPORT_FILES.json), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(outDir, REPORT_FILES.junit), formatJunitXml(report));
  writeFileSync(join(outDir, REPORT_FILES.html), formatReportHtml(report));
}

import { existsSync, readFileSync, rmSync } from 'node:fs';

/** The closing line `tests: N passed, N failed`, from Vitest's JSON report (shared by npm test and test:pg). */
export function summaryLine(reportPath, vitestStatus) {
  if (!existsSync(reportPath)) return `tests: no results (vitest exited with code ${vitestStatus} before writing its report)`;
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that fails outside any test (import error, failing beforeAll) fails no test: say so.
  const fileErrors = (report.testResults ?? []).filter((file) => file.status === 'failed' && file.message).length;
  let line = `tests: ${report.numPassedTests ?? 0} passed, ${report.numFailedTests ?? 0} failed`;
  if (skipped) line += `, ${skipped} skipped`;
  if (fileErrors) line += `, ${fileErrors} test file${fileErrors === 1 ? '' : 's'} failed to run`;
  if (vitestStatus !== 0 && !report.numFailedTests && !fileErrors) line += ` (vitest exited with code ${vitestStatus}: see errors above)`;
  return line;
}

/** Prints the closing line, removes the report, and exits with Vitest's code. */
export function reportAndExit(reportPath, reportDir, code) {
  let line;
  try {
    line = summaryLine(reportPath, code);
  } catch (error) {
    line = `tests: unreadable vitest report (${error.message})`;
  }
  rmSync(reportDir, { recursive: true, force: true });
  console.log(line);
  process.exit(code);
}

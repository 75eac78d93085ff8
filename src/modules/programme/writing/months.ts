/** Months are "YYYY-MM" strings (UTC): what a report is about. */
export const periodOf = (date: Date): string => date.toISOString().slice(0, 7);

export function nextPeriod(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** A month's report is due by the 5th of the next month: it is late from the 6th, 00:00 UTC. */
export const lateFrom = (period: string): Date => new Date(`${nextPeriod(period)}-06T00:00:00Z`);

/** The months a deployment covers, from the month it starts to the month it ends (both days "YYYY-MM-DD"). */
export function periodsBetween(startsOn: string, endsOn: string): string[] {
  const periods: string[] = [];
  const last = endsOn.slice(0, 7);
  for (let period = startsOn.slice(0, 7); period <= last; period = nextPeriod(period)) periods.push(period);
  return periods;
}

/** The months past their due date that have no submitted report: what the operator chases. */
export function lateMonths(deployment: { starts_on: string; ends_on: string }, reportedPeriods: ReadonlySet<string>, now: Date): string[] {
  return periodsBetween(deployment.starts_on, deployment.ends_on).filter((period) => lateFrom(period) <= now && !reportedPeriods.has(period));
}

/** The months a volunteer may report on: the deployment's, up to the current one. */
export const reportablePeriods = (deployment: { starts_on: string; ends_on: string }, now: Date): string[] =>
  periodsBetween(deployment.starts_on, deployment.ends_on).filter((period) => period <= periodOf(now));

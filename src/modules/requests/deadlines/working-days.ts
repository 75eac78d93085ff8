// Placeholder until the working-day calendar with public holidays lands: weekends only.
export interface WorkingCalendar {
  country: string;
  closures: readonly { from: string; to: string }[];
}

const dayOfWeek = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  const day = dayOfWeek(date);
  return day !== 0 && day !== 6 && !calendar.closures.some((c) => c.from <= date && date <= c.to);
}

export function addWorkingDays(start: string, days: number, calendar: WorkingCalendar): string {
  let current = new Date(`${start}T00:00:00Z`);
  for (let counted = 0; counted < days; ) {
    current = new Date(current.getTime() + 86_400_000);
    if (isWorkingDay(current.toISOString().slice(0, 10), calendar)) counted += 1;
  }
  return current.toISOString().slice(0, 10);
}

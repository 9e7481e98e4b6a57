/** The sizes the generator knows. `tiny` exists for the test suite; the others are those of the issue. */
export interface ScaleSpec {
  name: string;
  /** Wards and communes (the units that report). */
  units: number;
  /** Share of those that are wards (phường); the rest are communes (xã). */
  wardShare: number;
  /** Committees above them that organise meetings (one city committee; 34 provinces nationally). */
  committees: number;
  /** Everyone, committee staff included. */
  people: number;
  /** Share of people who are party members. */
  memberShare: number;
  /** Years of tasks, meetings and activities (ending with the benchmark year). */
  years: number;
  /** Years of personal plans and evaluations (ending with the benchmark year). */
  planYears: number;
  tasksPerYear: number;
  /** Share of tasks that are breakthroughs. */
  breakthroughShare: number;
  /** Totals over all the years. */
  meetings: number;
  speeches: number;
  activities: number;
}

export const SCALES: Record<string, ScaleSpec> = {
  tiny: {
    name: 'tiny', units: 4, wardShare: 1, committees: 1, people: 60, memberShare: 0.8, years: 2, planYears: 2,
    tasksPerYear: 80, breakthroughShare: 0.05, meetings: 4, speeches: 24, activities: 96,
  },
  district: {
    name: 'district', units: 10, wardShare: 1, committees: 1, people: 2_000, memberShare: 0.8, years: 3, planYears: 3,
    tasksPerYear: 600, breakthroughShare: 0.05, meetings: 30, speeches: 330, activities: 1_500,
  },
  city: {
    name: 'city', units: 168, wardShare: 113 / 168, committees: 1, people: 300_000, memberShare: 0.8, years: 3, planYears: 3,
    tasksPerYear: 100_000, breakthroughShare: 0.05, meetings: 2_000, speeches: 25_000, activities: 50_000,
  },
  national: {
    name: 'national', units: 3_321, wardShare: 687 / 3_321, committees: 34, people: 5_000_000, memberShare: 0.8, years: 1, planYears: 1,
    tasksPerYear: 1_000_000, breakthroughShare: 0.05, meetings: 4_000, speeches: 50_000, activities: 200_000,
  },
};

export function scaleNames(): string[] {
  return Object.keys(SCALES);
}

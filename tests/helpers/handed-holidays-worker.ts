/**
 * A worker for tests/sla/holidays-handed-over.test.ts: takes the public holidays another thread
 * computed, then compiles a calendar, checks specs and measures working time between instants,
 * and says whether date-holidays was loaded in this thread.
 */
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import {
  addHolidayYears,
  type CalendarSpec,
  checkCalendar,
  compileCalendar,
  type HolidayYears,
  workingMsBetween,
} from '../../scripts/derive/calendar/index.ts';

const { holidays, spec, checked, spans } = workerData as {
  holidays: HolidayYears;
  spec: CalendarSpec;
  checked: CalendarSpec[];
  spans: [number, number][];
};
addHolidayYears(holidays);
const problems = checked.map((s) => checkCalendar(s).map((p) => p.code));
const calendar = compileCalendar(spec);
const working = spans.map(([from, to]) => workingMsBetween(calendar, from, to));
const loaded = Object.keys(createRequire(import.meta.url).cache).some((file) =>
  file.includes('/date-holidays/'),
);
parentPort?.postMessage({ problems, working, loaded });

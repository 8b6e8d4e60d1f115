import { z } from 'zod';

/** A year of the business calendar, for the import and the confirmation. */
export const calendarYearSchema = z.strictObject({ year: z.number().int().min(2000).max(2100) });
export type CalendarYearInput = z.input<typeof calendarYearSchema>;

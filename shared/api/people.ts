import { z } from 'zod';
import { isIsoDate } from '../people/date';
import { TIME_POINTS, screeningWindowsSchema } from '../people/perinatal';
import { rowIssueSchema } from '../people/issues';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isIsoDate, 'not a calendar date');

export const sexSchema = z.enum(['M', 'F']);
export const studentStatusSchema = z.enum(['enrolled', 'transferred', 'graduated']);

export const studentInputSchema = z.object({
  studentNo: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(64),
  sex: sexSchema,
  birthDate: isoDate,
  grade: z.string().trim().min(1).max(32),
  className: z.string().trim().min(1).max(32),
});
export type StudentInput = z.infer<typeof studentInputSchema>;

export const studentSchema = studentInputSchema.extend({
  id: z.number().int(),
  status: studentStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Student = z.infer<typeof studentSchema>;

export const studentListInputSchema = z.object({
  query: z.string().trim().max(64).optional(),
  grade: z.string().optional(),
  className: z.string().optional(),
  limit: z.number().int().min(1).max(1000).default(200),
  offset: z.number().int().min(0).default(0),
});
export type StudentListInput = z.input<typeof studentListInputSchema>;

export { isoDate };

export const personKindSchema = z.enum(['student', 'woman']);
export type PersonKind = z.infer<typeof personKindSchema>;

/** Everything the registry holds about a person; fields of the other kind are null. */
export const personSchema = z.object({
  id: z.number().int(),
  kind: personKindSchema,
  name: z.string(),
  sex: sexSchema.nullable(),
  birthDate: z.string().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.string(),
  studentNo: z.string().nullable(),
  school: z.string().nullable(),
  grade: z.string().nullable(),
  gradeOrdinal: z.number().int().nullable(),
  className: z.string().nullable(),
  headTeacher: z.string().nullable(),
  guardianName: z.string().nullable(),
  guardianPhone: z.string().nullable(),
  handbookNo: z.string().nullable(),
  lmp: z.string().nullable(),
  edd: z.string().nullable(),
  gravidity: z.number().int().nullable(),
  parity: z.number().int().nullable(),
  deliveryDate: z.string().nullable(),
  township: z.string().nullable(),
  familyPsychHistory: z.boolean().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof personSchema>;

const timePointSchema = z.object({
  point: z.enum(TIME_POINTS),
  label: z.string(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  estimated: z.boolean(),
  /** Where the calendar alone puts it. */
  status: z.enum(['past', 'current', 'upcoming', 'skipped']),
  /** Where it stands with her screenings counted: see `timePointStates` in shared/people/perinatal. */
  state: z.enum(['upcoming', 'due', 'done', 'missed', 'skipped']),
  /** The day of the screening that completed it. */
  doneOn: z.string().nullable(),
});

/** Where a woman is in pregnancy or after delivery today, and her next due screening. */
export const perinatalStatusSchema = z.object({
  stage: z.enum(['early', 'mid', 'late', 'postpartum']).nullable(),
  stageLabel: z.string().nullable(),
  gestation: z.object({ weeks: z.number().int(), days: z.number().int() }).nullable(),
  postpartumDays: z.number().int().nullable(),
  timePoints: z.array(timePointSchema),
  nextDue: timePointSchema.nullable(),
  /** Past 42 weeks with no delivery date (待补录分娩): postpartum points rest on the EDD until entered. */
  deliveryNeeded: z.boolean(),
  daysPastDue: z.number().int().nullable(),
});
export type PerinatalStatus = z.infer<typeof perinatalStatusSchema>;

/**
 * A woman's perinatal case as the register shows it: the latest one (an open one first), its
 * state, five-colour risk and, once closed, why (a closure as 转出 takes her off the register).
 */
export const perinatalCaseSummarySchema = z.object({
  status: z.enum(['open', 'lifted', 'closed']),
  // riskColourSchema of ./cases, spelled here because that module imports this one.
  colour: z.enum(['green', 'yellow', 'orange', 'red']).nullable(),
  purple: z.boolean(),
  endReason: z.string().nullable(),
});
export type PerinatalCaseSummary = z.infer<typeof perinatalCaseSummarySchema>;

/**
 * Which women the register lists: on the register (the default: not transferred out), due a
 * screening now, past 42 weeks with the delivery date needed, transferred out, or everyone.
 */
export const registerShowSchema = z.enum(['registered', 'due', 'deliveryNeeded', 'transferred', 'all']);
export type RegisterShow = z.infer<typeof registerShowSchema>;

const windowVersionSchema = z.object({
  version: z.number().int(),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
});

/** The time-point windows in force (version 1 is the built-in default) and every version saved. */
export const windowSettingsSchema = z.object({
  active: windowVersionSchema.extend({ windows: screeningWindowsSchema }),
  defaults: screeningWindowsSchema,
  history: z.array(windowVersionSchema),
});
export type WindowSettings = z.infer<typeof windowSettingsSchema>;

export const personListItemSchema = personSchema.extend({
  perinatal: perinatalStatusSchema.nullable(),
  /**
   * Where the person stands now: the level of an open case (as confirmed at interview, else as
   * screened), otherwise the latest screening since the last case ended; null when neither.
   */
  level: z.string().nullable(),
  /** Women only; null for students, for a woman never taken on as a case, and for roles without levels. */
  perinatalCase: perinatalCaseSummarySchema.nullable(),
});
export type PersonListItem = z.infer<typeof personListItemSchema>;

export const personListInputSchema = z.object({
  kind: personKindSchema,
  query: z.string().trim().max(64).optional(),
  grade: z.string().max(32).optional(),
  className: z.string().max(32).optional(),
  township: z.string().max(64).optional(),
  stage: z.string().max(32).optional(),
  level: z.string().max(32).optional(),
  /** Women only (students ignore it). */
  show: registerShowSchema.default('registered'),
  sort: z.enum(['class', 'name', 'number', 'edd', 'updated']).default('class'),
  descending: z.boolean().default(false),
  limit: z.number().int().min(1).max(5000).default(200),
  offset: z.number().int().min(0).default(0),
});
export type PersonListInput = z.input<typeof personListInputSchema>;

export const personGroupsSchema = z.object({
  grades: z.array(
    z.object({
      grade: z.string(),
      classes: z.array(z.object({ className: z.string(), count: z.number().int() })),
    }),
  ),
  townships: z.array(z.object({ township: z.string(), count: z.number().int() })),
});

export const personEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.enum(['created', 'imported', 'updated', 'corrected', 'note']),
  by: z.string().nullable(),
  text: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});
export type PersonEvent = z.infer<typeof personEventSchema>;

/** Fields a correction may change; identity numbers are re-validated like an import row. */
export const personCorrectionSchema = z
  .object({
    name: z.string().trim().min(1).max(64),
    sex: sexSchema,
    birthDate: isoDate,
    phone: z.string().trim().max(32),
    school: z.string().trim().max(64),
    grade: z.string().trim().min(1).max(32),
    className: z.string().trim().min(1).max(32),
    headTeacher: z.string().trim().max(64),
    guardianName: z.string().trim().max(64),
    guardianPhone: z.string().trim().max(32),
    status: z.string().trim().max(32),
    handbookNo: z.string().trim().max(64),
    lmp: isoDate,
    edd: isoDate,
    deliveryDate: isoDate,
    gravidity: z.number().int().min(0).max(30),
    parity: z.number().int().min(0).max(30),
    township: z.string().trim().max(64),
    familyPsychHistory: z.boolean(),
  })
  .partial()
  .strict();
export type PersonCorrection = z.infer<typeof personCorrectionSchema>;

/**
 * One person added by hand: a roster row under its field keys (studentNo, name, sex, birthDate,
 * grade, className …; name, idNumber, handbookNo, lmp, edd, township …), as text the way a cell
 * holds it. It is read and checked exactly as an imported row is.
 */
export const addPersonInputSchema = z.object({
  kind: personKindSchema,
  values: z.record(z.string().max(32), z.string().max(200)),
});
export type AddPersonInput = z.infer<typeof addPersonInputSchema>;

/** Created, or the row's issues (nothing written); warnings (an EDD far from LMP + 280) either way. */
export const addPersonResultSchema = z.discriminatedUnion('created', [
  z.object({ created: z.literal(true), personId: z.number().int(), warnings: z.array(rowIssueSchema) }),
  z.object({
    created: z.literal(false),
    issues: z.array(rowIssueSchema),
    warnings: z.array(rowIssueSchema),
  }),
]);
export type AddPersonResult = z.infer<typeof addPersonResultSchema>;

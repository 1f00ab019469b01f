/** How a person is grouped on boards and progress lists: class for students, township for women. */
export const GROUP_SQL = `CASE WHEN p.kind = 'student' THEN coalesce(p.grade, '') || ' ' || coalesce(p.class_name, '')
  ELSE coalesce(p.township, '') END`;
export const GROUP_ORDER_SQL = 'p.grade_ordinal, p.grade, length(p.class_name), p.class_name, p.township';

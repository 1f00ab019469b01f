-- Everyone the organisation screens: students (school) and women (perinatal) share one
-- table so screenings, follow-ups and files can refer to a person by one id.
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('student', 'woman')),
  name TEXT NOT NULL,
  name_initials TEXT NOT NULL DEFAULT '',
  name_pinyin TEXT NOT NULL DEFAULT '',
  sex TEXT CHECK (sex IN ('M', 'F')),
  birth_date TEXT,
  id_number TEXT,
  phone TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  -- student
  student_no TEXT,
  school TEXT,
  grade TEXT,
  grade_ordinal INTEGER,
  class_name TEXT,
  head_teacher TEXT,
  guardian_name TEXT,
  guardian_phone TEXT,
  background TEXT,
  -- woman
  handbook_no TEXT,
  lmp TEXT,
  edd TEXT,
  gravidity INTEGER,
  parity INTEGER,
  delivery_date TEXT,
  township TEXT,
  family_psych_history INTEGER CHECK (family_psych_history IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (kind <> 'student' OR (student_no IS NOT NULL AND grade IS NOT NULL AND class_name IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX people_student_no ON people (student_no) WHERE kind = 'student';
CREATE UNIQUE INDEX people_id_number ON people (id_number) WHERE id_number IS NOT NULL;
CREATE INDEX people_class ON people (kind, grade_ordinal, grade, class_name, name);
CREATE INDEX people_township ON people (kind, township, name) WHERE kind = 'woman';

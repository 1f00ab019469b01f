-- A class teacher sees only the classes named here (JSON list of {grade, className}).
ALTER TABLE users ADD COLUMN classes TEXT;

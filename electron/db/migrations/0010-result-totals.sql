-- Each screening's totals without its scoring JSON: the 测评记录 sheet and the roster read the totals
-- of every screening in a period, and the results table's rows are mostly that JSON, so reading
-- them from the table decrypted most of its pages (0.7 s of CPU for 150,000 screenings).
CREATE INDEX screening_results_totals ON screening_results (screening_id, instrument_id, total);

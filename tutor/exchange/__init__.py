"""Question banks that travel: Moodle XML and GIFT, read into tutor's banks and written from them.

model (what a reader hands over, the report's notes) · html (tutor's plain text ↔ Moodle's HTML) ·
gift and moodle_xml (one reader and one writer per format) · convert (a file's questions → a bank
YAML that `tutor validate` accepts; a bank → the questions a writer writes, generated ones sampled).
Pure: no terminal, no store.
"""

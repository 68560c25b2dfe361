"""The course content: what lessons are made of, read from YAML and checked.

model (Course, Module, Section and the blocks a section holds: frozen dataclasses the screens
render) · yamlsource (YAML read with the line and column of every value, within size limits) ·
schema (the field specs every file is checked against, and their JSON Schema) · lessons (lesson
files → a checked Course) · problems (a problem found in a file, printed FILE:LINE:COL) · files
(finding the YAML files under a directory) · typography and style (French typography and the
glossary's terms, for `tutor validate`) · glossary (content/glossary.yaml, and docs/glossary.md
generated from it) · simulators (the simulator names a lesson may embed).

Question banks are read by `tutor.quiz.bank`, and lessons and banks are put together (and
cached) by `tutor.loader`. Importing this package imports nothing.
"""

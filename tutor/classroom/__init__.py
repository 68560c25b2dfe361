"""A class on one host: learners publish their results into a shared directory, the instructor watches it.

directory (the set-up: `tutor class init`, the permissions, what learners and the dashboard check)
· snapshot (what a learner publishes, built only through the `Store` interface) · publish (writing
it atomically, and the background publisher that never slows an answer) · reading (each learner's
file read as untrusted input) · model (`ClassView`: the mastery grid, the running attempts, the
questions ranked by difficulty, each learner's details) · render (the view as JSON and CSV) ·
watch (the directory's changes, from inotify through watchfiles) · learner (the learner's side:
which directory, and starting the publisher).

The permission model (docs/labs.md, "A class on one host"): the directory belongs to the instructor
and to the instructor's group, mode 3773 (setgid: every file gets the group; sticky: nobody removes
or renames another's file; others `-wx`: learners create files but cannot list the directory). Each
learner writes one file, `<login>.json`, mode 0640, owned by them: the instructor's group reads it,
no other learner does (learners are not members of that group).

No Textual here: the dashboard (tutor.ui.class_app) and the command line (tutor.cli.classroom) draw
what this package computes.
"""

"""Quizzes: question banks, grading, generated questions and sessions. Pure Python, no textual."""

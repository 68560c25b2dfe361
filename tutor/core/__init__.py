"""The pure core: content, quizzes, progress store. Never imports textual."""

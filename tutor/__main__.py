"""`python -m tutor` runs the command line."""

from tutor.cli import entry_point

entry_point()

"""The interface's words in French and English, by area (see `tutor.core.i18n.t`)."""

from __future__ import annotations

from tutor.core.strings.simulators import SIM_STRINGS
from tutor.core.strings.quiz import QUIZ_STRINGS
from tutor.core.strings.progress import PROGRESS_STRINGS
from tutor.core.strings.settings import SETTINGS_STRINGS

AREAS: tuple[dict[str, dict[str, str]], ...] = (SIM_STRINGS, QUIZ_STRINGS, PROGRESS_STRINGS, SETTINGS_STRINGS)

"""The interface's words in French and English, by area (see `tutor.i18n.catalogue.t`).

Each area file belongs to one part of the interface; a key lives in exactly one area (a test checks
that no two areas define the same key, since a later area would silently win).
"""

from __future__ import annotations

from collections.abc import Mapping

from tutor.i18n.strings.classroom import CLASSROOM_STRINGS
from tutor.i18n.strings.cli import CLI_STRINGS
from tutor.i18n.strings.database import DATABASE_STRINGS
from tutor.i18n.strings.exchange import EXCHANGE_STRINGS
from tutor.i18n.strings.exchange_gift import EXCHANGE_GIFT_STRINGS
from tutor.i18n.strings.exchange_xml import EXCHANGE_XML_STRINGS
from tutor.i18n.strings.generators_llm import GENERATORS_LLM_STRINGS
from tutor.i18n.strings.lab import LAB_STRINGS
from tutor.i18n.strings.layout import LAYOUT_STRINGS
from tutor.i18n.strings.lesson import LESSON_STRINGS
from tutor.i18n.strings.plain import PLAIN_STRINGS
from tutor.i18n.strings.progress import PROGRESS_STRINGS
from tutor.i18n.strings.quiz import QUIZ_STRINGS
from tutor.i18n.strings.report import REPORT_STRINGS
from tutor.i18n.strings.safety import SAFETY_STRINGS
from tutor.i18n.strings.serve import SERVE_STRINGS
from tutor.i18n.strings.settings import SETTINGS_STRINGS
from tutor.i18n.strings.simcli import SIMCLI_STRINGS
from tutor.i18n.strings.simulators import SIM_STRINGS
from tutor.i18n.strings.store import STORE_STRINGS

AREAS: tuple[Mapping[str, Mapping[str, object]], ...] = (
    SIM_STRINGS, QUIZ_STRINGS, PROGRESS_STRINGS, SETTINGS_STRINGS,
    LAB_STRINGS, CLI_STRINGS, PLAIN_STRINGS, LESSON_STRINGS, LAYOUT_STRINGS,
    SAFETY_STRINGS, SERVE_STRINGS, STORE_STRINGS, REPORT_STRINGS, SIMCLI_STRINGS, GENERATORS_LLM_STRINGS,
    DATABASE_STRINGS,
    CLASSROOM_STRINGS,
    EXCHANGE_STRINGS, EXCHANGE_GIFT_STRINGS, EXCHANGE_XML_STRINGS,
)

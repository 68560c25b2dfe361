"""Moodle XML, both ways: `read_moodle_xml` (a file → questions) and `write_moodle_xml` (questions → a file).

The reader is tutor.exchange.moodle_xml_read, the writer tutor.exchange.moodle_xml_write; this module
is what the command line and the tests import.
"""

from __future__ import annotations

from tutor.exchange.moodle_xml_read import read_moodle_xml
from tutor.exchange.moodle_xml_write import write_moodle_xml

__all__ = ["read_moodle_xml", "write_moodle_xml"]

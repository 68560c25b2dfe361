"""Simulator panels, by the name lessons use for them (see tutor.content.simulators)."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget


def _bert(lang: str, ascii_only: bool) -> Widget:
    from tutor.ui.panels.configurator import ConfiguratorPanel

    return ConfiguratorPanel("bert", lang, ascii_only)


def _gpt(lang: str, ascii_only: bool) -> Widget:
    from tutor.ui.panels.configurator import ConfiguratorPanel

    return ConfiguratorPanel("gpt", lang, ascii_only)


def _metrics(lang: str, ascii_only: bool) -> Widget:
    from tutor.ui.panels.metrics_panel import MetricsPanel

    return MetricsPanel(lang, ascii_only)


def _lab(lang: str, ascii_only: bool) -> Widget:
    from tutor.ui.panels.lab_panel import LabPanel

    return LabPanel(lang, ascii_only)


PANELS: dict[str, Callable[[str, bool], Widget]] = {
    "bert-configurator": _bert,
    "gpt-configurator": _gpt,
    "metrics-calculator": _metrics,
    "transfer-lab": _lab,
}


def make_panel(name: str, lang: str, ascii_only: bool = False) -> Widget | None:
    """The panel for simulator `name`, or None when there is none by that name."""
    factory = PANELS.get(name)
    return factory(lang, ascii_only) if factory else None

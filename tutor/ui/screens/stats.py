"""Statistics: sections read, quiz history over time, mastery per topic, the most missed questions."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from tutor.i18n.catalogue import t
from tutor.i18n.numbers import fmt_percent
from tutor.quiz.display import format_points
from tutor.quiz.history import attempt_score
from tutor.quiz.model import TOPICS
from tutor.quiz.session import resolve_question
from tutor.quiz.topics import topic_name
from tutor.ui.app_protocol import tutor_app
from tutor.ui.css import css
from tutor.ui.keys import localize_bindings
from tutor.ui.screens.confirm import ConfirmScreen
from tutor.ui.widgets.alive import when_alive

if TYPE_CHECKING:
    from tutor.quiz.history import AttemptScore
    from tutor.ui.app_protocol import TutorAppProtocol

BAR = 20
MOST_MISSED = 5


class StatsScreen(Screen[None]):
    """What the learner has done so far."""

    CSS_PATH = css("stats")

    BINDINGS = [
        Binding("x", "reset_module", "Reset module", id="reset_module"),
        Binding("X", "reset_all", "Reset all", id="reset_all"),
        Binding("question_mark", "app.help", "Help", id="help"),
        Binding("q,ctrl+b", "back", "Back", id="back"),
    ]

    @property
    def tutor(self) -> TutorAppProtocol:
        """The app, typed."""
        return tutor_app(self)

    def _bar(self, fraction: float) -> str:
        full, empty = ("#", ".") if self.tutor.ascii_only else ("█", "·")
        filled = round(BAR * max(0.0, min(1.0, fraction)))
        return full * filled + empty * (BAR - filled)

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot

        lang = self.tutor.lang
        with VerticalScroll(id="stats-body"):
            yield Label(t("stats.title", lang), classes="panel-title")
            yield Label(t("stats.sections", lang), classes="panel-heading")
            yield Static(id="stats-sections")
            yield Label(t("stats.history", lang), classes="panel-heading")
            yield PlotextPlot(id="stats-plot")
            yield Static(id="stats-attempts")
            yield Label(t("stats.mastery", lang), classes="panel-heading")
            yield Static(id="stats-topics")
            yield Label(t("stats.missed", lang), classes="panel-heading")
            yield Static(id="stats-missed")
        yield Footer()

    @when_alive
    def on_mount(self) -> None:
        localize_bindings(self, self.tutor.lang)
        self.refresh_stats()
        self.query_one("#stats-body").focus()

    def refresh_stats(self) -> None:
        """Read the store again and redraw every part."""
        app, lang = self.tutor, self.tutor.lang
        read = app.store.sections_read_all()
        sections = Table.grid(padding=(0, 2))
        for module in app.course.modules_in(lang):
            done = len(read.get(module.id, set()) & {s.id for s in module.sections})
            total = len(module.sections)
            sections.add_row(Text(f"{module.number}. {module.title}"), self._bar(done / total if total else 0),
                             f"{done}/{total}")
        self.query_one("#stats-sections", Static).update(sections)

        finished = [a for a in reversed(app.store.attempts()) if a.state == "finished"]
        scores = [attempt_score(a, app.quizzes) for a in finished]
        self._plot(scores)
        history = Table.grid(padding=(0, 2))
        for attempt, score in list(zip(finished, scores, strict=True))[-6:]:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(attempt.started_at))
            kind = t(f"quiz.{attempt.mode}", lang) if attempt.kind == "quiz" else attempt.kind
            history.add_row(when, kind, f"{format_points(score.earned, lang)}/{format_points(score.max_points, lang)}",
                            fmt_percent(score.percent, lang, 0))
        self.query_one("#stats-attempts", Static).update(history if finished else t("stats.none", lang))

        mastery = app.store.topic_mastery()
        topics = Table.grid(padding=(0, 2))
        # The course's topics in its order, then those of instructors' banks (by name).
        others = sorted(set(mastery) - set(TOPICS), key=lambda topic: topic_name(topic, lang, app.quizzes).casefold())
        for topic in [*TOPICS, *others]:
            if topic in mastery:
                got = mastery[topic]
                share = got.earned / got.max_points if got.max_points else 0.0
                topics.add_row(topic_name(topic, lang, app.quizzes), self._bar(share),
                               fmt_percent(100 * share, lang, 0), t("stats.answers", lang, count=got.answers))
        self.query_one("#stats-topics", Static).update(topics if mastery else t("stats.none", lang))

        missed = Text()
        for stat in [s for s in app.store.question_stats() if s.missed][:MOST_MISSED]:
            question = resolve_question(app.quizzes, stat.question_id, lang)
            prompt = question.prompt if question else stat.question_id
            missed.append(t("stats.missed_line", lang, missed=stat.missed, total=stat.attempts) + " ", "bold")
            missed.append(prompt + "\n")
        self.query_one("#stats-missed", Static).update(missed if missed.plain else t("stats.none", lang))

    def _plot(self, scores: list[AttemptScore]) -> None:
        """Score per attempt: whole-numbered attempts on x, 0–100 % on y, each attempt a visible dot.

        With one or two attempts plotext alone spread the x axis over 0.50…1.50 and drew a single
        braille dot; the attempts get a round marker of their own, over the line joining them.
        """
        from textual_plotext import PlotextPlot

        plot = self.query_one("#stats-plot", PlotextPlot)
        plot.display = bool(scores)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        if scores:
            xs: list[float] = list(range(1, len(scores) + 1))  # whole numbers; plotext takes floats
            ys = [s.percent for s in scores]
            if len(scores) > 1:
                plt.plot(xs, ys, marker="dot" if self.tutor.ascii_only else "braille")
            plt.scatter(xs, ys, marker="o" if self.tutor.ascii_only else "●")
            plt.xlim(0.5, len(scores) + 0.5)
            step = max(1, -(-len(scores) // 8))  # at most about eight labelled attempts
            ticks = xs[::step]
            plt.xticks(ticks, [str(x) for x in ticks])
        plt.ylim(0, 100)
        plt.yticks([0, 25, 50, 75, 100], ["0", "25", "50", "75", "100"])
        plt.xlabel(t("stats.attempt", self.tutor.lang))
        plt.ylabel("%")
        plot.refresh()

    def action_reset_module(self) -> None:
        """Forget one module's progress (asks first)."""
        app = self.tutor
        module = app.module(app.store.last_module() or "") or next(iter(app.course.modules_in(app.lang)), None)
        if module is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                app.write(lambda store: store.reset_module(module.id))
                self.refresh_stats()

        app.push_screen(ConfirmScreen(t("stats.confirm_module", app.lang, title=module.title), app.lang), done)

    def action_reset_all(self) -> None:
        """Forget everything (asks first)."""
        app = self.tutor

        def done(yes: bool | None) -> None:
            if yes:
                app.write(lambda store: store.reset_all())
                self.refresh_stats()

        app.push_screen(ConfirmScreen(t("stats.confirm_all", app.lang), app.lang), done)

    def action_back(self) -> None:
        """Back to the home screen."""
        self.dismiss()

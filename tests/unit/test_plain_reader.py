"""`tutor --plain`: the menu, reading section by section, and what the store remembers of it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.helpers import spaced
from tests.unit.test_plain_support import answer_right, answer_wrong, content, open_store, run
from tutor.plain import run_plain
from tutor.quiz.session import QuizSettings, section_questions
from tutor.store import sqlite_review as store_review

MODULE = "fine-tuning"


@pytest.fixture
def store(tmp_path: Path):
    opened = open_store(tmp_path)
    yield opened
    opened.close()


def sections(lang: str = "en") -> list:
    module = content().course.module(MODULE, lang)
    assert module is not None
    return list(module.sections)


def test_reading_in_order_records_the_position_and_what_was_read(store) -> None:
    ids = [s.id for s in sections()]
    total = len(ids)
    first_check = len(section_questions(content().quizzes, MODULE, ids[0], "en"))
    code, out = run(store, ["r", "n", "n", "q", "q"])
    assert code == 0
    assert store.position(MODULE) == ids[2]
    assert store.sections_read(MODULE) == set(ids[:3])
    assert f"Section 1 of {total}: Transfer learning in NLP" in out and f"Section 3 of {total}: " in out
    assert f"n: next, p: previous, s: sections, c: check your understanding ({first_check} questions)," in out
    assert out.rstrip().endswith("Goodbye. Your progress is saved.")
    # The next start says where the learner stopped and continues there.
    code, out = run(store, ["1", ""])  # Enter reads the next section
    assert f"You stopped at section 3 of {total}: {sections()[2].title}." in out
    assert f"Sections read: 3 of {total}." in out
    assert store.position(MODULE) == ids[3] and store.sections_read(MODULE) == set(ids[:4])


def test_the_whole_module_read_to_the_end(store) -> None:
    ids = [s.id for s in sections()]
    code, out = run(store, ["read", *["n"] * len(ids), "q", "quit"])
    assert code == 0
    assert store.sections_read(MODULE) == set(ids) and store.position(MODULE) == ids[-1]
    assert f"End of section {len(ids)} of {len(ids)}. Last section of the module. Next module: Applications." in out
    assert "This is the last section of the module." in out


def test_a_section_counts_as_read_only_once_printed_in_full(store, tmp_path: Path) -> None:
    class ClosesAfter(io.StringIO):
        """Standard output that goes away in the middle of the first section."""

        def write(self, text: str) -> int:
            if "Three approaches compared" in text:
                raise BrokenPipeError
            return super().write(text)

    stdin = io.StringIO("r\nq\nq\n")
    code = run_plain(content(), store, "en", "kim", stdin=stdin, stdout=ClosesAfter())
    assert code == 0
    assert store.position(MODULE) == sections()[0].id  # shown, so it is the position
    assert store.sections_read(MODULE) == set()  # but not read


def test_sections_are_listed_with_their_state_and_picked_by_number(store) -> None:
    ids = [s.id for s in sections()]
    titles = [s.title for s in sections()]
    total = len(ids)
    code, out = run(store, ["s", "?", "5", "p", "s", "", "q", "2", "42", "x", "3", "q", "q"])
    assert code == 0
    assert f"Type a number from 1 to {total} and Enter; Enter alone or q goes back." in out
    assert "1. Transfer learning in NLP (not read)" in out
    assert f"5. {titles[4]} (read)" in out  # the second listing knows section 5 was read
    assert f"Section 5 of {total}: {titles[4]}" in out and f"Section 4 of {total}: {titles[3]}" in out
    assert f"'42' is not a choice: type a number from 1 to {total}" in out
    assert store.sections_read(MODULE) == {ids[2], ids[3], ids[4]}
    assert store.position(MODULE) == ids[2]


def test_first_and_last_sections_say_so(store) -> None:
    code, out = run(store, ["r", "p", "s", str(len(sections())), "n", "huh", "?", "q", "q"])
    assert "This is the first section." in out and "This is the last section of the module." in out
    assert "'huh' is not a command." in out and "While reading: n or Enter, next section" in out


def test_the_menu_tolerates_anything(store) -> None:
    code, out = run(store, ["", "   ", "0", "6", "99", "-1", "abc", "\x1b[B", "?", "5"])
    assert code == 0
    assert out.count("Type a number from 1 to 5, or ? for help.") == 2
    assert "'99' is not a choice" in out and "'abc' is not a choice" in out
    assert "Type the number of a menu line, or the letter in brackets." in out
    assert store.sections_read(MODULE) == set()


def test_end_of_input_anywhere_ends_cleanly(store) -> None:
    for lines in ([], ["r"], ["r", "s"], ["z"], ["z", "3", "2"], ["z", "", "", "", "1 2"], ["v"]):
        code, out = run(store, lines)
        assert code == 0, lines
        assert "Goodbye. Your progress is saved." in out


def test_check_your_understanding_from_the_reader(store) -> None:
    first = sections()[0]
    count = len(section_questions(content().quizzes, MODULE, first.id, "en"))
    code, out = run(store, ["r", "c", *[answer_right(store)] * count, "q", "q"])
    assert code == 0
    assert f"Check: {count} questions on this section." in out
    attempt = store.attempts()[0]
    assert attempt.kind == "section-check" and attempt.state == "finished"
    assert len(attempt.answers) == count and all(a.correct for a in attempt.answers)
    assert f"Section 1 of {len(sections())}: Transfer learning in NLP" in out.split("Question review")[1]


def test_a_quiz_from_the_menu_with_its_settings(store) -> None:
    from tutor.quiz.model import TOPICS

    code, out = run(store, ["z", "x", "2", "2", "0", "1.5", "99", "3 4", answer_right(store), answer_right(store), "q"])
    assert code == 0
    assert "'x': type a positive whole number." in out and "'0': type a positive number of minutes." in out
    assert f"'99' is not a topic number (1 to {len(TOPICS)})." in out
    attempt = store.attempts()[0]
    assert attempt.mode == "exam" and attempt.time_limit == 90 and len(attempt.question_ids) == 2
    assert attempt.settings["topics"] == ["hyperparameters", "bert"]
    assert attempt.state == "finished" and all(a.correct for a in attempt.answers)


def test_quiz_settings_can_be_left_with_q(store) -> None:
    code, out = run(store, ["z", "4", "q", "q"])
    assert code == 0 and store.attempts() == []


def test_review_of_due_questions(store, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run(store, [], review=True)
    assert code == 0 and "Nothing to review yet (0 questions scheduled)." in out
    run(store, [answer_wrong(store), answer_wrong(store)], quiz=QuizSettings(bank="fine-tuning", count=2, seed=14))
    missed = store.attempts()[0].question_ids
    assert store.review_counts()[1] == 2

    class Tomorrow:
        @staticmethod
        def time() -> float:
            import time

            return time.time() + 86_400

    monkeypatch.setattr(store_review, "time", Tomorrow)
    assert sorted(store.review_due()) == sorted(missed)
    code, out = run(store, ["4"])  # the menu shows the due count
    assert "4. Review (v): 2 questions due" in out
    code, out = run(store, [answer_right(store), answer_right(store)], review=True)
    assert code == 0
    assert "Review: 2 questions due. Feedback after each answer." in out
    attempt = store.attempts()[0]
    assert attempt.kind == "review" and attempt.mode == "practice" and attempt.state == "finished"
    assert sorted(attempt.question_ids) == sorted(missed) and all(a.correct for a in attempt.answers)


def test_several_modules_can_be_chosen_and_read_one_after_the_other(store) -> None:
    from tests.conftest import FIXTURES
    from tutor.loader import builtin_paths, load_content

    both = load_content([*builtin_paths(), FIXTURES / "lessons"])
    assert both.problems == []
    stdin = io.StringIO("m\n1\nn\nn\nq\nq\n")
    out = io.StringIO()
    assert run_plain(both, store, "en", "kim", stdin=stdin, stdout=out) == 0
    text = out.getvalue()
    assert "3. Modules (m): change module" in text
    assert "1. Module 1: Demo module" in text and "2. Module 7: Fine-tuning & Transfer Learning" in text
    assert "Section 2 of 2: Details" in text and "Last section of the module. Next module: Next." in text
    # n went on to the next module
    assert f"Module 7: Fine-tuning & Transfer Learning\n\nSection 1 of {len(sections())}" in text
    assert store.sections_read("demo") == {"intro", "details"}
    assert store.position("fine-tuning") == "transfer-learning" and store.last_module() == "fine-tuning"


def test_french_interface(store) -> None:
    code, out = run(store, ["r", "n", "?", "q", "q"], lang="fr")
    out = spaced(out)
    assert code == 0
    assert "tutor, mode texte." in out and f"Section 2 sur {len(sections('fr'))} : Types de fine-tuning" in out
    assert "n : suivante, p : précédente, s : sections," in out
    assert "Au revoir. Votre progression est enregistrée." in out


def test_plain_output_has_no_emoji_box_drawing_or_colour(store) -> None:
    code, out = run(store, ["r", *["n"] * len(sections()), "q", "q"])
    for char in out:
        code_point = ord(char)
        assert char == "\n" or char.isprintable(), repr(char)
        assert not 0x2500 <= code_point <= 0x259F, char  # box drawing, blocks
        assert not (0x1F000 <= code_point or 0x2600 <= code_point <= 0x27BF or 0xFE00 <= code_point <= 0xFE0F), char
    assert "\x1b" not in out  # no escape sequence: no colour, no cursor moves
    assert all(len(line) <= 80 for line in out.splitlines())

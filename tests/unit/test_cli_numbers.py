"""Numbers typed on the command line and in the quiz forms: nan, inf and out-of-range values give one
usage line (exit 2) or an invalid-answer message, never a traceback (review 2.3, 2.6-2.9)."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable

import pytest

from tests.cli_helpers import run_main

FIVE_THOUSAND_DIGITS = "9" * 5000
BIG = pytest.param(FIVE_THOUSAND_DIGITS, id="5000-digits")
MINUS_BIG = pytest.param("-" + FIVE_THOUSAND_DIGITS, id="minus-5000-digits")


run = run_main


def assert_one_usage_line(result: tuple[int, str, str], option: str) -> None:
    code, out, err = result
    assert code == 2, (out, err)
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert option in err
    assert len(err) < 400, err  # a 5,000-digit value is cut, not echoed whole


# -- tutor quiz (M4: probes 2.6-2.8) --------------------------------------------------------------

@pytest.mark.parametrize("value", ["inf", "-inf", "1e308", "1e309", "nan", "-nan", BIG, "1e-40", "0"])
def test_quiz_time_limit_refuses_non_finite_and_out_of_range(capsys: pytest.CaptureFixture[str], value: str) -> None:
    # nan passed every bound (`nan <= 0` is False): the full-screen exam ended at once, 0 points.
    assert_one_usage_line(run(capsys, "--lang", "en", "quiz", f"--time-limit={value}"), "--time-limit")


@pytest.mark.parametrize("value", ["99999999999999999999999", str(2**63), BIG, MINUS_BIG, "nan", "inf", "-1"])
def test_quiz_seed_refuses_what_sqlite_cannot_store(capsys: pytest.CaptureFixture[str], value: str) -> None:
    # 99999999999999999999999 was `OverflowError: Python int too large to convert to SQLite INTEGER`.
    assert_one_usage_line(run(capsys, "--lang", "en", "quiz", f"--seed={value}"), "--seed")


@pytest.mark.parametrize("value", [BIG, "99999999999999999999999", "nan", "inf", "0"])
def test_quiz_count_refuses_non_finite_and_out_of_range(capsys: pytest.CaptureFixture[str], value: str) -> None:
    assert_one_usage_line(run(capsys, "--lang", "en", "quiz", f"--count={value}"), "--count")


def test_quiz_numbers_at_their_bounds_are_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    from tutor.quiz.model import MAX_SEED, MAX_TIME_LIMIT_MINUTES, MIN_TIME_LIMIT_MINUTES

    assert run(capsys, "quiz", "--list", "--seed", str(MAX_SEED))[0] == 0
    assert run(capsys, "quiz", "--list", "--seed", "0")[0] == 0
    for minutes in (MIN_TIME_LIMIT_MINUTES, MAX_TIME_LIMIT_MINUTES, 2.5):
        assert run(capsys, "quiz", "--list", "--time-limit", str(minutes))[0] == 0
    # The largest seed accepted is one SQLite stores (the attempt keeps it in an INTEGER column).
    with sqlite3.connect(":memory:") as db:
        assert db.execute("SELECT ?", (MAX_SEED,)).fetchone() == (MAX_SEED,)
        with pytest.raises(OverflowError):
            db.execute("SELECT ?", (MAX_SEED + 1,))


def test_the_messages_say_what_is_wrong(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run(capsys, "--lang", "en", "quiz", "--time-limit", "nan")
    assert "--time-limit must be a number, not 'nan'" in err
    _, _, err = run(capsys, "--lang", "en", "quiz", "--seed", FIVE_THOUSAND_DIGITS)
    assert "--seed must be at most 9,223,372,036,854,775,807" in err and "…" in err
    _, _, err = run(capsys, "quiz", "--time-limit", "1e-40")  # French by default
    assert "--time-limit doit valoir au moins 0,1" in err


# -- the other sub-commands' numbers -------------------------------------------------------------

@pytest.mark.parametrize("option", ["--temperature", "--top-k", "--top-p"])
@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e309", BIG])
def test_sample_options(capsys: pytest.CaptureFixture[str], option: str, value: str) -> None:
    assert_one_usage_line(run(capsys, "--lang", "en", "sample", "--logits", "1,2,3", f"{option}={value}"), option)


@pytest.mark.parametrize("value", ["nan", "inf", BIG])
def test_sample_logits(capsys: pytest.CaptureFixture[str], value: str) -> None:
    assert_one_usage_line(run(capsys, "--lang", "en", "sample", f"--logits=1,{value},3"), "--logits")


@pytest.mark.parametrize("option", ["--lr", "--epochs", "--batch-size", "--seq-len", "--mfu", "--warmup-steps"])
@pytest.mark.parametrize("value", ["nan", "inf", "1e309", BIG])
def test_estimate_options(capsys: pytest.CaptureFixture[str], option: str, value: str) -> None:
    assert_one_usage_line(run(capsys, "--lang", "en", "estimate", "--model", "bert-base", f"{option}={value}"),
                          option)


@pytest.mark.parametrize("option", ["--lr", "--epochs", "--seed", "--examples", "--weight-decay"])
@pytest.mark.parametrize("value", ["nan", "inf", BIG])
def test_lab_options(capsys: pytest.CaptureFixture[str], option: str, value: str) -> None:
    code, _, err = run(capsys, "--lang", "en", "lab", f"{option}={value}")
    assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1, err


@pytest.mark.parametrize("value", ["nan", "inf", "70000", BIG])
def test_serve_port(capsys: pytest.CaptureFixture[str], value: str) -> None:
    code, _, err = run(capsys, "--lang", "en", "serve", f"--port={value}")
    assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1, err


# -- L6: sampling at a near-zero temperature (probe 2.3) -----------------------------------------

def _reference(logits: list[float], temperature: float) -> list[float]:
    """softmax(logits / T) computed exactly as the limit needs: float64, max subtracted first."""
    np = pytest.importorskip("numpy")
    values = np.asarray(logits, dtype=np.float64)
    with np.errstate(over="ignore"):  # (1 - 3) / 5e-324 is -inf: exp gives 0, as it should
        shifted = (values - values.max()) / temperature
    weights = np.exp(shifted)
    return list(weights / weights.sum())


@pytest.mark.parametrize("temperature", [1e-40, 1e-45, 1e-50, 1e-300, 5e-324])
def test_near_zero_temperature_puts_all_mass_on_the_top_token(temperature: float) -> None:
    from tutor.sim.sampling import sample_steps

    result = sample_steps([1.0, 2.0, 3.0], temperature=temperature)
    step = result.steps[1]
    assert step.name == "temperature"
    assert list(step.probs) == pytest.approx(_reference([1.0, 2.0, 3.0], temperature)) == [0.0, 0.0, 1.0]
    assert result.greedy  # was uniform 1/3: every score overflowed float32 to +inf


def test_the_limit_shares_the_mass_between_tied_top_tokens_and_keeps_top_k_order() -> None:
    from tutor.sim.sampling import sample_steps

    tied = sample_steps([1.0, 3.0, 3.0], temperature=1e-40)
    assert list(tied.final.probs) == pytest.approx(_reference([1.0, 3.0, 3.0], 1e-40)) == [0.0, 0.5, 0.5]
    # top-k ranks the logits, not the shifted scores that all overflow to -inf.
    ranked = sample_steps([1.0, 2.0, 3.0, 0.0], temperature=1e-40, top_k=2)
    assert ranked.steps[2].kept == (False, True, True, False)
    assert ranked.final.probs == (0.0, 0.0, 1.0, 0.0)


@pytest.mark.parametrize("temperature", [0.5, 2.0, 1e-3, 1e-30])
def test_ordinary_temperatures_are_unchanged(temperature: float) -> None:
    from tutor.sim.sampling import sample_steps

    logits = [1.0, 2.0, 3.0, -1.5]
    result = sample_steps(logits, temperature=temperature)
    assert not result.greedy
    assert list(result.final.probs) == pytest.approx(_reference(logits, temperature), abs=1e-6)


def test_sample_command_notes_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    code, out, _ = run(capsys, "--lang", "en", "sample", "--logits", "1,2,3", "--temperature", "1e-40")
    assert code == 0 and "greedy decoding" in out
    assert out.splitlines()[3].split()[:3] == ["#2", "0.6652", "1.0000"]
    code, out, _ = run(capsys, "sample", "--logits", "1,2,3", "--temperature", "1e-40", "--json")
    data = json.loads(out)
    assert data["greedy"] is True and data["steps"][1]["probs"] == [0.0, 0.0, 1.0]
    code, out, _ = run(capsys, "sample", "--logits", "1,2,3", "--temperature", "0.5", "--json")
    assert json.loads(out)["greedy"] is False


# -- L7: giant numbers typed as answers (probe 2.9) ----------------------------------------------

def _plain_session(kind: str):
    from tests.unit.test_plain_support import content, one_of_each_type, settings_with
    from tutor.quiz.session import QuizSession

    ids = one_of_each_type()
    session = QuizSession.build(content().quizzes, settings_with(ids, seed=5), "en")
    question = next(q for q in session.questions if q.type == kind)
    return question, session


@pytest.mark.parametrize("kind", ["single", "multiple", "truefalse", "ordering"])
@pytest.mark.parametrize("typed", [BIG, "²", "1²", "9" * 20])
def test_a_giant_or_odd_number_at_a_choice_is_an_invalid_choice(kind: str, typed: str) -> None:
    from tutor.plain.answers import Invalid, parse_answer

    question, session = _plain_session(kind)
    with pytest.raises(Invalid) as caught:  # was ValueError: Exceeds the limit (4300 digits)
        parse_answer(question, session, typed, "en")
    assert len(str(caught.value)) < 200


def test_the_plain_quiz_goes_on_after_a_giant_number(tmp_path) -> None:
    from tests.unit.test_plain_support import (
        content,
        open_store,
        right_input,
        settings_with,
    )
    from tests.unit.test_plain_support import run as run_plain
    from tutor.quiz.session import QuizSession

    store = open_store(tmp_path)
    try:
        bank = content().quizzes.bank("fine-tuning", "en")
        assert bank is not None
        single = next(q for q in bank.questions if q.type == "single")
        settings = settings_with([single.id], seed=3)
        session = QuizSession.build(content().quizzes, settings, "en")
        code, out = run_plain(store, [FIVE_THOUSAND_DIGITS, right_input(session.questions[0], session)], quiz=settings)
        assert code == 0 and "is not a number from 1 to" in out and "[OK] Correct." in out
        assert store.attempts()[0].answers[0].correct
    finally:
        store.close()


def test_plain_menus_and_quiz_setup_refuse_giant_and_odd_numbers(tmp_path) -> None:
    from tests.unit.test_plain_support import answer_right, open_store
    from tests.unit.test_plain_support import run as run_plain

    store = open_store(tmp_path)
    try:
        # The menu, the number of questions, the time limit and the topics each got "²" (a digit
        # int() refuses) or 5,000 digits: ValueError; 1e308 minutes crashed the exam clock.
        lines = ["²", FIVE_THOUSAND_DIGITS, "z", "²", FIVE_THOUSAND_DIGITS, "2", "2", "1e308", "1e-9", "1.5",
                 "²", FIVE_THOUSAND_DIGITS, "3 4", answer_right(store), answer_right(store), "q"]
        code, out = run_plain(store, lines)
        assert code == 0, out
        assert "'²' is not a choice" in out and "'²': type a positive whole number." in out
        assert "'1e308': at most 1,440" in out and "'1e-9': type a positive number of minutes." in out
        from tutor.quiz.model import TOPICS

        assert f"'²' is not a topic number (1 to {len(TOPICS)})." in out
        attempt = store.attempts()[0]
        assert attempt.mode == "exam" and attempt.time_limit == 90 and len(attempt.question_ids) == 2
    finally:
        store.close()


def test_a_giant_number_at_a_numeric_question_is_graded_wrong_not_a_crash() -> None:
    from tutor.quiz.grading import grade, numeric_problem
    from tutor.quiz.model import Question

    question = Question(id="n", type="numeric", topic="bert", difficulty="easy", prompt="?", explanation="",
                        section="s", module="m", answer=188, relative_tolerance=0.01)
    assert grade(question, FIVE_THOUSAND_DIGITS).earned == 0  # typed text, as the full-screen app may submit
    assert numeric_problem(FIVE_THOUSAND_DIGITS, "en") is not None  # the quiz screens ask again
    # An answer stored as a huge integer (an edited database, resumed): math.isfinite raised OverflowError.
    assert grade(question, 10**400).earned == 0 and grade(question, -(10**400)).earned == 0
    assert grade(question, 188).correct


# -- the quiz setup screen's fields ---------------------------------------------------------------

@pytest.mark.parametrize("typed", ["nan", "inf", "1e309", BIG, "99999999999999999999999", "0", "-3"])
def test_setup_field_numbers_are_refused(typed: str) -> None:
    from tutor.quiz.model import MAX_SEED
    from tutor.ui.screens.quiz_setup import _positive_int

    assert _positive_int(typed, MAX_SEED) is None
    assert _positive_int(typed, 1440) is None
    assert _positive_int(" 12 ", 1440) == 12 and _positive_int(str(MAX_SEED), MAX_SEED) == MAX_SEED


async def test_the_setup_screen_shows_the_maximum(make_app: Callable[..., object]) -> None:
    from tutor.ui.screens.quiz_setup import QuizSetupScreen
    from tutor.ui.widgets.fields import FieldCell

    app = make_app(lang="en")
    async with app.run_test(size=(100, 40)) as pilot:  # type: ignore[attr-defined]
        app.open_quiz_setup()  # type: ignore[attr-defined]
        await pilot.pause()
        screen = app.screen  # type: ignore[attr-defined]
        assert isinstance(screen, QuizSetupScreen)
        cells = {cell.spec.name: cell for cell in screen.query(FieldCell)}
        cells["mode"].set_value("exam")
        cells["time_limit"].set_value("nan")
        cells["seed"].set_value(FIVE_THOUSAND_DIGITS)
        cells["count"].set_value("10001")
        await pilot.pause()
        assert screen.settings() is None
        shown = {name: str(cell.query_one(".field-error").render()) for name, cell in cells.items()}
        assert "'nan': a positive whole number" in shown["time_limit"]
        assert "at most 9,223,372,036,854,775,807" in shown["seed"] and len(shown["seed"]) < 120
        assert "at most 10,000" in shown["count"]
        cells["time_limit"].set_value("30")
        cells["seed"].set_value("7")
        cells["count"].set_value("5")
        await pilot.pause()
        settings = screen.settings()
        assert settings is not None and settings.seed == 7 and settings.time_limit == 1800.0
        assert math.isfinite(settings.time_limit)

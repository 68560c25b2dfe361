"""`to_bank` and `outgoing`: ids, topics from categories, tags, tutor's rules, the report's notes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tutor.exchange.convert import bank_yaml_text, category_segments, outgoing, slug, to_bank
from tutor.exchange.model import Foreign
from tutor.loader import builtin_dir, builtin_paths, load_content

SECTIONS = {"best-practices", "metrics"}


def single(**extra: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {"type": "single", "prompt": "Quelle plage ?", "explanation": "Parce que.", "points": 1.0,
                              "options": [{"id": "a", "text": "1e-5", "correct": True}, {"id": "b", "text": "1e-2"}]}
    fields.update(extra)
    return fields


def foreign(position: int, name: str = "Q", fields: dict[str, Any] | None = None, **extra: Any) -> Foreign:
    return Foreign(position=position, line=10 * position, name=name, fields=fields or single(), **extra)


def convert(*questions: Foreign, lang: str = "fr") -> Any:
    return to_bank(list(questions), bank_id="moodle", lang=lang, module="fine-tuning", title="Moodle",
                   sections=SECTIONS)


def test_slug_and_category_segments() -> None:
    assert slug("Taux d'apprentissage : BERT (2026)") == "taux-d-apprentissage-bert-2026"
    assert slug("Œuvre — été") == "oeuvre-ete"
    assert slug("!!!") == ""
    assert category_segments("$course$/top/Fine-tuning/Hyper//paramètres") == ["Fine-tuning", "Hyper/paramètres"]
    assert category_segments("$system$/top") == []
    assert category_segments(None) == []


def test_categories_become_course_topics_or_the_bank_s_own() -> None:
    result = convert(
        foreign(1, category="$course$/top/Banque/Hyperparamètres"),    # the French name of a course topic
        foreign(2, category="$course$/top/Banque/metrics"),            # its id
        foreign(3, category="$course$/top/Banque/Tokenisation"),       # none: the bank declares it
        foreign(4),                                                    # no category at all
    )
    topics = [q["topic"] for q in result.data["questions"]]
    assert topics == ["hyperparameters", "metrics", "tokenisation", "general"]
    assert result.data["topics"] == [{"id": "tokenisation", "title": "Tokenisation"},
                                     {"id": "general", "title": "Général"}]


def test_tags_restore_what_tutor_wrote() -> None:
    tags = ("difficulty:hard", "section:metrics", "topic:llm-evaluation")
    result = convert(foreign(1, category="$course$/top/B/Évaluation des LLM", tags=tags))
    question = result.data["questions"][0]
    assert (question["topic"], question["difficulty"], question["section"]) == ("llm-evaluation", "hard", "metrics")
    assert "topics" not in result.data


def test_an_unknown_section_is_reported_and_left_out() -> None:
    result = convert(foreign(1, tags=("section:nowhere",)))
    assert "section" not in result.data["questions"][0]
    assert [n.key for n in result.notes] == ["exchange.note.unknown_section"]
    assert result.data["questions"][0]["difficulty"] == "medium"


def test_ids_from_id_numbers_or_names_and_never_twice() -> None:
    result = convert(foreign(1, "Learning rate", idnumber="lr-range"), foreign(2, "Learning rate"),
                     foreign(3, "Learning rate"), foreign(4, "???", idnumber="Not An Id!"), foreign(5, "???"))
    assert [q["id"] for q in result.data["questions"]] == ["lr-range", "learning-rate", "learning-rate-2",
                                                           "not-an-id", "q5"]


def test_a_question_tutor_refuses_is_left_out_with_the_validator_s_reason() -> None:
    broken = single(options=[{"id": "a", "text": "seule", "correct": True}])
    wide = {"type": "numeric", "prompt": "p", "explanation": "", "points": 1.0, "answer": 2.0, "tolerance": 5.0}
    result = convert(foreign(1, "one option", broken), foreign(2, "wide", wide), foreign(3, "fine"))
    assert [q["id"] for q in result.data["questions"]] == ["fine"]
    dropped = [(n.position, n.name, n.line) for n in result.notes if n.dropped]
    assert dropped == [(1, "one option", 10), (2, "wide", 20)]
    assert "at least two options" in result.notes[0].values["reason"]
    refused = [n for n in result.notes if n.key == "exchange.note.refused"]
    assert "tolerance" in refused[1].values["reason"]
    # An empty explanation (Moodle's general feedback is optional) is replaced, and said so.
    assert any(n.key == "exchange.note.no_explanation" and n.position == 2 for n in result.notes)


def test_hints_are_kept_within_tutor_s_limits() -> None:
    hints = [{"text": f"indice {n}", "cost": 0.6} for n in range(3)]
    result = convert(foreign(1, fields=single(hints=hints)))
    kept = result.data["questions"][0]["hints"]
    assert [h["text"] for h in kept] == ["indice 0", "indice 1"]
    assert sum(h["cost"] for h in kept) <= 1.0
    assert {n.key for n in result.notes} == {"exchange.note.hints_cut", "exchange.note.hint_costs_lowered"}


def test_terminal_controls_are_replaced_and_reported() -> None:
    result = convert(foreign(1, fields=single(prompt="Quelle\x1b[31m plage ?")))
    assert "\x1b" not in result.data["questions"][0]["prompt"]
    assert [n.key for n in result.notes] == ["exchange.note.controls"]


def test_the_bank_file_is_one_tutor_validate_accepts(tmp_path: Path) -> None:
    result = convert(foreign(1, "a", category="$course$/top/B/Tokenisation"), foreign(2, "b"))
    target = tmp_path / "moodle.fr.yaml"
    target.write_text(bank_yaml_text(result.data, "/home/prof/questions\nx.xml"), encoding="utf-8")
    assert target.read_text(encoding="utf-8").startswith("# Imported from 'questions\\nx.xml'")
    loaded = load_content([builtin_dir("lessons"), target], style=True)
    assert not loaded.problems
    bank = loaded.quizzes.banks[("moodle", "fr")]
    assert [q.topic for q in bank.questions] == ["tokenisation", "general"]


def test_outgoing_samples_generators_from_fixed_seeds() -> None:
    bank = load_content(builtin_paths()).quizzes.banks[("fine-tuning", "en")]
    first, second = outgoing(bank, "en", 2), outgoing(bank, "en", 2)
    assert [o.name for o in first] == [o.name for o in second]
    assert [o.question.prompt for o in first] == [o.question.prompt for o in second]
    generated = [o for o in first if o.question.generator]
    assert len(generated) == 2 * len(bank.generators)
    assert generated[0].name == f"{bank.generators[0].name}-1"
    assert [o.position for o in first] == list(range(1, len(first) + 1))
    written = first[0]
    assert written.category.startswith(f"$course$/top/{bank.title}/")
    assert f"topic:{written.question.topic}" in written.tags

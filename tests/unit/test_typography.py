"""French typography in `tutor validate` (issue 15): the rules, what they leave alone, FILE:LINE:COL,
errors for the built-in content and warnings for an instructor's, and the shipped French being clean."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli_helpers import run_main
from tutor.content.typography import french_findings

WriteYaml = Callable[[str, str], Path]


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTOR_LANG", "en")


@pytest.mark.parametrize(
    ("text", "offset", "words"),
    [
        ("Note: vrai", 4, "space before ':'"),
        ("**Note:** vrai", 6, "space before ':'"),
        ("C'est vrai?", 10, "space before '?'"),
        ("Attention!", 9, "space before '!'"),
        ("un; deux", 2, "space before ';'"),
        ("Vraiment?!", 8, "space before '?'"),
        ("«mot »", 0, "space after '«'"),
        ("« mot»", 5, "space before '»'"),
        ("10% des pas", 2, "space before '%'"),
        ("un taux de 0.5 ici", 11, "decimal comma"),
        ("entre 0.5 et 1", 6, "decimal comma"),
        ("soit -0.25", 6, "decimal comma"),
        ("**0.7**", 2, "decimal comma"),
        ("10,000 exemples", 0, "thousands"),
        ("1,000,000 de tokens", 0, "thousands"),
        ("50257 tokens", 0, "thousands"),
    ],
)
def test_each_rule_points_at_its_character(text: str, offset: int, words: str) -> None:
    findings = french_findings(text)
    assert [f.offset for f in findings] == [offset], findings
    assert words in findings[0].message and findings[0].message.startswith("French typography: ")


@pytest.mark.parametrize(
    "text",
    [
        "Note : vrai ? Oui ! Un ; deux", "Note\u00a0: vrai\u202f?", "« mot »", "«\u00a0mot\u00a0»", "10 %",
        "0,5 et 0,125 et 1,875", "10 000 exemples et 109 483 778", "3,000]", "en 2018, 3072 dimensions",
        "`top_p=0.9`", "```\nx = 0.5; y: 10000\n```", "top_p=0.9 et temperature=0.7",
        "Llama-3.1-8B, Qwen2.5-Coder, gpt2-1.5B, GPT-3.5", "Llama 3.1, Python 3.11, SQuAD 2.0, transformers 4.46",
        "v1.1, 1.2.3, 2.5e-5, 1e-5", "arXiv 2305.14314", "https://example.org/a?b=1&c=0.5: voir",
        "[les stratégies](#strategies) : voir", "ratio 1:20, std::map, a;b", "![image](x.png)", "a != b",
        "(?)", "fin ≥ début.", "max_length=20000",
    ],
)
def test_what_is_left_alone(text: str) -> None:
    assert french_findings(text) == []


MODULE = """\
id: typo
lang: {lang}
number: 9
title: "Typo"
sections:
  - id: first
    title: "Premier: titre"
    blocks:
      - id: literal
        kind: markdown
        text: |
          Une première ligne correcte.
          Ici, 0.5 en prose.

          - un point ; puis « mot» fautif
      - id: folded
        kind: callout
        style: tip
        text: >-
          Un texte replié sur
          deux lignes, puis 10000 exemples.
      - id: table
        kind: table
        header: ["Part", "Valeur"]
        rows:
          - ["LoRA", "0.27 %"]
      - id: quoted
        kind: keypoints
        points:
          - "Un \\"mot\\" puis un taux de 10%"
          - 'L''accent, puis une question?'
"""


def _validate(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    code, out, err = run_main(capsys, "validate", "--alone", *argv)
    return code, out.splitlines(), err


def test_an_instructors_file_gets_warnings_with_line_and_column(
    capsys: pytest.CaptureFixture[str], write_yaml: WriteYaml
) -> None:
    write_yaml("content/typo.fr.yaml", MODULE.format(lang="fr"))
    write_yaml("content/typo.en.yaml", MODULE.format(lang="en"))  # English: never checked
    code, lines, err = _validate(capsys, "content")
    assert code == 0, lines
    where = [line.split(": warning: ")[0] for line in lines]
    assert where == [
        "content/typo.fr.yaml:7:20",  # the ':' of "Premier:" in a double-quoted title
        "content/typo.fr.yaml:13:16",  # 0.5 in a literal block, second line
        "content/typo.fr.yaml:15:34",  # the '»' of « mot» in the same block, after a blank line
        "content/typo.fr.yaml:21:29",  # 10000 on the second line of a folded block
        "content/typo.fr.yaml:26:23",  # 0.27 in a table cell
        "content/typo.fr.yaml:30:43",  # the '%' of 10% after escaped quotes
        "content/typo.fr.yaml:31:42",  # the '?' after a doubled single quote
    ], lines
    assert all("French typography" in line for line in lines)
    assert "7 warnings" in err and "OK, no problem" in err
    code, lines, err = _validate(capsys, "--strict", "content")
    assert code == 1 and len(lines) == 7 and err.startswith("7 problems")


def test_the_built_in_content_gets_errors(write_yaml: WriteYaml) -> None:
    from tutor.content.style import style_problems
    from tutor.content.yamlsource import load_yaml

    path = write_yaml("lessons/typo.fr.yaml", MODULE.format(lang="fr"))
    located, problems = load_yaml(path, "lessons/typo.fr.yaml")
    assert located is not None and problems == []
    builtin = style_problems([located], [path.parent])
    assert len(builtin.errors) == 7 and builtin.warnings == []
    assert not any(str(p).count("warning") for p in builtin.errors)
    mine = style_problems([located], [path.parent.parent / "elsewhere"])
    assert mine.errors == [] and len(mine.warnings) == 7


def test_bank_prose_is_checked_but_not_ids_nor_accepted_answers(
    capsys: pytest.CaptureFixture[str], write_yaml: WriteYaml
) -> None:
    from tests.cli_helpers import MINIMAL_MODULE

    write_yaml("content/mini.fr.yaml", MINIMAL_MODULE.format(lang="fr"))
    write_yaml("content/mini.en.yaml", MINIMAL_MODULE.format(lang="en"))
    bank = """\
bank: mini
lang: fr
module: mini
title: "Mini"
questions:
  - id: q-short
    type: short
    topic: metrics
    difficulty: easy
    section: first
    prompt: "Quel est le nom?"
    answers: ["F1: score", "0.5"]
    explanation: "Le F1 vaut 0,5 ici."
"""
    write_yaml("content/mini-bank.fr.yaml", bank)
    english = bank.replace("lang: fr", "lang: en").replace("Quel est le nom?", "What is the name?")
    write_yaml("content/mini-bank.en.yaml", english.replace("Le F1 vaut 0,5 ici.", "F1 is 0.5 here."))
    code, lines, _ = _validate(capsys, "content")
    assert code == 0 and lines == [
        "content/mini-bank.fr.yaml:11:29: warning: French typography: a space before '?' (\"nom?\" → \"nom ?\")"
    ]


def test_the_shipped_french_is_clean() -> None:
    from tutor.loader import builtin_paths, load_content

    result = load_content(builtin_paths(), style=True)
    assert result.problems == [] and result.warnings == []


def test_generated_french_questions_follow_the_rules() -> None:
    from tutor.quiz.generators import GENERATOR_NAMES, generate

    for name in GENERATOR_NAMES:
        for seed in range(40):
            question = generate(name, seed, "fr")
            texts = [question.prompt, question.explanation, *(o.text for o in question.options)]
            for text in texts:
                assert french_findings(text) == [], (name, seed, text)

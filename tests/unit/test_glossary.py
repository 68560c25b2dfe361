"""The glossary (issue 15): one YAML source, docs/glossary.md generated from it, `tutor validate`
warnings for avoided terms in French content, and the shipped French (content and interface) using
the chosen terms."""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.cli_helpers import run_main
from tutor.content.glossary import (
    Glossary,
    GlossaryError,
    builtin_glossary_terms,
    markdown,
    read_glossary,
)

ROOT = Path(__file__).resolve().parents[2]
WriteYaml = Callable[[str, str], Path]


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTOR_LANG", "en")


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return builtin_glossary_terms()


def test_the_glossary_chooses_a_french_term_for_each_notion(glossary: Glossary) -> None:
    assert len(glossary.terms) >= 40
    ids = [t.id for t in glossary.terms]
    assert len(ids) == len(set(ids))
    chosen = {t.id: t.fr for t in glossary.terms}
    assert chosen["learning-rate"] == "taux d'apprentissage" and chosen["loss"] == "perte"
    assert chosen["step"] == "pas" and chosen["overfitting"] == "surapprentissage" and chosen["epoch"] == "époque"
    for kept in ("fine-tuning", "token", "batch", "prompt"):  # what French practice keeps in English
        assert chosen[kept] == kept
    assert all(t.definition_fr and t.definition_en for t in glossary.terms)
    assert sum(1 for t in glossary.terms if t.avoid) >= 40


def test_docs_glossary_is_what_the_yaml_generates(glossary: Glossary) -> None:
    committed = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert committed == markdown(glossary), "run: python -m tutor.content.glossary --write"
    from tutor.content.glossary import main

    assert main(["--check"]) == 0


def test_the_wheel_ships_the_glossary() -> None:
    from tutor.locations import builtin_glossary

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    included = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert included["content/glossary.yaml"] == "tutor/_content/glossary.yaml"
    shipped = builtin_glossary()  # content/ in a checkout, tutor/_content/ in an installed wheel
    assert shipped.read_bytes() == (ROOT / "content" / "glossary.yaml").read_bytes()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Un learning rate faible", ["learning rate"]),
        ("des learning rates différents", ["learning rates"]),
        ("La loss baisse ; les steps passent", ["loss", "steps"]),
        ("la moyenne weighted", ["moyenne weighted"]),
        ("le sampling nucleus", ["sampling nucleus"]),
        ("Meilleures pratiques", ["Meilleures pratiques"]),
        ("des données labellisées", ["labellisées"]),
        ("Décongélation progressive", ["Décongélation"]),
        ("un taux d'apprentissage (learning rate) faible", []),  # a gloss
        ("RLHF (Reinforcement Learning from Human Feedback)", []),  # an acronym's expansion
        ("le DAPT (domain-adaptive pretraining) puis", []),
        ("Le Trainer (avec son learning rate)", ["learning rate"]),  # not an acronym
        ("(*nucleus sampling*) et « loss »", []),  # mentions
        ("le mot *overfitting*", []),
        ("`learning_rate=2e-5` et `eval_loss`", []),  # code
        ("l'attention multi-head", []),  # inside a compound
        ("un taux d'apprentissage (faible, contrairement au learning rate de départ)", ["learning rate"]),
    ],
)
def test_avoided_forms_are_found_and_glosses_are_not(glossary: Glossary, text: str, found: list[str]) -> None:
    findings = glossary.findings(text)
    assert [text[f.offset:f.offset + f.length] for f in findings] == found
    for finding in findings:
        assert finding.message.startswith("glossary: write « ")


def test_validate_warns_with_the_place_and_the_term(capsys: pytest.CaptureFixture[str], write_yaml: WriteYaml) -> None:
    from tests.cli_helpers import MINIMAL_MODULE

    french = MINIMAL_MODULE.format(lang="fr").replace(
        'text: "Hello"', 'text: |\n          Bonjour.\n          Un learning rate faible limite la loss.')
    write_yaml("content/mini.fr.yaml", french)
    write_yaml("content/mini.en.yaml", MINIMAL_MODULE.format(lang="en").replace("Hello", "A low learning rate."))
    code, out, err = run_main(capsys, "validate", "--alone", "content")
    assert code == 0, out
    assert out.splitlines() == [
        ("content/mini.fr.yaml:13:14: warning: glossary: write « taux d'apprentissage » rather than « learning rate » "
         "(docs/glossary.md, term 'learning-rate')"),
        ("content/mini.fr.yaml:13:45: warning: glossary: write « perte » rather than « loss » "
         "(docs/glossary.md, term 'loss')"),
    ]
    assert "2 warnings" in err
    code, _, _ = run_main(capsys, "validate", "--alone", "--strict", "content")
    assert code == 1


def test_a_broken_glossary_is_reported_not_raised(write_yaml: WriteYaml) -> None:
    path = write_yaml("glossary.yaml", "terms:\n  - id: x\n    fr: a\n    en: b\n    avoid: [a]\n    colour: red\n")
    with pytest.raises(GlossaryError) as error:
        read_glossary(path)
    text = str(error.value)
    assert "glossary.yaml:6:5: glossary: unknown key 'colour'" in text
    assert "'definition' needs 'fr' and 'en'" in text
    good = write_yaml("good.yaml", (
        "terms:\n  - id: x\n    fr: a\n    en: b\n    avoid: [b]\n"
        "    definition: {fr: c, en: d}\n  - id: y\n    fr: b\n    en: b\n    definition: {fr: c, en: d}\n"
    ))
    with pytest.raises(GlossaryError, match="'b' is the chosen term of 'y'"):
        read_glossary(good)


def test_the_shipped_french_content_uses_the_chosen_terms() -> None:
    from tutor.loader import builtin_paths, load_content

    result = load_content(builtin_paths(), style=True)
    assert [str(w) for w in result.warnings if "glossary:" in w.message] == []


def _french_catalogue_texts() -> Iterator[tuple[str, int, str]]:
    """Every French string of the interface catalogues (dict entries keyed "fr"), placeholders blanked."""
    for path in sorted((ROOT / "tutor").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Dict):
                continue
            for key, value in zip(node.keys, node.values, strict=True):
                if not (isinstance(key, ast.Constant) and key.value == "fr"):
                    continue
                forms = value.values if isinstance(value, ast.Dict) else [value]
                for form in forms:
                    if isinstance(form, ast.Constant) and isinstance(form.value, str):
                        text = re.sub(r"\{[^{}]*\}", lambda m: "x" * len(m.group()), form.value)
                        yield str(path.relative_to(ROOT)), form.lineno, text


# `tutor serve`'s access token is a different notion: « jeton » is the right word there.
ACCESS_TOKEN = "tutor/i18n/strings/serve.py"


def test_the_interface_speaks_the_glossarys_french(glossary: Glossary) -> None:
    texts = list(_french_catalogue_texts())
    assert len(texts) > 500
    found = [f"{path}:{line}: {f.message}" for path, line, text in texts if path != ACCESS_TOKEN
             for f in glossary.findings(text)]
    assert found == []

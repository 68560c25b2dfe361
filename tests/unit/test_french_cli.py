"""No English in the French command line, no French in the English one (issue 12).

Every sub-command runs through `tutor.cli.main` with representative arguments (help, normal
output, usage errors, bad input), in French then in English, and its stdout and stderr are
searched for the other language's words: every catalogue text whose two languages differ (split
at its placeholders, fragments longer than 3 characters) and argparse's own English messages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pytest

from tutor.cli import main

# argparse's English words, which no French output may contain.
ARGPARSE_ENGLISH = (
    "usage:", "positional arguments", "show this help message and exit", "show program's version number",
    "expected one argument", "expected at least one argument", "invalid choice", "choose from",
    "the following arguments are required", "unrecognized arguments", "error:", "argument command",
    "must be a number", "must be greater than", "not allowed with argument",
)
# Technical terms the French course keeps in English: removed from the output before the search,
# so that "rate" (English for "taux") is not found inside "learning rate".
SHARED_TERMS = ("learning rate", "Learning rate", "exact match", "Exact match", "gradient checkpointing",
                "en rate")  # French "le modèle en rate beaucoup" (rater), not English "rate"
# Words that are the same in both languages although the catalogue entry as a whole differs.
SHARED_WORDS = frozenset({
    "Learning rate", "learning rate", "warmup", "Warmup", "softmax", "token", "tokens", "batch", "Batch",
    "Accuracy", "accuracy", "exact match", "Exact match", "LoRA", "BitFit", "adapters", "Adapters",
    "fine-tuning", "Fine-tuning", "checkpointing", "gradients", "activations", "total", "support",
    "micro", "macro", "corpus", "prompt", "Prompt", "Transfer learning", "Feature extraction",
    "Question", "question", "questions", "Questions", "Classification", "classification", "Confusion",
    "Module", "module", "Export", "export", "exports", "Mode", "mode", "Date", "Note", "Notes", "Score", "score",
    "Options", "options", "Perplexity", "Quiz", "quiz", "segments", "segment", "simulateur", "Simulateur",
    "tutor", "Textual", "TUTOR_LANG", "English", "attention", "Attention", "items", "running",
})


def typed_values() -> set[str]:
    """Values a learner types (sub-command names, choices such as easy or default): identifiers, not words."""
    from tutor.cli import build_parser

    found: set[str] = set()
    parsers = [build_parser(lang="fr")]
    while parsers:
        parser = parsers.pop()
        for action in parser._actions:
            if action.choices:
                found.update(str(choice) for choice in action.choices)
            if isinstance(action.choices, dict):
                parsers.extend(action.choices.values())
    return found


def _fragments(entries: Mapping[str, Mapping[str, object]], lang: str, other: str) -> set[str]:
    """Texts of `lang` (cut at placeholders) from entries whose `other` language says something else."""
    found: set[str] = set()
    for entry in entries.values():
        mine, theirs = entry.get(lang), entry.get(other)
        if mine is None or mine == theirs:
            continue
        forms = list(mine.values()) if isinstance(mine, Mapping) else [mine]
        their_forms = list(theirs.values()) if isinstance(theirs, Mapping) else [theirs]
        for form in forms:
            for part in re.split(r"\{[^}]*\}", str(form)):
                part = part.strip(" \u00a0\u202f.,:;()'\"«»·—-!?\n")
                if (len(part) > 3 and re.search(r"[A-Za-zÀ-ÿ]", part) and part not in SHARED_WORDS
                        and not any(part in str(text) for text in their_forms)):
                    found.add(part)
    return found


def catalogue_fragments(lang: str) -> set[str]:
    """Every catalogue's texts of `lang` that the other language writes differently."""
    from tutor.i18n.catalogue import STRINGS
    from tutor.lab.messages import MESSAGES as LAB_MESSAGES
    from tutor.metrics.texts import STRINGS as METRIC_STRINGS
    from tutor.sim.messages import MESSAGES as SIM_MESSAGES
    from tutor.sim.report import LABELS

    other = "en" if lang == "fr" else "fr"
    found: set[str] = set()
    for table in (STRINGS, METRIC_STRINGS, SIM_MESSAGES, LABELS, LAB_MESSAGES):
        found |= _fragments(table, lang, other)
    return found


def leaks(text: str, fragments: Iterable[str]) -> list[str]:
    """The fragments found in `text` as whole words (no-break spaces read as spaces)."""
    plain = text.replace("\u00a0", " ").replace("\u202f", " ")
    for term in SHARED_TERMS:
        plain = plain.replace(term, "")
    values = typed_values()
    return sorted(f for f in fragments
                  if f not in values and re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", plain))


def run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str]:
    """Exit code and stdout + stderr of `tutor ARGV`, argparse's exits included."""
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


@pytest.fixture
def files(tmp_path: Path) -> Callable[[str], str]:
    """Input files with French names (the learner's names must not count as English)."""
    folder = tmp_path / "entrées"
    folder.mkdir()
    contents: dict[str, bytes] = {
        "vérité.txt": b"chat\nchien\nchat\n",
        "prédictions.txt": b"chat\nchat\n",
        "vide.txt": b"\n  \n",
        "binaire.txt": b"chat\n\xff\xfe\n",
        "conll_vérité.txt": b"Emmanuel B-PER\nMacron I-PER\n\nParis B-LOC\n",
        "conll_bizarre.txt": b"Emmanuel PER\nMacron I-PER\n\nParis B-LOC\n",
        "logprobs.txt": b"-1000 -1000\n-0.5 -1.2\n",
        "logprobs_faux.txt": b"-0.5 abc\n",
        "existant.csv": b"deja\n",
    }
    for name, data in contents.items():
        (folder / name).write_bytes(data)
    (folder / "dossier").mkdir()
    return lambda name: str(folder / name)


# Representative calls of every sub-command: help, output, usage errors and bad input.
CASES: dict[str, list[str]] = {
    "version": ["--version"],
    "help": ["--help"],
    "lab help": ["lab", "--help"],
    "metrics bad tag": ["metrics", "ner", "--gold", "{file:conll_vérité.txt}", "--pred", "{file:conll_bizarre.txt}"],
    "unknown command": ["inconnue"],
    "bad theme": ["--theme", "inexistant", "lessons"],
    "validate help": ["validate", "--help"],
    "validate missing": ["validate", "{file:absent.yaml}"],
    "validate alone": ["validate", "--alone"],
    "validate": ["validate"],
    "lessons": ["lessons"],
    "schema bad": ["schema", "xml"],
    "schema help": ["schema", "--help"],
    "quiz help": ["quiz", "--help"],
    "quiz list": ["quiz", "--list", "--topic", "bert", "--difficulty", "hard"],
    "quiz count": ["quiz", "--count", "x"],
    "quiz time": ["quiz", "--exam", "--time-limit", "1e9"],
    "quiz seed": ["quiz", "--seed", "-1"],
    "quiz json": ["quiz", "--json"],
    "quiz bank": ["quiz", "--list", "--bank", "aucune"],
    "quiz app": ["quiz", "--seed", "0"],
    "review help": ["review", "--help"],
    "review": ["review"],
    "export help": ["export", "--help"],
    "export empty": ["export", "--learner", "personne", "--out", "{file:nouveau.csv}"],
    "export exists": ["export", "--learner", "personne", "--out", "{file:existant.csv}"],
    "report help": ["report", "--help"],
    "report none": ["report", "{file:absent.csv}"],
    "report": ["report", "{exports}"],
    "recommend help": ["recommend", "--help"],
    "recommend ner": ["recommend", "bert", "reconnaître", "les", "entités", "nommées", "dans", "des", "articles"],
    "recommend gpt": ["recommend", "gpt", "générer", "des", "fiches", "produits"],
    "recommend empty": ["recommend", "bert", " "],
    "estimate help": ["estimate", "--help"],
    "estimate": ["estimate", "--model", "bert-base-uncased", "--strategy", "lora", "--devices", "2",
                 "--checkpointing"],
    "estimate warmup": ["estimate", "--model", "gpt2", "--warmup-steps", "99999999"],
    "estimate bad": ["estimate", "--model", "inconnu", "--lr", "x"],
    "estimate required": ["estimate"],
    "sample help": ["sample", "--help"],
    "sample negative": ["sample", "--logits", "-1,2,-0.5", "--tokens", "chat,chien,loup", "--temperature", "0.7",
                        "--top-k", "2", "--top-p", "0.9"],
    "sample example": ["sample", "--example", "cat-sat"],
    "sample nothing": ["sample"],
    "sample bad": ["sample", "--logits", "a,b"],
    "sample temperature": ["sample", "--logits", "1,2", "--temperature", "0"],
    "metrics help": ["metrics", "--help"],
    "metrics ner help": ["metrics", "ner", "--help"],
    "metrics missing task": ["metrics"],
    "metrics required": ["metrics", "bleu", "--hyp", "{file:vérité.txt}"],
    "metrics sample and file": ["metrics", "qa", "--sample", "--gold", "{file:vérité.txt}"],
    "metrics aligned": ["metrics", "classification", "--gold", "{file:vérité.txt}", "--pred", "{file:prédictions.txt}"],
    "metrics no file": ["metrics", "classification", "--gold", "{file:absent.txt}", "--pred", "{file:vérité.txt}"],
    "metrics directory": ["metrics", "rouge", "--ref", "{file:dossier}", "--hyp", "{file:vérité.txt}"],
    "metrics utf8": ["metrics", "bleu", "--ref", "{file:vérité.txt}", "--hyp", "{file:binaire.txt}"],
    "metrics empty": ["metrics", "perplexity", "--logprobs", "{file:vide.txt}"],
    "metrics not a number": ["metrics", "perplexity", "--logprobs", "{file:logprobs_faux.txt}"],
    "metrics overflow": ["metrics", "perplexity", "--logprobs", "{file:logprobs.txt}"],
    **{f"metrics {task}": ["metrics", task, "--sample"]
       for task in ("classification", "ner", "qa", "bleu", "rouge", "perplexity")},
    "serve help": ["serve", "--help"],
    "serve port": ["serve", "--port", "0"],
    "serve plain": ["serve", "--plain"],
}
# What other modules still print in English (their files are outside this change): each case
# names what is left, and turns into a failure the day it is fixed (strict), to be removed.


@pytest.fixture
def exports(tmp_path: Path) -> str:
    """A directory with one learner's export (one answered quiz)."""
    from tutor.store.learners import database_path
    from tutor.store.sqlite import SQLiteStore

    store, _ = SQLiteStore.open(database_path("alice"))
    number = store.start_attempt(
        bank="fine-tuning", module="fine-tuning", kind="quiz", mode="practice", lang="fr", seed=7,
        settings={"count": 2}, question_ids=["q1", "q2"], time_limit=None, pass_mark=70.0,
    )
    for question, earned in (("q1", 2.0), ("q2", 0.0)):
        store.record_answer(number, question_id=question, topic="bert", answer={"given": question}, earned=earned,
                            max_points=2.0, credit=earned / 2, correct=earned > 0, hints=0, seconds=3.0)
    store.finish_attempt(number, 60.0, state="finished")
    store.close()
    folder = tmp_path / "exports"
    folder.mkdir()
    assert main(["export", "--learner", "alice", "--out", str(folder / "alice.csv")]) == 0
    return str(folder)


def _argv(template: list[str], files: Callable[[str], str], exports: str) -> list[str]:
    def expand(token: str) -> str:
        if token == "{exports}":
            return exports
        match = re.fullmatch(r"\{file:(.+)\}", token)
        return files(match.group(1)) if match else token

    return [expand(token) for token in template]


def _check(lang: str, argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
           tmp_path: Path) -> str:
    monkeypatch.setenv("TUTOR_LANG", lang)
    code, output = run(capsys, argv)
    assert "Traceback" not in output
    assert code in (0, 1, 2), output
    return output.replace(str(tmp_path), "<tmp>")


def _english_in(output: str) -> list[str]:
    return leaks(output, catalogue_fragments("en")) + [w for w in ARGPARSE_ENGLISH if w in output]


@pytest.mark.parametrize("case", sorted(CASES))
def test_french_output_has_no_english(case: str, files: Callable[[str], str], exports: str,
                                      capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                      tmp_path: Path) -> None:
    output = _check("fr", _argv(CASES[case], files, exports), capsys, monkeypatch, tmp_path)
    assert output.strip(), "every case prints something"
    assert _english_in(output) == [], output


@pytest.mark.parametrize("case", sorted(CASES))
def test_english_output_has_no_french(case: str, files: Callable[[str], str], exports: str,
                                      capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                      tmp_path: Path) -> None:
    argv = _argv(CASES[case], files, exports)
    output = _check("en", argv, capsys, monkeypatch, tmp_path)
    # The learner's own words are French on purpose ("reconnaître les entités…", file names): not the interface's.
    for word in sorted(argv, key=len, reverse=True):
        output = output.replace(word.replace(str(tmp_path), "<tmp>"), "")
    assert leaks(output, catalogue_fragments("fr")) == [], output
    assert not re.search(r"utilisation\s*:|erreur\s*:|arguments positionnels|afficher cette aide", output), output


def test_root_help_is_french_but_for_the_lab(capsys: pytest.CaptureFixture[str]) -> None:
    """`tutor --help` lists every sub-command; only the lab's line (tutor/cli/lab.py) is still English."""
    code, output = run(capsys, ["--help"])
    lab_line = re.compile(r"^    lab .*\n(^ {20,}.*\n)*", re.MULTILINE)
    assert code == 0 and lab_line.search(output)
    assert _english_in(lab_line.sub("", output)) == [], output


# -- the language itself -------------------------------------------------------------------------


def test_the_language_is_read_before_parsing_wherever_lang_is(capsys: pytest.CaptureFixture[str]) -> None:
    """`--lang` before or after the sub-command, `--lang=en`: the parser's own errors follow it."""
    for argv in (["--lang", "en", "quiz", "--count", "x"], ["quiz", "--count", "x", "--lang", "en"],
                 ["quiz", "--lang=en", "--count", "x"]):
        code, output = run(capsys, argv)
        assert code == 2 and output.startswith("tutor quiz: error: argument --count: --count must be a whole"), output
    code, output = run(capsys, ["quiz", "--count", "x"])  # LANG=C.UTF-8 in the tests: French by default
    assert code == 2 and output.startswith("tutor quiz\u00a0: erreur\u00a0: argument --count\u00a0:"), output


def test_the_settings_file_chooses_the_language(isolated_home: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    settings = isolated_home / "config" / "settings.toml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('lang = "en"\n', encoding="utf-8")
    assert run(capsys, ["sample", "--logits", "1,2"])[1].splitlines()[0].endswith("kept")
    monkeypatch.setenv("TUTOR_LANG", "fr")  # the environment wins over the file
    assert run(capsys, ["sample", "--logits", "1,2"])[1].splitlines()[0].endswith("gardé")


def test_the_no_terminal_message_is_in_the_learners_language(capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """`tutor` alone, through a pipe (pytest's stdin is not a terminal)."""
    code, output = run(capsys, [])
    assert code == 2 and "l'application plein écran a besoin d'un terminal" in output
    monkeypatch.setenv("TUTOR_LANG", "en")
    code, output = run(capsys, [])
    assert code == 2 and "the full-screen app needs a terminal" in output


# -- numbers, negative logits and the flags of 2.7 ---------------------------------------------


def test_negative_logits_are_values_not_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run(capsys, ["sample", "--logits", "-1,2", "--lang", "en"])
    assert code == 0 and "#0" in output and "0.0474" in output
    code, output = run(capsys, ["sample", "--logits", "-1,2"])
    assert code == 0 and "0,0474" in output and "0,9526" in output and "oui" in output
    # `--logits=-1,2` keeps working, and a negative value of another option is still refused.
    assert run(capsys, ["sample", "--logits=-1,2"])[0] == 0
    assert run(capsys, ["sample", "--logits", "1,2", "--top-k", "-1"])[0] == 2


def test_french_numbers_in_estimates_and_reports(capsys: pytest.CaptureFixture[str], exports: str) -> None:
    code, output = run(capsys, ["estimate", "--model", "bert-base-uncased"])
    assert code == 0 and "109\u202f482\u202f240" in output and "Gio" in output and "GiB" not in output
    assert not re.search(r"\d\.\d", output.split("Hypothèses")[0]), output  # no decimal point in French
    code, output = run(capsys, ["estimate", "--model", "bert-base-uncased", "--lang", "en"])
    assert code == 0 and "109,482,240" in output and "GiB" in output
    code, output = run(capsys, ["report", exports])
    assert code == 0 and "Rapport de classe — apprenants : 1" in output.replace("\u00a0", " ")
    assert "50\u202f%" in output


def test_export_refuses_to_overwrite_and_says_where_it_wrote(capsys: pytest.CaptureFixture[str],
                                                             tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    code, output = run(capsys, ["export", "--learner", "personne", "--out", str(target)])
    assert code == 0 and str(target) in output and "export écrit" in output
    target.write_text("précieux\n", encoding="utf-8")
    code, output = run(capsys, ["export", "--learner", "personne", "--out", str(target)])
    assert code == 2 and "--force" in output and target.read_text(encoding="utf-8") == "précieux\n"
    assert run(capsys, ["export", "--learner", "personne", "--out", str(target), "--force"])[0] == 0
    assert target.read_text(encoding="utf-8") != "précieux\n"


def test_version_seed_theme_and_time_limit(capsys: pytest.CaptureFixture[str]) -> None:
    from tutor import __version__

    assert run(capsys, ["--version"]) == (0, f"tutor {__version__}\n")
    code, output = run(capsys, ["--theme", "inexistant", "lessons"])
    assert code == 2 and "inexistant" in output and len(output.strip().splitlines()) == 1
    assert run(capsys, ["--theme", "tutor-light", "lessons"])[0] == 0
    assert run(capsys, ["--theme", "nord", "lessons"])[0] == 0  # a theme Textual ships
    code, output = run(capsys, ["quiz", "--exam", "--time-limit", "1e9"])
    assert code == 2 and "1\u202f440" in output
    code, output = run(capsys, ["quiz", "--seed", "0", "--list"])  # 0 is a seed like any other
    assert code == 0


def test_quiz_list_applies_its_filters(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    def listed(*argv: str) -> list[dict[str, str]]:
        code, output = run(capsys, ["quiz", "--list", "--json", *argv])
        assert code == 0
        return json.loads(output)["questions"]

    everything = listed()
    bert = listed("--topic", "bert")
    hard_bert = listed("--topic", "bert", "--difficulty", "hard")
    assert 0 < len(hard_bert) < len(bert) < len(everything)
    assert {q["topic"] for q in bert} == {"bert"} and {q["difficulty"] for q in hard_bert} == {"hard"}
    code, output = run(capsys, ["quiz", "--list", "--topic", "bert", "--difficulty", "hard"])
    assert code == 0 and len(output.strip().splitlines()) == len(hard_bert) + 1 and "difficile" in output


def test_estimate_warns_when_the_warmup_outlasts_the_training(capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run(capsys, ["estimate", "--model", "gpt2", "--warmup-steps", "99999999", "--json"])
    assert code == 0 and "attention" in output and "99\u202f999\u202f999" in output
    code, output = run(capsys, ["estimate", "--model", "gpt2"])
    assert "attention" not in output


def test_metric_input_errors_carry_a_key_shown_in_either_language() -> None:
    from tutor.metrics import pipeline
    from tutor.metrics.readers import InputError, Source

    with pytest.raises(InputError) as raised:
        pipeline.run_classification(Source("vérité", b"a\nb\n"), Source("prédictions", b"a\n"))
    error = raised.value
    assert error.key == "e.not_aligned.labels"
    assert str(error) == "prédictions:2: vérité has 2 labels but prédictions has 1: files must be aligned"
    assert error.text("fr").replace("\u00a0", " ").startswith(
        "prédictions:2 : nombres d'étiquettes différents (vérité : 2, prédictions : 1) : "
        "les fichiers doivent être alignés")


def test_every_help_text_builds_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    """argparse formats help with %: a stray % sign in a catalogue text would crash `--help`."""
    from tutor.cli import COMMANDS

    for lang in ("fr", "en"):
        for command in COMMANDS:
            code, output = run(capsys, ["--lang", lang, command, "--help"])
            assert code == 0 and "Traceback" not in output, output

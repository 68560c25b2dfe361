"""Speed of `tutor metrics` against the reference libraries, whole process, best of 3.

Generates fixed-seed data in a temporary directory, then times side by side (wall clock,
including interpreter start-up and imports):
  - classification, 1,000,000 label pairs: `tutor metrics classification` vs
    scikit-learn's classification_report (target: faster);
  - NER, 50,000 sentences: `tutor metrics ner` vs seqeval's classification_report
    (target: at most half its time);
  - BLEU, 20,000 segment pairs: `tutor metrics bleu` vs sacrebleu.corpus_bleu
    (target: within 1.5x).
Prints a Markdown table. Needs scikit-learn, seqeval and sacrebleu (test-only dependencies).

Usage: python bench/bench_metrics.py [--repeat N] [--scale F]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20240601

SKLEARN = """
import sys
from sklearn.metrics import classification_report
gold = open(sys.argv[1], encoding="utf-8").read().split()
pred = open(sys.argv[2], encoding="utf-8").read().split()
print(classification_report(gold, pred, digits=4))
"""

SEQEVAL = """
import sys
from seqeval.metrics import classification_report

def read(path):
    sentences, current = [], []
    for line in open(path, encoding="utf-8"):
        fields = line.split()
        if not fields:
            if current:
                sentences.append(current)
                current = []
        else:
            current.append(fields[-1])
    if current:
        sentences.append(current)
    return sentences

print(classification_report(read(sys.argv[1]), read(sys.argv[2]), digits=4))
"""

SACREBLEU = """
import sys
import sacrebleu
refs = open(sys.argv[1], encoding="utf-8").read().split("\\n")[:-1]
hyps = open(sys.argv[2], encoding="utf-8").read().split("\\n")[:-1]
print(sacrebleu.corpus_bleu(hyps, [refs]))
"""


def tutor_command() -> list[str]:
    """`python -m tutor`, or the equivalent call while tutor/__main__.py does not exist."""
    if (ROOT / "tutor" / "__main__.py").exists():
        return [sys.executable, "-m", "tutor"]
    return [sys.executable, "-c", "from tutor.cli import main; raise SystemExit(main())"]


def make_classification(directory: Path, rng: random.Random, n: int) -> tuple[Path, Path]:
    labels = ["positive", "negative", "neutral", "mixed", "off-topic"]
    weights = [40, 30, 20, 7, 3]
    gold = rng.choices(labels, weights, k=n)
    pred = [g if rng.random() < 0.8 else rng.choice(labels) for g in gold]
    gold_path, pred_path = directory / "cls.gold.txt", directory / "cls.pred.txt"
    gold_path.write_text("\n".join(gold) + "\n", encoding="utf-8")
    pred_path.write_text("\n".join(pred) + "\n", encoding="utf-8")
    return gold_path, pred_path


def _sentence_tags(rng: random.Random, length: int) -> list[str]:
    tags: list[str] = []
    while len(tags) < length:
        if rng.random() < 0.2:
            kind = rng.choice(["PER", "LOC", "ORG", "MISC"])
            span = min(rng.randint(1, 3), length - len(tags))
            tags += [f"B-{kind}"] + [f"I-{kind}"] * (span - 1)
        else:
            tags.append("O")
    return tags


def _corrupt(rng: random.Random, tags: list[str]) -> list[str]:
    out = list(tags)
    for i in range(len(out)):
        r = rng.random()
        if r < 0.03:
            out[i] = "O"
        elif r < 0.05:
            out[i] = rng.choice(["B-PER", "I-PER", "B-LOC", "I-ORG", "B-MISC"])
    return out


def make_ner(directory: Path, rng: random.Random, n: int) -> tuple[Path, Path]:
    words = [f"w{i}" for i in range(500)]
    gold_lines: list[str] = []
    pred_lines: list[str] = []
    for _ in range(n):
        tags = _sentence_tags(rng, rng.randint(8, 25))
        pred = _corrupt(rng, tags)
        for tag, guess in zip(tags, pred, strict=True):
            word = rng.choice(words)
            gold_lines.append(f"{word} {tag}")
            pred_lines.append(f"{word} {guess}")
        gold_lines.append("")
        pred_lines.append("")
    gold_path, pred_path = directory / "ner.gold.conll", directory / "ner.pred.conll"
    gold_path.write_text("\n".join(gold_lines), encoding="utf-8")
    pred_path.write_text("\n".join(pred_lines), encoding="utf-8")
    return gold_path, pred_path


def make_bleu(directory: Path, rng: random.Random, n: int) -> tuple[Path, Path]:
    vocab = [f"word{i}" for i in range(3000)] + ["the", "a", "of", "to", "and", "in"] * 50
    punct = [",", ".", "!", "?", "'s", "(", ")", "-", "3.5", "1,000", "&amp;"]
    refs, hyps = [], []
    for _ in range(n):
        ref = [rng.choice(vocab) if rng.random() > 0.1 else rng.choice(punct)
               for _ in range(rng.randint(5, 40))]
        hyp = [w if rng.random() < 0.7 else rng.choice(vocab) for w in ref]
        if rng.random() < 0.3:
            hyp = hyp[: max(1, len(hyp) - rng.randint(1, 5))]
        refs.append(" ".join(ref).replace(" ,", ",").replace(" .", "."))
        hyps.append(" ".join(hyp).replace(" ,", ",").replace(" .", "."))
    ref_path, hyp_path = directory / "bleu.ref.txt", directory / "bleu.hyp.txt"
    ref_path.write_text("\n".join(refs) + "\n", encoding="utf-8")
    hyp_path.write_text("\n".join(hyps) + "\n", encoding="utf-8")
    return ref_path, hyp_path


def best_time(command: list[str], repeat: int) -> float:
    """Best wall-clock time of `command` over `repeat` runs (it must exit 0)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"command failed ({done.returncode}): {' '.join(command)}\n{done.stderr}")
        best = min(best, elapsed)
    return best


def main() -> None:
    """Generate the data, time both sides of each task and print the Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (best is kept)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every data size")
    args = parser.parse_args()
    rng = random.Random(SEED)
    sizes = {"cls": int(1_000_000 * args.scale), "ner": int(50_000 * args.scale),
             "bleu": int(20_000 * args.scale)}
    tutor = tutor_command()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-metrics-") as tmp:
        directory = Path(tmp)
        gold, pred = make_classification(directory, rng, sizes["cls"])
        ner_gold, ner_pred = make_ner(directory, rng, sizes["ner"])
        ref, hyp = make_bleu(directory, rng, sizes["bleu"])
        cases = [
            (f"classification, {sizes['cls']:,} label pairs", "scikit-learn classification_report",
             [*tutor, "metrics", "classification", "--gold", str(gold), "--pred", str(pred)],
             [sys.executable, "-c", SKLEARN, str(gold), str(pred)], "faster", 1.0),
            (f"NER, {sizes['ner']:,} sentences", "seqeval classification_report",
             [*tutor, "metrics", "ner", "--gold", str(ner_gold), "--pred", str(ner_pred)],
             [sys.executable, "-c", SEQEVAL, str(ner_gold), str(ner_pred)], "≤ 0.5×", 0.5),
            (f"BLEU, {sizes['bleu']:,} segment pairs", "sacrebleu corpus_bleu",
             [*tutor, "metrics", "bleu", "--ref", str(ref), "--hyp", str(hyp)],
             [sys.executable, "-c", SACREBLEU, str(ref), str(hyp)], "≤ 1.5×", 1.5),
        ]
        for name, reference, ours, theirs, target, limit in cases:
            ours_time = best_time(ours, args.repeat)
            theirs_time = best_time(theirs, args.repeat)
            ratio = ours_time / theirs_time
            met = ratio < limit if limit == 1.0 else ratio <= limit
            rows.append((name, reference, ours_time, theirs_time, ratio, target, met))
    print(f"Python {sys.version.split()[0]}, best of {args.repeat}, wall clock including start-up.\n")
    print("| task | reference | tutor (s) | reference (s) | tutor / reference | target | met |")
    print("|---|---|---:|---:|---:|---|---|")
    for name, reference, ours_time, theirs_time, ratio, target, met in rows:
        print(f"| {name} | {reference} | {ours_time:.2f} | {theirs_time:.2f} | {ratio:.2f} | "
              f"{target} | {'yes' if met else 'NO'} |")


if __name__ == "__main__":
    main()

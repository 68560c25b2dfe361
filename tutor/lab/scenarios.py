"""Shipped scenarios: one lesson of the module each, reproduced on real curves (pure registry).

Each scenario holds the settings of run A, optionally of run B to compare, one sentence of
explanation in French and English, and its claim as a predicate over the two RunResults
(`check(a, b) -> Claim`, the numbers it looked at included). The tests assert every claim on
the real curves with the shipped seeds; `run_scenario` imports the numpy trainer lazily.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from tutor.i18n.numbers import fmt
from tutor.lab.messages import number, percent
from tutor.lab.results import EpochStats, RunResult
from tutor.lab.settings import LabSettings


@dataclass(frozen=True)
class Claim:
    """Whether the scenario's lesson shows on these curves, the numbers behind it, and a sentence."""

    holds: bool
    measures: dict[str, float]
    fr: str
    en: str

    def text(self, lang: str) -> str:
        """The sentence in `lang`."""
        return self.fr if lang == "fr" else self.en


Check = Callable[[RunResult, "RunResult | None"], Claim]


@dataclass(frozen=True)
class Scenario:
    """A lesson: run A (and B), the explanation, and the claim to check on the curves."""

    name: str
    title: dict[str, str]
    explanation: dict[str, str]
    a: LabSettings
    label_a: dict[str, str]
    check: Check
    b: LabSettings | None = None
    label_b: dict[str, str] | None = None
    # (module id, section id) of the lesson that teaches what the scenario shows: the report and
    # the panel name it, and a test checks that the section exists in both languages.
    lesson: tuple[str, str] = ("fine-tuning", "strategies")

    def runs(self) -> list[tuple[str, LabSettings, dict[str, str]]]:
        """("A", settings, label) and, when there is one, ("B", settings, label)."""
        out = [("A", self.a, self.label_a)]
        if self.b is not None:
            out.append(("B", self.b, self.label_b or {"fr": "B", "en": "B"}))
        return out


@dataclass
class ScenarioResult:
    """The runs of a scenario and its claim (None when a run was cancelled or refused)."""

    scenario: Scenario
    a: RunResult
    b: RunResult | None
    claim: Claim | None

    @property
    def cancelled(self) -> bool:
        """True when a run was cancelled."""
        return self.a.cancelled or (self.b is not None and self.b.cancelled)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready dict."""
        s = self.scenario
        return {
            "scenario": s.name,
            "title": s.title,
            "lesson": {"module": s.lesson[0], "section": s.lesson[1]},
            "explanation": s.explanation,
            "runs": {
                "A": {"label": s.label_a, **self.a.as_dict()},
                **({"B": {"label": s.label_b, **self.b.as_dict()}} if self.b is not None else {}),
            },
            "claim": (
                {"holds": self.claim.holds, "measures": self.claim.measures, "fr": self.claim.fr, "en": self.claim.en}
                if self.claim else None
            ),
        }


def _need(result: RunResult | None) -> RunResult:
    if result is None or result.best is None:
        raise ValueError("the scenario needs finished runs")
    return result


# --- transfer-vs-scratch -------------------------------------------------------------------

TRANSFER_MARGIN = 0.10


def _check_transfer(a: RunResult, b: RunResult | None) -> Claim:
    a_acc, b_acc = _need(a).best.val_acc, _need(b).best.val_acc  # type: ignore[union-attr]  # _need raises when the run is missing
    holds = a_acc >= b_acc + TRANSFER_MARGIN
    return Claim(
        holds, {"transfer_val_acc": a_acc, "scratch_val_acc": b_acc},
        f"Exactitude (accuracy) de validation à la meilleure époque : {percent(a_acc, 'fr')} avec transfert contre "
        f"{percent(b_acc, 'fr')} depuis zéro (attendu : au moins 10 points d'écart).",
        f"Validation accuracy at the best epoch: {percent(a_acc, 'en')} with transfer vs {percent(b_acc, 'en')} "
        "from scratch (expected: at least 10 points more).",
    )


# --- forgetting ----------------------------------------------------------------------------

FORGETTING_DROP = 0.30
KEPT_DROP = 0.05


def _check_forgetting(a: RunResult, b: RunResult | None) -> Claim:
    a, b = _need(a), _need(b)
    before = a.source_acc_before or 0.0
    high, low = a.final_source_acc or 0.0, b.final_source_acc or 0.0
    holds = high <= before - FORGETTING_DROP and low >= before - KEPT_DROP
    return Claim(
        holds, {"source_acc_before": before, "source_acc_high_lr": high, "source_acc_low_lr": low},
        f"Exactitude (accuracy) sur la tâche source : {percent(before, 'fr')} avant ; {percent(high, 'fr')} "
        f"après le taux {fmt(a.settings.lr, 'fr')} contre {percent(low, 'fr')} après {fmt(b.settings.lr, 'fr')} "
        "(attendu : le taux élevé perd au moins 30 points, le faible au plus 5).",
        f"Source-task accuracy: {percent(before, 'en')} before; {percent(high, 'en')} after rate "
        f"{fmt(a.settings.lr, 'en')} vs {percent(low, 'en')} after {fmt(b.settings.lr, 'en')} "
        "(expected: the high rate loses at least 30 points, the low one at most 5).",
    )


# --- warmup --------------------------------------------------------------------------------

WARMUP_RATIO = 1.5


def _first_epoch(result: RunResult) -> EpochStats:
    return _need(result).epochs[0]


def _check_warmup(a: RunResult, b: RunResult | None) -> Claim:
    first_a, first_b = _first_epoch(a), _first_epoch(_need(b))
    a_max, b_max = max(first_a.step_losses), max(first_b.step_losses)
    a_mean = sum(first_a.step_losses) / len(first_a.step_losses)
    b_mean = sum(first_b.step_losses) / len(first_b.step_losses)
    a_source, b_source = first_a.source_acc or 0.0, first_b.source_acc or 0.0
    holds = a_mean >= WARMUP_RATIO * b_mean and a_max > b_max and a_source < b_source
    return Claim(
        holds, {"max_loss_no_warmup": a_max, "max_loss_warmup": b_max, "mean_loss_no_warmup": a_mean,
                "mean_loss_warmup": b_mean, "source_acc_epoch1_no_warmup": a_source,
                "source_acc_epoch1_warmup": b_source},
        f"Pertes des pas de la 1re époque : jusqu'à {number(a_max, 'fr', 2)} sans warmup contre "
        f"{number(b_max, 'fr', 2)} avec, {number(a_mean, 'fr', 2)} contre {number(b_mean, 'fr', 2)} en moyenne ; "
        f"exactitude (accuracy) source après l'époque 1 : {percent(a_source, 'fr')} contre {percent(b_source, 'fr')} "
        "(attendu : sans warmup, une moyenne au moins 1,5 fois plus haute, un pic plus haut et une tâche source "
        "plus abîmée).",
        f"Batch losses of epoch 1: up to {number(a_max, 'en', 2)} without warmup vs {number(b_max, 'en', 2)} with "
        f"it, {number(a_mean, 'en', 2)} vs {number(b_mean, 'en', 2)} on average; source accuracy after epoch 1: "
        f"{percent(a_source, 'en')} vs {percent(b_source, 'en')} (expected without warmup: a mean at least 1.5 "
        "times higher, a higher peak and a more damaged source task).",
    )


# --- overfitting ---------------------------------------------------------------------------

OVERFIT_RISE = 1.2


def _check_overfitting(a: RunResult, b: RunResult | None) -> Claim:
    del b
    a = _need(a)
    best = a.best
    last = a.last
    assert best is not None and last is not None
    epochs = len(a.epochs)
    holds = (
        best.epoch <= epochs // 2
        and last.val_loss >= OVERFIT_RISE * best.val_loss
        and last.train_loss < best.train_loss
    )
    return Claim(
        holds, {"best_epoch": best.epoch, "epochs": epochs, "best_val_loss": best.val_loss,
                "final_val_loss": last.val_loss, "best_train_loss": best.train_loss,
                "final_train_loss": last.train_loss},
        f"Meilleure époque de validation : {best.epoch} sur {epochs} ; perte de validation "
        f"{number(best.val_loss, 'fr')} puis {number(last.val_loss, 'fr')} à la fin, perte d'entraînement "
        f"{number(best.train_loss, 'fr')} puis {number(last.train_loss, 'fr', 4)} (attendu : meilleure époque dans "
        "la première moitié, perte de validation finale ≥ 1,2 × la meilleure, perte d'entraînement toujours en "
        "baisse).",
        f"Best validation epoch: {best.epoch} of {epochs}; validation loss {number(best.val_loss, 'en')} then "
        f"{number(last.val_loss, 'en')} at the end, training loss {number(best.train_loss, 'en')} then "
        f"{number(last.train_loss, 'en', 4)} "
        "(expected: best epoch in the first half, final validation loss ≥ 1.2 × the best, training loss still "
        "falling).",
    )


SCENARIOS: dict[str, Scenario] = {
    s.name: s
    for s in (
        Scenario(
            name="transfer-vs-scratch",
            title={"fr": "Transfert ou apprentissage depuis zéro", "en": "Transfer vs. training from scratch"},
            explanation={
                "fr": "Avec seulement 16 messages étiquetés, le réseau pré-entraîné sait déjà quels mots vont "
                      "ensemble, alors que le même réseau entraîné depuis zéro ne connaît que les quelques mots qu'il "
                      "a vus : le transfert l'emporte quand les données cibles sont rares.",
                "en": "With only 16 labelled messages, the pre-trained network already knows which words go "
                      "together, while the same network trained from scratch only knows the few words it has seen: "
                      "transfer wins when target data is scarce.",
            },
            a=LabSettings(strategy="full", lr=1e-2, examples=16, epochs=20, batch_size=8),
            label_a={"fr": "fine-tuning complet (pré-entraîné)", "en": "full fine-tuning (pre-trained)"},
            b=LabSettings(strategy="scratch", lr=1e-2, examples=16, epochs=20, batch_size=8),
            label_b={"fr": "depuis zéro", "en": "from scratch"},
            check=_check_transfer,
            lesson=("fine-tuning", "transfer-learning"),
        ),
        Scenario(
            name="forgetting",
            title={"fr": "Oubli catastrophique", "en": "Catastrophic forgetting"},
            explanation={
                "fr": "Le fine-tuning complet à un taux trop élevé (0,1) apprend encore la tâche cible mais abîme les "
                      "couches dont dépendait la tâche source (oubli catastrophique), alors qu'un taux faible "
                      "(0,003), ou un corps gelé, la préserve.",
                "en": "Full fine-tuning at a too-high rate (0.1) still learns the target task but wrecks the layers "
                      "the source task relied on (catastrophic forgetting), while a low rate (0.003), or a frozen "
                      "body, keeps it.",
            },
            a=LabSettings(strategy="full", lr=0.1, examples=64, epochs=10, batch_size=8),
            label_a={"fr": "taux 0,1 (trop élevé)", "en": "rate 0.1 (too high)"},
            b=LabSettings(strategy="full", lr=3e-3, examples=64, epochs=10, batch_size=8),
            label_b={"fr": "taux 0,003", "en": "rate 0.003"},
            check=_check_forgetting,
            lesson=("fine-tuning", "forgetting"),
        ),
        Scenario(
            name="warmup",
            title={"fr": "Warmup", "en": "Warmup"},
            explanation={
                "fr": "À taux élevé, les premiers pas d'AdamW déplacent chaque poids d'environ tout le taux alors que "
                      "ses estimations sont encore bruitées : sans warmup la perte s'envole dès les premiers pas, qui "
                      "abîment davantage les couches pré-entraînées, alors qu'un warmup de 20 % fait monter le taux "
                      "progressivement et les garde calmes.",
                "en": "At a high rate, AdamW's first steps move every weight by about the whole rate while its "
                      "estimates are still noisy: without warmup the loss shoots up in the first steps, which damage "
                      "the pre-trained layers more, while a 20 % warmup ramps the rate up and keeps them calm.",
            },
            a=LabSettings(strategy="full", lr=0.1, warmup_ratio=0.0, examples=256, epochs=5, batch_size=32),
            label_a={"fr": "sans warmup", "en": "no warmup"},
            b=LabSettings(strategy="full", lr=0.1, warmup_ratio=0.2, examples=256, epochs=5, batch_size=32),
            label_b={"fr": "warmup 20 %", "en": "20 % warmup"},
            check=_check_warmup,
            lesson=("fine-tuning", "best-practices"),
        ),
        Scenario(
            name="overfitting",
            title={"fr": "Surapprentissage", "en": "Overfitting"},
            explanation={
                "fr": "Quarante époques sur 16 exemples : la perte d'entraînement continue de baisser vers zéro alors "
                      "que la perte de validation remonte après sa meilleure époque ; c'est ce checkpoint qu'il faut "
                      "garder (ou arrêter plus tôt).",
                "en": "Forty epochs on 16 examples: the training loss keeps falling towards zero while the "
                      "validation loss climbs after its best epoch; that checkpoint is the one to keep (or stop "
                      "earlier).",
            },
            a=LabSettings(strategy="full", lr=3e-3, examples=16, epochs=40, batch_size=8),
            label_a={"fr": "40 époques, 16 exemples", "en": "40 epochs, 16 examples"},
            check=_check_overfitting,
            lesson=("fine-tuning", "best-practices"),
        ),
    )
}


def get_scenario(name: str) -> Scenario | None:
    """The scenario called `name` (case and spaces ignored), else None."""
    key = "-".join(str(name).strip().lower().replace("_", " ").split())
    return SCENARIOS.get(key)


def with_overrides(scenario: Scenario, overrides: Mapping[str, object]) -> Scenario:
    """The scenario with typed `overrides` (e.g. {"seed": 3}) applied to every run."""
    if not overrides:
        return scenario
    return dataclasses.replace(
        scenario,
        a=dataclasses.replace(scenario.a, **overrides),  # type: ignore[arg-type]  # overrides: parsed values of the fields' types
        b=dataclasses.replace(scenario.b, **overrides) if scenario.b else None,  # type: ignore[arg-type]  # overrides: parsed values of the fields' types
    )


def run_scenario(
    scenario: Scenario | str,
    on_epoch: Callable[[str, EpochStats], object] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> ScenarioResult:
    """Train the scenario's runs (A then B) and check its claim; imports numpy (tutor.lab.train)."""
    from tutor.lab.train import run

    if isinstance(scenario, str):
        found = get_scenario(scenario)
        if found is None:
            raise KeyError(scenario)
        scenario = found
    results: dict[str, RunResult] = {}
    for label, settings, _ in scenario.runs():
        callback = (lambda stats, label=label: on_epoch(label, stats)) if on_epoch is not None else None
        if results and any(r.cancelled for r in results.values()):
            skipped = RunResult(settings, settings.validate())
            skipped.cancelled = True
            results[label] = skipped
            continue
        results[label] = run(settings, callback, should_stop)
    a, b = results["A"], results.get("B")
    claim = None
    if all(r.ok and not r.cancelled and r.epochs for r in results.values()):
        claim = scenario.check(a, b)
    return ScenarioResult(scenario, a, b, claim)

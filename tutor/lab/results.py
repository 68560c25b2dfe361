"""What a lab run produces: per-epoch statistics and the run's result (pure: no numpy).

The UI receives one `EpochStats` per epoch through `run(..., on_epoch=...)` and the whole
`RunResult` at the end. Every number is a plain float or int, so both are JSON-ready
(`as_dict`) and safe to hand from a worker thread to the interface.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tutor.lab.settings import LabSettings
from tutor.sim.config import Problem


@dataclass(frozen=True)
class EpochStats:
    """The model after `epoch` (epoch 0: before fine-tuning, with no steps).

    train_* are measured on the whole target training set at the end of the epoch (not a
    running average), val_* on the 400 validation messages, source_acc on 1,000 held-out
    source articles through the frozen source head (None when there was no pre-training).
    step_lrs / step_losses: base learning rate (head's rate) and batch loss of each optimizer
    step of this epoch. drift: relative change of the shared body since pre-training,
    ‖W − W₀‖ / ‖W₀‖ over the embeddings and both layers (LoRA counted merged).
    best_epoch: the best epoch so far (lowest validation loss, earliest on ties).
    """

    epoch: int
    train_loss: float
    train_acc: float
    val_loss: float
    val_acc: float
    source_acc: float | None
    lr: float
    trainable_params: int
    drift: float
    best_epoch: int
    first_step: int
    step_lrs: tuple[float, ...] = ()
    step_losses: tuple[float, ...] = ()
    elapsed: float = 0.0

    def as_dict(self) -> dict[str, object]:
        """JSON-ready dict."""
        return {
            "epoch": self.epoch, "train_loss": self.train_loss, "train_acc": self.train_acc,
            "val_loss": self.val_loss, "val_acc": self.val_acc, "source_acc": self.source_acc, "lr": self.lr,
            "trainable_params": self.trainable_params, "drift": self.drift, "best_epoch": self.best_epoch,
            "first_step": self.first_step, "step_lrs": list(self.step_lrs), "step_losses": list(self.step_losses),
        }


@dataclass
class RunResult:
    """A finished (or cancelled, or refused) run.

    epochs: EpochStats of epochs 1..n (initial: epoch 0). step_lrs / step_losses: every optimizer
    step (index = Trainer step, starting at 0). best_epoch: lowest validation loss (None before
    any epoch). trainable_params: the most the strategy trained at once (gradual unfreezing
    grows). changed: parameter blocks that moved. block_drift: ‖W − W₀‖ / ‖W₀‖ per block
    ("lora" is the adapter's share of its layer). problems: validation problems (a run with
    errors is not trained: ok is False and the curves are empty).
    """

    settings: LabSettings
    problems: list[Problem] = field(default_factory=list)
    initial: EpochStats | None = None
    epochs: list[EpochStats] = field(default_factory=list)
    step_lrs: list[float] = field(default_factory=list)
    step_losses: list[float] = field(default_factory=list)
    best_epoch: int | None = None
    trainable_params: int = 0
    total_params: int = 0
    source_acc_before: float | None = None
    changed: tuple[str, ...] = ()
    block_drift: dict[str, float] = field(default_factory=dict)
    total_steps: int = 0
    warmup_steps: int = 0
    steps_per_epoch: int = 0
    cancelled: bool = False
    diverged: bool = False  # a loss became infinite or NaN: training stopped, finished epochs kept
    elapsed: float = 0.0
    pretrain_seconds: float = 0.0
    weights: dict[str, object] | None = None  # final numpy arrays when run(..., keep_weights=True)

    @property
    def ok(self) -> bool:
        """True when the settings had no error (the run was trained, maybe cancelled)."""
        return not any(p.severity == "error" for p in self.problems)

    def curve(self, name: str) -> list[float | None]:
        """One per-epoch series (epochs 1..n): "train_loss", "val_acc", "source_acc", "lr", "drift"…"""
        return [getattr(stats, name) for stats in self.epochs]

    @property
    def best(self) -> EpochStats | None:
        """The best validation epoch's statistics."""
        if self.best_epoch is None:
            return None
        return self.epochs[self.best_epoch - 1]

    @property
    def last(self) -> EpochStats | None:
        """The last completed epoch's statistics."""
        return self.epochs[-1] if self.epochs else None

    @property
    def final_source_acc(self) -> float | None:
        """Source accuracy after the last completed epoch."""
        return self.epochs[-1].source_acc if self.epochs else None

    def as_dict(self) -> dict[str, object]:
        """JSON-ready dict (weights excluded)."""
        return {
            "settings": self.settings.as_dict(),
            "problems": [
                {"field": p.field, "key": p.key, "fr": p.fr, "en": p.en, "severity": p.severity} for p in self.problems
            ],
            "ok": self.ok,
            "cancelled": self.cancelled,
            "diverged": self.diverged,
            "best_epoch": self.best_epoch,
            "trainable_params": self.trainable_params,
            "total_params": self.total_params,
            "source_acc_before": self.source_acc_before,
            "changed": list(self.changed),
            "block_drift": self.block_drift,
            "steps": {"total": self.total_steps, "warmup": self.warmup_steps, "per_epoch": self.steps_per_epoch},
            "initial": self.initial.as_dict() if self.initial else None,
            "epochs": [stats.as_dict() for stats in self.epochs],
            "step_lrs": self.step_lrs,
            "step_losses": self.step_losses,
            "elapsed": round(self.elapsed, 4),
            "pretrain_seconds": round(self.pretrain_seconds, 4),
        }

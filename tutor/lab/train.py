"""Pre-training (cached) and fine-tuning runs of the lab (numpy; imported only by the lab).

`run(settings, on_epoch=..., should_stop=...)` is the API the interface uses from a worker
thread: it never raises on bad settings (they come back as `RunResult.problems`), calls
`on_epoch(EpochStats)` once before training (epoch 0) and after every epoch, and checks
`should_stop()` before every batch (pre-training batches included).

The learning rate at optimizer step t (0-based, as the Trainer's scheduler counts) is
`tutor.sim.schedules.lr_at(schedule, lr, t, total, warmup)` × the block's multiplier; the
steps come from `tutor.sim.schedules.training_steps`: the same schedules as the simulators.

Pre-training is the same for every strategy with the same seed: it is cached in memory per
(seed, SourceSettings), thread-safely, so a second run or a comparison does not pay again.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from tutor.lab import data
from tutor.lab._numpy import np
from tutor.lab.network import (
    BLOCK_PARAMS,
    AdamW,
    Lora,
    Params,
    backward,
    clip_grad_norm,
    cross_entropy,
    forward,
    init_body,
    init_head,
    init_lora,
    layer_weight,
)
from tutor.lab.results import EpochStats, RunResult
from tutor.lab.settings import LabSettings
from tutor.lab.strategies import block_sizes, total_params, trainable_blocks
from tutor.sim.schedules import lr_at, training_steps

OnEpoch = Callable[[EpochStats], object]
ShouldStop = Callable[[], bool]

BODY_BLOCKS = ("embeddings", "layer1", "layer2")


@dataclass(frozen=True)
class SourceSettings:
    """The pre-training recipe (fixed; part of the cache key with the seed)."""

    docs: int = 4000
    test_docs: int = 1000
    epochs: int = 6
    batch_size: int = 64
    lr: float = 3e-3
    warmup_ratio: float = 0.06
    schedule: str = "linear"
    weight_decay: float = 0.01


@dataclass(frozen=True)
class Pretrained:
    """A pre-trained body and source head, the held-out source articles and their accuracy."""

    params: Params
    source_test: data.Documents
    source_acc: float
    seconds: float


_CACHE: dict[tuple[int, SourceSettings], Pretrained] = {}
_CACHE_LOCK = threading.Lock()


def clear_cache() -> None:
    """Forget every pre-trained model (the next run pays the pre-training again)."""
    with _CACHE_LOCK:
        _CACHE.clear()


def pretrain(
    seed: int, source: SourceSettings = SourceSettings(), should_stop: ShouldStop | None = None
) -> Pretrained | None:
    """The pre-trained model for `seed` (from the cache when possible); None if cancelled."""
    return _pretrained(seed, source, should_stop)[0]


def is_pretrained(seed: int, source: SourceSettings = SourceSettings()) -> bool:
    """True when the pre-trained model for `seed` is already in memory (a run will not pay for it)."""
    with _CACHE_LOCK:
        return (seed, source) in _CACHE


def _pretrained(seed: int, source: SourceSettings, should_stop: ShouldStop | None) -> tuple[Pretrained | None, bool]:
    key = (seed, source)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is not None:
            return cached, False
        start = time.perf_counter()
        result = _pretrain(seed, source, should_stop)
        if result is None:
            return None, False
        model = Pretrained(result[0], result[1], result[2], time.perf_counter() - start)
        _CACHE[key] = model
        return model, True


def _pretrain(seed: int, source: SourceSettings,
              should_stop: ShouldStop | None) -> tuple[Params, data.Documents, float] | None:
    docs = data.source_documents(seed, source.docs)
    test = data.source_test_documents(seed, source.test_docs)
    params = init_body(np.random.default_rng([seed, 10]))
    params.update(init_head(np.random.default_rng([seed, 11]), "source_head"))
    shuffle = np.random.default_rng([seed, 12])
    counts = training_steps(source.docs, source.batch_size, epochs=source.epochs, warmup_ratio=source.warmup_ratio)
    optimizer = AdamW(source.weight_decay)
    blocks = ("embeddings", "layer1", "layer2", "source_head")
    names = [name for block in blocks for name in BLOCK_PARAMS[block]]
    step = 0
    for _ in range(source.epochs):
        order = shuffle.permutation(source.docs)
        for start in range(0, source.docs, source.batch_size):
            if should_stop is not None and should_stop():
                return None
            batch = order[start : start + source.batch_size]
            logits, cache = forward(params, docs.x[batch], "source_head")
            _, grad, _ = cross_entropy(logits, docs.y[batch])
            grads = backward(params, cache, grad, blocks, "source_head")
            clip_grad_norm(grads)
            rate = lr_at(source.schedule, source.lr, step, counts.total_steps, counts.warmup_steps)
            optimizer.step(params, grads, {name: rate for name in names})
            step += 1
    for array in params.values():
        array.setflags(write=False)
    return params, test, _accuracy(params, test, "source_head", None)


def _accuracy(params: Params, docs: data.Documents, head: str, lora: Lora | None) -> float:
    logits, _ = forward(params, docs.x, head, lora)
    return float((logits.argmax(axis=1) == docs.y).mean())


def _evaluate(params: Params, docs: data.Documents, lora: Lora | None) -> tuple[float, float]:
    logits, _ = forward(params, docs.x, "head", lora)
    loss, _, predictions = cross_entropy(logits, docs.y)
    return loss, float((predictions == docs.y).mean())


def _effective_body(params: Params, lora: Lora | None) -> dict[str, np.ndarray]:
    return {
        "embeddings": params["embeddings"],
        "layer1.weight": layer_weight(params, 1, lora), "layer1.bias": params["layer1.bias"],
        "layer2.weight": layer_weight(params, 2, lora), "layer2.bias": params["layer2.bias"],
    }


def _drift(now: dict[str, np.ndarray], start: dict[str, np.ndarray]) -> float:
    moved = sum(float(np.sum((now[k] - start[k]) ** 2)) for k in start)
    size = sum(float(np.sum(start[k] ** 2)) for k in start)
    return math.sqrt(moved / size) if size > 0 else 0.0


def run(
    settings: LabSettings,
    on_epoch: OnEpoch | None = None,
    should_stop: ShouldStop | None = None,
    keep_weights: bool = False,
) -> RunResult:
    """Fine-tune (or train from scratch) on the target task with `settings`; never raises on bad settings."""
    started = time.perf_counter()
    problems = settings.validate()
    result = RunResult(settings, problems)
    if not result.ok:
        return result
    stop = should_stop or (lambda: False)
    counts = settings.step_counts()
    result.total_steps, result.warmup_steps, result.steps_per_epoch = (
        counts.total_steps, counts.warmup_steps, counts.steps_per_epoch,
    )
    result.total_params = total_params(settings.strategy, settings.lora_rank, settings.lora_layer)
    seed = settings.seed

    source_test: data.Documents | None = None
    if settings.strategy == "scratch":
        params = init_body(np.random.default_rng([seed, 7]))
    else:
        model, fresh = _pretrained(seed, SourceSettings(), should_stop)
        if model is None:
            result.cancelled = True
            result.elapsed = time.perf_counter() - started
            return result
        if fresh:
            result.pretrain_seconds = model.seconds
        params = {name: array.copy() for name, array in model.params.items()}
        source_test = model.source_test
        result.source_acc_before = model.source_acc
    params.update(init_head(np.random.default_rng([seed, 6])))
    lora: Lora | None = None
    if settings.strategy == "lora":
        params.update(init_lora(np.random.default_rng([seed, 8]), settings.lora_layer, settings.lora_rank))
        lora = Lora(settings.lora_layer, settings.lora_alpha / settings.lora_rank)

    train = data.target_documents(seed, settings.examples)
    validation = data.validation_documents(seed)
    start_params = {name: array.copy() for name, array in params.items()}
    start_body = _effective_body(start_params, lora)
    sizes = block_sizes(settings.lora_rank, settings.lora_layer)
    optimizer = AdamW(settings.weight_decay)
    shuffle = np.random.default_rng([seed, 9])
    best_loss = math.inf
    best_epoch = 0

    def stats(epoch: int, trainable: int, first_step: int, lrs: list[float], losses: list[float]) -> EpochStats:
        nonlocal best_loss, best_epoch
        train_loss, train_acc = _evaluate(params, train, lora)
        val_loss, val_acc = _evaluate(params, validation, lora)
        if epoch > 0 and val_loss < best_loss:
            best_loss, best_epoch = val_loss, epoch
        source_acc = _accuracy(params, source_test, "source_head", lora) if source_test is not None else None
        return EpochStats(
            epoch, train_loss, train_acc, val_loss, val_acc, source_acc, lrs[-1] if lrs else 0.0, trainable,
            _drift(_effective_body(params, lora), start_body), best_epoch, first_step, tuple(lrs), tuple(losses),
            time.perf_counter() - started,
        )

    result.initial = stats(0, 0, 0, [], [])
    if on_epoch is not None:
        on_epoch(result.initial)
    step = 0
    for epoch in range(1, settings.epochs + 1):
        blocks = trainable_blocks(settings.strategy, epoch, settings.epochs, settings.layer_decay)
        multipliers = {name: factor for block, factor in blocks.items() for name in BLOCK_PARAMS[block]}
        trainable = sum(sizes[block] for block in blocks)
        result.trainable_params = max(result.trainable_params, trainable)
        first_step = step
        lrs: list[float] = []
        losses: list[float] = []
        order = shuffle.permutation(settings.examples)
        for begin in range(0, settings.examples, settings.batch_size):
            if stop():
                result.cancelled = True
                break
            batch = order[begin : begin + settings.batch_size]
            logits, cache = forward(params, train.x[batch], "head", lora)
            loss, grad, _ = cross_entropy(logits, train.y[batch])
            if not math.isfinite(loss):
                result.diverged = True
                break
            grads = backward(params, cache, grad, blocks, "head", lora)
            clip_grad_norm(grads)
            rate = lr_at(settings.schedule, settings.lr, step, counts.total_steps, counts.warmup_steps)
            optimizer.step(params, grads, {name: rate * factor for name, factor in multipliers.items()})
            lrs.append(rate)
            losses.append(loss)
            step += 1
        result.step_lrs.extend(lrs)
        result.step_losses.extend(losses)
        if result.cancelled or result.diverged:
            break
        epoch_stats = stats(epoch, trainable, first_step, lrs, losses)
        if not all(math.isfinite(v) for v in (epoch_stats.train_loss, epoch_stats.val_loss, epoch_stats.drift)):
            result.diverged = True
            break
        result.epochs.append(epoch_stats)
        if on_epoch is not None:
            on_epoch(epoch_stats)

    if best_epoch > len(result.epochs):  # the diverged epoch is not reported
        finished = result.epochs
        best_epoch = min(finished, key=lambda e: e.val_loss).epoch if finished else 0
    result.best_epoch = best_epoch or None
    result.changed = tuple(
        block for block, names in BLOCK_PARAMS.items()
        if any(name in params and not np.array_equal(params[name], start_params[name]) for name in names)
    )
    drift = {}
    for block in ("embeddings", "layer1", "layer2", "head"):
        names = BLOCK_PARAMS[block]
        drift[block] = _drift({n: params[n] for n in names}, {n: start_params[n] for n in names})
    if lora is not None:
        update = lora.scale * (params["lora.A"] @ params["lora.B"])
        base = params[f"layer{lora.layer}.weight"]
        drift["lora"] = float(np.linalg.norm(update) / max(float(np.linalg.norm(base)), 1e-12))
    result.block_drift = drift
    if keep_weights:
        result.weights = {name: array.copy() for name, array in params.items()}
    result.elapsed = time.perf_counter() - started
    return result


def compare(
    first: LabSettings,
    second: LabSettings,
    on_epoch: Callable[[str, EpochStats], object] | None = None,
    should_stop: ShouldStop | None = None,
) -> tuple[RunResult, RunResult]:
    """Run A then B (same cache); on_epoch receives ("A" or "B", stats). B is skipped (cancelled) if A was."""
    results: list[RunResult] = []
    for label, settings in (("A", first), ("B", second)):
        callback = (lambda stats, label=label: on_epoch(label, stats)) if on_epoch is not None else None
        if results and results[0].cancelled:
            skipped = RunResult(settings, settings.validate())
            skipped.cancelled = True
            results.append(skipped)
            continue
        results.append(run(settings, callback, should_stop))
    return results[0], results[1]

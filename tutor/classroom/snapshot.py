"""What a learner publishes into the class directory: a snapshot of their progress, read through `Store`.

Only `tutor.store.interface.Store` methods are called (`topic_mastery`, `attempts`, `open_attempts`),
so any backend (SQLite today, a server database later) publishes the same document:

    {"format": "tutor-class", "version": 1, "login": "alice", "name": "Alice", "lang": "fr",
     "updated": 1767225600.0,
     "topics": {"bert": {"earned": 3.0, "max_points": 4.0, "answers": 4}, …},
     "attempts": [{"uuid": "…", "bank": "fine-tuning", "module": "fine-tuning", "kind": "quiz",
                   "mode": "exam", "state": "open", "started": …, "ended": null, "elapsed": 120.0,
                   "time_limit": 600.0, "total": 10,
                   "answers": [{"question": "bert-cls", "topic": "bert", "earned": 1.0,
                                "max_points": 1.0, "at": …}, …]}, …]}

Times are seconds since the epoch. The newest `MAX_ATTEMPTS` attempts are published (open ones
always), so a file stays small however long the learner has used tutor.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.store.interface import Store
    from tutor.store.records import AttemptRow

__all__ = ["FORMAT", "MAX_ATTEMPTS", "VERSION", "build_snapshot", "encode"]

FORMAT = "tutor-class"
VERSION = 1
#: Attempts published per learner (the newest; open attempts always): a lab's worth, a file of tens of kB.
MAX_ATTEMPTS = 200


def _number(value: float | None) -> float:
    """A finite float (a store never holds NaN, but a published file must stay strict JSON)."""
    return float(value) if value is not None and math.isfinite(value) else 0.0


def _attempt(row: AttemptRow) -> dict[str, Any]:
    return {
        "uuid": row.uuid, "bank": row.bank, "module": row.module, "kind": row.kind, "mode": row.mode,
        "state": row.state, "started": _number(row.started_at),
        "ended": None if row.ended_at is None else _number(row.ended_at),
        "elapsed": _number(row.elapsed),
        "time_limit": None if row.time_limit is None else _number(row.time_limit),
        "total": len(row.question_ids),
        "answers": [{"question": a.question_id, "topic": a.topic, "earned": _number(a.earned),
                     "max_points": _number(a.max_points), "at": _number(a.answered_at)} for a in row.answers],
    }


def build_snapshot(store: Store, *, login: str, name: str, lang: str, now: float) -> dict[str, Any]:
    """The learner's snapshot at `now` (see the module's docstring), read through the `Store` interface."""
    recent = store.attempts(limit=MAX_ATTEMPTS)
    shown = {row.id for row in recent}
    rows = recent + [row for row in store.open_attempts() if row.id not in shown]
    topics = {topic: {"earned": _number(m.earned), "max_points": _number(m.max_points), "answers": int(m.answers)}
              for topic, m in sorted(store.topic_mastery().items())}
    return {
        "format": FORMAT, "version": VERSION, "login": login, "name": name, "lang": lang, "updated": _number(now),
        "topics": topics,
        "attempts": [_attempt(row) for row in sorted(rows, key=lambda row: (row.started_at, row.id))],
    }


def encode(snapshot: dict[str, Any]) -> bytes:
    """The snapshot as compact UTF-8 JSON (strict: no NaN)."""
    return json.dumps(snapshot, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")

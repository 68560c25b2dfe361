"""The class directory: `tutor class init` sets it up; learners and the dashboard check it at start.

The modes are the security of the class (see the package's docstring): mode 3773, the instructor's
group, one `<login>.json` per learner (0640, owned by its learner). A learner's tutor that finds
anything else (not sticky, listable by others, a member of the group, its file owned by someone
else) says so in one line and keeps the learner's progress local only: publishing into a directory
set up wrong would show one learner's results to the others, or let them be replaced.
"""

from __future__ import annotations

import grp
import os
import pwd
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from tutor.i18n.catalogue import t

__all__ = [
    "CLASS_MODE", "FILE_MODE", "ClassSetupError", "InitResult", "Notice", "check_instructor_side",
    "check_learner_side", "current_login", "init_class_dir", "learner_file", "login_of",
]

#: setgid (files get the directory's group) + sticky (nobody removes or renames another's file)
#: + rwx for the instructor and the group + -wx for others (learners create files, cannot list).
CLASS_MODE = 0o3773
#: A learner's file: the learner writes it, the instructor's group reads it, nobody else.
FILE_MODE = 0o640
SUFFIX = ".json"
# POSIX portable user names (what useradd accepts by default), at most 32 characters.
LOGIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}")


@dataclass(frozen=True)
class Notice:
    """Something to say about the class set-up: a catalogue key (tutor.i18n.strings.classroom) and its values."""

    key: str
    values: dict[str, object] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The notice in `lang` (a value that is a notice itself is said in `lang` too)."""
        return t(self.key, lang, **{name: value.text(lang) if isinstance(value, Notice) else value
                                    for name, value in self.values.items()})


class ClassSetupError(Exception):
    """The class directory cannot be used as it is: one line (exit 2 on the command line)."""

    def __init__(self, key: str, **values: object) -> None:
        self.notice = Notice(key, dict(values))
        super().__init__(self.notice.text("en"))

    def text(self, lang: str) -> str:
        """Why, in `lang`."""
        return self.notice.text(lang)


def mode_text(mode: int) -> str:
    """`3773`: the permission bits as `chmod` takes them (a string: never written as a number with separators)."""
    return f"{stat.S_IMODE(mode):04o}"


def current_login() -> str | None:
    """The login name of the effective user (None without a passwd entry or with an unusable name)."""
    try:
        name = pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return None
    return name if LOGIN.fullmatch(name) else None


def learner_file(directory: Path, login: str) -> Path:
    """Where `login` publishes: `<directory>/<login>.json`."""
    return directory / f"{login}{SUFFIX}"


def login_of(name: str) -> str | None:
    """The login a file name stands for (`alice.json` → alice); None for any other name (temporary files…)."""
    if not name.endswith(SUFFIX):
        return None
    login = name[: -len(SUFFIX)]
    return login if LOGIN.fullmatch(login) else None


def owner_name(uid: int) -> str:
    """`alice`, or the number when the user has no passwd entry."""
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def group_name(gid: int) -> str:
    """`teachers`, or the number when the group has no entry."""
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


# -- the instructor: `tutor class init DIR [--group GROUP]` ----------------------------------------


@dataclass(frozen=True)
class InitResult:
    """A class directory set up: where, its group, and what may still keep learners out."""

    path: Path
    group: str
    warnings: list[Notice]


def _group_id(group: str | None) -> int:
    if group is None:
        return os.getegid()  # the instructor's primary group: with private groups, the instructor alone
    try:
        return grp.getgrnam(group).gr_gid
    except KeyError:
        if group.isdigit():
            return int(group)
        raise ClassSetupError("class.init.unknown_group", group=group) from None


def init_class_dir(path: Path, group: str | None = None) -> InitResult:
    """Create (or repair) the class directory at `path`: owned by us, group `group`, mode 3773.

    Idempotent: run again on a class directory, it puts the modes back. Refuses a path that is not
    a directory or that belongs to someone else. Raises `ClassSetupError` (one line, exit 2).
    """
    gid = _group_id(group)
    try:
        path.mkdir(mode=0o700)  # nobody else may use it before its modes are right
    except FileExistsError:
        pass
    except OSError as error:
        raise ClassSetupError("class.init.cannot", path=str(path), reason=error.strerror or str(error)) from error
    info = os.lstat(path)
    if not stat.S_ISDIR(info.st_mode):
        raise ClassSetupError("class.setup.not_dir", path=str(path))
    if info.st_uid != os.geteuid():
        raise ClassSetupError("class.init.not_yours", path=str(path), owner=owner_name(info.st_uid))
    try:
        os.chown(path, -1, gid)
    except PermissionError as error:
        raise ClassSetupError("class.init.not_member", path=str(path), group=group_name(gid)) from error
    except OSError as error:
        raise ClassSetupError("class.init.cannot", path=str(path), reason=error.strerror or str(error)) from error
    os.chmod(path, CLASS_MODE)  # after chown: changing the group may clear the setgid bit
    warnings = [Notice("class.setup.unreachable", {"path": str(path), "parent": str(parent)})
                for parent in unreachable_parents(path)]
    return InitResult(path, group_name(gid), warnings)


def unreachable_parents(path: Path) -> list[Path]:
    """The directories above `path` that learners cannot pass through (no `x` for others)."""
    blocked = []
    for parent in path.resolve().parents:
        try:
            if not os.stat(parent).st_mode & stat.S_IXOTH:
                blocked.append(parent)
        except OSError:
            continue
    return sorted(blocked)


# -- the learner: may my tutor publish here? -------------------------------------------------------


def check_learner_side(path: Path, login: str) -> None:
    """Raise `ClassSetupError` unless publishing `login`'s results into `path` keeps them private and whole.

    The directory must exist, let us create files, be sticky and setgid, not be listable by others,
    and its group must not include us (unless it is ours: the instructor trying tutor); our file, if
    there, must be a regular file we own (not a symbolic link, not a file someone put there for us).
    """
    info = _directory_status(path)
    if not os.access(path, os.W_OK | os.X_OK):
        raise ClassSetupError("class.setup.not_writable", path=str(path))
    _check_modes(path, info.st_mode)
    uid = os.geteuid()
    if info.st_uid != uid and (info.st_gid == os.getegid() or info.st_gid in os.getgroups()):
        raise ClassSetupError("class.setup.in_group", path=str(path), group=group_name(info.st_gid))
    own = learner_file(path, login)
    try:
        mine = os.lstat(own)
    except FileNotFoundError:
        return
    except OSError as error:
        raise ClassSetupError("class.setup.unusable", path=str(own), reason=error.strerror or str(error)) from error
    if not stat.S_ISREG(mine.st_mode) or mine.st_uid != uid:
        raise ClassSetupError("class.setup.squatted", file=str(own), owner=owner_name(mine.st_uid))


def _directory_status(path: Path) -> os.stat_result:
    """`os.stat(path)` of a directory; `ClassSetupError` when it is missing, unusable or not a directory."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ClassSetupError("class.setup.missing", path=str(path)) from None
    except OSError as error:
        raise ClassSetupError("class.setup.unusable", path=str(path), reason=error.strerror or str(error)) from error
    if not stat.S_ISDIR(info.st_mode):
        raise ClassSetupError("class.setup.not_dir", path=str(path))
    return info


def _check_modes(path: Path, mode: int) -> None:
    if not mode & stat.S_ISVTX:
        raise ClassSetupError("class.setup.not_sticky", path=str(path), mode=mode_text(mode))
    if not mode & stat.S_ISGID:
        raise ClassSetupError("class.setup.not_setgid", path=str(path), mode=mode_text(mode))
    if mode & stat.S_IROTH:
        raise ClassSetupError("class.setup.others_read", path=str(path), mode=mode_text(mode))


# -- the instructor's dashboard -------------------------------------------------------------------


def check_instructor_side(path: Path) -> list[Notice]:
    """What is wrong with the class directory, for the dashboard (empty when nothing is).

    Raises `ClassSetupError` when there is nothing to show: `path` is missing, not a directory, or
    cannot be listed. A directory set up wrong is still shown, with the notices saying what to fix.
    """
    info = _directory_status(path)
    try:
        os.listdir(path)
    except OSError as error:
        raise ClassSetupError("class.setup.not_listable", path=str(path),
                              reason=error.strerror or str(error)) from error
    notices = []
    try:
        _check_modes(path, info.st_mode)
    except ClassSetupError as wrong:
        notices.append(wrong.notice)
    if info.st_mode & (stat.S_IWOTH | stat.S_IXOTH) != stat.S_IWOTH | stat.S_IXOTH:
        notices.append(Notice("class.setup.others_cannot_write", {"path": str(path), "mode": mode_text(info.st_mode)}))
    notices += [Notice("class.setup.unreachable", {"path": str(path), "parent": str(parent)})
                for parent in unreachable_parents(path)]
    return notices

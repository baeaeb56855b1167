"""Reading a plan's history from git: real git, through two processes however long it is.

``git log --follow`` lists the commits that changed a file, with the name the file
had in each (so renames are followed), and one ``git cat-file --batch`` process
serves the content of every revision asked for. Nothing here knows what a plan
is: it speaks of repositories, commits, paths and bytes. Every refusal is a
:class:`~journeycheck.errors.UsageError` (exit 2) with a whole sentence.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import subprocess
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Final

from journeycheck.errors import UsageError

#: Settings that would change what git prints, turned off for every call.
_QUIET: Final = (
    "-c",
    "log.showSignature=false",
    "-c",
    "color.ui=never",
    "-c",
    "core.quotePath=false",
)
#: The fields of one commit in ``git log``: hash, committer date, author, subject.
_LOG_FORMAT: Final = "%x01%H%x1f%cI%x1f%an%x1f%s"
_DATE_WRITTEN: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_date(text: str) -> bool:
    """Whether a ``--since`` value is a day (YYYY-MM-DD) rather than a revision."""
    return _DATE_WRITTEN.fullmatch(text) is not None


@dataclass(frozen=True)
class Revision:
    """One commit that changed the followed file."""

    commit: str
    #: The committer's date, in the committer's own time zone.
    date: dt.date
    #: The committer's full timestamp, as git wrote it (ISO 8601 with the offset).
    timestamp: str
    author: str
    subject: str
    #: The file's path at this commit, relative to the repository's top folder ("/"-separated).
    path: str

    @property
    def short(self) -> str:
        return self.commit[:7]


@dataclass(frozen=True)
class Blob:
    """A file's content at a revision, with git's object id (equal ids, equal bytes)."""

    oid: str
    #: git's object type: "blob" for a file, "tree" for a folder.
    kind: str
    data: bytes


@dataclass(frozen=True)
class Repository:
    """A git work tree, found from a folder inside it."""

    root: Path
    shallow: bool
    #: What the user is doing, for the sentence that says git is missing ("history", "--since").
    what: str = "this command"

    def git(self, *arguments: str) -> subprocess.CompletedProcess[bytes]:
        """Run git in the repository's top folder; its output as bytes, never raised on."""
        return _run_git([*_QUIET, "-C", str(self.root), *arguments], self.what)

    def relative(self, path: Path) -> str:
        """``path`` (a file on disk) as git names it: from the top folder, "/"-separated."""
        absolute = _real(path)
        try:
            inside = absolute.relative_to(_real(self.root))
        except ValueError:
            raise UsageError("JC656", path=path, root=self.root) from None
        return inside.as_posix()

    def log(self, path: str) -> list[Revision]:
        """Every commit that changed ``path``, following renames, oldest first.

        Merges are listed when they changed the file compared with every parent
        (their own resolution of two lines of work); a merge that took one side
        as it was is not, since the commit it took is listed already.
        """
        done = self.git(
            "log",
            "--follow",
            "--cc",
            "--date-order",
            "-z",
            "--name-only",
            f"--format={_LOG_FORMAT}",
            "HEAD",
            "--",
            path,
        )
        if done.returncode != 0:
            if self.git("rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
                return []  # a repository without commits yet
            raise UsageError("JC652", folder=self.root, reason=_reason(done.stderr, "git log"))
        return parse_log(done.stdout, path)

    def changed_since_head(self, path: str) -> bool:
        """Whether the working file ``path`` differs from its content in the last commit.

        Asked of git rather than compared byte for byte, so that line-ending
        conversion and other filters of the repository count as git counts them.
        """
        done = self.git("diff", "--quiet", "--no-ext-diff", "--no-textconv", "HEAD", "--", path)
        if done.returncode not in (0, 1):
            raise UsageError("JC652", folder=self.root, reason=_reason(done.stderr, "git diff"))
        return done.returncode == 1

    def blobs(self) -> Blobs:
        """The content reader, one process for the whole run (use it as a context manager)."""
        return Blobs(self)

    def last_by(self, revisions: Sequence[Revision], day: dt.date, path: str) -> Revision:
        """The last of ``revisions`` (oldest first) committed on or before ``day``."""
        chosen = [revision for revision in revisions if revision.date <= day]
        if not chosen:
            if not revisions:
                raise UsageError("JC657", root=self.root, path=path)
            first = revisions[0].date.isoformat()
            raise UsageError("JC658", path=path, date=day.isoformat(), first=first)
        return chosen[-1]


def open_repository(start: Path, what: str) -> Repository:
    """The repository holding ``start`` (a file or folder, which need not exist yet)."""
    folder = start if start.is_dir() else start.parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    folder = folder if str(folder) else Path()
    done = _run_git(
        [*_QUIET, "-C", str(folder), "rev-parse", "--show-toplevel", "--is-shallow-repository"],
        what,
    )
    if done.returncode != 0:
        reason = _reason(done.stderr, "git rev-parse")
        if "not a git repository" in reason:
            raise UsageError("JC651", folder=folder, path=start)
        raise UsageError("JC652", folder=folder, reason=reason)
    lines = os.fsdecode(done.stdout).splitlines()
    if len(lines) < 2:
        # A bare repository has no top folder: nothing there is a plan file.
        raise UsageError("JC651", folder=folder, path=start)
    return Repository(Path(lines[0]), lines[1].strip() == "true", what)


def parse_log(output: bytes, followed: str) -> list[Revision]:
    """Commits from ``git log -z --name-only --format=<_LOG_FORMAT>``, oldest first.

    Each record is ``\\x01`` + fields split by ``\\x1f`` (the subject last, so it
    may hold anything but a NUL), a NUL, then the file's name at that commit
    (``\\n``-prefixed, NUL-ended). A commit listed without a name keeps the name
    of the commit after it, which is where git found the file.
    """
    newest_first: list[tuple[str, str, str, str, str | None]] = []
    for record in output.split(b"\x00\x01"):
        record = record.removeprefix(b"\x01")
        if not record.strip(b"\x00\n"):
            continue
        header, _, rest = record.partition(b"\x00")
        commit, timestamp, author, subject = (
            header.decode("utf-8", "replace").split("\x1f", 3) + ["", "", ""]
        )[:4]
        names = [os.fsdecode(name.lstrip(b"\n")) for name in rest.split(b"\x00")]
        names = [name for name in names if name]
        newest_first.append((commit, timestamp, author, subject, names[0] if names else None))
    revisions: list[Revision] = []
    current = followed
    for commit, timestamp, author, subject, name in newest_first:
        current = name if name is not None else current
        revisions.append(
            Revision(
                commit=commit,
                date=dt.date.fromisoformat(timestamp[:10]),
                timestamp=timestamp,
                author=author,
                subject=subject,
                path=current,
            )
        )
    revisions.reverse()
    return revisions


class Blobs:
    """One ``git cat-file --batch`` process answering every content request of a run.

    Requests are written one at a time and answered before the next is sent, so
    neither side can fill a pipe the other is not reading.
    """

    def __init__(self, repository: Repository) -> None:
        self.repository = repository
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Blobs:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin is not None:
            process.stdin.close()
        if process.stdout is not None:
            process.stdout.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - git ends when its input does
            process.kill()
            process.wait()

    def _ask_many(self, names: Sequence[str]) -> list[tuple[str, str, bytes] | None]:
        """(oid, type, content) of each object in ``names``; ``None`` where there is none.

        All requests are written by a helper thread while the answers are read,
        so git works through them without waiting for us between two, and a long
        list cannot fill both pipes at once.
        """
        if not names:
            return []
        process = self._start()
        assert process.stdin is not None and process.stdout is not None
        stdin, stdout = process.stdin, process.stdout
        # A name with a line break would read as two requests; it names nothing anyway.
        lines = b"".join(
            os.fsencode(name if "\n" not in name and "\r" not in name else "\x00") + b"\n"
            for name in names
        )

        def send() -> None:
            try:
                stdin.write(lines)
                stdin.flush()
            except (BrokenPipeError, ValueError):
                pass  # git is gone; the reading side reports it

        writer = threading.Thread(target=send, daemon=True)
        writer.start()
        answers: list[tuple[str, str, bytes] | None] = []
        try:
            for _ in names:
                header = stdout.readline()
                if not header:
                    raise UsageError("JC663", root=self.repository.root)
                fields = header.split()
                if len(fields) != 3:  # "<name> missing" or "<name> ambiguous"
                    answers.append(None)
                    continue
                oid, kind, size = (field.decode("ascii", "replace") for field in fields)
                data = _read_exactly(stdout, int(size))
                stdout.read(1)  # the newline after the content
                answers.append((oid, kind, data))
        finally:
            writer.join()
        return answers

    def commit(self, revision: str) -> tuple[str, dt.date]:
        """The full hash of ``revision`` and its committer's date; unknown ones are refused."""
        found = None if revision.startswith("-") else self._ask_many([f"{revision}^{{commit}}"])[0]
        if found is None or found[1] != "commit":
            raise UsageError("JC653", revision=revision, root=self.repository.root)
        return found[0], committer_date(found[2])

    def read(self, commit: str, path: str) -> Blob | None:
        """``path`` at ``commit``; ``None`` when it is absent there. A folder is refused."""
        found = self.read_many([(commit, path)])[0]
        if found is not None and found.kind != "blob":
            raise UsageError("JC655", path=path, revision=commit[:12])
        return found

    def read_many(self, wanted: Sequence[tuple[str, str]]) -> list[Blob | None]:
        """Each ``(commit, path)``'s object, in one exchange; ``None`` where it is absent.

        The caller checks :attr:`Blob.kind`: a path may name a folder at a commit.
        """
        answers = self._ask_many([f"{commit}:{path}" for commit, path in wanted])
        return [None if found is None else Blob(*found) for found in answers]

    def _start(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            arguments = ["git", *_QUIET, "-C", str(self.repository.root), "cat-file", "--batch"]
            try:
                self._process = subprocess.Popen(
                    arguments,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    env=_environment(),
                )
            except OSError:
                raise UsageError("JC650", command=self.repository.what) from None
        return self._process


def committer_date(commit_object: bytes) -> dt.date:
    """The committer's calendar day, in the committer's own time zone, from a raw commit."""
    for line in commit_object.split(b"\n"):
        if not line:
            break
        if line.startswith(b"committer "):
            seconds, offset = line.rsplit(b" ", 2)[-2:]
            sign = -1 if offset.startswith(b"-") else 1
            hours, minutes = int(offset[1:3]), int(offset[3:5])
            zone = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
            return dt.datetime.fromtimestamp(int(seconds), zone).date()
    raise ValueError("a commit without a committer line")


def repository_path(root: Path, given: str, cwd: Path | None = None) -> str:
    """The PATH of a ``REV:PATH`` argument as a path from the top folder.

    As in git, a PATH starting with ``./`` or ``../`` is relative to the current
    folder; any other is relative to the repository's top folder.
    """
    path = given.replace("\\", "/")
    if path.startswith(("./", "../")):
        here = (cwd or Path.cwd()).resolve()
        try:
            prefix = here.relative_to(_real(root)).as_posix()
        except ValueError:
            raise UsageError("JC656", path=given, root=root) from None
        path = posixpath.join(prefix, path)
    normal = posixpath.normpath(path)
    if normal.startswith("../") or normal == ".." or posixpath.isabs(normal):
        raise UsageError("JC656", path=given, root=root)
    return normal.removeprefix("./")


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _environment() -> dict[str, str]:
    """The user's environment, but git never asks for a password and speaks English."""
    environment = dict(os.environ)
    environment.update({"GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "LANGUAGE": "C"})
    return environment


def _run_git(arguments: list[str], what: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *arguments],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            env=_environment(),
            check=False,
        )
    except OSError:
        raise UsageError("JC650", command=what) from None


def _reason(stderr: bytes, command: str) -> str:
    """git's own explanation, on one line, without its "fatal: " prefix."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    lines = [line.removeprefix("fatal: ").removeprefix("error: ") for line in lines if line]
    return " ".join(lines) if lines else f"{command} failed"

"""A real git repository in a temporary folder, with commits at fixed dates.

Git is a real dependency of the history commands, so their tests use git
itself; without it they are skipped with a reason (and ``make test`` prints a
note). The repository ignores the user's own git configuration.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

needs_git = pytest.mark.skipif(
    shutil.which("git") is None,
    reason="git is not on PATH; the history commands read a real git repository",
)

#: The environment every git call of the tests (and of journeycheck under test) sees.
ISOLATED = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.com",
    "GIT_COMMITTER_NAME": "Test Committer",
    "GIT_COMMITTER_EMAIL": "committer@example.com",
}


def isolate(monkeypatch: pytest.MonkeyPatch, ceiling: Path) -> None:
    """No user or system git configuration, and no repository above ``ceiling``."""
    for name, value in ISOLATED.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(ceiling))
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


class Repo:
    """A work tree to write files into and commit at chosen dates."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Test Author")
        self.git("config", "user.email", "author@example.com")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *arguments: str, **extra: Any) -> str:
        environment = {**os.environ, **ISOLATED, **extra.pop("env", {})}
        done = subprocess.run(
            ["git", "-C", str(self.root), *arguments],
            capture_output=True,
            text=True,
            env=environment,
            check=False,
            **extra,
        )
        assert done.returncode == 0, done.stderr
        output: str = done.stdout
        return output

    def write(self, path: str, text: str) -> Path:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), "utf-8")
        return target

    def commit(self, message: str, when: str, *, author: str = "Test Author") -> str:
        """Commit everything as of ``when`` (ISO 8601 with an offset); the new hash."""
        self.git("add", "-A")
        dates = {
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_DATE": when,
            "GIT_AUTHOR_NAME": author,
        }
        self.git("commit", "-q", "-m", message, env=dates)
        return self.git("rev-parse", "HEAD").strip()

    def merge(self, branch: str, message: str, when: str) -> str:
        dates = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        self.git("merge", "-q", "--no-ff", "-m", message, branch, env=dates)
        return self.git("rev-parse", "HEAD").strip()

    def export(self, commit: str, into: Path) -> Path:
        """The whole tree at ``commit``, written into ``into`` (``git archive``)."""
        import io
        import tarfile

        done = subprocess.run(
            ["git", "-C", str(self.root), "archive", "--format=tar", commit],
            capture_output=True,
            env={**os.environ, **ISOLATED},
            check=True,
        )
        with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
            if hasattr(tarfile, "data_filter"):
                archive.extractall(into, filter="data")
            else:  # pragma: no cover - Python before 3.10.12 has no extraction filters
                archive.extractall(into)
        return into


def mini_playbook_text(replacements: dict[str, str] | None = None) -> str:
    """The mini test playbook, with each ``old: new`` text replaced."""
    text = (FIXTURES / "mini-playbook.yaml").read_text("utf-8")
    for old, new in (replacements or {}).items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def plan_text(answers: str, *, playbook: str = "../playbooks/mini.yaml", extra: str = "") -> str:
    """A plan against the mini playbook; ``answers`` is the YAML under ``answers:``."""
    body = textwrap.indent(textwrap.dedent(answers).strip("\n"), "  ")
    return (
        "journeycheck: 1\n"
        "product: Acme Ledger\n"
        f"playbook: {playbook}\n"
        "launch: 2027-03-01\n"
        "gate: buy\n"
        f"{extra}"
        "answers:\n"
        f"{body}\n"
    )


#: Answers far enough apart that two branches can change them and merge cleanly.
_SPREAD = """
discover.marketing.message:
  status: {message}
  owner: Maria Petrova
discover.legal.trademark:
  status: {trademark}
  owner: Ivo Legal
  evidence: https://tm.example.com/1
discover.marketing.webinar:
  status: {webinar}
  owner: Lea Events
buy.marketing.partner-kit:
  status: done
  owner: Sam Channels
buy.legal.eula:
  status: {eula}
  owner: Ivo Legal
  evidence: https://eula.example.com
"""


def answers(
    message: str = "partial",
    trademark: str = "not-started",
    webinar: str = "not-started",
    eula: str = "not-started",
) -> str:
    return _SPREAD.format(message=message, trademark=trademark, webinar=webinar, eula=eula)


@dataclass(frozen=True)
class Story:
    """The test repository's history: which commit did what."""

    repo: Repo
    #: Every commit that changed the plan, oldest first, by what it did.
    commits: dict[str, str]

    @property
    def plan(self) -> Path:
        return self.repo.root / "plans" / "acme.journey.yaml"


def build_story(root: Path) -> Story:
    """A plan's history with every case the history must handle.

    ``start`` (2027-01-04) adds the plan and its playbook; ``tokyo`` is committed
    late at night in Tokyo, a day later there than in UTC; ``playbook-only``
    changes the playbook file but not the plan (so it is not a point, yet later
    points are scored with the new playbook); ``invalid`` breaks the plan and
    ``fixed`` repairs it; ``rename`` moves it; ``new-playbook`` points it to
    another playbook file; ``side`` and ``main`` change it on two branches and
    ``merge`` joins them, changing it against both parents.
    """
    repo = Repo(root)
    commits: dict[str, str] = {}
    repo.write("playbooks/mini.yaml", mini_playbook_text())
    repo.write("plans/launch-plan.yaml", plan_text(answers()))
    commits["start"] = repo.commit("Start the launch plan", "2027-01-04T09:00:00+00:00")
    repo.write("plans/launch-plan.yaml", plan_text(answers(message="done", trademark="done")))
    commits["tokyo"] = repo.commit(
        "Marketing message approved", "2027-01-11T01:30:00+09:00", author="Kenji Tanaka"
    )
    # The webinar becomes a heavy major: the same answers score lower from now on.
    repo.write(
        "playbooks/mini.yaml",
        mini_playbook_text(
            {
                "ask: Is a launch webinar scheduled?\n    severity: minor": (
                    "ask: Is a launch webinar scheduled?\n    severity: major\n    weight: 10"
                )
            }
        ),
    )
    repo.commit("Weigh the webinar", "2027-01-12T10:00:00+00:00")
    repo.write(
        "plans/launch-plan.yaml",
        plan_text(answers(message="done", trademark="done", webinar="finished")),
    )
    commits["invalid"] = repo.commit("Webinar booked", "2027-01-18T10:00:00+00:00")
    repo.write(
        "plans/launch-plan.yaml",
        plan_text(answers(message="done", trademark="done", webinar="done")),
    )
    commits["fixed"] = repo.commit("Fix the webinar status", "2027-01-19T10:00:00+00:00")
    repo.git("mv", "plans/launch-plan.yaml", "plans/acme.journey.yaml")
    commits["rename"] = repo.commit("Name the plan after the product", "2027-01-25T10:00:00+00:00")
    repo.write("playbooks/mini-v2.yaml", mini_playbook_text({"id: mini": "id: mini-v2"}))
    repo.write(
        "plans/acme.journey.yaml",
        plan_text(
            answers(message="done", trademark="done", webinar="done"),
            playbook="../playbooks/mini-v2.yaml",
        ),
    )
    commits["new-playbook"] = repo.commit("Use playbook v2", "2027-02-01T10:00:00+00:00")
    v2 = "../playbooks/mini-v2.yaml"
    repo.git("checkout", "-q", "-b", "legal")
    repo.write(
        "plans/acme.journey.yaml",
        plan_text(
            answers(message="done", trademark="done", webinar="done", eula="partial"), playbook=v2
        ),
    )
    commits["side"] = repo.commit("EULA drafted", "2027-02-03T10:00:00+00:00")
    repo.git("checkout", "-q", "main")
    repo.write(
        "plans/acme.journey.yaml",
        plan_text(answers(message="partial", trademark="done", webinar="done"), playbook=v2),
    )
    commits["main"] = repo.commit("Message reopened", "2027-02-04T10:00:00+00:00")
    commits["merge"] = repo.merge("legal", "Merge the legal work", "2027-02-05T10:00:00+00:00")
    return Story(repo, commits)

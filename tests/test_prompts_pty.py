"""init's prompts in a real pseudo-terminal: what a person typing sees and can type."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

pty = pytest.importorskip("pty", reason="pseudo-terminals are POSIX only")

ROOT = Path(__file__).resolve().parents[1]
PLAYBOOK = ROOT / "tests" / "fixtures" / "mini-playbook.yaml"
#: Long enough for a loaded machine; a prompt normally shows in a fraction of a second.
TIMEOUT = 30.0


class Terminal:
    """journeycheck run on the child side of a pseudo-terminal, driven from this side."""

    def __init__(self, *args: str, cwd: Path) -> None:
        self.fd, child = pty.openpty()
        env = {**os.environ, "COLUMNS": "80", "TERM": "dumb"}
        env.pop("NO_COLOR", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "journeycheck", *args],
            stdin=child,
            stdout=child,
            stderr=child,
            cwd=cwd,
            env=env,
            close_fds=True,
        )
        os.close(child)
        self.seen = ""
        self.mark = 0

    def expect(self, text: str, *, after: bool = False) -> str:
        """Read until ``text`` has appeared; everything read so far is kept in ``seen``.

        With ``after``, only what appears after the last text expected counts.
        """
        deadline = time.monotonic() + TIMEOUT
        start = self.mark if after else 0
        while text not in self.seen[start:]:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{text!r} never appeared; the terminal shows:\n{self.seen}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:  # the child closed its side
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"{text!r} never appeared before the end:\n{self.seen}")
                self.seen += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        self.mark = self.seen.index(text, start) + len(text)
        return self.seen

    def type(self, line: str) -> None:
        os.write(self.fd, (line + "\r").encode())

    def key(self, key: str) -> None:
        """One key, once the program has had time to stop waiting for whole lines."""
        time.sleep(0.5)
        os.write(self.fd, key.encode())

    def close(self) -> int:
        code = self.process.wait(timeout=TIMEOUT)
        os.close(self.fd)
        return code


def test_yes_no_prompts_take_the_four_words_in_any_case_and_say_so_on_a_typo(
    tmp_path: Path,
) -> None:
    terminal = Terminal("init", "--playbook", str(PLAYBOOK), cwd=tmp_path)
    try:
        terminal.expect("Product name")
        terminal.type("Acme Ledger")
        terminal.expect("Launch date (YYYY-MM-DD): ")
        terminal.type("2027-03-01")
        terminal.expect("Does it ship hardware? [y/N]: ")
        terminal.type("Perhaps")
        terminal.expect(
            "Error: 'Perhaps' is neither yes nor no; answer y or yes, n or no (in any case), "
            "or press Enter for the default"
        )
        terminal.expect("Does it ship hardware? [y/N]: ")
        terminal.type("YES")
        terminal.expect("Do partners resell it? [Y/n]: ")
        terminal.type("No")
        terminal.expect(
            "Name an owner for each team now? (each one can be skipped with Enter) [y/N]: "
        )
        terminal.type("n")
        terminal.expect("Gate [auto]: ")
        terminal.type("")
        terminal.expect("Wrote launch-plan.yaml")
    finally:
        code = terminal.close()
    assert code == 0, terminal.seen
    assert terminal.seen.count("Does it ship hardware?") == 2
    text = (tmp_path / "launch-plan.yaml").read_text("utf-8")
    for line in ("  physical: true", "  channels: false", "gate: auto"):
        assert f"\n{line}\n" in text


def test_the_prompts_in_korean_take_korean_and_english_answers(tmp_path: Path) -> None:
    terminal = Terminal("--lang", "ko", "init", "--playbook", str(PLAYBOOK), cwd=tmp_path)
    try:
        terminal.expect("제품 이름")
        terminal.type("Acme Ledger")
        terminal.expect("출시일(YYYY-MM-DD): ")
        terminal.type("2027-03-01")
        terminal.expect("Does it ship hardware? [예/아니요(Enter)]: ")
        terminal.type("글쎄요")
        terminal.expect("'글쎄요'은(는) 예도 아니요도 아닙니다.")
        terminal.type("예")
        terminal.expect("Do partners resell it? [예(Enter)/아니요]: ")
        terminal.type("아니요")
        terminal.expect("지금 팀별 담당자를 지정하시겠습니까?")
        terminal.type("n")
        terminal.expect("게이트 [auto]: ")
        terminal.type("")
        terminal.expect("launch-plan.yaml을(를) 만들었습니다.")
    finally:
        code = terminal.close()
    assert code == 0, terminal.seen
    text = (tmp_path / "launch-plan.yaml").read_text("utf-8")
    for line in ("  physical: true", "  channels: false", "gate: auto"):
        assert f"\n{line}\n" in text


def test_the_prompts_in_bulgarian_take_da_and_ne(tmp_path: Path) -> None:
    terminal = Terminal("--lang", "bg", "init", "--playbook", str(PLAYBOOK), cwd=tmp_path)
    try:
        terminal.expect("Име на продукта")
        terminal.type("Acme Ledger")
        terminal.expect("Дата на пускане на пазара (ГГГГ-ММ-ДД): ")
        terminal.type("2027-03-01")
        terminal.expect("Does it ship hardware? [д/Н]: ")
        terminal.type("Да")
        terminal.expect("Do partners resell it? [Д/н]: ")
        terminal.type("не")
        terminal.expect("Да посочите ли сега отговорник за всеки екип?")
        terminal.type("")
        terminal.expect("Контролна точка [auto]: ")
        terminal.type("")
        terminal.expect("Записан е launch-plan.yaml")
    finally:
        code = terminal.close()
    assert code == 0, terminal.seen
    text = (tmp_path / "launch-plan.yaml").read_text("utf-8")
    for line in ("  physical: true", "  channels: false", "gate: auto"):
        assert f"\n{line}\n" in text


def test_review_asks_in_korean_and_takes_its_single_keys(tmp_path: Path) -> None:
    (tmp_path / "playbook.yaml").write_bytes(PLAYBOOK.read_bytes())
    flags = ["--playbook", "playbook.yaml", "--product", "Acme", "--launch", "2027-03-01"]
    init = Terminal("init", "plan.yaml", *flags, "--no-input", cwd=tmp_path)
    assert init.close() == 0, init.seen
    terminal = Terminal(
        "--lang", "ko", "review", "plan.yaml", "--as-of", "2027-01-15", cwd=tmp_path
    )
    try:
        terminal.expect("현재: not-started, 담당자 없음, 기한 2026. 12. 31.")
        terminal.expect("상태(Enter를 누르면 not-started 유지):")
        terminal.expect("[q] 종료")
        # The key, and at once the owner's name, as a fast typist (or a paste) gives them:
        # what follows the key belongs to the next prompt, whole.
        terminal.key("d김지은\r")
        terminal.expect("기한(YYYY-MM-DD)", after=True)
        terminal.type("")
        terminal.expect("저장했습니다. 게이트 점수")
        terminal.expect("상태(Enter를 누르면")
        terminal.expect("[q] 종료", after=True)
        terminal.key("q")
        terminal.expect("답변 1개가 바뀌었습니다.")
    finally:
        code = terminal.close()
    assert code == 0, terminal.seen
    assert "owner: 김지은" in (tmp_path / "plan.yaml").read_text("utf-8"), terminal.seen


@pytest.mark.parametrize(
    ("lang", "done", "quit_", "saved", "changed"),
    [
        ("bg", "д", "я", "Записано. ", "променен е 1 отговор."),
        ("ko", "ㅇ", "ㅂ", "저장했습니다.", "답변 1개가 바뀌었습니다."),
    ],
)
def test_review_takes_its_keys_as_the_languages_keyboard_types_them(
    tmp_path: Path, lang: str, done: str, quit_: str, saved: str, changed: str
) -> None:
    # A reviewer typing names in Cyrillic or Hangul presses d for done with that layout on.
    (tmp_path / "playbook.yaml").write_bytes(PLAYBOOK.read_bytes())
    flags = ["--playbook", "playbook.yaml", "--product", "Acme", "--launch", "2027-03-01"]
    init = Terminal("init", "plan.yaml", *flags, "--no-input", cwd=tmp_path)
    assert init.close() == 0, init.seen
    terminal = Terminal(
        "--lang", lang, "review", "plan.yaml", "--as-of", "2027-01-15", cwd=tmp_path
    )
    try:
        terminal.expect("[q] ")
        terminal.key(done)
        terminal.expect("done", after=True)
        terminal.type("")  # the owner
        terminal.type("")  # the due date
        terminal.expect(saved, after=True)
        terminal.expect("[q] ", after=True)
        terminal.key(quit_)
        terminal.expect(changed)
    finally:
        code = terminal.close()
    assert code == 0, terminal.seen
    assert "status: done" in (tmp_path / "plan.yaml").read_text("utf-8"), terminal.seen

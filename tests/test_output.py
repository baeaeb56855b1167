"""Atomic writes: a failed or interrupted run never leaves a new, empty or half-written file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from journeycheck.errors import OutputError
from journeycheck.output import atomic_writer, write_atomic, write_stdout


def test_write_atomic_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    write_atomic(target, "one\n")
    write_atomic(target, "two\n")
    assert target.read_text("utf-8") == "two\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_streamed_text_appears_only_when_the_block_succeeds(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    with atomic_writer(target) as stream:
        stream.write("{")
        assert not target.exists()
        stream.write("}\n")
    assert target.read_text("utf-8") == "{}\n"


@pytest.mark.parametrize("existing", [None, "the previous report\n"])
def test_a_failure_in_the_block_leaves_the_destination_as_it_was(
    tmp_path: Path, existing: str | None
) -> None:
    target = tmp_path / "report.md"
    if existing is not None:
        target.write_text(existing, "utf-8")

    class Boom(Exception):
        pass

    with pytest.raises(Boom), atomic_writer(target) as stream:
        stream.write("half a report")
        raise Boom
    if existing is None:
        assert not target.exists()
    else:
        assert target.read_text("utf-8") == existing
    assert [p.name for p in tmp_path.iterdir()] == ([] if existing is None else ["report.md"])


def test_destination_problems_are_raised_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="folder .* does not exist"):
        atomic_writer(tmp_path / "missing" / "r.md").__enter__()
    (tmp_path / "dir.md").mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        atomic_writer(tmp_path / "dir.md").__enter__()


def test_no_overwrite_keeps_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("mine\n", "utf-8")
    with pytest.raises(OutputError, match="already exists"):
        write_atomic(target, "theirs\n", overwrite=False)
    assert target.read_text("utf-8") == "mine\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes")
def test_a_named_pipe_is_written_into_never_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "report.md"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # so writing does not wait
    try:
        write_atomic(pipe, "the report\n")
        assert os.read(reader, 100) == b"the report\n"
    finally:
        os.close(reader)
    assert pipe.is_fifo()
    with pytest.raises(OutputError, match="already exists"):
        write_atomic(pipe, "the report\n", overwrite=False)
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_a_closed_standard_output_is_an_output_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdout", None)
    with pytest.raises(OutputError, match="standard output is closed"):
        write_stdout("report\n")


def test_encoded_text_is_written_in_order_past_the_text_layer() -> None:
    import io

    from journeycheck.output import _Guarded

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    sink = _Guarded(stream, "<stdout>")
    sink.write("before · ")
    sink.write_encoded("plan — one\n".encode())
    sink.write("after\n")
    stream.flush()
    assert raw.getvalue().decode("utf-8") == "before · plan — one\nafter\n"


@pytest.mark.parametrize(
    ("encoding", "newline", "exact"),
    [("utf-16", "\n", True), ("latin-1", "\n", True), ("utf-8", "\r\n", False)],
)
def test_encoded_text_goes_through_the_text_layer_where_it_would_change(
    encoding: str, newline: str, exact: bool
) -> None:
    """Another encoding, or line ends translated (stdout on Windows): decoded and written
    as text, so the bytes are those the stream would have written for the text."""
    import io

    from journeycheck.output import _Guarded

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, newline=newline, errors="replace")
    sink = _Guarded(stream, "<stdout>", exact_newlines=exact)
    sink.write_encoded("a\nb é\n".encode())
    stream.flush()
    assert raw.getvalue() == "a\nb é\n".replace("\n", newline).encode(encoding, "replace")


def test_a_full_disk_under_encoded_text_is_an_output_error() -> None:
    import errno
    import io

    from journeycheck.output import _Guarded

    class Full(io.BytesIO):
        def write(self, data: object, /) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    sink = _Guarded(io.TextIOWrapper(Full(), encoding="utf-8"), "report.json")
    with pytest.raises(OutputError) as raised:
        sink.write_encoded(b"{}\n")
    assert raised.value.code == "JC504"
    assert "report.json" in str(raised.value)

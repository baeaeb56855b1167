"""Where init puts things: the plan's playbook reference, the schema, and clean failures."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from journeycheck.checking.shape import validate_plan
from journeycheck.errors import OutputError
from journeycheck.reading.compose import parse_text
from journeycheck.workspace import InitRequest, create_plan, schema_path_for, write_plan
from tests.helpers import FIXTURES, audit_plan

LAUNCH = dt.date(2027, 3, 1)


@pytest.fixture
def books(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "books").mkdir()
    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path / "books" / "mini.yaml")
    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path / "books" / "mini")
    return tmp_path


def playbook_value(text: str) -> str:
    return validate_plan(parse_text(text, "plan.yaml")).playbook


@pytest.mark.parametrize(
    ("reference", "plan", "written"),
    [
        ("customer-journey", "plan.yaml", "customer-journey"),
        ("books/mini.yaml", "plan.yaml", "books/mini.yaml"),
        ("./books/../books/mini.yaml", "plan.yaml", "books/mini.yaml"),
        ("books/mini.yaml", "books/plan.yaml", "mini.yaml"),
        ("books/mini", "books/plan.yaml", "./mini"),  # still read as a path, not an id
        ("books/mini.yaml", "elsewhere/deep/plan.yaml", "../../books/mini.yaml"),
    ],
)
def test_playbook_paths_are_written_relative_to_the_plan(
    books: Path, reference: str, plan: str, written: str
) -> None:
    (books / plan).parent.mkdir(parents=True, exist_ok=True)
    request = InitRequest(Path(plan), playbook=reference, product="P", launch=LAUNCH)
    created = create_plan(request, None)
    assert playbook_value(created.text) == written
    playbook_id = "customer-journey" if reference == "customer-journey" else "mini"
    assert created.schema_path == schema_path_for(Path(plan), playbook_id)
    assert created.schema_path.is_file()
    # The audit finds the playbook from the plan's folder.
    assert audit_plan(books / plan).playbook.id == playbook_id


def test_standard_output_writes_nothing_and_counts_paths_from_here(books: Path) -> None:
    request = InitRequest(None, playbook="books/mini.yaml", product="P", launch=LAUNCH)
    created = create_plan(request, None)
    assert (created.path, created.schema_path) == (None, None)
    assert playbook_value(created.text) == "books/mini.yaml"
    assert sorted(p.name for p in books.iterdir()) == ["books"]


def test_a_plan_that_cannot_be_written_takes_its_new_schema_with_it(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("appeared meanwhile\n", "utf-8")
    schema = schema_path_for(plan, "mini")
    with pytest.raises(OutputError, match="already exists"):
        write_plan(plan, "new\n", schema, "{}\n", force=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]
    assert plan.read_text("utf-8") == "appeared meanwhile\n"


def test_an_existing_schema_is_refreshed_and_kept(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    schema = schema_path_for(plan, "mini")
    schema.parent.mkdir()
    schema.write_text("old\n", "utf-8")
    write_plan(plan, "new\n", schema, "{}\n", force=False)
    assert (plan.read_text("utf-8"), schema.read_text("utf-8")) == ("new\n", "{}\n")
    plan.write_text("mine\n", "utf-8")
    with pytest.raises(OutputError):
        write_plan(plan, "newer\n", schema, "{ }\n", force=False)
    assert schema.is_file()  # it was there before, so it stays

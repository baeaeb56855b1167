"""``playbook show --resolved``: a resolved playbook written back as one playbook file."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from journeycheck import playbooks
from journeycheck.checking.shape import validate_playbook
from journeycheck.models import Playbook
from journeycheck.reading.compose import parse_text
from journeycheck.render.playbook_yaml import render
from tests.helpers import FIXTURES, assert_golden, mini_playbook, resolve


def builtin() -> Playbook:
    resource = playbooks.builtin_file("customer-journey")
    assert resource is not None
    return validate_playbook(parse_text(resource.read_text("utf-8"), "customer-journey"))


@pytest.mark.parametrize(
    "playbook",
    [
        pytest.param(lambda: resolve(FIXTURES / "company" / "acme-emea.yaml").playbook, id="chain"),
        pytest.param(lambda: resolve(FIXTURES / "company" / "acme-launch.yaml").playbook, id="one"),
        pytest.param(mini_playbook, id="mini"),
        pytest.param(builtin, id="customer-journey"),
    ],
)
def test_reading_it_back_gives_the_same_playbook(playbook: Callable[[], Playbook]) -> None:
    original = playbook()
    text = render(original)
    again = validate_playbook(parse_text(text, "resolved.yaml"))
    assert again.model_dump() == original.model_dump()
    assert "extends" not in parse_text(text, "resolved.yaml").data


def test_golden_resolved_company_playbook() -> None:
    text = render(resolve(FIXTURES / "company" / "acme-emea.yaml").playbook)
    assert text.startswith(
        "# acme-emea 1.2 ← acme-launch 3 ← mini 0.1: the playbook and every one it extends,\n"
    )
    assert_golden("resolved-acme-emea.yaml", text)

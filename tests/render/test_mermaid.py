"""Text in the Markdown report's Mermaid chart: quoted for Mermaid's grammar, checked by Mermaid.

The chart's text comes from phase ids (slugs) and numbers, but it goes through one
quoting function whatever it holds. The last test parses every chart the report
draws, and charts whose labels are hostile text, with Mermaid's own parser: npm
installs ``mermaid`` (and ``jsdom``, the browser it needs to load) into a temporary
folder once per run. Without npm the test is skipped, and says so.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from journeycheck.paths import PlanFile
from journeycheck.pipeline import AuditSettings, Run, process
from journeycheck.render import RenderOptions
from journeycheck.render.markdown import render
from journeycheck.render.mermaid import phase_chart, phase_label, quoted
from journeycheck.result import AuditResult

FIXTURES = Path(__file__).parents[1] / "fixtures"

#: Text that would end a Mermaid string, open a comment or a directive, or break a line.
HOSTILE = [
    'say "hi"',
    "`code` first",
    "100%% done",
    "%%{init: {'theme': 'dark'}}%%",
    "line\nbreak",
    "x\u2028y",
    "tab\there",
    "a, b; c # d: e",
    "[brackets] {braces}",
    "journey title section",
    "Ærø 東京 — ok",
    "",
]


def test_a_string_reads_back_as_its_text() -> None:
    assert quoted("plain") == '"plain"'
    assert quoted('say "hi"') == "\"say 'hi'\""
    assert quoted("`x`") == '"\'x`"'
    assert quoted("100%% done") == '"100%\u200b% done"'
    assert quoted("a\nb\u2028c\td") == '"a b c d"'
    assert quoted("esc\x1b") == '"esc\\x1b"'


_PARSE = """
import { JSDOM } from 'jsdom';
const { window } = new JSDOM('');
globalThis.window = window; globalThis.document = window.document;
const { default: mermaid } = await import('mermaid');
let input = ''; for await (const chunk of process.stdin) input += chunk;
const out = [];
for (const text of JSON.parse(input)) {
  try {
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const data = diagram.db.getXYChartData();
    out.push({title: diagram.db.getDiagramTitle(), categories: data.xAxis.categories,
              bars: data.plots.filter(p => p.type === 'bar').map(p => p.data.length)});
  } catch (e) { out.push({error: String(e.message).split('\\n').slice(0, 3).join(' ')}); }
}
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def mermaid_parser(tmp_path_factory: pytest.TempPathFactory) -> Path:
    npm, node = shutil.which("npm"), shutil.which("node")
    if npm is None or node is None:
        pytest.skip("npm and node are not installed, so Mermaid's own parser cannot be run")
    folder = tmp_path_factory.mktemp("mermaid")
    installed = subprocess.run(
        [npm, "install", "--silent", "--no-audit", "--no-fund", "mermaid@11", "jsdom@26"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if installed.returncode != 0:
        pytest.skip(f"npm could not install mermaid: {installed.stderr.strip()[-300:]}")
    (folder / "parse.mjs").write_text(_PARSE, "utf-8")
    return folder


def parsed(folder: Path, diagrams: list[str]) -> list[dict[str, object]]:
    done = subprocess.run(
        ["node", "parse.mjs"],
        cwd=folder,
        input=json.dumps(diagrams),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    found: list[dict[str, object]] = json.loads(done.stdout)
    return found


def audited(plan: Path) -> AuditResult:
    outcome = process(PlanFile(plan), Run(AuditSettings(as_of=dt.date(2027, 1, 15))))
    result = getattr(outcome, "result", None)
    assert isinstance(result, AuditResult), outcome
    return result


def with_phase_ids(result: AuditResult, ids: list[str]) -> AuditResult:
    """``result`` with its phases renamed, to put any text at all in the chart."""
    phases = [
        phase.model_copy(update={"id": new}) for phase, new in zip(result.phases, ids, strict=True)
    ]
    return result.model_copy(update={"phases": phases, "gate": ids[0]})


def test_every_chart_parses_with_its_labels_as_written(mermaid_parser: Path) -> None:
    results = [
        audited(FIXTURES / "mini-plan.yaml"),
        audited(FIXTURES / "hostile" / "plan.yaml"),
        audited(FIXTURES / "hostile" / "markup-plan.yaml"),
    ]
    mini = results[0]
    for number in range(0, len(HOSTILE), len(mini.phases)):
        ids = HOSTILE[number : number + len(mini.phases)]
        ids += ["pad"] * (len(mini.phases) - len(ids))
        results.append(with_phase_ids(mini, ids))
    blocks = [
        re.findall(r"```mermaid\n(.*?)```", render(result, RenderOptions()), re.DOTALL)[0]
        for result in results
    ]
    assert blocks[0] == phase_chart(results[0]) + "\n"
    for result, found in zip(results, parsed(mermaid_parser, blocks), strict=True):
        assert "error" not in found, found
        labels = [phase_label(result, p.id, p.score, p.in_gate) for p in result.phases]
        # What Mermaid reads back is the label as quoted() wrote it, without the quotes.
        assert found["categories"] == [quoted(label)[1:-1] for label in labels]
        assert found["bars"] == [len(result.phases)]

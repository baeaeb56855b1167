"""The validated shapes of a playbook and a product plan.

Every model forbids unknown keys, so a typo in a key is an error rather than a
silently ignored setting, and the exported JSON Schema closes every object.
Cross-references (a question naming a phase, an answer naming a question) are
checked in :mod:`journeycheck.checking`, where each problem can be located.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StringConstraints,
)

from journeycheck.checking.dates import parse_date

FORMAT_VERSION = 1
SLUG_PATTERN = r"^[a-z0-9]+([._-][a-z0-9]+)*$"
#: Question weights are relative. The cap keeps every sum of weights a finite number, and
#: the floor keeps every product of weights and credits a normal float: a weight such as
#: 5e-324 (the smallest float) rounds to nothing when halved, and the score would then
#: disagree with the points of the gaps.
MIN_WEIGHT = 0.001
MAX_WEIGHT = 1000

Status = Literal["done", "partial", "not-started", "blocked", "n/a"]
STATUSES: tuple[Status, ...] = ("done", "partial", "not-started", "blocked", "n/a")
Severity = Literal["blocker", "major", "minor"]
SEVERITIES: tuple[Severity, ...] = ("blocker", "major", "minor")
DEFAULT_WEIGHTS: dict[Severity, float] = {"blocker": 3.0, "major": 2.0, "minor": 1.0}
#: The gate that follows the calendar (docs/scoring.md); no playbook may name a phase so.
AUTO_GATE = "auto"


def _iso_date(value: object) -> object:
    """Accept only calendar dates written YYYY-MM-DD (no timestamps, no numbers)."""
    return _read_date(value) if value.__class__ is str else parse_date(value)


@functools.lru_cache(maxsize=4096)
def _read_date(text: str) -> dt.date:
    """A date read from its text, remembered: a plan's due dates repeat, and so do a
    portfolio's, and reading each one again was half of validating a plan. A mistake
    raises and is not remembered, so parse_date words it every time."""
    return parse_date(text)


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Weight = Annotated[float, Field(ge=MIN_WEIGHT, le=MAX_WEIGHT, strict=True, allow_inf_nan=False)]
Text = Annotated[str, StringConstraints(min_length=1)]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
FormatVersion = Annotated[
    Literal[1], Field(description="Format version of this file; journeycheck reads version 1.")
]


def empty_list() -> list[Any]:
    """A new empty list: a model field's default.

    Rather than ``default_factory=list``: pydantic reads each factory's signature as
    it builds a model, and a built-in's is parsed from its text with ``tokenize``
    (compiling its patterns on the first): about 3 of a terminal audit's ~220 ms
    for 16 fields (docs/performance.md). A Python function's signature is at hand.
    """
    return []


def empty_dict() -> dict[Any, Any]:
    """A new empty dict: a model field's default (see :func:`empty_list`)."""
    return {}


class _Model(BaseModel):
    # defer_build: a model's validator is built when it first validates, so a run whose
    # playbook comes validated from the cache (journeycheck.prepared) never builds the
    # playbook's models (docs/performance.md).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# -- playbook ------------------------------------------------------------------


class Trait(_Model):
    """A product characteristic that switches questions on or off."""

    ask: Text = Field(description="The question `journeycheck init` asks about this trait.")
    default: StrictBool = Field(description="The value a plan gets when it leaves the trait out.")


class Phase(_Model):
    """A step of the customer journey; phases are ordered."""

    id: Slug = Field(description="Stable lowercase id, e.g. `discover`.")
    title: Text = Field(description="Human title of the phase.")
    summary: str = Field("", description="What the customer can do once this phase is ready.")


class Team(_Model):
    """A team that owns answers."""

    id: Slug = Field(description="Stable lowercase id, e.g. `marketing`.")
    title: Text = Field(description="Human name of the team.")


class Question(_Model):
    """One thing a team must be able to answer before customers meet it."""

    id: Slug = Field(description="Stable id, by convention `<phase>.<team>.<slug>`.")
    phase: Slug = Field(description="Id of the phase the question belongs to.")
    team: Slug = Field(description="Id of the team that answers it.")
    ask: Text = Field(description="The question, answerable as done, partial or not started.")
    help: str = Field("", description="Why it matters and what done looks like.")
    risk: str = Field(
        "",
        description="One line, in the customer's terms: what the customer suffers if this is "
        "not done. Shown beside the gap in reports.",
    )
    severity: Severity = Field(description="blocker, major or minor.")
    weight: Weight | None = Field(
        None,
        description="Weight in scores, from 0.001 to 1000; default blocker 3, major 2, minor 1.",
    )
    evidence: Literal["required", "optional"] = Field(
        "optional", description="`required`: done without evidence earns half credit."
    )
    when: dict[Slug, StrictBool] = Field(
        default_factory=empty_dict,
        description="Traits that must have these values for the question to apply.",
    )
    due: Annotated[int, Field(strict=True)] | None = Field(
        None, description="Days relative to launch (-30 is thirty days before launch)."
    )

    @property
    def effective_weight(self) -> float:
        return self.weight if self.weight is not None else DEFAULT_WEIGHTS[self.severity]


class Kpi(_Model):
    """A measure the playbook tracks per phase."""

    id: Slug = Field(description="Stable lowercase id.")
    title: Text = Field(description="Human name of the measure.")
    unit: Text = Field(description="Unit, e.g. days, %, hours.")
    better: Literal["lower", "higher"] = Field(description="Which direction is an improvement.")
    phase: Slug = Field(description="Id of the phase the measure belongs to.")


class Ancestor(_Model):
    """A playbook another one extends, as reports name it."""

    id: str = Field(description="Playbook id.")
    version: str = Field(description="Playbook version.")
    title: str = Field(description="Playbook title.")


class Playbook(_Model):
    """A launch-readiness playbook: phases, teams and the questions each team answers."""

    journeycheck: FormatVersion
    id: Slug = Field(description="Playbook id, as plans name it.")
    title: Text = Field(description="Human title.")
    version: Text = Field(description='Playbook version, as text (e.g. "1.2.0").')
    description: str = Field("", description="What the playbook is for.")
    traits: dict[Slug, Trait] = Field(default_factory=empty_dict, description="Traits by id.")
    phases: list[Phase] = Field(min_length=1, description="Journey phases, in order.")
    teams: list[Team] = Field(min_length=1, description="Teams, in display order.")
    questions: list[Question] = Field(description="The questions, in playbook order.")
    kpis: list[Kpi] = Field(default_factory=empty_list, description="Measures per phase.")
    renamed: dict[Slug, Slug] = Field(
        default_factory=empty_dict,
        description="Question ids that changed: old id -> new id. A plan's answer under an "
        "old id counts for the new one.",
    )
    #: The playbooks this one extends, nearest first; set when a chain is resolved.
    _lineage: tuple[Ancestor, ...] = PrivateAttr(default=())
    #: Short team titles by team id, from a translation (journeycheck.translations).
    _short_titles: dict[str, str] = PrivateAttr(default_factory=empty_dict)

    @property
    def lineage(self) -> tuple[Ancestor, ...]:
        """The playbooks this one was resolved from, nearest first; empty if it extends none."""
        return self._lineage

    def with_lineage(self, lineage: tuple[Ancestor, ...]) -> Playbook:
        """This playbook, recorded as resolved from ``lineage`` (nearest first)."""
        copy = self.model_copy()
        copy._lineage = lineage
        return copy

    def with_short_titles(self, titles: dict[str, str]) -> Playbook:
        """This playbook, with ``titles`` as the short titles of its teams (by team id)."""
        copy = self.model_copy()
        copy._short_titles = dict(titles)
        return copy

    def short_title(self, team_id: str) -> str | None:
        """The short title a translation gives team ``team_id``, for narrow tables; ``None``
        where there is none (English has none: its titles are short enough)."""
        return self._short_titles.get(team_id)

    def phase_ids(self) -> list[str]:
        return [phase.id for phase in self.phases]

    def applies(self, question: Question, traits: dict[str, bool]) -> bool:
        """Whether ``question`` applies, given every trait's value (see :meth:`trait_values`)."""
        when = question.when
        return not when or all(traits.get(name) == want for name, want in when.items())

    def trait_values(self, chosen: dict[str, bool]) -> dict[str, bool]:
        """Every trait's value: the plan's where given, the playbook default elsewhere."""
        return {name: chosen.get(name, trait.default) for name, trait in self.traits.items()}


# -- extending a playbook ----------------------------------------------------------


class Override(_Model):
    """New values for fields of a question, team, trait or KPI of the playbook extended."""

    # Which fields apply depends on what the key names (journeycheck.extending.OVERRIDABLE);
    # the values are checked as the item's own fields are.

    ask: Text | None = Field(None, description="Question or trait: the new wording.")
    help: str | None = Field(None, description="Question: why it matters, what done looks like.")
    risk: str | None = Field(
        None, description="Question: what the customer suffers if it is not done."
    )
    severity: Severity | None = Field(None, description="Question: blocker, major or minor.")
    weight: (
        Annotated[float, Field(gt=0, le=MAX_WEIGHT, strict=True, allow_inf_nan=False)] | None
    ) = Field(None, description="Question: weight in scores; null for the severity's default.")
    evidence: Literal["required", "optional"] | None = Field(
        None, description="Question: whether done needs evidence for full credit."
    )
    when: dict[Slug, StrictBool] | None = Field(
        None, description="Question: the trait values it applies to (replaces the base's)."
    )
    due: Annotated[int, Field(strict=True)] | None = Field(
        None, description="Question: days relative to launch; null for no due date."
    )
    title: Text | None = Field(None, description="Team or KPI: the new title.")
    default: StrictBool | None = Field(None, description="Trait: the new default value.")
    unit: Text | None = Field(None, description="KPI: the new unit.")
    better: Literal["lower", "higher"] | None = Field(
        None, description="KPI: which direction is an improvement."
    )
    phase: Slug | None = Field(None, description="KPI: the phase the measure belongs to.")


class Extension(_Model):
    """A playbook written as changes to another one, the one it extends."""

    journeycheck: FormatVersion
    extends: Text = Field(
        description="The playbook this one starts from: a built-in id (customer-journey) or "
        "a path relative to this file."
    )
    id: Slug = Field(description="Playbook id, as plans name it.")
    title: Text = Field(description="Human title.")
    version: Text = Field(description='Playbook version, as text (e.g. "3").')
    description: str | None = Field(
        None, description="What the playbook is for; default: the base playbook's."
    )
    traits: dict[Slug, Trait] = Field(default_factory=empty_dict, description="New traits by id.")
    teams: list[Team] = Field(
        default_factory=empty_list, description="New teams, shown after the base's."
    )
    questions: list[Question] = Field(
        default_factory=empty_list, description="New questions, after the base's in playbook order."
    )
    kpis: list[Kpi] = Field(default_factory=empty_list, description="New measures per phase.")
    remove: list[Text] = Field(
        default_factory=empty_list,
        description="What to drop from the base: question ids, `team:<id>` (the team and all "
        "its questions) or `kpi:<id>`. Phases cannot be removed.",
    )
    override: dict[str, Override] = Field(
        default_factory=empty_dict,
        description="Changes to the base by id: a question id, `team:<id>`, `trait:<id>` or "
        "`kpi:<id>`, each with the fields to change.",
    )
    renamed: dict[Slug, Slug] = Field(
        default_factory=empty_dict,
        description="Question ids that change: old id -> new id. A base question is renamed; "
        "for a question already under its new id, the old id is recorded so answers follow.",
    )


# -- a playbook's translation (journeycheck.translations) -------------------------


class TranslationEntry(_Model):
    """The translation of one item of a playbook. Which fields apply depends on what the
    entry's id names: the playbook title and description; a phase title and summary; a team
    title and short; a trait ask; a question ask, help and risk; a KPI title and unit."""

    source: str = Field(
        description="The first 12 hex digits of the SHA-256 of the English translated; "
        "`journeycheck playbook check` says the current value."
    )
    title: Text | None = Field(None, description="Playbook, phase, team or KPI: its title.")
    description: Text | None = Field(None, description="Playbook: what it is for.")
    summary: Text | None = Field(None, description="Phase: what the customer can do then.")
    short: Text | None = Field(
        None, description="Team: a short title for tables, at most 12 terminal columns."
    )
    ask: Text | None = Field(None, description="Question or trait: the question.")
    help: Text | None = Field(None, description="Question: why it matters, what done means.")
    risk: Text | None = Field(None, description="Question: what goes wrong if it is not done.")
    unit: Text | None = Field(None, description="KPI: its unit.")


class TranslationFile(_Model):
    """A playbook's texts in one language, beside the playbook (`X.bg.yaml` for `X.yaml`);
    its `journeycheck-translation: 1` key is checked before this model."""

    playbook: Text = Field(description="The id of the playbook translated.")
    language: Text = Field(description="The language of the translation: bg or ko.")
    entries: dict[str, TranslationEntry] = Field(
        default_factory=empty_dict,
        description="Translations by entry id: playbook, phase.<id>, team.<id>, trait.<id>, "
        "question.<id>, kpi.<id>.",
    )


# -- plan ------------------------------------------------------------------------


class Waiver(_Model):
    """Permission to launch without this answer being done, until it expires."""

    reason: Text = Field(description="Why launching without it is acceptable.")
    approver: Text = Field(description="Who accepted the risk.")
    expires: IsoDate = Field(description="Last day the waiver counts (YYYY-MM-DD).")
    risk_accepted: Text = Field(
        description="The customer risk the approver accepts by launching without it, in "
        "the customer's terms (the question's risk says what it is), and how it is handled."
    )


class Answer(_Model):
    """A team's answer to one playbook question."""

    status: Status = Field(description="done, partial, not-started, blocked or n/a.")
    owner: str | None = Field(None, description="Who is accountable for it.")
    due: IsoDate | None = Field(None, description="When it must be done (YYYY-MM-DD).")
    evidence: str | None = Field(None, description="Link or reference proving it is done.")
    note: str | None = Field(None, description="Free text; required to justify n/a.")
    waiver: Waiver | None = Field(None, description="Accepted risk, with an expiry.")


#: A KPI's value: a finite number, never text ("38" in quotes is refused, as is true).
KpiNumber = Annotated[float, Field(strict=True, allow_inf_nan=False)]
#: How long a KPI's actual stays current once launch has passed (docs/scoring.md).
KPI_FRESH_DAYS = 35


class KpiValue(_Model):
    """What a plan records for one of the playbook's KPIs."""

    baseline: KpiNumber | None = Field(None, description="Where the measure stood before.")
    target: KpiNumber | None = Field(None, description="The value the launch aims for.")
    actual: KpiNumber | None = Field(None, description="The latest measured value.")
    measured: IsoDate | None = Field(
        None, description="The day the actual was measured (YYYY-MM-DD)."
    )
    note: str | None = Field(None, description="Free text: how it is measured, where.")


class Account(_Model):
    """A lighthouse account: a strategic customer whose deal the plan follows each week."""

    name: Text = Field(description="The account's name, as the weekly deal call says it.")
    stage: Slug = Field(
        description="Where the account is in the journey: a phase id of the playbook "
        "(discover, buy, use or grow in the built-in one)."
    )
    next_step: str | None = Field(None, description="What has to happen next to move it on.")
    due: IsoDate | None = Field(None, description="When the next step is due (YYYY-MM-DD).")
    blocked_by: list[Text] = Field(
        default_factory=empty_list,
        description="Question ids whose gaps hold the account back, in playbook terms.",
    )


class Plan(_Model):
    """A product manager's launch plan: the product's traits and an answer per question."""

    journeycheck: FormatVersion
    product: Text = Field(description="Product name, shown in reports.")
    playbook: Text = Field(
        description="A built-in playbook id, or a path to a playbook relative to this file."
    )
    playbook_version: Text | None = Field(
        None,
        description="The playbook version the plan was written against; `journeycheck "
        "upgrade` brings the plan up to a newer one.",
    )
    launch: IsoDate = Field(description="Planned launch date (YYYY-MM-DD).")
    language: Literal["en", "bg", "ko"] | None = Field(
        None,
        description="The language of the plan's reports and messages when neither --lang nor "
        "JOURNEYCHECK_LANG chooses one: en, bg or ko. Markdown, HTML and JSON reports follow "
        "it, the terminal's locale does not override it.",
    )
    gate: Slug = Field(
        AUTO_GATE,
        description="Last phase that must be ready now, or `auto` (the default): the latest "
        "phase with a question due on or before the day of the audit.",
    )
    threshold: Annotated[float, Field(ge=0, le=100, strict=True, allow_inf_nan=False)] = Field(
        80, description="A gate score below this makes the verdict at-risk."
    )
    traits: dict[Slug, StrictBool] = Field(
        default_factory=empty_dict, description="Trait values; a trait left out takes its default."
    )
    owners: dict[Slug, Text] = Field(
        default_factory=empty_dict,
        description="Who owns each team's answers, by team id: an answer without an owner "
        "belongs to its team's owner.",
    )
    answers: dict[str, Answer] = Field(
        default_factory=empty_dict, description="Answers keyed by question id."
    )
    kpis: dict[Slug, KpiValue] = Field(
        default_factory=empty_dict,
        description="Baseline, target and actual of the playbook's KPIs, by KPI id.",
    )
    accounts: list[Account] = Field(
        default_factory=empty_list,
        description="Lighthouse accounts, most important first, with the gaps blocking each.",
    )

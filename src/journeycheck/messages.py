"""Every message journeycheck gives about a user's file or command line, by stable code.

Each message is a whole English sentence with named placeholders, so that a
translation can put the words in its own order. A message may have more than one
form, for the parameters a particular case does not have (no close match to
suggest, an empty list): the form used is the one whose placeholders are exactly
the parameters given a value. Callers pass every parameter of the message, ``None``
for those that do not apply; anything else is a bug that :func:`render` reports. A
parameter that every form has is filled in even when it is ``None``, since a user's
value can be empty.

Codes are grouped by the step that finds the problem: JC0xx reading a file,
JC1xx YAML syntax and composition, JC2xx the shape of a plan or playbook, JC3xx
references between them, JC4xx command-line values, JC5xx output and writes,
JC600-JC649 changing answers (set, review, export, import), JC650-JC699 a plan's
history in git (diff, history, agenda, --since). JC700-JC799 are reserved, by
range, for later features: JC720-JC739 exporting gaps to trackers and code scanning
(tickets, SARIF), JC74x-JC77x playbooks that extend others and plans that follow
them, and JC780-JC799 warnings, about plans that are valid but probably
not what their author meant. JC800-JC814 are about languages (:mod:`journeycheck.i18n`),
JC820-JC829 playbook translation files, whose missing, stale and unknown entries
(JC827-JC829) are warnings too, since English is shown in their place; JC840-JC849
customer risk (a waiver's ``risk_accepted``), JC850-JC869 KPIs and accounts.
docs/errors.md lists every code with what to do about it, and a test keeps the two
in step.

A few noun phrases (how YAML read a value, a guessed encoding) are placed inside
messages; they are whole phrases too, listed in :data:`PHRASES`.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from journeycheck.i18n import _
from journeycheck.printable import one_line


@dataclass(frozen=True)
class Message:
    """One kind of problem: its code, a slug to search for, and its sentence forms."""

    code: str
    slug: str
    forms: tuple[str, ...]
    #: A warning: valid, but probably not what the author meant (shown, exit 0 unless
    #: ``--strict``). Every other message is an error.
    warning: bool = False

    @cached_property
    def parameters(self) -> frozenset[str]:
        """Every placeholder of every form: what a caller must pass."""
        return frozenset().union(*(placeholders(form) for form in self.forms))

    @cached_property
    def required(self) -> frozenset[str]:
        """The placeholders of every form: never used to choose one."""
        return frozenset.intersection(*(placeholders(form) for form in self.forms))

    def render(self, params: Mapping[str, object]) -> str:
        if set(params) != self.parameters:
            raise TypeError(
                f"{self.code} takes {sorted(self.parameters)}, was given {sorted(params)}"
            )
        # A parameter every form has is filled in whatever its value (a user's value may
        # be None); one only some forms have chooses the form by being given or None.
        given = self.required | {name for name in self.parameters if params[name] is not None}
        for form in self.forms:
            if placeholders(form) == given:
                # Translated before the values go in (a translation orders them its own
                # way), then one line whatever the user's values hold (journeycheck.printable).
                return one_line(_(form).format_map(params))
        raise TypeError(f"{self.code} has no form for the parameters {sorted(given)}")


@functools.cache
def placeholders(template: str) -> frozenset[str]:
    """The names a template fills in (``{name!r}`` and ``{size:,}`` count as ``name``, ``size``)."""
    return frozenset(
        name for _, name, _, _ in string.Formatter().parse(template) if name is not None
    )


def _m(code: str, slug: str, *forms: str) -> Message:
    return Message(code, slug, forms)


def _w(code: str, slug: str, *forms: str) -> Message:
    return Message(code, slug, forms, warning=True)


_DATE = "expected a date written YYYY-MM-DD, like 2027-03-01"
_SLUG_RULE = "use lowercase letters and digits, joined by single '.', '_' or '-'"
_CONTROL = "contains the control character U+{codepoint:04X}, which a terminal would act on"

_MESSAGES = (
    # -- JC0xx: reading the file ------------------------------------------------------
    _m("JC001", "no-such-file", "no such file"),
    _m("JC002", "is-a-folder", "is a folder, not a YAML file"),
    _m("JC003", "special-file", "is a device or another special file, not a YAML file"),
    _m("JC004", "permission-denied", "cannot be read: permission denied"),
    _m("JC005", "unreadable", "cannot be read: {reason}"),
    _m(
        "JC006",
        "too-large",
        "is {size:,} bytes; journeycheck refuses files over {limit:,} bytes (4 MiB) "
        "before reading them",
    ),
    _m(
        "JC007", "grew-too-large", "is larger than {limit:,} bytes (4 MiB); journeycheck refuses it"
    ),
    _m("JC008", "empty-pipe", "is a named pipe and nothing was written to it"),
    _m("JC009", "empty", "is empty; expected a YAML mapping"),
    _m("JC010", "utf-32", "is encoded as UTF-32; save it as UTF-8"),
    _m("JC011", "utf-16", "is encoded as UTF-16; save it as UTF-8"),
    _m(
        "JC012",
        "utf-16le-without-bom",
        "is encoded as UTF-16 (little-endian, without a byte order mark); save it as UTF-8",
    ),
    _m(
        "JC013",
        "utf-16be-without-bom",
        "is encoded as UTF-16 (big-endian, without a byte order mark); save it as UTF-8",
    ),
    _m("JC014", "binary", "looks like a binary file, not YAML text"),
    _m(
        "JC015",
        "not-utf-8",
        "is not valid UTF-8 (byte 0x{byte:02X}); it looks like {guess}; save it as UTF-8",
    ),
    _m("JC016", "cannot-list-folder", "cannot list folder: {reason}"),
    _m("JC017", "folder-without-yaml", "folder has no *.yaml or *.yml file directly in it"),
    # -- JC1xx: YAML syntax and composition -------------------------------------------
    _m("JC101", "yaml-syntax", "YAML syntax: {problem}", "YAML syntax: {problem} ({context})"),
    _m(
        "JC102",
        "unclosed-quote",
        "YAML syntax: {problem} ({context}); the quote opened here is never closed",
    ),
    _m(
        "JC103",
        "tab-indentation",
        "YAML syntax: a tab in the indentation; YAML indents with spaces only, so use spaces",
    ),
    _m(
        "JC104",
        "forbidden-character",
        "YAML syntax: the character U+{codepoint:04X} is not allowed in YAML",
    ),
    _m(
        "JC105",
        "several-documents",
        "a second YAML document starts here; put one plan or playbook per file",
    ),
    _m(
        "JC106",
        "key-not-plain",
        "a key must be plain text, not a mapping or a list; check the indentation or quote the key",
    ),
    _m(
        "JC107",
        "key-not-text",
        'the key {key!r} is read by YAML as {reading}; keys must be text, so quote it: "{key}"',
    ),
    _m(
        "JC108",
        "duplicate-key",
        "duplicate key {key!r} (first defined at line {first_line}); YAML would silently keep "
        "only the last one",
    ),
    _m("JC109", "undefined-alias", "the alias *{anchor} names no anchor defined before it"),
    _m("JC110", "alias-as-key", "an alias cannot be used as a key"),
    _m("JC111", "bad-merge", "a << merge key needs a mapping or a list of mappings"),
    _m("JC112", "bad-tagged-value", "{text!r} cannot be read as a YAML {kind}"),
    _m(
        "JC113",
        "tag-not-allowed",
        "the YAML tag {tag} is not allowed; journeycheck reads plain data only",
    ),
    _m(
        "JC114",
        "too-many-values",
        "expands to more than {limit:,} values (aliases repeated within aliases?); refusing it",
    ),
    _m("JC115", "too-deep", "nested deeper than {limit} levels; refusing it"),
    _m(
        "JC116",
        "tab-outside-quotes",
        "YAML syntax: a tab outside quotes, which YAML parsers read differently; use spaces, "
        "or put the text in quotes",
    ),
    _m(
        "JC117",
        "colon-in-value",
        "YAML syntax: a ': ' inside a plain value starts a new key here; put the whole value "
        "in quotes: {key}: {quoted}",
    ),
    # -- JC2xx: shape -----------------------------------------------------------------
    _m("JC201", "not-one-of", "{field}: {got} is not one of {allowed}"),
    _m(
        "JC202",
        "missing-key",
        "missing required key {key!r}",
        "{parent}: missing required key {key!r}",
    ),
    _m(
        "JC203",
        "unknown-key",
        "unknown key {key!r}; allowed here: {allowed}",
        "unknown key {key!r} (did you mean {suggestion!r}?); allowed here: {allowed}",
    ),
    _m("JC204", "expected-text", "{field}: expected text, got {got}"),
    _m(
        "JC205",
        "read-as-not-text",
        '{field}: YAML read {source} as {reading}; put it in quotes to keep it as text: "{source}"',
    ),
    _m(
        "JC206",
        "expected-mapping",
        "{field}: expected a mapping of keys, got {got}",
        "{field}: expected a mapping of keys, got {got}; write the status as a key: "
        "{{status: {status}}}",
    ),
    _m("JC207", "expected-list", "{field}: expected a list, got {got}"),
    _m("JC208", "expected-boolean", "{field}: expected true or false, got {got}"),
    _m("JC209", "expected-whole-number", "{field}: expected a whole number, got {got}"),
    _m(
        "JC210",
        "expected-number",
        "{field}: expected a number, got {got}",
        "{field}: expected a number, got {got}; YAML 1.1 reads a number with an exponent as "
        "text unless it has a decimal point and a signed exponent: write {written}",
    ),
    _m("JC211", "not-finite", "{field}: expected a number, not infinity or NaN; got {got}"),
    _m("JC212", "empty-value", "{field}: must not be empty"),
    _m("JC213", "invalid-id", "{field}: {value!r} is not a valid id; " + _SLUG_RULE),
    _m("JC214", "not-above", "{field}: must be greater than {limit}, got {value!r}"),
    _m("JC215", "below-minimum", "{field}: must be at least {limit}, got {value!r}"),
    _m("JC216", "not-below", "{field}: must be less than {limit}, got {value!r}"),
    _m("JC217", "above-maximum", "{field}: must be at most {limit}, got {value!r}"),
    _m("JC218", "date-not-iso", "{field}: " + _DATE + "; got {got}"),
    _m("JC219", "date-unpadded", "{field}: {value!r}: write the date as YYYY-MM-DD, here {fixed}"),
    _m("JC220", "date-not-real", "{field}: {value!r} is not a real date: {reason}"),
    _m("JC221", "invalid-value", "{field}: {reason}"),
    _m(
        "JC222",
        "plan-not-a-mapping",
        "the top level of a plan must be a mapping of keys (journeycheck: 1, ...), not {got}",
    ),
    _m(
        "JC223",
        "playbook-not-a-mapping",
        "the top level of a playbook must be a mapping of keys (journeycheck: 1, ...), not {got}",
    ),
    _m(
        "JC224",
        "missing-format-version",
        "missing the format version: add 'journeycheck: {version}' as the first line",
    ),
    _m(
        "JC225",
        "quoted-format-version",
        "journeycheck: the format version is the number {version}, not the text {written!r}; "
        "remove the quotes",
    ),
    _m(
        "JC226",
        "unsupported-format-version",
        "journeycheck: unsupported format version {written!r}; this journeycheck reads "
        "version {version}",
    ),
    _m("JC227", "control-character-in-key", "the key {key!r} " + _CONTROL + "; remove it"),
    _m("JC228", "control-character", "{field}: " + _CONTROL + "; remove it"),
    _m(
        "JC229",
        "plan-given-as-playbook",
        "this is a product plan (it has {keys}), not a playbook; a playbook has phases, teams "
        "and questions",
    ),
    _m(
        "JC230",
        "not-a-playbook",
        "this is not a playbook: it is a mapping with none of the keys a playbook has "
        "(journeycheck, phases, teams, questions)",
    ),
    # -- JC3xx: references ------------------------------------------------------------
    _m(
        "JC301",
        "unknown-trait",
        "unknown trait {name!r}; playbook {playbook!r} has no traits",
        "unknown trait {name!r}; playbook {playbook!r} has {traits}",
        "unknown trait {name!r} (did you mean {suggestion!r}?); playbook {playbook!r} has {traits}",
    ),
    _m(
        "JC302",
        "unknown-gate",
        "gate: unknown phase {name!r}; write auto, or one of the phases {phases}",
        "gate: unknown phase {name!r} (did you mean {suggestion!r}?); write auto, or one of "
        "the phases {phases}",
    ),
    _m(
        "JC303",
        "unknown-question",
        "unknown question id {name!r}; it is not in playbook {playbook!r}, so this answer would "
        "be ignored",
        "unknown question id {name!r} (did you mean {suggestion!r}?); it is not in playbook "
        "{playbook!r}, so this answer would be ignored",
    ),
    _m(
        "JC304",
        "due-after-calendar",
        "launch: {launch} is too close to the end of the calendar: {question} would be due "
        "{days:+d} days from it; check the launch date, or give that answer a due date of its own",
    ),
    _m(
        "JC305",
        "due-before-calendar",
        "launch: {launch} is too close to the start of the calendar: {question} would be due "
        "{days:+d} days from it; check the launch date, or give that answer a due date of its own",
    ),
    _m(
        "JC306",
        "unknown-playbook",
        "playbook: unknown playbook {reference!r}; built-in playbooks: {builtins}; or give a "
        "path to a playbook file",
        "playbook: unknown playbook {reference!r} (did you mean {suggestion!r}?); built-in "
        "playbooks: {builtins}; or give a path to a playbook file",
    ),
    _m(
        "JC307",
        "playbook-file-missing",
        "playbook: playbook file {reference!r} does not exist (looked for {path})",
        "playbook: playbook file {reference!r} does not exist; to use the built-in playbook, "
        "write {builtin} (looked for {path})",
    ),
    _m(
        "JC308",
        "playbook-file-is-folder",
        "playbook: playbook file {reference!r} is a folder (looked for {path})",
    ),
    _m(
        "JC309",
        "playbook-is-the-plan",
        "playbook: {reference!r} is this plan itself; name a playbook file or a built-in "
        "playbook id",
    ),
    _m(
        "JC310",
        "duplicate-id",
        "duplicate {kind} id {name!r}",
        "duplicate {kind} id {name!r} (first at line {first_line})",
    ),
    _m(
        "JC311",
        "unknown-phase",
        "phase: unknown phase {name!r}; phases are {phases}",
        "phase: unknown phase {name!r} (did you mean {suggestion!r}?); phases are {phases}",
    ),
    _m(
        "JC312",
        "unknown-team",
        "team: unknown team {name!r}; teams are {teams}",
        "team: unknown team {name!r} (did you mean {suggestion!r}?); teams are {teams}",
    ),
    _m(
        "JC313",
        "unknown-condition-trait",
        "when: unknown trait {name!r}; traits are none",
        "when: unknown trait {name!r}; traits are {traits}",
        "when: unknown trait {name!r} (did you mean {suggestion!r}?); traits are {traits}",
    ),
    _m(
        "JC314",
        "playbook-leaves-the-repository",
        "playbook: {reference!r} is outside {repository}, the repository of this plan; a plan "
        "may name only a playbook file inside its repository (--allow-outside lifts this)",
        "playbook: {reference!r} is outside {folder}; a plan in no repository may name only a "
        "playbook file inside the folder journeycheck runs in, or inside its own folder if it "
        "is not in that one (--allow-outside lifts this)",
    ),
    _m(
        "JC315",
        "reserved-phase-id",
        "id: {name!r} cannot be a phase id: a plan's 'gate: {name}' means the phase the "
        "calendar has reached; rename the phase",
    ),
    # -- JC4xx: command-line values ---------------------------------------------------
    _m(
        "JC401",
        "flag-date-not-iso",
        _DATE + "; got {value!r}",
        "{flag}: " + _DATE + "; got {value!r}",
    ),
    _m(
        "JC402",
        "flag-date-unpadded",
        "{value!r}: write the date as YYYY-MM-DD, here {fixed}",
        "{flag}: {value!r}: write the date as YYYY-MM-DD, here {fixed}",
    ),
    _m(
        "JC403",
        "flag-date-not-real",
        "{value!r} is not a real date: {reason}",
        "{flag}: {value!r} is not a real date: {reason}",
    ),
    _m(
        "JC404",
        "unknown-gate-flag",
        "--gate: unknown phase {name!r} in playbook {playbook!r}; give auto, or one of the "
        "phases {phases}",
        "--gate: unknown phase {name!r} (did you mean {suggestion!r}?) in playbook "
        "{playbook!r}; give auto, or one of the phases {phases}",
    ),
    _m(
        "JC405",
        "unknown-team-flag",
        "--team: unknown team {name!r}; choose from {choices}",
        "--team: unknown team {name!r} (did you mean {suggestion!r}?); choose from {choices}",
    ),
    _m(
        "JC406",
        "unknown-phase-flag",
        "--phase: unknown phase {name!r}; choose from {choices}",
        "--phase: unknown phase {name!r} (did you mean {suggestion!r}?); choose from {choices}",
    ),
    _m(
        "JC407",
        "unknown-trait-flag",
        "--trait: unknown trait {name!r}; playbook {playbook!r} has no traits",
        "--trait: unknown trait {name!r}; playbook {playbook!r} has {traits}",
        "--trait: unknown trait {name!r} (did you mean {suggestion!r}?); playbook {playbook!r} "
        "has {traits}",
    ),
    _m(
        "JC408",
        "unknown-playbook-flag",
        "unknown playbook {reference!r}; built-in playbooks: {builtins}; or give a path to a "
        "playbook file",
        "unknown playbook {reference!r} (did you mean {suggestion!r}?); built-in playbooks: "
        "{builtins}; or give a path to a playbook file",
    ),
    _m(
        "JC409",
        "playbook-flag-file-missing",
        "playbook file {reference!r} does not exist (looked for {path})",
        "playbook file {reference!r} does not exist; to use the built-in playbook, write "
        "{builtin} (looked for {path})",
    ),
    _m(
        "JC410",
        "playbook-flag-is-folder",
        "playbook file {reference!r} is a folder (looked for {path})",
    ),
    _m("JC411", "trait-flag-form", "--trait: write NAME=true or NAME=false, not {written!r}"),
    _m(
        "JC412",
        "trait-flag-value",
        "--trait {name}: the value must be true or false, not {value!r}",
    ),
    _m("JC413", "trait-flag-twice", "--trait {name}: given as both true and false"),
    _m("JC414", "product-empty", "{source}: the product name must not be empty"),
    _m("JC415", "product-not-text", "{source}: the product name is not valid UTF-8 text"),
    _m(
        "JC416",
        "product-not-one-line",
        "{source}: the product name must be one line, without control characters",
    ),
    _m(
        "JC417",
        "launch-off-calendar",
        "{source}: {launch} is too close to the end of the calendar: {question} would be due "
        "{days:+d} days from it",
    ),
    _m("JC418", "product-missing", "--product: give the product name"),
    _m(
        "JC419",
        "launch-missing",
        "--launch: give the planned launch date, e.g. --launch 2027-03-01 (it is only asked for "
        "when standard input is a terminal)",
    ),
    _m("JC420", "top-and-all", "give --top N or --all, not both"),
    _m(
        "JC421",
        "summary-in-json",
        "the JSON report always has every plan in full; --summary is for the terminal, "
        "markdown and html formats",
    ),
    _m("JC422", "playbook-for-schema", "only the plan schema depends on a playbook"),
    _m(
        "JC423",
        "format-from-name",
        "cannot tell the report format from the name {name!r}; give --format terminal, "
        "markdown, html, json or sarif, or name the file .md, .html, .json, .sarif or .txt",
    ),
    _m(
        "JC424",
        "no-plans-to-audit",
        "no plans to audit: all {skipped} YAML files found were skipped",
        "no plans to audit: all {skipped} YAML files found were skipped; {output} was not written",
    ),
    _m(
        "JC425",
        "working-folder-gone",
        "the current folder no longer exists (it was deleted or moved); change to a folder "
        "that exists",
    ),
    _m(
        "JC426",
        "no-plans-to-check",
        "no plans to check: all {skipped} YAML files found were skipped",
    ),
    _m("JC427", "flag-not-finite", "expected a number, not infinity or NaN; got {value}"),
    _m(
        "JC428",
        "unknown-gate-answer",
        "{source}: unknown phase {name!r}; answer auto, or one of the phases {phases}",
        "{source}: unknown phase {name!r} (did you mean {suggestion!r}?); answer auto, or one "
        "of the phases {phases}",
    ),
    _m(
        "JC429",
        "not-yes-or-no",
        "{answer!r} is neither yes nor no; answer y or yes, n or no (in any case), or press "
        "Enter for the default",
    ),
    _m(
        "JC430",
        "unknown-encoding",
        "{name!r} is not a text encoding; give one such as utf-8, windows-1251 or cp949",
    ),
    # -- JC5xx: output and writes -----------------------------------------------------
    _m("JC501", "already-exists", "{path}: already exists; use --force to overwrite it"),
    _m("JC502", "folder-missing", "{path}: cannot write: folder {folder} does not exist"),
    _m("JC503", "output-is-folder", "{path}: is a folder"),
    _m("JC504", "cannot-write", "{path}: cannot write: {reason}"),
    _m("JC505", "stdout-closed", "standard output is closed; there is nowhere to write to"),
    _m("JC506", "cannot-create-folder", "{folder}: cannot create the folder: {reason}"),
    _m(
        "JC507",
        "plan-path-is-folder",
        "{path}: is a folder; give the path of the plan file to create",
    ),
    _m(
        "JC508",
        "plan-path-not-a-file",
        "{path}: is not a regular file; give the path of the plan file to create, or - for "
        "standard output",
    ),
    _m(
        "JC509",
        "output-is-a-plan",
        "--output {path}: that is a plan being audited; choose another file",
    ),
    _m(
        "JC510",
        "output-is-the-playbook",
        "--output {path}: that is the playbook of the plan; choose another file",
    ),
    _m(
        "JC511",
        "output-is-a-playbook",
        "--output {path}: that is a playbook of these plans; choose another file",
    ),
    _m(
        "JC512",
        "incomplete-run",
        "{failed} of {total} plans could not be audited (problems above)",
        "{failed} of {total} plans could not be audited (problems above); {output} was not written",
    ),
    _m(
        "JC513",
        "link-not-followed",
        "{path}: is a symbolic link to {target}; journeycheck does not write through a link "
        "it did not make (remove the link, or give --force to write to {target})",
        "{path}: {link} is a symbolic link to {target}; journeycheck does not write through a "
        "link it did not make (remove the link, or give --force to write to {target})",
    ),
    _m(
        "JC514",
        "link-in-sticky-folder",
        "{path}: is a symbolic link owned by another user (uid {owner}) in a folder anyone may "
        "write to; journeycheck does not follow it (remove it, or write elsewhere)",
        "{path}: {link} is a symbolic link owned by another user (uid {owner}) in a folder "
        "anyone may write to; journeycheck does not follow it (remove it, or write elsewhere)",
    ),
    # -- JC6xx: changing answers (set, review, export, import) -------------------------
    # The round-trip edit of a plan's text.
    _m(
        "JC600",
        "answer-shares-anchors",
        "answers.{question}: this answer shares values with other parts of the plan through "
        "YAML anchors or aliases, so changing it here would change them too; edit it by hand",
    ),
    _m(
        "JC601",
        "flow-answers",
        "answers: is written as a flow mapping on one line; journeycheck adds answers only to "
        "an answers mapping written one answer per line, as init writes it; edit it by hand",
    ),
    _m(
        "JC602",
        "answer-not-mapping",
        "answers.{question}: the answer is not a mapping of fields; edit it by hand",
    ),
    _m(
        "JC603",
        "answer-unreadable",
        "answers.{question}: this answer could not be read for editing ({reason}); edit it by hand",
    ),
    # What set is asked to do, before the plan is read.
    _m(
        "JC604",
        "waiver-flags-missing",
        "--waive: a waiver needs --waive REASON, --approver NAME, --expires DATE and "
        "--risk-accepted TEXT; missing {missing}",
    ),
    _m("JC605", "waive-and-unwaive", "--waive: give --waive or --unwaive, not both"),
    _m(
        "JC606",
        "flag-empty",
        "{flag}: must not be empty",
        "{flag}: must not be empty; to remove it, give --clear {field}",
    ),
    _m(
        "JC607",
        "clear-unknown-field",
        "--clear: {name!r} cannot be cleared; choose from {fields}",
        "--clear: {name!r} cannot be cleared (did you mean {suggestion!r}?); choose from {fields}",
    ),
    _m(
        "JC608",
        "clear-and-set",
        "--clear {name}: it is also given a value; give one or the other",
    ),
    _m(
        "JC609",
        "nothing-to-change",
        "nothing to change: give --status, --owner, --due, --evidence, --note, --waive, "
        "--unwaive or --clear",
    ),
    # Reading a spreadsheet.
    _m(
        "JC610",
        "sheet-not-utf-8",
        "is not UTF-8 text (byte 0x{byte:02X}); it looks like {guess}: save the sheet as "
        "CSV UTF-8, or read it as it is with --encoding {encoding}",
    ),
    _m("JC611", "sheet-empty", "is empty; expected a header row and one row per question"),
    _m(
        "JC612",
        "sheet-without-id",
        "has no 'id' column; the header row names the columns, as export writes it",
    ),
    _m("JC613", "sheet-column-twice", "the column {column!r} appears twice in the header row"),
    _m("JC614", "sheet-status", "{text!r} is not a status; use one of {statuses}"),
    _m(
        "JC615",
        "sheet-date",
        "{text!r} is not a date; write it as 2027-03-01 (or as the sheet saves dates: {forms})",
    ),
    _m("JC616", "ids-and-selection", "give question ids or --team/--phase, not both"),
    _m(
        "JC617",
        "no-questions-named",
        "name the questions to change: give their ids, or --team/--phase",
    ),
    _m("JC618", "sheet-row-twice", "{question} is also on row {first}; give each question one row"),
    _m(
        "JC619",
        "sheet-waiver-incomplete",
        "a waiver needs a reason, an approver, an expiry date and the risk accepted; this "
        "cell is empty",
    ),
    _m(
        "JC620",
        "sheet-id-empty",
        "the id is empty; every row needs the question id export wrote",
    ),
    _m(
        "JC621",
        "sheet-dates-mixed",
        "{text!r} is a day/month date and {other!r} on row {row} a month/day one",
    ),
    _m("JC622", "sheet-date-with-time", "{text!r} has a time of day ({time}); give the date alone"),
    _m(
        "JC623",
        "sheet-cell-not-one-line",
        "a cell with a line break or a control character cannot be {column}",
    ),
    _m("JC624", "sheet-is-folder", "is a folder, not a CSV file"),
    _m(
        "JC625",
        "selection-empty",
        "--team/--phase: no question of the plan is in those teams and phases",
    ),
    _m(
        "JC626",
        "review-needs-terminal",
        "review asks questions and needs a terminal on standard input; to change answers "
        "from a script, use journeycheck set PLAN QUESTION --status STATUS (see --help)",
    ),
    _m(
        "JC627",
        "export-onto-plan",
        "--output {path}: that is the plan being exported; choose another file",
    ),
    _m(
        "JC628",
        "owner-flag-form",
        "--owner: write TEAM=NAME, like legal=Amara Nwosu, not {written!r}",
    ),
    _m("JC629", "owner-flag-twice", "--owner {team}: given twice, as {first!r} and {second!r}"),
    _m(
        "JC630",
        "sheet-column-ignored",
        "{file}: column {column!r} is not one journeycheck reads; it was ignored",
    ),
    _m(
        "JC631",
        "sheet-read-only-changed",
        "{file}:{row}:{column}: {column} is read-only (it comes from the playbook); the change "
        "was ignored",
    ),
    _m(
        "JC632",
        "owner-flag-unknown-team",
        "--owner: unknown team {name!r}; playbook {playbook!r} has {teams}",
        "--owner: unknown team {name!r} (did you mean {suggestion!r}?); playbook {playbook!r} "
        "has {teams}",
    ),
    _m(
        "JC633",
        "owner-not-one-line",
        "{source}: the name must be one line, without control characters",
    ),
    _m(
        "JC634",
        "owners-unknown-team",
        "owners: unknown team {name!r}; playbook {playbook!r} has {teams}",
        "owners: unknown team {name!r} (did you mean {suggestion!r}?); playbook {playbook!r} "
        "has {teams}",
    ),
    _m("JC635", "answer-required", "this one is required; type it, or press Ctrl-C to stop"),
    _m(
        "JC636",
        "status-flag-unknown",
        "--status: {value!r} is not a status; use one of {statuses}",
        "--status: {value!r} is not a status (did you mean {suggestion!r}?); use one of {statuses}",
    ),
    _m("JC637", "cannot-read-again", "{path}: cannot read it again: {reason}"),
    # Checking and writing the edited plan.
    _m(
        "JC640",
        "na-needs-note",
        "{question}: n/a needs a note saying why the question does not apply (--note)",
    ),
    _m(
        "JC638",
        "sheet-not-in-encoding",
        "is not {encoding} text (byte 0x{byte:02X}); give the encoding the sheet was saved "
        "in, or save it as CSV UTF-8",
    ),
    _m(
        "JC639",
        "sheet-is-utf-8",
        "is UTF-8 text, not {encoding}; leave out --encoding (read as {encoding}, its "
        "letters beyond ASCII would be written into the plan garbled)",
    ),
    _m(
        "JC641",
        "done-needs-evidence",
        "{question}: done needs evidence, because the question requires it (--evidence); or "
        "record it as partial until the evidence is there",
    ),
    _m(
        "JC642",
        "unknown-question-flag",
        "unknown question id {question!r}; it is not in playbook {playbook!r} (journeycheck "
        "playbook show {playbook} lists the ids)",
        "unknown question id {question!r} (did you mean {suggestion!r}?); it is not in playbook "
        "{playbook!r} (journeycheck playbook show {playbook} lists the ids)",
    ),
    _m(
        "JC643",
        "question-switched-off",
        "{question} does not apply to this product: it applies only with {needs}, and the "
        "plan has {has}; change the trait in the plan first",
    ),
    _m(
        "JC644",
        "changed-on-disk",
        "{path}: changed on disk since journeycheck read it; nothing was written, run the "
        "command again",
    ),
    _m(
        "JC645",
        "edited-plan-invalid",
        "the edited plan would not be valid, so nothing was written: {problems}",
    ),
    _m(
        "JC646",
        "flag-control-character",
        "{flag}: contains the control character U+{codepoint:04X}, which a terminal would act "
        "on; remove it",
    ),
    # -- JC65x-JC69x: a plan's history in git (diff, history, agenda, --since) ---------
    _m(
        "JC650",
        "git-missing",
        "git is not installed or not on PATH; {command} reads the plan's history with git",
    ),
    _m(
        "JC651",
        "not-a-repository",
        "{folder} is not inside a git repository, so the history of {path} cannot be read",
    ),
    _m("JC652", "git-failed", "git could not read the repository at {folder}: {reason}"),
    _m("JC653", "unknown-revision", "{revision!r} is not a commit in the repository at {root}"),
    _m("JC654", "absent-at-revision", "{path} does not exist at revision {revision}"),
    _m("JC655", "folder-at-revision", "{path} is a folder, not a file, at revision {revision}"),
    _m("JC656", "outside-repository", "{path} is outside the git repository at {root}"),
    _m(
        "JC657",
        "never-committed",
        "no commit in the repository at {root} contains {path}; commit it first",
    ),
    _m(
        "JC658",
        "nothing-by-date",
        "no commit changed {path} on or before {date}; its first commit is from {first}",
    ),
    _m(
        "JC659",
        "shallow-clone",
        "the repository at {root} is a shallow clone, so the history of {path} is cut where "
        "the clone ends; run 'git fetch --unshallow' for all of it",
    ),
    _m(
        "JC660",
        "playbook-absent-at-revision",
        "playbook: the playbook file {reference!r} does not exist at revision {revision} "
        "(looked for {path})",
    ),
    _m(
        "JC661",
        "playbook-outside-repository",
        "playbook: the playbook file {reference!r} is outside the git repository, so its "
        "content at revision {revision} is unknown; keep the playbook in the repository or "
        "name a built-in playbook",
    ),
    _m(
        "JC662",
        "object-name-without-revision",
        "{argument!r} names no revision before the colon; write REV:PATH, for example "
        "HEAD~1:launch-plan.yaml",
    ),
    _m(
        "JC663",
        "git-stopped",
        "git stopped answering while the repository at {root} was read",
    ),
    _m(
        "JC664",
        "diff-needs-two-plans",
        "give two plans to compare, OLD and NEW, or one plan with --since",
    ),
    _m(
        "JC665",
        "diff-since-one-plan",
        "with --since, give one plan: it is compared with itself as committed then",
    ),
    _m("JC666", "since-after-until", "{since} is after --until {until}; no day is in between"),
    _m(
        "JC667",
        "audit-since-one-plan",
        "--since compares one plan with its own history; give one plan file, not a folder "
        "or several plans",
    ),
    # -- JC74x-JC77x: playbooks that extend others, and plans that follow them ---------
    _m(
        "JC740",
        "extends-cycle",
        "extends: {reference!r} makes a cycle: {chain}; a playbook cannot extend itself, "
        "directly or through others",
    ),
    _m(
        "JC741",
        "extends-too-deep",
        "extends: {reference!r} makes a chain of more than {limit} playbooks ({chain}); "
        "extend a playbook nearer the built-in one",
    ),
    _m(
        "JC742",
        "extension-has-phases",
        "phases: a playbook that extends another takes its phases from it; phases cannot be "
        "added, removed or changed, so leave this key out",
        "phases: a playbook that extends another takes its phases from it ({base}); phases "
        "cannot be added, removed or changed, so leave this key out",
    ),
    _m(
        "JC743",
        "already-in-base",
        "{kind} id {name!r} is already in the playbook this one extends, at {place}; give the "
        "new {kind} another id, or change the existing one under override:",
    ),
    _m(
        "JC744",
        "remove-phase",
        "remove: {name!r} is a phase; phases come from the playbook this one extends ({base}) "
        "and cannot be removed; remove the phase's questions, or answer them n/a in the plan",
    ),
    _m(
        "JC745",
        "remove-trait",
        "remove: traits cannot be removed, because questions name them in when:; change the "
        "trait's default under override: 'trait:{name}' instead",
    ),
    _m(
        "JC746",
        "remove-team-as-question",
        "remove: {name!r} is a team, not a question; write 'team:{name}' to remove the team "
        "and all its questions",
    ),
    _m(
        "JC747",
        "not-a-base-question",
        "{key}: the playbook this one extends ({base}) has no question {name!r}; "
        "'journeycheck playbook show {base_id}' lists its question ids",
        "{key}: the playbook this one extends ({base}) has no question {name!r} (did you mean "
        "{suggestion!r}?); 'journeycheck playbook show {base_id}' lists its question ids",
    ),
    _m(
        "JC748",
        "not-a-base-item",
        "{key}: the playbook this one extends ({base}) has no {kind} {name!r}, and no {kinds}",
        "{key}: the playbook this one extends ({base}) has no {kind} {name!r}; its {kinds} are "
        "{known}",
        "{key}: the playbook this one extends ({base}) has no {kind} {name!r} (did you mean "
        "{suggestion!r}?); its {kinds} are {known}",
    ),
    _m(
        "JC749",
        "renamed-in-base",
        "{key}: {name!r} was renamed to {new!r} in the playbook this one extends ({base}); "
        "write its new id {new!r}",
    ),
    _m(
        "JC750",
        "unknown-kind-of-item",
        "{key}: {entry!r} names no kind of item journeycheck knows; write a question id, or "
        "one of {forms}",
        "{key}: {entry!r} names no kind of item journeycheck knows (did you mean "
        "{suggestion!r}?); write a question id, or one of {forms}",
    ),
    _m(
        "JC751",
        "override-removed",
        "override: {name!r} is removed by this file (line {line}), so it cannot be changed",
    ),
    _m(
        "JC752",
        "override-old-id",
        "override: {name!r} is renamed to {new!r} by this file; change it under its new id {new!r}",
    ),
    _m(
        "JC753",
        "override-added",
        "override: {name!r} is added by this file (line {line}); change it where it is added",
    ),
    _m(
        "JC754",
        "override-fixed-field",
        "override: {field!r} cannot be changed for a {kind}; a {kind} can change {fields}",
    ),
    _m(
        "JC755",
        "override-fixed-question-field",
        "override: {field!r} cannot be changed for a question; a question can change {fields}. "
        "To move a question to another phase or team, remove it and add a new question with "
        "a new id",
    ),
    _m(
        "JC756",
        "override-id",
        "override: a question's id is not changed here; record its old and new ids under "
        "renamed: so that answers follow it",
    ),
    _m(
        "JC757", "override-emptied", "{field}: must not be empty; give a value or leave the key out"
    ),
    _m(
        "JC758",
        "override-phase",
        "override: {name!r} is a phase; phases come from the playbook this one extends ({base}) "
        "and cannot be changed",
    ),
    _m(
        "JC759",
        "rename-to-taken-id",
        "renamed: {name!r} cannot be renamed to {new!r}, which is already a question at {place}",
    ),
    _m(
        "JC760",
        "rename-removed",
        "renamed: {name!r} is removed by this file (line {line}), so it cannot be renamed",
    ),
    _m(
        "JC761",
        "rename-twice",
        "renamed: {new!r} is the new id of both {first!r} and {second!r}; each question needs "
        "an id of its own",
    ),
    _m(
        "JC762",
        "old-id-in-use",
        "renamed: {name!r} is still the id of a question, so an answer under it would be "
        "ambiguous; an old id cannot be given to a question again",
    ),
    _m(
        "JC763",
        "renamed-to-nothing",
        "renamed: {name!r} is renamed to {new!r}, which is not a question of this playbook",
        "renamed: {name!r} is renamed to {new!r}, which is not a question of this playbook "
        "(did you mean {suggestion!r}?)",
    ),
    _m(
        "JC764",
        "needs-extends",
        "{key}: only a playbook that extends another can {key} what the other has; add "
        "'extends: customer-journey' (or the path of a playbook file)",
    ),
    _m(
        "JC765",
        "answered-under-two-ids",
        "{name!r} was renamed to {new!r} in playbook {playbook!r}, and this plan answers both; "
        "keep one of the two answers ('journeycheck upgrade' moves old answers to their new "
        "ids)",
    ),
    _m(
        "JC766",
        "extends-file-missing",
        "extends: playbook file {reference!r} does not exist (looked for {path})",
    ),
    _m(
        "JC767",
        "extends-file-is-folder",
        "extends: playbook file {reference!r} is a folder (looked for {path})",
    ),
    _m(
        "JC768",
        "extends-unknown-playbook",
        "extends: unknown playbook {reference!r}; built-in playbooks: {builtins}; or give a "
        "path to a playbook file, relative to this one",
        "extends: unknown playbook {reference!r} (did you mean {suggestion!r}?); built-in "
        "playbooks: {builtins}; or give a path to a playbook file, relative to this one",
    ),
    _m(
        "JC769",
        "resolved-is-whole",
        "--resolved prints the whole playbook as one playbook file; leave out --format, "
        "--phase, --team and --trait",
    ),
    _m(
        "JC770",
        "upgraded-plan-invalid",
        "the upgraded plan would not be valid, so nothing was written: {problems}",
    ),
    _m(
        "JC771",
        "blocked-by-not-editable",
        "accounts: the blocked_by of {account!r} names {ids}, which the playbook renamed or "
        "retired, and is written in a form upgrade does not edit; write it as [id, id] or "
        "as one - id a line, or change those ids by hand; nothing was written",
    ),
    # -- JC840-JC849: customer risk (playbook 1.1) --------------------------------------
    _m(
        "JC840",
        "waiver-without-risk",
        "{field}: missing risk_accepted, the customer risk its approver accepts; add it in "
        "the customer's words (journeycheck audit --long shows the question's risk)",
    ),
    _m(
        "JC841",
        "sheet-without-risk-column",
        "a waiver needs the customer risk its approver accepts, and this sheet has no "
        "waiver_risk_accepted column; add the column (journeycheck export writes it) with "
        "that risk in the customer's words",
    ),
    # -- JC720-JC739: tickets and SARIF -----------------------------------------------
    _m(
        "JC720",
        "jira-export-without-keys",
        "has no 'Issue key' column; export the issues from Jira as CSV and give that file",
    ),
    _m(
        "JC721",
        "jira-export-not-an-issue-key",
        "{value!r} in column {column!r} is not a Jira issue key such as ACME-12",
    ),
    _m(
        "JC722",
        "jira-issue-with-two-gaps",
        "holds two journeycheck ids, {first} and {second}; one issue is one gap",
    ),
    _m(
        "JC723",
        "jira-gap-in-two-issues",
        "{ticket} is also in issue {other} (row {row}); delete one of the two issues in Jira "
        "and export again",
    ),
    _m(
        "JC724",
        "jira-export-not-utf-8",
        "is not valid UTF-8 (byte 0x{byte:02X}); export it from Jira again, or save it as UTF-8",
    ),
    _m("JC725", "jira-export-too-large", "is larger than {limit:,} bytes; journeycheck refuses it"),
    _m(
        "JC726",
        "summary-with-sarif",
        "a SARIF log lists every gap of every plan; --summary is for the terminal, markdown "
        "and html formats",
    ),
    _m(
        "JC727",
        "script-needs-github",
        "--script writes gh commands for GitHub issues; give it with --to github",
    ),
    _m(
        "JC728",
        "jira-export-needs-jira",
        "--jira-export reads the issue keys of an earlier Jira import; give it with --to jira",
    ),
    _m(
        "JC729",
        "output-is-the-jira-export",
        "--output {path}: that is the Jira export being read; choose another file",
    ),
    # -- JC820-JC829: playbook translation files ------------------------------------------
    _m(
        "JC820",
        "not-a-translation",
        "is not a translation file: it has no {key} key; a translation file starts with '{key}: 1'",
        "is {got}, not a translation file; a translation file is a mapping that starts with "
        "'{key}: 1'",
    ),
    _m(
        "JC821",
        "translation-format-version",
        "{key}: this version of journeycheck reads translation files of version {version}; "
        "write '{key}: {version}'",
    ),
    _m(
        "JC822",
        "translation-language",
        "language: {written!r} is not a language journeycheck translates playbooks into; "
        "write one of {languages}",
        "language: {written!r} does not match the file's name, which says {named!r}; "
        "correct the language, or rename the file",
    ),
    _m(
        "JC823",
        "translation-of-another-playbook",
        "playbook: {written!r} is not the playbook beside this file, {expected!r}; a "
        "translation file is named after the playbook it translates",
    ),
    _m(
        "JC824",
        "translation-unknown-kind",
        "entries: {entry!r} names no kind of entry; write one of {forms}",
    ),
    _m(
        "JC825",
        "translation-field-not-for-kind",
        "{entry}: {field!r} is not a field this entry translates; it translates {fields}",
    ),
    _m(
        "JC826",
        "short-title-too-wide",
        "{entry}: short: the short title is {width} columns wide; it must fit in {limit} "
        "columns, East Asian wide characters counting two",
    ),
    _w(
        "JC827",
        "translation-missing",
        "{entry} has no {language} translation, so it is shown in English; add the entry "
        "{entry!r} with source: {source}",
    ),
    _w(
        "JC828",
        "translation-stale",
        "{entry}: source: {written!r} is not the English as it is now, so the entry is shown "
        "in English; update the translation and set source: {current}",
    ),
    _w(
        "JC829",
        "translation-unknown-entry",
        "entries: the playbook has no {entry!r}; remove the entry, or correct its id",
        "entries: the playbook has no {entry!r} (did you mean {suggestion!r}?); remove the "
        "entry, or correct its id",
    ),
    # -- JC850-JC869: KPIs and lighthouse accounts -------------------------------------
    _m(
        "JC850",
        "unknown-kpi",
        "kpis: unknown KPI {name!r}; playbook {playbook!r} has no KPIs",
        "kpis: unknown KPI {name!r}; playbook {playbook!r} has {kpis}",
        "kpis: unknown KPI {name!r} (did you mean {suggestion!r}?); playbook {playbook!r} "
        "has {kpis}",
    ),
    _m(
        "JC851",
        "unknown-blocking-question",
        "blocked_by: unknown question id {name!r}; it is not in playbook {playbook!r}, so it "
        "could never block the account",
        "blocked_by: unknown question id {name!r} (did you mean {suggestion!r}?); it is not "
        "in playbook {playbook!r}, so it could never block the account",
    ),
    _m(
        "JC852",
        "unknown-account-stage",
        "stage: unknown phase {name!r}; an account's stage is one of the phases {phases}",
        "stage: unknown phase {name!r} (did you mean {suggestion!r}?); an account's stage is "
        "one of the phases {phases}",
    ),
    _m(
        "JC853",
        "duplicate-account",
        "name: the account {name!r} is listed twice; give each account one entry",
        "name: the account {name!r} is listed twice (first at line {first_line}); give each "
        "account one entry",
    ),
    _m(
        "JC855",
        "kpi-flag-unknown",
        "--kpi: unknown KPI {name!r}; playbook {playbook!r} has no KPIs",
        "--kpi: unknown KPI {name!r}; playbook {playbook!r} has {kpis}",
        "--kpi: unknown KPI {name!r} (did you mean {suggestion!r}?); playbook {playbook!r} "
        "has {kpis}",
    ),
    _m(
        "JC856",
        "kpi-values-without-kpi",
        "{flags}: these record a KPI's values; name the KPI with --kpi ID",
    ),
    _m(
        "JC857",
        "kpi-with-answer-flags",
        "--kpi records a KPI, not answers; leave out {flags}, or run set once for each",
    ),
    _m(
        "JC858",
        "kpi-nothing-to-change",
        "--kpi {name}: nothing to record; give --actual, --target, --baseline, --measured or "
        "--note",
    ),
    _m(
        "JC859",
        "kpi-flag-not-a-number",
        "{flag}: {value!r} is not a number; write it with digits and a point, like 38 or 99.5",
    ),
    _m(
        "JC860",
        "kpi-measured-later",
        "--measured: {measured} is after {as_of}, the day treated as today; a value cannot "
        "have been measured yet",
    ),
    _m(
        "JC861",
        "kpis-not-editable",
        "kpis: written in a form set cannot edit without changing other lines ({reason}); "
        "write each KPI as a mapping on its own lines, or edit it by hand",
    ),
    # -- JC78x-JC79x: warnings --------------------------------------------------------
    _w(
        "JC780",
        "na-without-note",
        "status: n/a without a note; say in note why the question does not apply, or the "
        "audit counts it as not done",
    ),
    _w(
        "JC781",
        "done-without-evidence",
        "status: done, but {question} requires evidence and this answer has none; add a link "
        "or reference under evidence, or the audit gives it half credit",
    ),
    _w(
        "JC782",
        "launch-long-past",
        "launch: {launch} is more than a year before today ({today}); check the launch date, "
        "as every due date counts from it",
    ),
    _w(
        "JC783",
        "comment-cuts-value",
        "{field}: YAML read the value as {value!r} and the rest of the line, {comment!r}, as "
        "a comment; if it belongs to the {field}, put the whole value in quotes",
    ),
    _w(
        "JC784",
        "launch-flag-long-past",
        "{source}: {launch} is more than a year before today ({today}); every due date counts "
        "from it, so check the year",
    ),
    _w(
        "JC785",
        "playbook-flag-outside",
        "--playbook: {reference!r} is outside {repository}, the repository of the new plan; "
        "every command that reads the plan refuses it without --allow-outside, so keep the "
        "playbook in the repository if you can",
        "--playbook: {reference!r} is outside {folder}, the folder a playbook of a plan in no "
        "repository must be in; every command that reads the plan refuses it without "
        "--allow-outside",
    ),
    # -- JC800-JC814: languages (journeycheck.i18n) -----------------------------------
    _m(
        "JC800",
        "unknown-language-option",
        "{value!r} is not a language journeycheck speaks; use one of {supported}",
    ),
    _m(
        "JC801",
        "unknown-language-variable",
        "{variable}={value!r} is not a language journeycheck speaks; set it to one of "
        "{supported}, or unset it",
    ),
    _m(
        "JC802",
        "unknown-language-plan",
        "language: {value!r} is not a language journeycheck speaks; use one of {supported}",
    ),
)

#: Every message by its code.
CATALOGUE: Mapping[str, Message] = {message.code: message for message in _MESSAGES}

#: Noun phrases placed inside messages (``{got}``, ``{reading}``, ``{guess}``), by slug.
PHRASES: Mapping[str, str] = {
    "nothing": "nothing",
    "empty-value": "nothing (an empty value)",
    "a-mapping": "a mapping",
    "a-list": "a list",
    "a-boolean": "true or false",
    "a-number": "a number",
    "boolean": "the boolean {value}",
    "number": "the number {value!r}",
    "number-as-written": "the number {value!r}, not the text {source!r}",
    "number-as-time": "the number {value} (YAML 1.1 reads {source} as minutes:seconds)",
    "number-in-base": "the number {value} (YAML 1.1 reads {source} in base {base})",
    "number-as-octal": "the number {value} (YAML 1.1 reads {source} as an octal number)",
    "null": "an empty value (null)",
    "date": "a date",
    "text": "text",
    "as-read": "{source} (YAML read it as {reading})",
    "euc-kr": "EUC-KR (Korean)",
    "shift-jis": "Shift JIS (Japanese)",
    "windows-1251": "Windows-1251 (Cyrillic)",
    "windows-1252": "Windows-1252 or Latin-1 (Western European)",
    "warning": "warning: {message}",
    # Why a date written YYYY-MM-DD is no real date (JC218 and its kin).
    "no-year-zero": "there is no year 0",
    "no-such-month": "there is no month {month}",
    "no-such-day": "month {month} of {year} has {days} days",
}


def render(code: str, /, **params: object) -> str:
    """The sentence for ``code`` with ``params`` filled in."""
    return CATALOGUE[code].render(params)


def phrase(slug: str, /, **params: object) -> str:
    """The noun phrase ``slug`` with ``params`` filled in."""
    template = PHRASES[slug]
    if set(params) != placeholders(template):
        raise TypeError(f"phrase {slug!r} takes {sorted(placeholders(template))}")
    return _(template).format_map(params)

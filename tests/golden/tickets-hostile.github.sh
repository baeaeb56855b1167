#!/bin/sh
# GitHub issues for the open gaps of =Acme, "Ledger" $(whoami) `id` 'q' \ <!-- x --> @team,
# written by journeycheck 0.1.0 from tests/fixtures/tickets/plan.yaml as of 2027-01-15.
# Needs gh (https://cli.github.com), logged in. It files the issues in the
# repository gh picks: GH_REPO=owner/name, or the checkout it runs in.
# An issue whose body holds a ticket's marker is updated, not filed again.
set -eu

command -v gh >/dev/null 2>&1 || { echo 'gh is not installed' >&2; exit 127; }

existing=$(gh label list --limit 5000 --json name --jq '.[].name')
printf '%s\n' "$existing" | grep -Fqx -- find || gh label create find --color 5319e7 --description 'journeycheck launch-readiness gap' >/dev/null
printf '%s\n' "$existing" | grep -Fqx -- journeycheck || gh label create journeycheck --color 5319e7 --description 'journeycheck launch-readiness gap' >/dev/null
printf '%s\n' "$existing" | grep -Fqx -- pay || gh label create pay --color 5319e7 --description 'journeycheck launch-readiness gap' >/dev/null
printf '%s\n' "$existing" | grep -Fqx -- rnd || gh label create rnd --color 5319e7 --description 'journeycheck launch-readiness gap' >/dev/null
printf '%s\n' "$existing" | grep -Fqx -- sales || gh label create sales --color 5319e7 --description 'journeycheck launch-readiness gap' >/dev/null

jc_find() {
  gh issue list --state all --label journeycheck --limit 5000 \
    --json number,body \
    --jq "[.[] | select(.body | contains(\"$1\")) | .number] | first // empty"
}

# find.rnd.formula
number=$(jc_find '<!-- journeycheck:acme-ledger-whoami-id-q-x-team:find.rnd.formula -->')
if [ -n "$number" ]; then
  gh issue edit "$number" --title '[=Acme, "Ledger" $(whoami) `id` '"'"'q'"'"' \ <!-- x --> @team] =1+2, "a"; '"'"'b'"'"' `c` $(d) ${e} \f' --body '**=1+2, "a"; '"'"'b'"'"' \`c\` \$(d) \${e} \\f**

+SUM(A1:A9) on the first line, -2 on the second, @⁠here on the third, \<!-- a comment --\> and --\> and \<script\>x\</script\> \[link\|javascript:alert(1)\] \*bold\*

- **Reasons:** partial
- **Status:** partial
- **Severity:** blocker
- **Phase:** +Find, "quoted"; \$(rm -rf \~) (find)
- **Team:** @⁠R&amp;D {color:red}team{color} (rnd)
- **Owner:** =HYPERLINK("[http\://evil.example.com](<http://evil.example.com>)")
- **Due:** 2027-02-19
- **Note:** -1+1 starts this note, "quoted", and it has<br>a second line; a third with '"'"'single'"'"' quotes, \$HOME and \`date\`<br>and a last one with a tab	inside and a backslash \\ here
- **Evidence:** +[https\://wiki.example.com/a,b?c="d](<https://wiki.example.com/a,b?c=%22d>)"

Answer it in `tests/fixtures/tickets/plan.yaml`, line 8.

<!-- journeycheck:acme-ledger-whoami-id-q-x-team:find.rnd.formula -->
' --add-label journeycheck,find,rnd >/dev/null
else
  gh issue create --title '[=Acme, "Ledger" $(whoami) `id` '"'"'q'"'"' \ <!-- x --> @team] =1+2, "a"; '"'"'b'"'"' `c` $(d) ${e} \f' --body '**=1+2, "a"; '"'"'b'"'"' \`c\` \$(d) \${e} \\f**

+SUM(A1:A9) on the first line, -2 on the second, @⁠here on the third, \<!-- a comment --\> and --\> and \<script\>x\</script\> \[link\|javascript:alert(1)\] \*bold\*

- **Reasons:** partial
- **Status:** partial
- **Severity:** blocker
- **Phase:** +Find, "quoted"; \$(rm -rf \~) (find)
- **Team:** @⁠R&amp;D {color:red}team{color} (rnd)
- **Owner:** =HYPERLINK("[http\://evil.example.com](<http://evil.example.com>)")
- **Due:** 2027-02-19
- **Note:** -1+1 starts this note, "quoted", and it has<br>a second line; a third with '"'"'single'"'"' quotes, \$HOME and \`date\`<br>and a last one with a tab	inside and a backslash \\ here
- **Evidence:** +[https\://wiki.example.com/a,b?c="d](<https://wiki.example.com/a,b?c=%22d>)"

Answer it in `tests/fixtures/tickets/plan.yaml`, line 8.

<!-- journeycheck:acme-ledger-whoami-id-q-x-team:find.rnd.formula -->
' --label journeycheck,find,rnd
fi

# find.sales.newlines
number=$(jc_find '<!-- journeycheck:acme-ledger-whoami-id-q-x-team:find.sales.newlines -->')
if [ -n "$number" ]; then
  gh issue edit "$number" --title '[=Acme, "Ledger" $(whoami) `id` '"'"'q'"'"' \ <!-- x --> @team] Line one line two, with a comma "and quotes"' --body '**Line one line two, with a comma "and quotes"**

- **Reasons:** blocked
- **Status:** blocked
- **Severity:** major
- **Phase:** +Find, "quoted"; \$(rm -rf \~) (find)
- **Team:** Sales	tabbed (sales)
- **Owner:** @⁠alice-smith

Answer it in `tests/fixtures/tickets/plan.yaml`, line 16.

<!-- journeycheck:acme-ledger-whoami-id-q-x-team:find.sales.newlines -->
' --add-label journeycheck,find,sales --add-assignee alice-smith >/dev/null
else
  gh issue create --title '[=Acme, "Ledger" $(whoami) `id` '"'"'q'"'"' \ <!-- x --> @team] Line one line two, with a comma "and quotes"' --body '**Line one line two, with a comma "and quotes"**

- **Reasons:** blocked
- **Status:** blocked
- **Severity:** major
- **Phase:** +Find, "quoted"; \$(rm -rf \~) (find)
- **Team:** Sales	tabbed (sales)
- **Owner:** @⁠alice-smith

Answer it in `tests/fixtures/tickets/plan.yaml`, line 16.

<!-- journeycheck:acme-ledger-whoami-id-q-x-team:find.sales.newlines -->
' --label journeycheck,find,sales --assignee alice-smith
fi

# pay.rnd.tab
number=$(jc_find '<!-- journeycheck:acme-ledger-whoami-id-q-x-team:pay.rnd.tab -->')
if [ -n "$number" ]; then
  gh issue edit "$number" --title '[=Acme, "Ledger" $(whoami) `id` '"'"'q'"'"' \ <!-- x --> @team] Tab first; then '"'"'"mixed"'"'"' quotes' --body '**Tab first; then '"'"'"mixed"'"'"' quotes**

@⁠everyone see acme/web#⁠12 and #⁠34 ??cite?? -del- {noformat}

- **Reasons:** not started
- **Status:** not-started
- **Severity:** minor
- **Phase:** -Pay \`id\` \| h1. heading (pay)
- **Team:** @⁠R&amp;D {color:red}team{color} (rnd)
- **Owner:** -tab-owner
- **Note:** @⁠bob \#⁠5

Answer it in `tests/fixtures/tickets/plan.yaml`, line 19.

<!-- journeycheck:acme-ledger-whoami-id-q-x-team:pay.rnd.tab -->
' --add-label journeycheck,pay,rnd >/dev/null
else
  gh issue create --title '[=Acme, "Ledger" $(whoami) `id` '"'"'q'"'"' \ <!-- x --> @team] Tab first; then '"'"'"mixed"'"'"' quotes' --body '**Tab first; then '"'"'"mixed"'"'"' quotes**

@⁠everyone see acme/web#⁠12 and #⁠34 ??cite?? -del- {noformat}

- **Reasons:** not started
- **Status:** not-started
- **Severity:** minor
- **Phase:** -Pay \`id\` \| h1. heading (pay)
- **Team:** @⁠R&amp;D {color:red}team{color} (rnd)
- **Owner:** -tab-owner
- **Note:** @⁠bob \#⁠5

Answer it in `tests/fixtures/tickets/plan.yaml`, line 19.

<!-- journeycheck:acme-ledger-whoami-id-q-x-team:pay.rnd.tab -->
' --label journeycheck,pay,rnd
fi

# pay.sales.plain
number=$(jc_find '<!-- journeycheck:acme-ledger-whoami-id-q-x-team:pay.sales.plain -->')
if [ -n "$number" ]; then
  gh issue edit "$number" --title '[=Acme, "Ledger" $(whoami) `id` '"'"'q'"'"' \ <!-- x --> @team] Are the terms plain?' --body '**Are the terms plain?**

- **Reasons:** unanswered
- **Status:** unanswered
- **Severity:** minor
- **Phase:** -Pay \`id\` \| h1. heading (pay)
- **Team:** Sales	tabbed (sales)

Answer it in `tests/fixtures/tickets/plan.yaml`, line 7.

<!-- journeycheck:acme-ledger-whoami-id-q-x-team:pay.sales.plain -->
' --add-label journeycheck,pay,sales >/dev/null
else
  gh issue create --title '[=Acme, "Ledger" $(whoami) `id` '"'"'q'"'"' \ <!-- x --> @team] Are the terms plain?' --body '**Are the terms plain?**

- **Reasons:** unanswered
- **Status:** unanswered
- **Severity:** minor
- **Phase:** -Pay \`id\` \| h1. heading (pay)
- **Team:** Sales	tabbed (sales)

Answer it in `tests/fixtures/tickets/plan.yaml`, line 7.

<!-- journeycheck:acme-ledger-whoami-id-q-x-team:pay.sales.plain -->
' --label journeycheck,pay,sales
fi

echo 'journeycheck: 4 issues are up to date.'

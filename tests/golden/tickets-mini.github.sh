#!/bin/sh
# GitHub issues for the open gaps of Acme Ledger,
# written by journeycheck 0.1.0 from tests/fixtures/mini-plan.yaml as of 2027-01-15.
# Needs gh (https://cli.github.com), logged in. It files the issues in the
# repository gh picks: GH_REPO=owner/name, or the checkout it runs in.
# An issue whose body holds a ticket's marker is updated, not filed again.
set -eu

command -v gh >/dev/null 2>&1 || { echo 'gh is not installed' >&2; exit 127; }

existing=$(gh label list --limit 5000 --json name --jq '.[].name')
printf '%s\n' "$existing" | grep -Fqx -- buy || gh label create buy --color 5319e7 --description 'journeycheck launch-readiness gap' >/dev/null
printf '%s\n' "$existing" | grep -Fqx -- discover || gh label create discover --color 5319e7 --description 'journeycheck launch-readiness gap' >/dev/null
printf '%s\n' "$existing" | grep -Fqx -- journeycheck || gh label create journeycheck --color 5319e7 --description 'journeycheck launch-readiness gap' >/dev/null
printf '%s\n' "$existing" | grep -Fqx -- legal || gh label create legal --color 5319e7 --description 'journeycheck launch-readiness gap' >/dev/null
printf '%s\n' "$existing" | grep -Fqx -- marketing || gh label create marketing --color 5319e7 --description 'journeycheck launch-readiness gap' >/dev/null
printf '%s\n' "$existing" | grep -Fqx -- support || gh label create support --color 5319e7 --description 'journeycheck launch-readiness gap' >/dev/null
printf '%s\n' "$existing" | grep -Fqx -- use || gh label create use --color 5319e7 --description 'journeycheck launch-readiness gap' >/dev/null

jc_find() {
  gh issue list --state all --label journeycheck --limit 5000 \
    --json number,body \
    --jq "[.[] | select(.body | contains(\"$1\")) | .number] | first // empty"
}

# buy.legal.eula
number=$(jc_find '<!-- journeycheck:acme-ledger:buy.legal.eula -->')
if [ -n "$number" ]; then
  gh issue edit "$number" --title '[Acme Ledger] Is the EULA published?' --body '**Is the EULA published?**

**Risk:** Customers use the product without clear rights.

- **Reasons:** partial, overdue
- **Status:** partial
- **Severity:** blocker
- **Phase:** Customers buy (buy)
- **Team:** Legal (legal)
- **Owner:** Ivo Legal
- **Due:** 2027-01-10

Answer it in `tests/fixtures/mini-plan.yaml`, line 13.

<!-- journeycheck:acme-ledger:buy.legal.eula -->
' --add-label journeycheck,buy,legal >/dev/null
else
  gh issue create --title '[Acme Ledger] Is the EULA published?' --body '**Is the EULA published?**

**Risk:** Customers use the product without clear rights.

- **Reasons:** partial, overdue
- **Status:** partial
- **Severity:** blocker
- **Phase:** Customers buy (buy)
- **Team:** Legal (legal)
- **Owner:** Ivo Legal
- **Due:** 2027-01-10

Answer it in `tests/fixtures/mini-plan.yaml`, line 13.

<!-- journeycheck:acme-ledger:buy.legal.eula -->
' --label journeycheck,buy,legal
fi

# buy.marketing.partner-kit
number=$(jc_find '<!-- journeycheck:acme-ledger:buy.marketing.partner-kit -->')
if [ -n "$number" ]; then
  gh issue edit "$number" --title '[Acme Ledger] Do channel partners have a sales kit?' --body '**Do channel partners have a sales kit?**

- **Reasons:** blocked, no owner
- **Status:** blocked
- **Severity:** major
- **Phase:** Customers buy (buy)
- **Team:** Marketing (marketing)
- **Due:** 2027-02-09

Answer it in `tests/fixtures/mini-plan.yaml`, line 17.

<!-- journeycheck:acme-ledger:buy.marketing.partner-kit -->
' --add-label journeycheck,buy,marketing >/dev/null
else
  gh issue create --title '[Acme Ledger] Do channel partners have a sales kit?' --body '**Do channel partners have a sales kit?**

- **Reasons:** blocked, no owner
- **Status:** blocked
- **Severity:** major
- **Phase:** Customers buy (buy)
- **Team:** Marketing (marketing)
- **Due:** 2027-02-09

Answer it in `tests/fixtures/mini-plan.yaml`, line 17.

<!-- journeycheck:acme-ledger:buy.marketing.partner-kit -->
' --label journeycheck,buy,marketing
fi

# discover.legal.trademark
number=$(jc_find '<!-- journeycheck:acme-ledger:discover.legal.trademark -->')
if [ -n "$number" ]; then
  gh issue edit "$number" --title '[Acme Ledger] Is the product name cleared as a trademark?' --body '**Is the product name cleared as a trademark?**

- **Reasons:** missing evidence
- **Status:** done
- **Severity:** major
- **Phase:** Customers find out (discover)
- **Team:** Legal (legal)
- **Owner:** Ivo Legal
- **Due:** 2027-01-15

Answer it in `tests/fixtures/mini-plan.yaml`, line 10.

<!-- journeycheck:acme-ledger:discover.legal.trademark -->
' --add-label journeycheck,discover,legal >/dev/null
else
  gh issue create --title '[Acme Ledger] Is the product name cleared as a trademark?' --body '**Is the product name cleared as a trademark?**

- **Reasons:** missing evidence
- **Status:** done
- **Severity:** major
- **Phase:** Customers find out (discover)
- **Team:** Legal (legal)
- **Owner:** Ivo Legal
- **Due:** 2027-01-15

Answer it in `tests/fixtures/mini-plan.yaml`, line 10.

<!-- journeycheck:acme-ledger:discover.legal.trademark -->
' --label journeycheck,discover,legal
fi

# discover.marketing.webinar
number=$(jc_find '<!-- journeycheck:acme-ledger:discover.marketing.webinar -->')
if [ -n "$number" ]; then
  gh issue edit "$number" --title '[Acme Ledger] Is a launch webinar scheduled?' --body '**Is a launch webinar scheduled?**

- **Reasons:** unanswered
- **Status:** unanswered
- **Severity:** minor
- **Phase:** Customers find out (discover)
- **Team:** Marketing (marketing)

Answer it in `tests/fixtures/mini-plan.yaml`, line 6.

<!-- journeycheck:acme-ledger:discover.marketing.webinar -->
' --add-label journeycheck,discover,marketing >/dev/null
else
  gh issue create --title '[Acme Ledger] Is a launch webinar scheduled?' --body '**Is a launch webinar scheduled?**

- **Reasons:** unanswered
- **Status:** unanswered
- **Severity:** minor
- **Phase:** Customers find out (discover)
- **Team:** Marketing (marketing)

Answer it in `tests/fixtures/mini-plan.yaml`, line 6.

<!-- journeycheck:acme-ledger:discover.marketing.webinar -->
' --label journeycheck,discover,marketing
fi

# use.support.sla
number=$(jc_find '<!-- journeycheck:acme-ledger:use.support.sla -->')
if [ -n "$number" ]; then
  gh issue edit "$number" --title '[Acme Ledger] Are support response times published in the SLA?' --body '**Are support response times published in the SLA?**

- **Reasons:** waiver expired
- **Status:** done
- **Severity:** blocker
- **Phase:** Customers use it (use)
- **Team:** Support (support)
- **Due:** 2027-03-01
- **Evidence:** [https\://wiki.example.com/sla](<https://wiki.example.com/sla>)

Answer it in `tests/fixtures/mini-plan.yaml`, line 19.

<!-- journeycheck:acme-ledger:use.support.sla -->
' --add-label journeycheck,use,support >/dev/null
else
  gh issue create --title '[Acme Ledger] Are support response times published in the SLA?' --body '**Are support response times published in the SLA?**

- **Reasons:** waiver expired
- **Status:** done
- **Severity:** blocker
- **Phase:** Customers use it (use)
- **Team:** Support (support)
- **Due:** 2027-03-01
- **Evidence:** [https\://wiki.example.com/sla](<https://wiki.example.com/sla>)

Answer it in `tests/fixtures/mini-plan.yaml`, line 19.

<!-- journeycheck:acme-ledger:use.support.sla -->
' --label journeycheck,use,support
fi

echo 'journeycheck: 5 issues are up to date.'

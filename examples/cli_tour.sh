#!/usr/bin/env bash
# A tour of the `referrals` command on a throw-away store: enter a small search, then ask
# every question the tool answers, draw a figure and write a report.
#
# Run: bash examples/cli_tour.sh      (needs `referrals` on PATH, e.g. .venv/bin)
# Nothing outside a new temporary directory is touched; it is removed at the end unless
# KEEP=1 is set.
set -euo pipefail

work=$(mktemp -d "${TMPDIR:-/tmp}/referrals-tour.XXXXXX")
if [ "${KEEP:-0}" != 1 ]; then
  trap 'rm -rf "$work"' EXIT
fi
export REFERRALS_DB="$work/referrals.db"
export MPLBACKEND=Agg
cd "$work"

step() { printf '\n== %s\n' "$*"; }

step "a new store, with me in it"
referrals init --name "Steven Olson"
referrals target add field Accounting --priority 1
referrals target add org "General Mills" --priority 1

step "contacts and who knows whom"
referrals person add "Brad Johnson" --org "General Mills" --field Finance --how friend --strength 4
referrals person add "Ann Lee" --field Accounting --how classmate --email ann@example.org
referrals know "Brad Johnson" "Ann Lee" --strength 2
referrals person list

step "a referral, the request, the reply, the meeting"
referrals refer "Brad Johnson" "Mrs. Smith" --for "General Mills" --may-use-name --on 2026-11-02
referrals person edit "Mrs. Smith" --org "General Mills" --field Accounting --title Controller
referrals draft request "Mrs. Smith"
referrals outreach "Mrs. Smith" --via "Brad Johnson" --on 2026-11-03
referrals reply "Mrs. Smith" --on 2026-11-04
referrals schedule "Mrs. Smith" --on 2026-11-10 --mode in-person --today 2026-11-04

step "suggest"
referrals suggest --today 2026-11-05 --explain
referrals suggest --today 2026-11-05 --json > suggestions.json

step "intro"
referrals intro "General Mills" --today 2026-11-05

step "prep"
referrals prep "Mrs. Smith" --today 2026-11-05 --out smith-brief.md

step "the interview and the thank-you note"
referrals interview log "Mrs. Smith" --on 2026-11-10 --minutes 20 --mode in-person \
  --answer day-in-the-life="Month-end close, then audits" \
  --advice "Take the CPA exam" --referred "Dana Wu" --friendliness 5 --fit yes
referrals draft thanks "Mrs. Smith"
referrals person show "Mrs. Smith"

step "agenda and follow-ups"
referrals agenda --today 2026-11-12
referrals followup done thank-you-interview-mrs-smith --on 2026-11-11
referrals followup add "Send Brad the article on audit careers" --due 2026-11-14
referrals followup list --today 2026-11-14

step "coverage, chains, learned, questions"
referrals coverage --today 2026-11-12
referrals chains
referrals learned Accounting
referrals questions --field Accounting

step "figures and the report"
referrals plot tree --out tree.png --today 2026-11-12
referrals plot coverage --out coverage.svg --today 2026-11-12
referrals report --out report.html --today 2026-11-12
referrals report --out report.md --today 2026-11-12

step "backup and doctor"
referrals backup backup.db
referrals doctor

step "the bundled demo, without touching the store"
referrals suggest --demo -k 3
referrals --db demo.db demo
referrals --db demo.db chains

step "done"
ls "$work"

"""Who may keep the ground floor's own lists: the teams and service areas cases are about."""

from __future__ import annotations

import rules

from heard.accounts.rules import is_administrator, is_complaints_manager

# Teams are the complaints manager's to keep (DOMAIN.md section 1), and the administrator's.
rules.add_perm("core.manage_teams", is_complaints_manager | is_administrator)
# Staff accounts: administrators keep every one; a complaints manager keeps all but the
# administrators' (heard.core.people refuses the administrator role to them).
rules.add_perm("core.manage_people", is_complaints_manager | is_administrator)

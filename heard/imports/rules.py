"""Importing history is the complaints manager's job: it writes cases in bulk."""

from __future__ import annotations

import rules

from heard.accounts.rules import is_complaints_manager

rules.add_perm("imports.import_cases", is_complaints_manager)

"""Statutory periods, in working days (DOMAIN.md "Stages and timescales")."""

from __future__ import annotations

from django.conf import settings

STAGE1_RESPONSE = 10  # reg 14: respond within 10 working days
STAGE1_MAXIMUM = 20  # reg 14: extendable once, to 20 working days, if complex
STAGE2_RESPONSE = 25  # reg 17: 25 working days
STAGE2_MAXIMUM = 65  # reg 17: never more than 65 working days
ESCALATION_WINDOW = 20  # guidance: ask for the next stage within 20 working days
STAGE3_PANEL = 30  # reg 19: the panel meets within 30 working days of the request
STAGE3_REPORT = 5  # reg 20: the panel's report within 5 working days of the panel
STAGE3_RESPONSE = 15  # reg 20: the council responds within 15 working days of the report


def acknowledgement_period() -> int:
    """A local standard, 2 to 5 working days (HEARD_ACKNOWLEDGEMENT_WORKING_DAYS)."""
    return int(settings.HEARD_ACKNOWLEDGEMENT_WORKING_DAYS)


def stage2_clock_from_statement() -> bool:
    """Whether the Stage 2 clock starts when the statement of complaint is agreed."""
    return bool(settings.HEARD_STAGE2_CLOCK == "statement_agreed")

"""The applier: carries the planner's cases out through the real model methods, so demo cases
obey every rule, carry their full event history, and stop at today, leaving open cases with
live deadlines in the current year."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings

from heard.accounts.models import User
from heard.complaints.choices import Channel, Decision, RemedyKind
from heard.complaints.models import Child, Complainant, Complaint, Practitioner, Stage, Theme
from heard.core.models import Team
from heard.demo.plan import CasePlan, Step

#: What the demo's remedies of each kind say will be done.
REMEDY_WORDS = {
    RemedyKind.APOLOGY: "A written apology from the team manager",
    RemedyKind.FINANCIAL: "A payment for the time and trouble of complaining",
    RemedyKind.SERVICE_CHANGE: "Review the family's plan with them",
}


#: A complaint sent through the website this many days ago or less, with nothing done yet,
#: waits in the triage queue.
TRIAGE_DAYS = 7


class Applier:
    """Carries plans out through the model methods, stopping at today."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.users = {u.username: u for u in User.objects.all()}
        self.teams = {t.name: t for t in Team.objects.all()}
        self.themes = {t.name: t for t in Theme.objects.all()}
        self.people = {p.email.split("@")[0]: p for p in Practitioner.objects.all()}
        self.providers = {p.name: p for p in Practitioner.objects.advocacy_providers()}
        self.counts: Counter[str] = Counter()

    def apply(self, plan: CasePlan) -> Complaint:
        complainant = Complainant.objects.create(**plan.complainant)
        children = [Child.objects.create(**child) for child in plan.children]
        officer = self.users[plan.officer]
        if self._awaits_triage(plan):
            # Sent through the website in the last few days, nothing done yet: it waits in
            # the triage queue, filed under the public form's holding team, as a real one.
            team, _ = Team.objects.get_or_create(name=settings.HEARD_PUBLIC_FORM_TEAM)
            self.counts["awaiting_triage"] += 1
            return Complaint.receive(
                by=None,
                received_on=plan.received_on,
                complainant=complainant,
                relationship=plan.relationship,
                team=team,
                summary=plan.summary,
                channel=plan.channel,
                children=children,
                matter_date=plan.matter_date,
                awaiting_triage=True,
            )
        complaint = Complaint.receive(
            by=officer,
            received_on=plan.received_on,
            complainant=complainant,
            relationship=plan.relationship,
            team=self.teams[plan.team],
            summary=plan.summary,
            channel=plan.channel,
            children=children,
            matter_date=plan.matter_date,
            assigned_officer=officer,
        )
        for theme, text in plan.elements:
            complaint.add_element(by=officer, theme=self.themes[theme], description=text)
        for step in plan.steps:
            if step.on > self.today:
                break
            getattr(self, f"_{step.action}")(complaint, step, officer)
            self.counts[step.action] += 1
        return complaint

    def _awaits_triage(self, plan: CasePlan) -> bool:
        return (
            plan.channel == Channel.WEB_FORM
            and (self.today - plan.received_on).days <= TRIAGE_DAYS
            and all(step.on > self.today for step in plan.steps)
        )

    def _stage(self, complaint: Complaint) -> Stage:
        return Stage.objects.select_related("complaint").get(
            complaint=complaint,
            number=Complaint.objects.values_list("current_stage", flat=True).get(pk=complaint.pk),
        )

    def _advocacy(self, c: Complaint, s: Step, by: User) -> None:
        provider = s.args["provider"]
        taken_up = s.args["taken_up"]
        if taken_up is False and (self.today - s.on).days <= 60 and c.reference[-1] in "38":
            taken_up = None  # offered lately: the answer is still to come, to follow up
        c.record_advocacy(
            by=by,
            offered_on=s.on,
            taken_up=taken_up,
            provider=self.providers[provider] if provider else None,
        )

    def _sufficient_interest(self, c: Complaint, s: Step, by: User) -> None:
        accepted = s.args["accepted"]
        c.record_sufficient_interest(
            by=by,
            decision=Decision.ACCEPTED if accepted else Decision.REFUSED,
            on=s.on,
            reason="" if accepted else "No involvement in the child's care or welfare",
        )

    def _out_of_time(self, c: Complaint, s: Step, by: User) -> None:
        accepted = s.args["accepted"]
        c.record_out_of_time_decision(
            by=by,
            decision=Decision.ACCEPTED if accepted else Decision.REFUSED,
            on=s.on,
            reason="Events were recorded at the time"
            if accepted
            else "Staff involved have left and records no longer allow a fair investigation",
        )

    def _acknowledge(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).acknowledge(by=by, on=s.on)

    def _pause(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).pause_for_advocacy(by=by, on=s.on, reason="Waiting for an advocate")

    def _resume(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).resume(by=by, on=s.on)

    def _extend(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).extend(
            by=by,
            new_due=s.args["new_due"],
            agreed_on=s.on,
            reason="Complex complaint: several teams involved",
        )

    def _respond(self, c: Complaint, s: Step, by: User) -> None:
        stage = self._stage(c)
        for element, finding in zip(c.elements.all(), s.args["findings"], strict=False):
            stage.record_finding(by=by, element=element, finding=finding)
        stage.respond(by=by, on=s.on)

    def _adr(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).resolve_by_adr(by=by, on=s.on, note="Resolved at a meeting with the family")

    def _withdraw(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).withdraw(by=by, on=s.on, reason="The complainant is satisfied")

    def _not_accept(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).not_accept(by=by, on=s.on, reason=s.args["reason"])

    def _escalate(self, c: Complaint, s: Step, by: User) -> None:
        c.escalate(by=by, requested_on=s.on)

    def _appoint(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).appoint(
            by=by, role=s.args["role"], practitioner=self.people[s.args["who"]], on=s.on
        )

    def _agree_statement(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).agree_statement(by=by, on=s.on)

    def _hold_panel(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).hold_panel(by=by, on=s.on)

    def _send_panel_report(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).send_panel_report(by=by, on=s.on)

    def _cost(self, c: Complaint, s: Step, by: User) -> None:
        stage = Stage.objects.get(complaint=c, number=s.args["stage"])
        stage.add_cost(
            by=by, kind=s.args["kind"], amount=Decimal(s.args["amount"]), incurred_on=s.on
        )

    def _remedy(self, c: Complaint, s: Step, by: User) -> None:
        amount = s.args.get("amount")
        kind = s.args["kind"]
        remedy = c.add_remedy(
            by=by,
            kind=kind,
            agreed_on=s.on,
            amount=Decimal(amount) if amount else None,
            description=REMEDY_WORDS[kind],
            owner="Team manager",
            due_on=s.on + timedelta(days=28),
        )
        # Most remedies are carried out in a fortnight; one case in ten (by its reference)
        # leaves its remedy open, so the dashboard has some to follow up.
        done = s.on + timedelta(days=14)
        if done <= self.today and not c.reference.endswith("7"):
            remedy.complete(by=by, on=done)

    def _learning(self, c: Complaint, s: Step, by: User) -> None:
        element = c.elements.first()
        assert element is not None
        action = c.add_learning_action(
            by=by,
            theme=element.theme,
            description=f"Team briefing on: {element.theme.name}",
            owner="Head of service",
            raised_on=s.on,
            due_on=s.args["due_on"],
        )
        completed = s.args["completed_on"]
        if completed and completed <= self.today:
            action.complete(by=by, on=max(completed, s.on))

    def _close(self, c: Complaint, s: Step, by: User) -> None:
        c.close(by=by, on=s.on)

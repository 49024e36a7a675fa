"""Going live from an empty database, on screens alone (issue 16).

The database is migrated and holds only the first administrator, made with the documented
`createsuperuser` command, and what the migrations make (the standard letters, made again by
the `standard_letters` fixture, as a transactional test before this one flushes them).
Everything after that is done in a real browser, with axe-core run on every page visited: the
administrator adds a team and the complaints team's accounts; the complaints manager fills the
register of appointees; an officer takes a child's phone complaint through all three stages,
to the council's response to each of the panel's recommendations and the Stage 3 letter; and
the annual report for that year counts its costs, its remedy, its learning action and the
panel's recommendations. Nothing is created through the ORM or factories: the test reads the
database only to find the link in the email a new account is sent.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from heard.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN_PASSWORD = "first-administrator-2026"
PASSWORD = "a long enough password 2026"
SUCCESS = ".govuk-notification-banner--success"


def visit(page, action) -> None:
    """Do something that loads a page, then check the page with axe."""
    with page.expect_navigation():
        action()
    assert_accessible(page)


def save(page, button: str = "Save") -> None:
    visit(page, lambda: page.get_by_role("button", name=button).click())
    assert page.locator(SUCCESS).is_visible(), page.locator("main").inner_text()


def fill_date(page, legend: str, day: date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def sign_in_as(page, username: str, password: str) -> None:
    if page.get_by_role("button", name="Sign out").count():
        page.get_by_role("button", name="Sign out").click()
        page.wait_for_url(re.compile(r"/sign-in/"))
    sign_in(page, username, password)
    page.wait_for_url(re.compile(r"/$"))
    assert_accessible(page)


def add_account(page, first: str, last: str, username: str, role: str, team: str = "") -> None:
    visit(page, lambda: page.get_by_role("button", name="Add an account").click())
    page.get_by_label("First name").fill(first)
    page.get_by_label("Last name").fill(last)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email address").fill(f"{username}@example.gov.uk")
    page.get_by_label("Role").select_option(label=role)
    if team:
        page.get_by_label("Team (optional)").select_option(label=team)
    save(page)


def choose_password(page, username: str) -> None:
    """Follow the link in the new account's email and choose a password."""
    message = next(m for m in reversed(mail.outbox) if f"{username}@" in m.to[0])
    link = re.search(r"https?://[^/\s]+(/\S+/)", str(message.body))
    assert link, message.body
    visit(page, lambda: page.goto(link.group(1)))
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("The new password again").fill(PASSWORD)
    visit(page, lambda: page.get_by_role("button", name="Save the new password").click())
    assert page.get_by_role("heading", name="Your password has been changed").is_visible()


ROLE_BOXES = {
    "responding": "Responding manager (Stage 1)",
    "investigating": "Investigating officer (Stage 2)",
    "independent": "Independent person (Stage 2)",
    "adjudicating": "Adjudicating officer (Stage 2)",
    "panel": "Review panel chair or member (Stage 3)",
    "advocacy": "Advocacy provider",
}


#: The roles only someone independent of the council may take (regulations 17 and 19).
INDEPENDENT_ROLES = {"independent", "panel"}


def register(page, name: str, organisation: str, role: str) -> None:
    """Add someone to the register of appointees who may take this one role (recorded as
    independent of the council where the role needs it)."""
    visit(page, lambda: page.get_by_role("button", name="Add someone to the register").click())
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Organisation (optional)").fill(organisation)
    page.get_by_label("Independent of the council", exact=True).set_checked(
        role in INDEPENDENT_ROLES
    )
    for key, label in ROLE_BOXES.items():
        page.get_by_label(label).set_checked(key == role)
    save(page)


def step(page, action: str, fill, button: str = "Save") -> None:
    """Take one step from the case page's task list or other actions (on its overview)."""
    link = page.get_by_role("link", name=action, exact=True)
    if not link.count():
        visit(page, lambda: page.get_by_role("link", name="Overview", exact=True).click())
    visit(page, lambda: link.click())
    fill(page)
    save(page, button)


def finding_for_every_point(page, points: list[str], finding: str) -> None:
    """Every point's finding at the current stage, on the one findings page."""

    def find(p):
        for number, point in enumerate(points, start=1):
            assert p.get_by_text(point).is_visible()
            group = p.get_by_role("group", name=f"Finding on point {number}")
            group.locator(f"input[value={finding}]").check()

    step(page, "Record the findings", find, button="Save the findings")


def appoint(page, role: str, person: str, on: date) -> None:
    def fill(p):
        p.get_by_label("Role").select_option(label=role)
        p.get_by_label("Person").select_option(label=person)
        fill_date(p, "Date they were appointed", on)

    step(page, "Appoint the people who handle this stage", fill)


def figure(page, caption: str, row: str) -> str:
    """The first figure in a row of one of the report's tables (without the words a screen
    reader hears after a figure that links to its cases)."""
    table = page.get_by_role("table", name=caption)
    cell = table.get_by_role("row", name=re.compile(rf"^{re.escape(row)}\b")).locator("td").first
    return cell.inner_text().split("\n")[0].strip()


def test_a_council_goes_live_from_an_empty_database_on_screens_alone(
    page, monkeypatch, standard_letters
):
    # The first administrator, as the README's "Going live" says.
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", ADMIN_PASSWORD)
    call_command(
        "createsuperuser", interactive=False, username="admin", email="admin@example.gov.uk"
    )

    # --- the administrator: a team, then the people ----------------------------------------
    opened: list[str] = []
    page.on("framenavigated", lambda frame: opened.append(frame.url))
    sign_in_as(page, "admin", ADMIN_PASSWORD)
    visit(page, lambda: page.get_by_role("link", name="Teams", exact=True).click())
    visit(page, lambda: page.get_by_role("button", name="Add a team").click())
    page.get_by_label("Team's name").fill("Fostering")
    save(page)

    visit(page, lambda: page.get_by_role("link", name="People", exact=True).click())
    add_account(page, "Priya", "Shah", "priya", "Complaints manager")
    add_account(page, "Olivia", "Okafor", "olivia", "Complaints officer")
    add_account(page, "Rob", "Reid", "rob", "Responding manager", team="Fostering")
    for username in ("priya", "olivia", "rob"):
        assert page.get_by_role("cell", name=username, exact=True).is_visible()

    # --- the complaints manager: the register of appointees ---------------------------------
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/sign-in/"))
    choose_password(page, "priya")
    sign_in_as(page, "priya", PASSWORD)
    visit(page, lambda: page.get_by_role("link", name="Cases", exact=True).click())
    visit(page, lambda: page.get_by_role("link", name="Register of appointees").click())
    register(page, "Ian Vestigate", "Independent investigations", "investigating")
    register(page, "Indy Pendent", "Independent persons", "independent")
    register(page, "Ada Judicate", "Head of service", "adjudicating")
    register(page, "Pat Chair", "Review panels", "panel")
    register(page, "Pam Member", "Review panels", "panel")
    register(page, "Paul Member", "Review panels", "panel")
    register(page, "Coram Voice", "Coram Voice", "advocacy")

    # --- the complaints manager: the configuration, on Heard's own screens (never /admin/) ---
    def configuration(screen: str) -> None:
        visit(page, lambda: page.get_by_role("link", name="Configuration", exact=True).click())
        visit(page, lambda: page.get_by_role("link", name=screen, exact=True).click())

    configuration("Complaint themes")
    visit(page, lambda: page.get_by_role("button", name="Add a theme").click())
    page.get_by_label("Name").fill("Placement moves")
    save(page)
    assert page.get_by_role("cell", name="Placement moves", exact=True).is_visible()

    configuration("Closure days")
    visit(page, lambda: page.get_by_role("button", name="Add closure days").click())
    fill_date(page, "First day closed", date(2025, 12, 29))
    page.get_by_label("Why the service is closed").fill("The council closes between the holidays")
    save(page)

    configuration("Subject access exemptions")
    visit(page, lambda: page.get_by_role("button", name="Add an exemption").click())
    page.get_by_label("Exemption's name").fill("Confidential references given by the council")
    save(page)

    configuration("Letter wording")
    visit(
        page,
        lambda: page.get_by_role(
            "link", name=re.compile(r"^Change the Acknowledgement letter \(Children")
        ).click(),
    )
    words = page.get_by_label("The letter's words")
    words.fill(words.input_value() + "\n\nWe will keep you told at every step.")
    visit(page, lambda: page.get_by_role("button", name="Preview").click())
    preview = page.get_by_role("region", name=re.compile("^Preview of the words typed"))
    assert preview.get_by_text("We will keep you told at every step.").is_visible()
    save(page)

    # --- the officer: a child's phone complaint, through all three stages --------------------
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/sign-in/"))
    choose_password(page, "olivia")
    sign_in_as(page, "olivia", PASSWORD)
    visit(page, lambda: page.get_by_role("link", name="Cases", exact=True).click())
    visit(page, lambda: page.get_by_role("button", name="Log a new complaint").click())
    fill_date(page, "Date the complaint was received", date(2025, 7, 1))
    page.get_by_label("How was it received?").select_option(label="Phone")
    page.get_by_label("Team or service it is about").select_option(label="Fostering")
    page.get_by_label("Summary").fill("My brother and I were moved without being told why")
    page.get_by_label("Complainant's full name").fill("Jordan Ellis")
    page.get_by_label("Complainant's relationship to the child").select_option(
        label="The child or young person"
    )
    page.get_by_label("Phone number (optional)").fill("07700 900123")
    page.get_by_label("Preferred way to contact them").select_option(label="Phone")
    page.get_by_label("Child's full name (optional)", exact=True).fill("Jordan Ellis")
    fill_date(page, "Child's date of birth (optional)", date(2011, 3, 14))  # 14 years old
    page.get_by_label("Child's legal status", exact=True).select_option(label="Looked after")
    page.get_by_text("The complaint is about more than one child").click()
    page.get_by_label("Second child's full name (optional)").fill("Casey Ellis")
    fill_date(page, "Second child's date of birth (optional)", date(2015, 9, 2))
    page.get_by_label("Second child's legal status").select_option(label="Looked after")
    save(page, "Log the complaint")
    reference = page.get_by_role("heading", level=1).inner_text()
    case_url = page.url
    visit(page, lambda: page.get_by_role("link", name="People", exact=True).click())
    assert page.get_by_text("Casey Ellis, born 2 September 2015").is_visible()
    visit(page, lambda: page.get_by_role("link", name="Overview", exact=True).click())

    points = [
        "We were moved to a new placement without being told why",
        "Our social worker did not return calls",
        "We were not asked what we wanted",
    ]
    themes = ["Communication", "Professional decision making", "Communication"]
    for point, theme in zip(points, themes, strict=True):

        def add_point(p, point=point, theme=theme):
            p.get_by_label("The point of complaint").fill(point)
            p.get_by_label("Theme").select_option(label=theme)

        step(page, "Add a point of complaint", add_point, button="Add the point")

    def advocacy(p):
        fill_date(p, "Date an advocate was offered", date(2025, 7, 1))
        p.get_by_label("Yes: an advocate has been asked for").check()
        p.get_by_label("Advocacy provider").select_option(label="Coram Voice")

    step(page, "Record the offer of an advocate", advocacy)
    visit(page, lambda: page.get_by_role("link", name="People", exact=True).click())
    assert page.get_by_text("taken up with Coram Voice").is_visible()

    step(
        page,
        "Acknowledge",
        lambda p: fill_date(p, "Date the acknowledgement was sent", date(2025, 7, 2)),
    )

    def extend(p):
        fill_date(p, "New response date", date(2025, 7, 25))
        fill_date(p, "Date the extension was agreed", date(2025, 7, 7))
        p.get_by_label("Reason for the extension").fill("Two placements' records to read")

    step(page, "Extend the response time", extend)
    finding_for_every_point(page, points, "upheld")
    step(
        page,
        "Record the response",
        lambda p: fill_date(p, "Date the response was sent", date(2025, 7, 24)),
    )

    def remedy(p):
        p.get_by_label("Type of remedy").select_option(label="Apology")
        p.get_by_label("What will be done").fill("A written apology from the head of service")
        p.get_by_label("Who will do it").fill("Head of service")
        fill_date(p, "Date the remedy was agreed", date(2025, 7, 24))
        fill_date(p, "To be done by", date(2025, 8, 7))

    visit(page, lambda: page.get_by_role("link", name="Costs and remedies", exact=True).click())
    visit(page, lambda: page.get_by_role("link", name="Add a remedy").click())
    remedy(page)
    save(page)

    def learning(p):
        p.get_by_label("What will change").fill("Tell children why before a placement move")
        p.get_by_label("Theme").select_option(label="Communication")
        p.get_by_label("Who owns the action").fill("Head of fostering")
        fill_date(p, "Date the action was raised", date(2025, 7, 24))
        fill_date(p, "To be done by", date(2025, 9, 30))

    visit(page, lambda: page.get_by_role("link", name="Costs and remedies", exact=True).click())
    visit(page, lambda: page.get_by_role("link", name="Add a learning action").click())
    learning(page)
    save(page)

    step(
        page,
        "Escalate to the next stage",
        lambda p: fill_date(p, "Date the complainant asked for the next stage", date(2025, 8, 4)),
    )
    appoint(page, "Investigating officer", "Ian Vestigate", date(2025, 8, 5))
    appoint(page, "Independent person", "Indy Pendent", date(2025, 8, 5))
    appoint(page, "Adjudicating officer", "Ada Judicate", date(2025, 8, 5))
    step(
        page,
        "Record the agreed statement of complaint",
        lambda p: fill_date(p, "Date the complainant agreed the statement", date(2025, 8, 8)),
    )
    finding_for_every_point(page, points, "partially_upheld")
    for kind, amount in (("Investigating officer fee", "1200"), ("Independent person fee", "450")):

        def cost(p, kind=kind, amount=amount):
            p.get_by_label("Stage", exact=True).select_option(label="Stage 2")
            p.get_by_label("Type of cost").select_option(label=kind)
            p.get_by_label("Amount in pounds").fill(amount)
            fill_date(p, "Date the cost was incurred", date(2025, 9, 10))

        visit(page, lambda: page.get_by_role("link", name="Costs and remedies", exact=True).click())
        visit(page, lambda: page.get_by_role("link", name="Add a cost").click())
        cost(page)
        save(page)
    step(
        page,
        "Record the response",
        lambda p: fill_date(p, "Date the response was sent", date(2025, 9, 10)),
    )

    step(
        page,
        "Escalate to the next stage",
        lambda p: fill_date(p, "Date the complainant asked for the next stage", date(2025, 9, 22)),
    )
    appoint(page, "Panel chair", "Pat Chair", date(2025, 9, 23))
    appoint(page, "Panel member", "Pam Member", date(2025, 9, 23))
    appoint(page, "Panel member", "Paul Member", date(2025, 9, 23))
    step(
        page,
        "Record the panel meeting",
        lambda p: fill_date(p, "Date the panel met", date(2025, 10, 15)),
    )
    step(
        page,
        "Record the panel's report",
        lambda p: fill_date(p, "Date the panel's report was sent", date(2025, 10, 20)),
    )
    finding_for_every_point(page, points, "partially_upheld")
    # The panel's recommendations, and the council's response to each (regulation 20).
    recommendations = ["Apologise in writing", "Review how visits are arranged"]
    for recommendation in recommendations:
        step(
            page,
            "Record a panel recommendation",
            lambda p, text=recommendation: p.get_by_label("Recommendation").fill(text),
        )

    def answer(p, number: int, response: str, reasons: str) -> None:
        text = recommendations[number - 1]
        p.get_by_label("Recommendation", exact=True).select_option(label=f"{number}. {text}")
        p.get_by_label(response, exact=True).check()
        p.get_by_label("Reasons", exact=True).fill(reasons)
        fill_date(p, "Date the council decided its response", date(2025, 10, 29))

    step(page, "Respond to a panel recommendation", lambda p: answer(p, 1, "Accepted", ""))
    step(
        page,
        "Respond to a panel recommendation",
        lambda p: answer(p, 2, "Not accepted", "Visits follow the court's order."),
    )
    visit(page, lambda: page.get_by_role("link", name="Documents", exact=True).click())
    visit(
        page,
        lambda: page.get_by_role(
            "button", name="Stage 3 response to the panel's recommendations letter"
        ).click(),
    )
    step(
        page,
        "Record the response",
        lambda p: fill_date(p, "Date the response was sent", date(2025, 10, 31)),
    )
    assert page.get_by_text("Responded 31 October 2025").is_visible()

    # --- the annual report for that year counts what was recorded ----------------------------
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/sign-in/"))
    sign_in_as(page, "priya", PASSWORD)
    visit(page, lambda: page.goto("/reports/complaints/?year=2025&procedure=children"))
    assert figure(page, "Costs of the procedure", "Investigating officer fee") == "£1,200"
    assert figure(page, "Costs of the procedure", "Total") == "£1,650"
    assert figure(page, "Remedies followed through", "Agreed") == "1"
    assert figure(page, "Learning actions", "Raised") == "1"
    made = "Recommendations on the Stage 3 responses in 2025/26"
    assert figure(page, made, "Recommendations made") == "2"
    assert figure(page, made, "Accepted") == "1"
    assert figure(page, made, "Not accepted") == "1"
    # Each figure is traceable to its case.
    visit(
        page, lambda: page.get_by_role("link", name=re.compile("cases: Agreed, Remedies")).click()
    )
    assert page.get_by_role("link", name=reference).is_visible()
    visit(page, lambda: page.goto(case_url))
    assert page.get_by_role("heading", name=reference, level=1).is_visible()
    # Every step of going live was on Heard's own screens.
    assert opened
    assert not [url for url in opened if "/admin/" in url]

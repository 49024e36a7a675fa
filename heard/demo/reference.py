"""The demo council's people and places: teams, one user per role, practitioners, closure days."""

from __future__ import annotations

from faker import Faker

from heard.accounts.models import Role, User
from heard.complaints.appointees import AppointeeForm
from heard.complaints.models import Practitioner
from heard.core.models import Service, Team
from heard.demo.years import demo_closure_days
from heard.workdays.models import ClosureDay

#: The advocacy services on the demo council's register.
ADVOCACY_PROVIDERS = ["Coram Voice", "NYAS", "Barnardo's advocacy service"]

TEAMS = [
    "Children in care",
    "Child protection",
    "Children in need",
    "Fostering",
    "Adoption and special guardianship",
    "Leaving care",
    "Disabled children",
    "Early help",
]

#: The teams of the other services whose complaints the same team handles.
OTHER_TEAMS = {
    Service.ADULTS: ["Adult social care assessment", "Home care and reablement"],
    Service.CORPORATE: ["Waste and recycling", "Council tax", "Housing repairs", "Parking"],
}

#: The service areas (directorates) the demo's teams sit in.
SERVICE_AREAS = {
    "Children's safeguarding": ["Child protection", "Children in need", "Early help"],
    "Corporate parenting": [
        "Children in care",
        "Fostering",
        "Adoption and special guardianship",
        "Leaving care",
    ],
    "Disabled children and families": ["Disabled children"],
    "Adult social care": ["Adult social care assessment", "Home care and reablement"],
    "Environment": ["Waste and recycling", "Parking"],
    "Resources": ["Council tax"],
    "Housing": ["Housing repairs"],
}

#: Demo users, one per role in DOMAIN.md section 1: (username, first, last, role).
DEMO_USERS = [
    ("manager", "Priya", "Shah", Role.COMPLAINTS_MANAGER),
    ("officer", "Tom", "Hughes", Role.COMPLAINTS_OFFICER),
    ("responder", "Grace", "Okafor", Role.RESPONDING_MANAGER),
    ("investigator", "Martin", "Doyle", Role.INVESTIGATING_OFFICER),
    ("independent", "Helen", "Marsh", Role.INDEPENDENT_PERSON),
    ("adjudicator", "David", "Lewis", Role.ADJUDICATING_OFFICER),
    ("panel", "Ruth", "Campbell", Role.PANEL_MEMBER),
    ("sar", "Nadia", "Rahman", Role.SAR_OFFICER),
    ("viewer", "Sam", "Patel", Role.REPORT_VIEWER),
    ("admin", "Alex", "Morgan", Role.ADMINISTRATOR),
]
#: Local demo only: the command refuses to run unless HEARD_DEBUG is on.
DEMO_PASSWORD = "heard-demo-2026"


def register(
    *,
    name: str,
    email: str,
    organisation: str,
    is_external: bool,
    role: str,
    user: User | None = None,
) -> None:
    """Put someone on the register of appointees through the register screen's own form
    (its rules apply), once: they may take the one role."""
    if Practitioner.objects.filter(email=email).exists():
        return
    form = AppointeeForm(
        {
            "name": name,
            "organisation": organisation,
            "email": email,
            "is_external": is_external,
            role: True,
            "user": user.pk if user else "",
            "active": True,
        },
        may_link_sign_in=True,  # as the complaints manager would
    )
    if not form.is_valid():
        raise ValueError(f"The demo register entry for {name} is refused: {form.errors}")
    form.save()


def create_reference_data(first_year: int, last_year: int) -> None:
    """Teams, users (one per role), practitioners and the council's closure days."""
    for name in TEAMS:
        Team.objects.get_or_create(name=name)
    teams = list(Team.objects.order_by("name"))
    for service, names in OTHER_TEAMS.items():
        for name in names:
            Team.objects.get_or_create(name=name, defaults={"service": service})
    for area, names in SERVICE_AREAS.items():
        Team.objects.filter(name__in=names, service_area="").update(service_area=area)
    for index, (username, first, last, role) in enumerate(DEMO_USERS):
        user, _ = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "email": f"{username}@example.gov.uk",
                "team": teams[index % len(teams)],
            },
        )
        user.is_staff = role in (Role.ADMINISTRATOR, Role.COMPLAINTS_MANAGER)
        user.is_superuser = False  # every permission is the role's
        user.set_password(DEMO_PASSWORD)
        user.save()
    linked = {"io1": "investigator", "ip1": "independent", "adj1": "adjudicator", "panel1": "panel"}
    fake = Faker("en_GB")
    fake.seed_instance(first_year)
    # Each pool may take only its own role on the register, as a council would record them.
    pools = [
        ("io", 5, "Independent investigator", True, "may_investigate"),
        ("ip", 5, "Independent person", True, "may_be_independent"),
        ("adj", 3, "Head of service", False, "may_adjudicate"),
        ("panel", 8, "Review panel member", True, "may_sit_on_panel"),
    ]
    for prefix, size, organisation, external, flag in pools:
        for number in range(1, size + 1):
            key = f"{prefix}{number}"
            linked_user = User.objects.filter(username=linked.get(key, "")).first()
            name = linked_user.get_full_name() if linked_user else fake.name()
            register(
                name=name,
                email=f"{key}@example.org",
                organisation=organisation,
                is_external=external,
                role=flag,
                user=linked_user,
            )
    for number, provider in enumerate(ADVOCACY_PROVIDERS, start=1):
        register(
            name=provider,
            email=f"advocacy{number}@example.org",
            organisation=provider,
            is_external=True,
            role="may_advocate",
        )
    for day in demo_closure_days(first_year, last_year):
        ClosureDay.objects.get_or_create(day=day, defaults={"description": "Christmas closure"})

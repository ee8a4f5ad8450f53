"""The demo consortium: an alliance of five universities in five countries running three courses.

Built through the services, so permissions and history are as in real use. Idempotent: every step looks
for what exists first, so running it twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from core.history import attribute
from teams import affiliations, services
from teams.models import (
    Affiliation,
    Course,
    Faculty,
    Institution,
    InstitutionDomain,
    InstitutionRole,
    Membership,
    Network,
    Partnership,
    StakeholderOrganisation,
    TeamFoundation,
)

DEMO_PASSWORD = "demo-password-2026"
DOMAIN = "demo.microcred.eu"
Role = Membership.Role

NETWORKS = [
    ("EURIDICE European University", Network.Kind.EUI_ALLIANCE),
    ("North Sea Energy Research Network", Network.Kind.RESEARCH_NETWORK),
]
# name, short name, country, faculties, networks (indexes into NETWORKS)
INSTITUTIONS = [
    ("University of Leuvenheim", "ULV", "BE", ["Faculty of Engineering", "Faculty of Medicine"], [0, 1]),
    ("Technische Universität Nordstadt", "TUN", "DE", ["Faculty of Electrical Engineering", "Faculty of Computer Science"], [0, 1]),
    ("Università di Verona Alta", "UVA", "IT", ["Department of Computer Science", "School of Medicine"], [0]),
    ("Universidad de Castilla Norte", "UCN", "ES", ["Faculty of Education", "Faculty of Sciences"], [0]),
    ("Uniwersytet Morski w Gdyni", "UMG", "PL", ["Faculty of Navigation", "Faculty of Economics"], [0, 1]),
]  # fmt: skip
# The identifiers European systems know each institution by (teams.identifiers), as an administrator records
# them: the SCHAC home organisation is the domain institutional sign-in releases (the demo's own), the Erasmus
# codes and PICs are of the fictional universities, and the ROR ids carry valid check digits.
IDENTIFIERS = {
    "ULV": {"erasmus_code": "B  LEUVENH01", "pic": "999870101", "ror_id": "0vkh7k206"},
    "TUN": {"erasmus_code": "D  NORDSTA01", "pic": "999870202", "ror_id": "0nrd5t389"},
    "UVA": {"erasmus_code": "I  VERONA05", "pic": "999870303", "ror_id": "0vra8m450"},
    "UCN": {"erasmus_code": "E  CASTNOR01", "pic": "999870404", "ror_id": "0cnr6p526"},
    "UMG": {"erasmus_code": "PL GDYNIA05", "pic": "999870505", "ror_id": "0gdy4w669"},
}
STAKEHOLDERS = [
    ("European Association of Energy Engineers", StakeholderOrganisation.Kind.PROFESSIONAL, "BE"),
    ("Regional Health Authority of Flanders", StakeholderOrganisation.Kind.PUBLIC, "BE"),
    ("DataForge Analytics GmbH", StakeholderOrganisation.Kind.PRIVATE, "DE"),
]


@dataclass(frozen=True)
class CourseSpec:
    key: str
    title: str
    summary: str
    ects: str
    eqf: int
    languages: list[str]
    mode: str
    horizon: int
    lead: str
    partners: list[str]
    stakeholder: int


COURSES = [
    CourseSpec(
        "green-energy",
        "Green Energy Transition for Engineers",
        "Planning, financing and operating renewable energy systems in European cities.",
        "5", 6, ["en"], Course.DeliveryMode.BLENDED, 4, "ULV", ["TUN", "UMG"], 0,
    ),
    CourseSpec(
        "digital-health",
        "Digital Health Data Literacy",
        "Working responsibly with health data: standards, privacy, and clinical decision support.",
        "4", 7, ["en", "it"], Course.DeliveryMode.ONLINE, 3, "UVA", ["ULV", "UCN", "TUN"], 1,
    ),
    CourseSpec(
        "ai-literacy",
        "AI Literacy for Teachers",
        "What school teachers need to know to use and teach about artificial intelligence.",
        "3", 6, ["en", "es"], Course.DeliveryMode.ONLINE, 5, "UCN", ["UVA", "UMG"], 2,
    ),
]  # fmt: skip

# The logins printed by `make run` and listed in the README: one person per role, each where their role has work
# waiting (the QA officer on the course in implementation, which has run editions).
LOGINS = [
    ("leader", "Lena", "Verbeke", "ULV", "Course leader of “Green Energy Transition for Engineers” (ULV)"),
    ("partner", "Piotr", "Nowak", "UMG", "Partner representative (UMG) on two courses"),
    (
        "qa",
        "Queralt",
        "Aranda",
        "UCN",
        "QA officer of “AI Literacy for Teachers” (UCN), with evaluation data to review",
    ),
    ("learner", "Lea", "Schmidt", "TUN", "Learner representative"),
    ("stakeholder", "Sven", "Jansen", None, "Associated stakeholder (professional organisation)"),
    ("admin", "Ada", "Admin", "ULV", "Administrator (Django admin)"),
]


def _user(local: str, first: str, last: str, institution: Institution | None, **extra) -> User:
    email = f"{local}@{DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, first_name=first, last_name=last, home_institution=institution, **extra
        )
    return user


def _identify(institution: Institution, short: str, admin: User) -> None:
    """Record the institution's identifiers once, as an administrator would (validated, attributed)."""
    if institution.schac_home_organisation or institution.erasmus_code or institution.pic or institution.ror_id:
        return
    institution.schac_home_organisation = f"{short.lower()}.{DOMAIN}"
    for name, value in IDENTIFIERS[short].items():
        setattr(institution, name, value)
    institution.full_clean()
    attribute(institution, admin)
    institution.save()


def _verify(user: User, institution: Institution, admin: User, kind: str = Affiliation.Kind.STAFF, roles=()) -> None:
    """Record a demo person's affiliation as an administrator would (once), and the roles their institution gives."""
    if not Affiliation.objects.filter(user=user, institution=institution).exists():
        affiliations.record_affiliation(
            user=user, institution=institution, kind=kind, method=Affiliation.Method.ADMIN, by=admin
        )
    for role in roles:
        affiliations.institution_role_grant(actor=admin, user=user, institution=institution, role=role)


def _member(course: Course, leader: User, user: User, role: str, institution=None, organisation=None, aspects=()):
    if Membership.objects.filter(course=course, user=user).exists():
        return
    services.membership_add(
        actor=leader,
        course=course,
        email=user.email,
        role=role,
        institution=institution,
        organisation=organisation,
        co_creation_aspects=list(aspects),
    )


@transaction.atomic
def seed_teams() -> dict[str, Course]:
    """Create (or find) the demo consortium and return its courses by key."""
    networks = [Network.objects.get_or_create(name=n, defaults={"kind": k})[0] for n, k in NETWORKS]
    institutions: dict[str, Institution] = {}
    for name, short, country, faculties, nets in INSTITUTIONS:
        inst, created = Institution.objects.get_or_create(name=name, defaults={"short_name": short, "country": country})
        if created:
            inst.networks.set([networks[i] for i in nets])
            InstitutionDomain.objects.create(institution=inst, domain=f"{short.lower()}.{DOMAIN}")
        for faculty_name in faculties:
            Faculty.objects.get_or_create(institution=inst, name=faculty_name)
        institutions[short] = inst
    organisations = [
        StakeholderOrganisation.objects.get_or_create(name=n, defaults={"kind": k, "country": c})[0]
        for n, k, c in STAKEHOLDERS
    ]
    people = {
        local: _user(
            local,
            first,
            last,
            institutions.get(short) if short else None,
            is_staff=local == "admin",
            is_superuser=local == "admin",
        )
        for local, first, last, short, _ in LOGINS
    }
    admin = people["admin"]
    for short, institution in institutions.items():
        _identify(institution, short, admin)
    coordinator = InstitutionRole.Role.COORDINATOR
    _verify(people["leader"], institutions["ULV"], admin, roles=[coordinator])
    _verify(people["partner"], institutions["UMG"], admin, roles=[InstitutionRole.Role.CONTACT_KEEPER])
    _verify(people["qa"], institutions["UCN"], admin)
    _verify(people["learner"], institutions["TUN"], admin, kind=Affiliation.Kind.STUDENT)

    courses: dict[str, Course] = {}
    for spec in COURSES:
        lead = institutions[spec.lead]
        leader = (
            people["leader"]
            if spec.key == "green-energy"
            else _user(f"leader.{spec.key}", "Course", f"Leader ({spec.lead})", lead)
        )
        _verify(leader, lead, admin, roles=[coordinator])
        course = Course.objects.filter(slug=spec.key).first()
        if course is None:
            course = services.course_create(
                actor=leader,
                title=spec.title,
                slug=spec.key,
                summary=spec.summary,
                ects_credits=Decimal(spec.ects),
                eqf_level=spec.eqf,
                languages=spec.languages,
                delivery_mode=spec.mode,
                implementation_horizon_years=spec.horizon,
            )
        for short in spec.partners:
            if not Partnership.objects.filter(course=course, institution=institutions[short]).exists():
                faculty = institutions[short].faculties.order_by("name").first()
                services.partnership_add(actor=leader, course=course, institution=institutions[short], faculty=faculty)
        for partnership in Partnership.objects.filter(course=course, educational_support=False):
            services.partnership_update(
                actor=leader,
                partnership=partnership,
                faculty=partnership.faculty or partnership.institution.faculties.order_by("name").first(),
                educational_support=True,
                technological_support=True,
                organisational_support=spec.key != "green-energy",
            )
        for short in spec.partners:
            rep = (
                people["partner"]
                if short == "UMG"
                else _user(f"partner.{short.lower()}", "Partner", f"Rep ({short})", institutions[short])
            )
            _member(course, leader, rep, Role.PARTNER, institution=institutions[short])
        qa = (
            people["qa"]
            if spec.key == "ai-literacy"
            else _user(f"qa.{spec.lead.lower()}", "QA", f"Officer ({spec.lead})", lead)
        )
        _member(course, leader, qa, Role.QA_OFFICER, institution=lead)
        learner_inst = institutions[spec.partners[0]]
        learner = (
            people["learner"]
            if spec.key == "green-energy"
            else _user(f"learner.{spec.key}", "Learner", "Representative", learner_inst)
        )
        _member(course, leader, learner, Role.LEARNER, institution=learner_inst)
        stakeholder = (
            people["stakeholder"]
            if spec.key == "green-energy"
            else _user(f"stakeholder.{spec.key}", "Stake", "Holder", None)
        )
        _member(
            course,
            leader,
            stakeholder,
            Role.STAKEHOLDER,
            organisation=organisations[spec.stakeholder],
            aspects=["needs_analysis", "competences"] if spec.key == "green-energy" else ["learning_outcomes"],
        )
        if not TeamFoundation.objects.filter(course=course).exists():
            services.foundation_add(
                actor=leader,
                course=course,
                kind=TeamFoundation.Kind.RESEARCH_RELATIONSHIP,
                description=f"{spec.lead} and {spec.partners[0]} have run joint research projects since 2019.",
            )
            services.foundation_add(
                actor=leader,
                course=course,
                kind=TeamFoundation.Kind.MOBILITY,
                description="Partners run Erasmus+ blended intensive programmes together.",
            )
        courses[spec.key] = course
    return courses


def other_logins() -> list[tuple[str, str]]:
    """The demo's other accounts (every member of the courses beside LOGINS), each with what they are on which
    course; they use the same password. seed_demo prints them and the README lists them (a test holds both)."""
    main = {f"{local}@{DOMAIN}" for local, *_ in LOGINS}
    people: dict[str, list[str]] = {}
    memberships = (
        Membership.objects.filter(user__email__endswith=f"@{DOMAIN}")
        .exclude(user__email__in=main)
        .select_related("user", "course", "institution", "organisation")
        .order_by("user__email", "course__title")
    )
    for membership in memberships:
        where = membership.institution.short_name if membership.institution else str(membership.organisation)
        people.setdefault(membership.user.email, []).append(
            f"{membership.get_role_display()} ({where}), “{membership.course.title}”"
        )
    return [(email, "; ".join(roles)) for email, roles in people.items()]

"""Every governance page reads in a fixed number of queries: the same with few rows as with many."""

import pytest
from django.urls import reverse

from governance.models import ClauseItem
from governance.services import agreement as agreement_services
from governance.services import vision as vision_services
from support.models import Agreement
from tests.factories.governance import adopt_vision, make_vision
from tests.factories.teams import add_member, add_partner
from tests.utils import queries_after_change as queries

pytestmark = pytest.mark.django_db


def grow_comments(cast, n):
    vision = (
        make_vision(cast.course) if not cast.course.vision_versions.exists() else cast.course.vision_versions.first()
    )
    for i in range(n):
        vision_services.vision_comment_add(actor=cast.partner, vision=vision, section="profile",
                                           text=f"Comment {i}")  # fmt: skip


def grow_versions(cast, n):
    for _ in range(n):
        adopt_vision(cast.course)


def grow_institutions(cast, n):
    """n partner institutions with a representative: more conditions' details, more signatures."""
    for _ in range(n):
        institution = add_partner(cast.course)
        add_member(cast.course, "partner", institution=institution)
    agreement = Agreement.objects.filter(course=cast.course, kind="consortium").first()
    if agreement is None:
        agreement = agreement_services.consortium_agreement_start(actor=cast.leader, course=cast.course)
    existing = set(agreement.clauses.values_list("item", flat=True))
    for item in ClauseItem.values[: 2 + n % 10]:
        if item not in existing:
            agreement_services.clause_save(actor=cast.leader, agreement=agreement, item=item, text="Agreed.")


def grow_history(cast, n):
    vision = cast.course.vision_versions.first() or make_vision(cast.course)
    for i in range(n):
        vision_services.vision_section_save(actor=cast.leader, vision=vision, section="profile", text=f"Profile {i}")


@pytest.mark.parametrize(
    ("who", "url_of", "grow", "pinned"),
    [
        ("partner", lambda c: reverse("governance:vision", args=[c.course.slug]), grow_comments, 4),
        ("partner", lambda c: reverse("governance:vision", args=[c.course.slug]), grow_versions, 4),
        ("learner", lambda c: reverse("governance:vision_compare", args=[c.course.slug]) + "?old=1&new=2",
         grow_versions, 4),
        ("partner", lambda c: reverse("governance:gates", args=[c.course.slug]), grow_institutions, 17),
        ("qa", lambda c: reverse("governance:agreement", args=[c.course.slug]), grow_institutions, 7),
        ("leader", lambda c: reverse("governance:history", args=[c.course.slug]), grow_history, 6),
    ],
)  # fmt: skip
def test_pages_read_in_fixed_queries(client, cast, who, url_of, grow, pinned):
    client.force_login(cast.user(who))
    grow(cast, 2)
    url = url_of(cast)
    few = queries(client, url)
    grow(cast, 12)
    many = queries(client, url)
    assert few == many == pinned

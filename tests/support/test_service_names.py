"""One name per support service everywhere: the matrix's column headers are the names forms and lists use."""

import pytest
from django.urls import reverse

from support.models import SHORT_KIND_LABELS, ServiceKind

pytestmark = pytest.mark.django_db


def test_each_service_has_one_name():
    assert {k: str(v) for k, v in SHORT_KIND_LABELS.items()} == {k: str(v) for k, v in ServiceKind.choices}
    assert "Teaching and learning support" in dict(ServiceKind.choices).values()


def test_the_matrix_heads_its_columns_with_the_full_names(client, cast):
    client.force_login(cast.leader)
    page = client.get(reverse("support:matrix", kwargs={"slug": cast.course.slug})).content.decode()
    for _, label in ServiceKind.choices:
        assert f'<th scope="col">{label}</th>' in page
    assert "Teaching &amp; learning" not in page and "<abbr" not in page

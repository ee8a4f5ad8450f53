"""The documents pages read in a fixed number of queries, whatever the number of documents and versions."""

import pytest
from django.urls import reverse

from documents.services import document_upload, document_version_add
from tests.documents.conftest import upload
from tests.utils import queries_after_change as queries

pytestmark = pytest.mark.django_db


def grow(cast, decision, n):
    for i in range(n):
        document = document_upload(actor=cast.leader, course=cast.course, kind="decision", subject=decision,
                                   title=f"Minutes {i}", upload=upload()).document  # fmt: skip
        document_version_add(actor=cast.partner, document=document, upload=upload("v2.pdf"))


def test_the_list_reads_in_fixed_queries(client, cast, decision):
    client.force_login(cast.partner)
    address = reverse("documents:list", args=[cast.course.slug])
    grow(cast, decision, 2)
    few = queries(client, address)
    grow(cast, decision, 10)
    assert few == queries(client, address) == 9


def test_a_document_reads_in_fixed_queries(client, cast, document):
    client.force_login(cast.partner)
    address = document.get_absolute_url()
    document_version_add(actor=cast.leader, document=document, upload=upload("v2.pdf"))
    few = queries(client, address)
    for _ in range(8):
        document_version_add(actor=cast.leader, document=document, upload=upload("v3.pdf"))
    assert few == queries(client, address) == 5

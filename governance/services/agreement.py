"""The consortium agreement's content: address each checklist item with text or a reference to a document."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.history import attribute
from core.i18n import prose_list
from governance.models import AgreementClause, ClauseItem
from support.models import Agreement, AgreementSignature
from support.services.specifics import agreement_add
from teams.models import Course

NOT_CONSORTIUM = _("Only a consortium agreement has the guideline's checklist.")
UNKNOWN_ITEM = _("Choose one of the checklist's items.")
SIGNED_FROZEN = _(
    "Already signed by {institutions}: a signature covers the content it was given. To change the content, "
    "those institutions first withdraw their signature (Support services, agreements)."
)
EXISTS = _("The course already has a consortium agreement.")
NOTHING_CHANGED = _("Nothing changed in this item.")
DOCUMENT_NOT_ATTACHED = _("Choose a document attached to this agreement (Documents, attached to the agreement).")


@transaction.atomic
def consortium_agreement_start(*, actor: User, course: Course) -> Agreement:
    """Record the consortium agreement; every institution gets a signature to give (support.agreement_add)."""
    Course.objects.select_for_update().filter(pk=course.pk).first()
    if Agreement.objects.filter(course=course, kind=Agreement.Kind.CONSORTIUM).exists():
        raise ValidationError(EXISTS)
    return agreement_add(
        actor=actor, course=course, kind=Agreement.Kind.CONSORTIUM, title=str(_("Consortium agreement"))
    )


@transaction.atomic
def clause_save(  # type: ignore[no-untyped-def]
    *, actor: User, agreement: Agreement, item: str, text: str = "", document_reference: str = "", document=None
) -> AgreementClause:
    """Address (or change) one checklist item, while no institution has signed the agreement."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.kind != Agreement.Kind.CONSORTIUM:
        raise ValidationError(NOT_CONSORTIUM)
    if item not in ClauseItem.values:
        raise ValidationError({"item": UNKNOWN_ITEM})
    signed = list(
        AgreementSignature.objects.filter(agreement=agreement, status=AgreementSignature.Status.SIGNED)
        .order_by("institution__name")
        .values_list("institution__name", flat=True)
    )
    if signed:
        raise ValidationError(SIGNED_FROZEN.format(institutions=prose_list(signed)))
    clause = AgreementClause.objects.filter(agreement=agreement, item=item).first() or AgreementClause(
        agreement=agreement, item=item
    )
    text, document_reference = (text or "").strip(), (document_reference or "").strip()
    if document is not None and (document.agreement_id != agreement.pk or document.deleted_at is not None):
        raise ValidationError({"document": DOCUMENT_NOT_ATTACHED})
    document_id = document.pk if document is not None else None
    if clause.pk and (clause.text, clause.document_reference, clause.document_id) == (
        text,
        document_reference,
        document_id,
    ):
        raise ValidationError({"text": NOTHING_CHANGED})
    clause.text, clause.document_reference, clause.document, clause.updated_by = (
        text,
        document_reference,
        document,
        actor,
    )
    clause.full_clean(exclude=["agreement", "updated_by"], validate_constraints=False)
    attribute(clause, actor)
    clause.save()
    return clause

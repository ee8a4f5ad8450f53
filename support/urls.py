from django.urls import path

from support.views import contacts, matrix, specifics, task_force

app_name = "support"

P = "courses/<slug:slug>/support/"

urlpatterns = [
    path(P, matrix.MatrixView.as_view(), name="matrix"),
    path(
        P + "consultations/<int:institution_id>/<str:kind>/",
        matrix.ConsultationEditView.as_view(),
        name="consultation_edit",
    ),
    path(P + "contacts/", contacts.ContactsView.as_view(), name="contacts"),
    path(P + "contacts/<int:institution_id>/", contacts.ContactsEditView.as_view(), name="contacts_edit"),
    path(P + "task-force/", task_force.TaskForceView.as_view(), name="task_force"),
    path(P + "task-force/add/", task_force.TaskForceAddView.as_view(), name="task_force_add"),
    path(P + "task-force/<int:pk>/remove/", task_force.TaskForceRemoveView.as_view(), name="task_force_remove"),
    path(P + "specifics/", specifics.SpecificsView.as_view(), name="specifics"),
    path(P + "approvals/<int:institution_id>/<str:step>/", specifics.ApprovalEditView.as_view(), name="approval_edit"),
    path(P + "platform/", specifics.PlatformEditView.as_view(), name="platform_edit"),
    path(P + "agreements/add/", specifics.AgreementAddView.as_view(), name="agreement_add"),
    path(P + "agreements/<int:pk>/remove/", specifics.AgreementRemoveView.as_view(), name="agreement_remove"),
    path(
        P + "agreements/<int:pk>/signatures/<int:institution_id>/",
        specifics.SignatureEditView.as_view(),
        name="signature_edit",
    ),
]

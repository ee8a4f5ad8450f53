from django.urls import path

from credentials.views import exports, pages

app_name = "credentials"

C = "courses/<slug:slug>/credential/"

urlpatterns = [
    path(C, pages.ProfileView.as_view(), name="profile"),
    path(C + "edit/", pages.ProfileEditView.as_view(), name="profile_edit"),
    path(C + "outcomes/add/", pages.OutcomeAddView.as_view(), name="outcome_add"),
    path(C + "outcomes/<int:pk>/edit/", pages.OutcomeEditView.as_view(), name="outcome_edit"),
    path(C + "outcomes/<int:pk>/delete/", pages.OutcomeDeleteView.as_view(), name="outcome_delete"),
    path(C + "outcomes/<int:pk>/move/", pages.OutcomeMoveView.as_view(), name="outcome_move"),
    path(C + "awarding/", pages.AwardingProposeView.as_view(), name="awarding_propose"),
    path(C + "elm.jsonld", exports.ElmExportView.as_view(), name="elm"),
    path(C + "achievement.json", exports.BadgeExportView.as_view(), name="badge"),
    path(C + "dossier.pdf", exports.DossierExportView.as_view(), name="dossier"),
]

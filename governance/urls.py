from django.urls import path

from governance.views import agreement, gates, history, vision

app_name = "governance"

P = "courses/<slug:slug>/governance/"

urlpatterns = [
    path(P, gates.GatesView.as_view(), name="gates"),
    path(P + "gates/<slug:gate>/pass/", gates.GatePassView.as_view(), name="gate_pass"),
    path(P + "vision/", vision.VisionView.as_view(), name="vision"),
    path(P + "vision/start/", vision.VisionStartView.as_view(), name="vision_start"),
    path(P + "vision/compare/", vision.VisionCompareView.as_view(), name="vision_compare"),
    path(P + "vision/v<int:version>/", vision.VisionView.as_view(), name="vision_version"),
    path(P + "vision/v<int:version>/propose/", vision.VisionProposeView.as_view(), name="vision_propose"),
    path(P + "vision/v<int:version>/<slug:section>/edit/", vision.SectionEditView.as_view(), name="section_edit"),
    path(P + "vision/v<int:version>/<slug:section>/comment/", vision.VisionCommentView.as_view(), name="comment"),
    path(P + "agreement/", agreement.AgreementView.as_view(), name="agreement"),
    path(P + "agreement/start/", agreement.AgreementStartView.as_view(), name="agreement_start"),
    path(P + "agreement/<slug:item>/edit/", agreement.ClauseEditView.as_view(), name="clause_edit"),
    path(P + "history/", history.HistoryView.as_view(), name="history"),
]

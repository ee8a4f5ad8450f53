from django.urls import path

from quality.views import decisions, evaluation, examination, submissions

app_name = "quality"

C = "courses/<slug:slug>/"

urlpatterns = [
    path("quality/submissions/", submissions.SubmissionListView.as_view(), name="submissions"),
    path("quality/submissions/export.csv", submissions.SubmissionExportView.as_view(), name="submissions_export"),
    # Decisions by consent
    path(C + "decisions/", decisions.DecisionListView.as_view(), name="decisions"),
    path(C + "decisions/<int:pk>/", decisions.DecisionDetailView.as_view(), name="decision_detail"),
    path(C + "decisions/<int:pk>/position/", decisions.ConsentRecordView.as_view(), name="consent_record"),
    path(C + "decisions/<int:pk>/revise/", decisions.DecisionReviseView.as_view(), name="decision_revise"),
    # Examination rules
    path(C + "examination/", examination.RulesOverviewView.as_view(), name="examination"),
    path(C + "examination/new/", examination.RulesStartView.as_view(), name="rules_start"),
    path(C + "examination/v<int:version>/", examination.RulesDetailView.as_view(), name="rules_detail"),
    path(C + "examination/v<int:version>/edit/", examination.RulesEditView.as_view(), name="rules_edit"),
    path(C + "examination/v<int:version>/methods/add/", examination.MethodAddView.as_view(), name="method_add"),
    path(
        C + "examination/v<int:version>/methods/<int:pk>/remove/",
        examination.MethodRemoveView.as_view(),
        name="method_remove",
    ),
    path(C + "examination/v<int:version>/awards/add/", examination.AwardAddView.as_view(), name="award_add"),
    path(
        C + "examination/v<int:version>/awards/<int:pk>/edit/",
        examination.AwardEditView.as_view(),
        name="award_edit",
    ),
    path(
        C + "examination/v<int:version>/awards/<int:pk>/remove/",
        examination.AwardRemoveView.as_view(),
        name="award_remove",
    ),
    path(C + "examination/v<int:version>/propose/", examination.RulesProposeView.as_view(), name="rules_propose"),
    # Evaluation
    path(C + "evaluation/", evaluation.EvaluationView.as_view(), name="evaluation"),
    path(C + "evaluation/procedure/", evaluation.ProcedureEditView.as_view(), name="procedure_edit"),
    path(C + "evaluation/editions/add/", evaluation.EditionAddView.as_view(), name="edition_add"),
    path(C + "evaluation/editions/<int:pk>/edit/", evaluation.EditionEditView.as_view(), name="edition_edit"),
    path(C + "evaluation/editions/<int:pk>/delete/", evaluation.EditionDeleteView.as_view(), name="edition_delete"),
    path(C + "evaluation/editions/<int:pk>/submit/", evaluation.ReportSubmitView.as_view(), name="report_submit"),
    path(C + "evaluation/reports/<int:pk>/", evaluation.ReportDetailView.as_view(), name="report_detail"),
    path(C + "evaluation/reports/<int:pk>/review/", evaluation.ReportReviewView.as_view(), name="report_review"),
    path(C + "evaluation/trends/", evaluation.TrendsView.as_view(), name="trends"),
]

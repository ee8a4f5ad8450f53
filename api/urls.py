"""/api/v1/: the REST API, its OpenAPI schema and its reference page (served from our static files)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

from api.views import credentials, docs, other, phases, quality, teams, webhooks

app_name = "api"

course = "courses/<slug:slug>/"

urlpatterns = [
    # The description is public, so an integrator can read it before holding a token.
    path("schema/", SpectacularAPIView.as_view(permission_classes=[AllowAny]), name="schema"),
    path("docs/", docs.ReferenceView.as_view(), name="docs"),
    path("courses/", teams.CourseList.as_view(), name="course_list"),
    path(course, teams.CourseDetail.as_view(), name="course_detail"),
    path(course + "profile/", credentials.ProfileView.as_view(), name="profile"),
    path(course + "exports/elm/", credentials.ElmExport.as_view(), name="export_elm"),
    path(course + "exports/open-badges/", credentials.OpenBadgesExport.as_view(), name="export_badges"),
    path(course + "partnerships/", teams.PartnershipList.as_view(), name="partnership_list"),
    path(course + "team/", teams.MemberList.as_view(), name="member_list"),
    path(course + "phases/", phases.PhaseList.as_view(), name="phase_list"),
    path(course + "milestones/", phases.MilestoneList.as_view(), name="milestone_list"),
    path(course + "tasks/", phases.TaskList.as_view(), name="task_list"),
    path(course + "tasks/<int:pk>/", phases.TaskDetail.as_view(), name="task_detail"),
    path(course + "tasks/<int:pk>/work-logs/", phases.WorkLogList.as_view(), name="work_log_list"),
    path(course + "consultations/", other.ConsultationList.as_view(), name="consultation_list"),
    path(course + "decisions/", quality.DecisionList.as_view(), name="decision_list"),
    path(course + "decisions/<int:pk>/", quality.DecisionDetail.as_view(), name="decision_detail"),
    path(course + "decisions/<int:pk>/positions/", quality.PositionList.as_view(), name="position_list"),
    path(course + "editions/", quality.EditionList.as_view(), name="edition_list"),
    path(course + "editions/<int:pk>/reports/", quality.ReportList.as_view(), name="report_list"),
    path(course + "webhooks/", webhooks.SubscriptionList.as_view(), name="webhook_list"),
    path(course + "webhooks/<int:pk>/", webhooks.SubscriptionDetail.as_view(), name="webhook_detail"),
    path(course + "webhooks/<int:pk>/deliveries/", webhooks.DeliveryList.as_view(), name="delivery_list"),
    path("reminders/", other.ReminderList.as_view(), name="reminder_list"),
    path("needs/", credentials.NeedList.as_view(), name="need_list"),
]

from django.urls import path

from phases.views import my_tasks, phase, task_row, timeline, work

app_name = "phases"

urlpatterns = [
    path("tasks/", my_tasks.MyTasksView.as_view(), name="my_tasks"),
    path("courses/<slug:slug>/timeline/", timeline.TimelineView.as_view(), name="timeline"),
    path("courses/<slug:slug>/effort/", timeline.EffortView.as_view(), name="effort"),
    path("courses/<slug:slug>/phases/plan/", timeline.PhasePlanView.as_view(), name="plan"),
    path("courses/<slug:slug>/phases/<slug:kind>/", phase.PhaseDetailView.as_view(), name="phase_detail"),
    path("courses/<slug:slug>/phases/<slug:kind>/dates/", phase.PhaseActualView.as_view(), name="phase_dates"),
    path(
        "courses/<slug:slug>/phases/<slug:kind>/milestones/add/",
        work.MilestoneCreateView.as_view(),
        name="milestone_add",
    ),
    path("courses/<slug:slug>/phases/<slug:kind>/tasks/add/", work.TaskCreateView.as_view(), name="task_add"),
    path("courses/<slug:slug>/milestones/<int:pk>/edit/", work.MilestoneEditView.as_view(), name="milestone_edit"),
    path(
        "courses/<slug:slug>/milestones/<int:pk>/delete/", work.MilestoneDeleteView.as_view(), name="milestone_delete"
    ),
    path("courses/<slug:slug>/tasks/<int:pk>/", task_row.TaskRowView.as_view(), name="task_row"),
    path("courses/<slug:slug>/tasks/<int:pk>/edit/", work.TaskEditView.as_view(), name="task_edit"),
    path("courses/<slug:slug>/tasks/<int:pk>/delete/", task_row.TaskDeleteView.as_view(), name="task_delete"),
    path("courses/<slug:slug>/tasks/<int:pk>/log/", task_row.WorkLogCreateView.as_view(), name="work_log_add"),
    path("courses/<slug:slug>/tasks/<int:pk>/status/", task_row.TaskStatusView.as_view(), name="task_status"),
]

from django.urls import path

from phases import views

app_name = "phases"

urlpatterns = [
    path("tasks/", views.MyTasksView.as_view(), name="my_tasks"),
    path("courses/<slug:slug>/timeline/", views.TimelineView.as_view(), name="timeline"),
    path("courses/<slug:slug>/effort/", views.EffortView.as_view(), name="effort"),
    path("courses/<slug:slug>/phases/plan/", views.PhasePlanView.as_view(), name="plan"),
    path("courses/<slug:slug>/phases/<slug:kind>/", views.PhaseDetailView.as_view(), name="phase_detail"),
    path("courses/<slug:slug>/phases/<slug:kind>/dates/", views.PhaseActualView.as_view(), name="phase_dates"),
    path(
        "courses/<slug:slug>/phases/<slug:kind>/milestones/add/",
        views.MilestoneCreateView.as_view(),
        name="milestone_add",
    ),
    path("courses/<slug:slug>/phases/<slug:kind>/tasks/add/", views.TaskCreateView.as_view(), name="task_add"),
    path("courses/<slug:slug>/milestones/<int:pk>/edit/", views.MilestoneEditView.as_view(), name="milestone_edit"),
    path(
        "courses/<slug:slug>/milestones/<int:pk>/delete/", views.MilestoneDeleteView.as_view(), name="milestone_delete"
    ),
    path("courses/<slug:slug>/tasks/<int:pk>/", views.TaskRowView.as_view(), name="task_row"),
    path("courses/<slug:slug>/tasks/<int:pk>/edit/", views.TaskEditView.as_view(), name="task_edit"),
    path("courses/<slug:slug>/tasks/<int:pk>/delete/", views.TaskDeleteView.as_view(), name="task_delete"),
    path("courses/<slug:slug>/tasks/<int:pk>/log/", views.WorkLogCreateView.as_view(), name="work_log_add"),
    path("courses/<slug:slug>/tasks/<int:pk>/status/", views.TaskStatusView.as_view(), name="task_status"),
]

from django.urls import path

from teams import affiliation_views, archive_views, foundation_views, institution_views, leadership_views, views

app_name = "teams"

urlpatterns = [
    path("courses/", views.DashboardView.as_view(), name="dashboard"),
    path("affiliations/ask/", affiliation_views.AffiliationRequestView.as_view(), name="affiliation_request"),
    path(
        "affiliations/confirm/<str:token>/",
        affiliation_views.AffiliationConfirmView.as_view(),
        name="affiliation_confirm",
    ),
    path("institutions/<int:pk>/staff/", institution_views.InstitutionStaffView.as_view(), name="institution_staff"),
    path(
        "institutions/<int:pk>/staff/roles/<int:grant_pk>/withdraw/",
        institution_views.InstitutionRoleRevokeView.as_view(),
        name="institution_role_revoke",
    ),
    path("courses/new/", views.CourseCreateView.as_view(), name="course_create"),
    path("courses/<slug:slug>/", views.CourseDetailView.as_view(), name="course_detail"),
    path("courses/<slug:slug>/edit/", views.CourseEditView.as_view(), name="course_edit"),
    path("courses/<slug:slug>/history/", views.CourseHistoryView.as_view(), name="history"),
    path("courses/<slug:slug>/archive/", archive_views.CourseArchiveView.as_view(), name="course_archive"),
    path("courses/<slug:slug>/restore/", archive_views.CourseRestoreView.as_view(), name="course_restore"),
    path("courses/<slug:slug>/team/", views.TeamView.as_view(), name="team"),
    path(
        "courses/<slug:slug>/team/leadership/",
        leadership_views.LeadershipHandoverView.as_view(),
        name="leadership_handover",
    ),
    path("courses/<slug:slug>/team/partners/add/", views.PartnerAddView.as_view(), name="partner_add"),
    path("courses/<slug:slug>/team/partners/<int:pk>/edit/", views.PartnerEditView.as_view(), name="partner_edit"),
    path(
        "courses/<slug:slug>/team/partners/<int:pk>/remove/", views.PartnerRemoveView.as_view(), name="partner_remove"
    ),
    path("courses/<slug:slug>/team/members/add/", views.MemberAddView.as_view(), name="member_add"),
    path("courses/<slug:slug>/team/members/<int:pk>/", views.MemberRowView.as_view(), name="member_row"),
    path("courses/<slug:slug>/team/members/<int:pk>/edit/", views.MemberEditView.as_view(), name="member_edit"),
    path("courses/<slug:slug>/team/members/<int:pk>/remove/", views.MemberRemoveView.as_view(), name="member_remove"),
    path(
        "courses/<slug:slug>/team/foundation/add/", foundation_views.FoundationAddView.as_view(), name="foundation_add"
    ),
    path(
        "courses/<slug:slug>/team/foundation/<int:pk>/remove/",
        foundation_views.FoundationRemoveView.as_view(),
        name="foundation_remove",
    ),
]

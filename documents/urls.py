from django.urls import path

from documents import views

app_name = "documents"

P = "courses/<slug:slug>/documents/"

urlpatterns = [
    path(P, views.DocumentListView.as_view(), name="list"),
    path(P + "<int:pk>/", views.DocumentDetailView.as_view(), name="detail"),
    path(P + "<int:pk>/versions/add/", views.VersionAddView.as_view(), name="version_add"),
    path(P + "<int:pk>/delete/", views.DocumentDeleteView.as_view(), name="delete"),
    path(P + "<int:pk>/v<int:number>/download/", views.DownloadView.as_view(), name="download"),
]

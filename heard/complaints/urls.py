from __future__ import annotations

from django.urls import path, re_path

from heard.complaints import (
    appointees,
    closures,
    findings,
    informal_views,
    letter_wording,
    records,
    themes,
    triage,
    views,
)

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("new/", views.complaint_create, name="create"),
    # Before the case pages: no reference is "appointees".
    path("appointees/", appointees.appointee_list, name="appointees"),
    path("appointees/new/", appointees.appointee_edit, name="add_appointee"),
    path("appointees/<int:pk>/", appointees.appointee_edit, name="edit_appointee"),
    path("themes/", themes.theme_list, name="themes"),
    path("themes/new/", themes.theme_edit, name="add_theme"),
    path("themes/<int:pk>/", themes.theme_edit, name="edit_theme"),
    path("closure-days/", closures.closure_list, name="closure_days"),
    path("closure-days/new/", closures.closure_add, name="add_closure_day"),
    path("closure-days/<int:pk>/remove/", closures.closure_remove, name="remove_closure_day"),
    path("letter-wording/", letter_wording.letter_list, name="letter_wordings"),
    path("letter-wording/<int:pk>/", letter_wording.letter_edit, name="edit_letter_wording"),
    path("informal/", informal_views.informal_list, name="informal_list"),
    path("informal/new/", informal_views.informal_create, name="add_informal"),
    path("informal/<str:reference>/", informal_views.informal_detail, name="informal"),
    path("informal/<str:reference>/note/", informal_views.informal_note, name="note_informal"),
    path("informal/<str:reference>/<slug:step>/", informal_views.informal_end, name="end_informal"),
    path("export.csv", views.complaint_export, name="export"),
    path("triage/", triage.triage_queue, name="triage"),
    path("reassign/", triage.bulk_reassign, name="reassign"),
    path("<str:reference>/", views.complaint_detail, name="detail"),
    path("<str:reference>/add-point/", views.element_create, name="add_element"),
    path("<str:reference>/findings/", findings.record_findings, name="findings"),
    path("<str:reference>/assign/", triage.assign, name="assign"),
    path("<str:reference>/accept/", triage.triage_accept, name="accept"),
    path("<str:reference>/not-a-complaint/", triage.triage_not_complaint, name="not_a_complaint"),
    path("<str:reference>/edit/", views.complaint_edit, name="edit"),
    path("<str:reference>/note/", views.complaint_note, name="note"),
    path("<str:reference>/procedure/", views.procedure_change, name="procedure"),
    path("<str:reference>/audit/", views.complaint_audit, name="audit"),
    path("<str:reference>/complainant/", views.complainant_edit, name="edit_complainant"),
    path("<str:reference>/children/new/", views.child_edit, name="add_child"),
    path("<str:reference>/children/<int:pk>/", views.child_edit, name="edit_child"),
    path("<str:reference>/documents/new/", views.document_upload, name="upload"),
    path("<str:reference>/documents/<int:pk>/", views.document_download, name="document"),
    path("<str:reference>/letters/<slug:kind>/", views.letter_create, name="letter"),
    *records.routes(),  # remedies, learning actions and costs
    # The case page's sections; no step of the transition table has one of these names.
    re_path(
        rf"^(?P<reference>[^/]+)/(?P<section>{'|'.join(views.SECTIONS)})/$",
        views.complaint_detail,
        name="section",
    ),
    path("<str:reference>/<slug:step>/", views.complaint_step, name="step"),
]

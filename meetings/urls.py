from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("export.csv", views.meeting_export, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", views.meeting_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("actions/", views.my_actions, name="my_actions"),
    path("actions/<code:code>/", views.action_update, name="action_update"),
    path("calendar/", views.calendar_settings, name="calendar_settings"),
    path("feed/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("<code:code>/", views.meeting_detail, name="detail"),
    path("<code:code>/edit/", views.meeting_edit, name="edit"),
    path("<code:code>/schedule/", views.meeting_schedule, name="schedule"),
    path("<code:code>/reschedule/", views.meeting_reschedule, name="reschedule"),
    path("<code:code>/cancel/", views.meeting_cancel, name="cancel"),
    path("<code:code>/held/", views.meeting_mark_held, name="mark_held"),
    path("<code:code>/agenda/", views.agenda_edit, name="agenda"),
    path("<code:code>/attendance/", views.attendance_edit, name="attendance"),
    path("<code:code>/attendance/sheet/", views.signin_sheet, name="signin_sheet"),
    path("<code:code>/minutes/", views.minutes_edit, name="minutes"),
    path("<code:code>/minutes/publish/", views.minutes_publish, name="publish"),
    path("<code:code>/minutes/print/", views.minutes_print, name="minutes_print"),
    path("<code:code>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("<code:code>/actions/", views.actions_edit, name="actions"),
    path("<code:code>/calendar.ics", views.meeting_ics, name="ics"),
]

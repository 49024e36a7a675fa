from __future__ import annotations

from django.urls import include, path

from heard.public import views
from heard.public.complaint import COMPLAINT_FORM
from heard.public.compliment import COMPLIMENT_FORM
from heard.public.online import OnlineForm
from heard.public.records import RECORDS_FORM
from heard.public.young import YOUNG_PEOPLE_FORM

app_name = "public"


def pages_of(online: OnlineForm) -> list:
    """A form's start page, question pages, "Check your answers" and confirmation."""
    kwargs = {"online": online}
    return [
        path("", views.start, kwargs, name="start"),
        path("check-your-answers/", views.check, kwargs, name="check"),
        path("sent/", views.sent, kwargs, name="sent"),
        path("<slug:slug>/", views.question, kwargs, name="question"),
    ]


urlpatterns = [
    path("complain/track/<str:token>/", views.track, name="track"),
    path("complain/young-people/", include((pages_of(YOUNG_PEOPLE_FORM), "young"))),
    path("give-a-compliment/", include((pages_of(COMPLIMENT_FORM), "compliment"))),
    path("ask-for-your-records/", include((pages_of(RECORDS_FORM), "records"))),
    # The adult complaint form's names are the namespace's own: public:start, public:check...
    path("complain/", include(pages_of(COMPLAINT_FORM))),
]

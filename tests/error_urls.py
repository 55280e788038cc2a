"""The site's URLs and one that fails, to see the 500 page as a worker would."""

from django.urls import path

from config.urls import handler500, urlpatterns  # noqa: F401 — Django reads handler500 from this module


def failing_view(request):
    raise RuntimeError("a bug")


urlpatterns = [*urlpatterns, path("kapot/", failing_view)]

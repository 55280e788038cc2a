"""The 500 page: in Dutch, with the site's navigation, so the worker finds the way back to their work."""

from django.http import HttpResponseServerError
from django.shortcuts import render

# When the page itself cannot be drawn (the error came from the templates or the database): needs nothing.
BARE_PAGE = (
    '<!doctype html><html lang="nl-BE"><meta charset="utf-8"><title>Er ging iets mis · Casework</title>'
    "<h1>Er ging iets mis</h1><p>Er ging iets mis aan onze kant; wat u net deed, is misschien niet bewaard. "
    'Probeer het opnieuw of <a href="/">ga naar de startpagina</a>. Blijft het misgaan, meld het dan aan de '
    "helpdesk met het uur waarop het gebeurde.</p></html>"
)


def server_error(request):
    try:
        return render(request, "500.html", status=500)
    except Exception:  # a broken page must still answer
        return HttpResponseServerError(BARE_PAGE)

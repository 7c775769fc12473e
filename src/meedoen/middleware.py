from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class LanguageMiddleware(LocaleMiddleware):
    """Pages are in Dutch unless the person chose English; the API follows Accept-Language.

    A browser set to English should not turn a Dutch municipal service into English by itself:
    the language switch (a cookie) is the person's choice. API clients say what they want in
    Accept-Language, as HTTP intends.
    """

    def process_request(self, request):
        if request.path.startswith("/api/"):
            language = translation.get_language_from_request(request)
        else:
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            try:
                language = translation.get_supported_language_variant(chosen or "")
            except LookupError:
                language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

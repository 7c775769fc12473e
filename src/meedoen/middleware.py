from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control


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


class NoStoreMiddleware:
    """Pages and API answers may hold a person's data: no browser cache, proxy or shared
    computer keeps a copy (`Cache-Control: no-store, private`). Static files never reach this
    middleware (WhiteNoise serves them with their own caching), and a response that says how
    it may be kept keeps its own rule."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True, private=True)
        return response


#: What a page (HTML forms and links, htmx) is asked with; the API has its own verbs.
PAGE_METHODS = ("GET", "HEAD", "POST", "OPTIONS")


class PageMethodsMiddleware:
    """Pages answer only what forms and links send: a PUT, PATCH or DELETE to a page gets
    405 with the methods it allows, instead of being treated as a read. The API
    (`/api/...`) declares its own methods per resource."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in PAGE_METHODS and not request.path.startswith("/api/"):
            return HttpResponseNotAllowed(PAGE_METHODS)
        return self.get_response(request)

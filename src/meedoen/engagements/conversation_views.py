"""The conversation pages of an application, an assignment and a referral (list and form)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from meedoen.accounts.audit import record_read
from meedoen.engagements import conversations
from meedoen.engagements.forms import MessageForm
from meedoen.permissions import Role, role_required


def conversation_context(user, case, form=None) -> dict:
    """What the conversation's include needs (also on the assignment page)."""
    return {
        "user_receiving_ids": user.organisation_ids("coordinator", "professional")
        if user.is_authenticated and not user.is_superuser
        else set(),
        "conversation": case,
        "conversation_messages": list(case.messages()[:200]),
        "message_form": form or MessageForm(),
    }


def _record(request, case) -> None:
    """Reading a conversation about someone's file is logged as a read of that file (who and
    when, never what was written)."""
    obj = case.obj
    if case.kind == "application":
        if obj.profile.user_id != request.user.pk:
            record_read(request, obj.profile)
    elif case.kind == "assignment":
        if obj.profile.user_id != request.user.pk:
            record_read(request, obj.help_request)
    else:
        record_read(request, obj.help_request)


def _shown_on(request) -> str:
    """The page the conversation is shown on (a received referral, a vacancy responded to),
    to go back to after writing: only a path inside Meedoen, else none."""
    path = request.POST.get("next") or request.GET.get("next") or ""
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return ""
    return path if url_has_allowed_host_and_scheme(path, allowed_hosts=None) else ""


def _page(request, kind, pk):
    try:
        case = conversations.case_for(request.user, kind, pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    _record(request, case)
    form = None
    status = 200
    shown_on = _shown_on(request)
    if request.method == "POST":
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                conversations.post(request.user, kind, pk, form.cleaned_data["body"])
            except conversations.ConversationError as exc:
                form.add_error("body", str(exc))
            else:
                messages.success(request, _("Your message has been sent."))
                if kind == "assignment" and request.POST.get("back") == "assignment":
                    return redirect(reverse("engagements:assignment", args=[pk]) + "#conversation")
                if shown_on:
                    return redirect(shown_on + "#conversation")
                return redirect(case.url)
        status = 400
    context = conversation_context(request.user, case, form) | {"next_page": shown_on}
    # Asked by htmx from the page of the case: the conversation alone, to show it there.
    inline = request.method == "GET" and request.headers.get("HX-Request") == "true"
    response = render(
        request,
        "engagements/_conversation.html" if inline else "engagements/conversation.html",
        context,
        status=status,
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@role_required(Role.VOLUNTEER, Role.COORDINATOR)
def application_conversation(request, pk):
    return _page(request, "application", pk)


@role_required(Role.VOLUNTEER, Role.COORDINATOR)
def assignment_conversation(request, pk):
    return _page(request, "assignment", pk)


@role_required(Role.COORDINATOR, Role.PROFESSIONAL)
def referral_conversation(request, pk):
    return _page(request, "referral", pk)

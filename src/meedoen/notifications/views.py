"""A person's notifications: the list, opening one, all read, and their e-mail preferences."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meedoen.notifications import services
from meedoen.notifications.forms import PreferencesForm
from meedoen.notifications.models import Kind, Notification

PER_PAGE = 20


@login_required
def notification_list(request):
    page = Paginator(Notification.objects.visible_to(request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread": Notification.objects.visible_to(request.user).unread().exists()},
    )


@login_required
def open_notification(request, pk):
    try:
        notification = services.open_notification(request.user, pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    link = notification.link
    if not url_has_allowed_host_and_scheme(link, allowed_hosts=None) or not link.startswith("/"):
        return redirect("notifications:list")
    return redirect(link)


@login_required
@require_POST
def read_all(request):
    services.mark_all_read(request.user)
    messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications:list")


@login_required
def preferences(request):
    current = services.preferences_of(request.user)
    form = PreferencesForm(request.POST or None, preferences=current)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.set_preferences(
            request.user, {kind: data[kind] for kind in Kind.values}, data["language"]
        )
        messages.success(request, _("Your e-mail preferences have been saved."))
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
